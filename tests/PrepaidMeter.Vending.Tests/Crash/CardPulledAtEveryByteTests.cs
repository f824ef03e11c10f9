namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>
/// Every card-writing operation with its card pulled after every byte it writes (a spread of them on PostgreSQL, see
/// <see cref="Sweep.PullAtEveryByteAsync"/>): recovery with the card put back leaves the operation whole or undone, with
/// the same checks as after a crash.
/// </summary>
public sealed class CardPulledAtEveryByteTests
{
    public static TheoryData<string, Store> Operations => SweptOperations.OnBothStores();

    [Theory, MemberData(nameof(Operations))]
    public Task Operation_CardPulledAtEveryByte_RecoveryLeavesItWholeOrUndone(string operation, Store store) =>
        Sweep.PullAtEveryByteAsync(SweptOperations.Named(operation), store);
}
