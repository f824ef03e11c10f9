namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>PC/SC return codes a user can cause, in words; the rest are shown by number.</summary>
public static class PcscStatus
{
    public const uint Success = 0;
    public const uint NoSmartcard = 0x8010000C;
    public const uint RemovedCard = 0x80100069;
    public const uint ResetCard = 0x80100068;
    public const uint NoReadersAvailable = 0x8010002E;
    public const uint NotTransacted = 0x80100016;
    public const uint UnresponsiveCard = 0x80100066;
    public const uint UnpoweredCard = 0x80100067;
    public const uint UnknownReader = 0x80100009;
    public const uint Timeout = 0x8010000A;

    /// <summary>The codes a card pulled out of the reader shows up as, depending on when it went.</summary>
    public static bool MeansCardGone(uint code) =>
        code is NoSmartcard or RemovedCard or ResetCard or NotTransacted or UnresponsiveCard or UnpoweredCard;

    public static string Describe(uint code) => code switch
    {
        0x80100009 => "no reader of that name",
        0x8010000A => "timed out",
        NoSmartcard => "no card in the reader",
        0x8010000B => "another program holds the card",
        0x8010000F => "the card speaks no protocol the reader offers",
        0x80100017 => "the reader is not available",
        0x8010001D => "the PC/SC service (pcscd) is not running",
        NoReadersAvailable => "no readers are connected",
        0x8010002F => "the exchange with the card was lost",
        NotTransacted => "the exchange with the card failed (was it pulled out?)",
        UnresponsiveCard => "the card does not answer",
        UnpoweredCard => "the card is not powered",
        ResetCard => "the card was reset",
        RemovedCard => "the card was removed",
        _ => $"PC/SC error 0x{code:X8}",
    };
}
