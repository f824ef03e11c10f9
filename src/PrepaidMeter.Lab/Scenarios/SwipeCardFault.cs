namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// What a swipe's user card does wrong in the meter's reader (`"cardFault"`), played by the card itself through the virtual
/// card's fault plan (<see cref="Hardware.Pcsc.CardFaults"/>): behind pcscd on the stack target, in process on the virtual one.
/// </summary>
public enum SwipeCardFault
{
    /// <summary>The card is pulled out during the meter's card write once <c>afterBytes</c> bytes of it have landed.</summary>
    Pulled,

    /// <summary>The card leaves the reader at the meter reader's APDU <c>apdu</c>, neither carrying it out nor answering it.</summary>
    Leave,

    /// <summary>The card answers status word <c>sw</c> to the meter reader's APDU <c>apdu</c> instead of carrying it out.</summary>
    Answer,
}
