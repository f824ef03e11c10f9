namespace PrepaidMeter.Cards.Integrity;

/// <summary>The checksums legacy and current card layouts use.</summary>
public enum ChecksumAlgorithm
{
    /// <summary>Sum of the bytes mod 256 (the 累加和 most Chinese meter protocols use).</summary>
    Sum8,

    /// <summary>XOR of the bytes.</summary>
    Xor8,

    /// <summary>CRC-16/MODBUS: poly 0x8005 reflected (0xA001), init 0xFFFF, no final XOR.</summary>
    Crc16Modbus,

    /// <summary>CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, not reflected, no final XOR.</summary>
    Crc16CcittFalse,

    /// <summary>CRC-32 (ISO-HDLC, as zip): poly 0x04C11DB7 reflected, init and final XOR 0xFFFFFFFF.</summary>
    Crc32,
}
