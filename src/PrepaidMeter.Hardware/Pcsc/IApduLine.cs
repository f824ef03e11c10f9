namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// What a <see cref="PcscMedium"/> talks to a card through: pcscd (<see cref="PcscConnection"/>) or a virtual card's
/// medium in process (<see cref="MediumCardReader"/>), so both send a card the very same APDUs.
/// </summary>
internal interface IApduLine
{
    /// <summary>The response APDU (data, then SW1 SW2); empty when the card left during the exchange.</summary>
    /// <exception cref="PcscException">The card was removed, or the exchange failed.</exception>
    byte[] Transmit(ReadOnlySpan<byte> command);
}
