namespace PrepaidMeter.Hardware.Traces.PcscSpy;

/// <summary>
/// One PC/SC call as pcsc-spy logged it, reduced to what a card trace needs. Both of the spy's forms — the raw lines
/// libpcscspy writes to its FIFO and the text `pcsc-spy` prints from them — are read into this, so one
/// <see cref="SpyCallsToExchanges"/> turns either into exchanges.
/// </summary>
/// <param name="Function">"SCardTransmit", "SCardConnect" …</param>
/// <param name="Start">When the call began; null where the form carries no clock (pcsc-spy's printed text).</param>
/// <param name="Duration">How long the call took.</param>
/// <param name="ReturnValue">The PC/SC return value (0 = SCARD_S_SUCCESS).</param>
/// <param name="ReturnText">The spy's words for it ("Card was removed.").</param>
internal sealed record SpyCall(string Function, DateTimeOffset? Start, TimeSpan Duration, uint ReturnValue, string ReturnText)
{
    /// <summary>The card handle the call works on (hCard), or the one SCardConnect gave (phCard out).</summary>
    public string? Card { get; init; }

    /// <summary>The reader's name: SCardConnect's szReader, SCardStatus' mszReaderName.</summary>
    public string? Reader { get; init; }

    /// <summary>SCardReconnect's dwInitialization: 0 leave, 1 reset, 2 unpower the card.</summary>
    public uint? Initialization { get; init; }

    /// <summary>SCardStatus' ATR.</summary>
    public byte[]? Atr { get; init; }

    /// <summary>SCardTransmit's command APDU.</summary>
    public byte[]? Command { get; init; }

    /// <summary>SCardTransmit's response APDU (null when the call failed and the spy logged none).</summary>
    public byte[]? Response { get; init; }

    /// <summary>The log ends before the call returned (a log cut short): no response, no result.</summary>
    public bool Unfinished { get; init; }
}
