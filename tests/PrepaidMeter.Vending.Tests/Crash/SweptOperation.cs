using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>
/// One card-writing operation of the back office, as the sweep needs it; adding an operation to the sweep is one of these.
/// </summary>
/// <param name="Name">How failures name it.</param>
/// <param name="Arrange">
/// Readies a case: the card to write in the counter's reader (and the second card in the other reader), what the books say
/// before in <see cref="Subject.Before"/>. Given the previous case's subject, it may carry on with it.
/// </param>
/// <param name="Act">Runs the operation in the given process, the card to write behind the given reader; its refusal, or null.</param>
/// <param name="BooksSayItStood">Whether the books, read after recovery, say the operation happened.</param>
/// <param name="AtTheMeter">Swipes the written card where it belongs and checks the meter's answer, for an operation that stood or not.</param>
/// <param name="FollowUp">The next operation on the same books, which must succeed; a sale by default.</param>
internal sealed record SweptOperation(
    string Name,
    Func<Bench, Subject?, Task<Subject>> Arrange,
    Func<BackOffice, Bench, Subject, ICardReader, Task<Refusal?>> Act,
    Func<Bench, Subject, bool> BooksSayItStood,
    Action<Bench, Subject, bool> AtTheMeter,
    Func<Bench, Subject, bool, Task>? FollowUp = null)
{
    /// <summary>
    /// Made only by the program that stores operations as records: no earlier program left a pending row of it
    /// (<c>EarlierPendingRowTests</c> leaves it out).
    /// </summary>
    public bool SinceRecords { get; init; }

    public override string ToString() => Name;
}
