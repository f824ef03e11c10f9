namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>
/// Every card-writing operation, its process killed after every step of its card write and restarted: recovery with the
/// card in the reader leaves the operation whole or undone, the books and the card agree, the audit is clean, the card
/// works at the meter and the counter sells on.
/// </summary>
public sealed class KilledAtEveryStepTests
{
    public static TheoryData<string, Store> Operations => SweptOperations.OnBothStores();

    [Theory, MemberData(nameof(Operations))]
    public Task Operation_KilledAtEveryStep_RecoveryLeavesItWholeOrUndone(string operation, Store store) =>
        Sweep.KillAtEveryStepAsync(SweptOperations.Named(operation), store);
}
