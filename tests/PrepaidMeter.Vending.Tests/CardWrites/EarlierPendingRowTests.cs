using System.Text.Json;
using Dapper;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Tests.Crash;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.CardWrites;

/// <summary>
/// Pending card writes as the program wrote them before its operations were records — the operation's name in the
/// row, one flat payload for all of them, no type — left by a crash and found by the upgraded program: recovery settles
/// each as it settles its own, committing or discarding exactly as the uninterrupted run moved the books.
/// </summary>
public sealed class EarlierPendingRowTests
{
    public static TheoryData<string, Store> Operations => SweptOperations.OnBothStores(earlierRowsOnly: true);

    [Theory, MemberData(nameof(Operations))]
    public Task Recover_PendingRowOfTheEarlierProgram_SettlesAsTheUninterruptedRun(string operation, Store store) => Bench.RunAsync(store, async bench =>
    {
        var swept = SweptOperations.Named(operation);
        var reference = await SweepCase.RunAsync(bench, swept, Fault.None, null, null);
        var subject = reference.Subject;

        // Killed with the card untouched (recovery discards), then with the card written (recovery commits).
        foreach (var step in new[] { CardWriteStep.Recorded, CardWriteStep.CardWritten })
        {
            subject = (await SweepCase.RunAsync(bench, swept, new Fault.KilledAfter(step), subject, reference.BooksChange, WrittenByTheEarlierProgram)).Subject;
        }
    });

    [Fact]
    public void EarlierPayload_IsTheEarlierProgramsText()
    {
        // As the earlier program wrote a reissue's settle: every field, set or not, in its order. The tests write the
        // earlier rows with the reader's own class; this pins that class to the earlier text.
        var json = Earlier(new ReissueWrite("000001", 12, 7, 3, "lost"));

        json.ShouldBe("""
            {"MeterId":null,"NewMeterId":null,"OldMeterId":null,"Transferred":null,"Preset":null,"NewSerial":12,"OldSerial":7,"PurchaseCount":3,"Reason":"lost","ToolKind":null,"GroupCode":"000001","MeterNumber":null,"Summary":null,"PaymentIds":null}
            """);
    }

    /// <summary>Rewrites the one pending row's settle as the earlier program wrote it; its operation column is the same in both.</summary>
    private static void WrittenByTheEarlierProgram(Bench bench)
    {
        using var connection = bench.Counter.Database.Open();
        var row = connection.QuerySingle<CardWriteRow>("SELECT * FROM card_writes");
        var operation = CardWriteOperation.FromJson(row.Settle).ShouldNotBeNull();
        operation.Name.ShouldBe(row.Operation);
        connection.Execute("UPDATE card_writes SET settle = @settle WHERE id = @Id", new { settle = Earlier(operation), row.Id });
    }

    private static string Earlier(CardWriteOperation operation) => JsonSerializer.Serialize(operation switch
    {
        PlainSaleWrite sale => new EarlierSettle.Payload { GroupCode = sale.GroupCode, PaymentIds = sale.PaymentIds.Count > 0 ? sale.PaymentIds : null },
        TransferSaleWrite transfer => new EarlierSettle.Payload { GroupCode = transfer.GroupCode, OldMeterId = transfer.OldMeterId, Transferred = transfer.Transferred, Preset = transfer.Preset },
        ReissueWrite reissue => new EarlierSettle.Payload
        {
            GroupCode = reissue.GroupCode, NewSerial = reissue.NewSerial, OldSerial = reissue.OldSerial, PurchaseCount = reissue.PurchaseCount, Reason = reissue.Reason,
        },
        ToolCardWrite tool => new EarlierSettle.Payload { GroupCode = tool.GroupCode, ToolKind = Rows.Lower(tool.Kind), MeterNumber = tool.MeterNumber, Summary = tool.Summary },
        MeterChangeCardWrite change => new EarlierSettle.Payload { GroupCode = change.GroupCode, ToolKind = "meter-change", MeterNumber = change.MeterNumber, Summary = change.Summary },
        RecycleWrite recycle => new EarlierSettle.Payload { GroupCode = recycle.GroupCode, Summary = recycle.Summary },
        _ => new EarlierSettle.Payload { GroupCode = operation.GroupCode }, // opening, correction, cancel: the group alone
    });
}
