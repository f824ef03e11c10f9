namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>
/// The table of swept operations: every back-office operation that writes a card through CardWriter (each
/// `_cards.RunAsync` in the services). A new card-writing operation gets a row here, and both sweeps pick it up.
/// </summary>
internal static partial class SweptOperations
{
    // Properties, not fields: the rows live in several partial files, whose static initialisers run in no set order.
    public static IReadOnlyList<SweptOperation> All =>
        [AccountOpen, Sale, PaymentCollect, Correction, Cancel, Reissue, ToolCard, Recycle, MeterChangeCard, MeterChangeComplete, ToleranceSale, CardReset, CapacityChange, Closing, SplitSale];

    public static SweptOperation Named(string name) => All.Single(o => o.Name == name);

    /// <param name="earlierRowsOnly">Only the operations an earlier program could have left a pending row of.</param>
    public static TheoryData<string, Store> OnBothStores(bool earlierRowsOnly = false)
    {
        var cases = new TheoryData<string, Store>();
        foreach (var operation in All.Where(o => !earlierRowsOnly || !o.SinceRecords))
        {
            cases.Add(operation.Name, Store.Sqlite);
            cases.Add(operation.Name, Store.Postgres);
        }

        return cases;
    }

    /// <summary>The account's purchase count in the books.</summary>
    private static long PurchaseCount(Bench bench, Subject subject) =>
        bench.Scalar<long>("SELECT purchase_count FROM accounts WHERE id = @AccountId", new { subject.AccountId });
}
