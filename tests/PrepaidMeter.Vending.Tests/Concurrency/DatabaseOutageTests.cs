using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Concurrency;

/// <summary>
/// The PostgreSQL server goes away during selling (stopped at once, as a crash or a pulled cable
/// would): each sale is refused or completed, never half-done; the counter says so, and sells again
/// when the server is back, with the same back office — no restart.
/// </summary>
public sealed class DatabaseOutageTests : IDisposable
{
    // Durable: an immediate stop is a crash, and a server without fsync or synchronous commit may lose what it said it committed.
    private readonly PostgresServer _server = PostgresServer.StartPrivate(durable: true);

    [Fact]
    public async Task Sell_ServerDown_RefusedClearlyCardUntouched_ThenSellsWhenItIsBack()
    {
        using var counter = new Counter(Store.Postgres, postgres: _server.NewDatabase());
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        var before = card.Memory.ToArray();

        _server.Stop();
        var refused = await counter.Sell(Counter.Kwh(5));

        refused.Refusal!.Reason.ShouldBe(RefusalReason.StorageUnavailable);
        refused.Refusal.Message.ShouldMatch("^(cannot reach the database|the database) postgres://prepaid@127\\.0\\.0\\.1:[0-9]+/t[0-9a-f]+[: ]");
        refused.Refusal.Message.ShouldEndWith("the card was not touched and nothing was recorded");
        refused.Refusal.Message.ShouldNotContain("password", Case.Insensitive);
        card.Memory.ToArray().ShouldBe(before, "nothing was written to the card");

        _server.Start();
        var sold = await counter.Sell(Counter.Kwh(5));

        sold.Value.ReceiptNumber.ShouldBe(2);
        sold.Value.PurchaseCount.ShouldBe(PurchaseCount.From(2));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
    }

    [Fact]
    public async Task Sell_ServerGoesAwayOnceTheCardIsWritten_PendingUntilRecovered_ThenCompletedOnce()
    {
        var stopAt = (CardWriteStep?)null;
        using var counter = new Counter(Store.Postgres, postgres: _server.NewDatabase(), afterStep: step =>
        {
            if (step == stopAt)
            {
                _server.Stop();
            }
        });
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        stopAt = CardWriteStep.CardWritten;

        var refused = await counter.Sell(Counter.Kwh(5));
        stopAt = null;

        refused.Refusal!.Reason.ShouldBe(RefusalReason.StorageUnavailable);
        refused.Refusal.Message.ShouldContain("the card holds the new purchase and the sale is pending");
        refused.Refusal.Message.ShouldContain("prepaid vend recover");
        counter.CardInReader().PurchaseCount.ShouldBe(PurchaseCount.From(2), "the card was not put back: the commit's answer may have been the one lost");

        _server.Start();
        (await counter.Sell(Counter.Kwh(5))).Refusal!.Reason.ShouldBe(RefusalReason.Unsettled);
        var recovered = await counter.Office.Recovery.RecoverAsync(counter.Admin, counter.Reader);

        recovered.Value.Single().Settlement.ShouldContain("committed");
        var purchases = counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value;
        purchases.Select(p => p.ReceiptNumber).ShouldBe([1, 2], ignoreOrder: true);
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(5))).Value.ReceiptNumber.ShouldBe(3);
    }

    [Fact]
    public async Task Report_ServerDown_RefusedThenAnsweredWhenItIsBack()
    {
        using var counter = new Counter(Store.Postgres, postgres: _server.NewDatabase());
        counter.OpenAccount(Counter.Kwh(10));

        _server.Stop();
        counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Daily, new ReportFilter()).Refusal!.Reason.ShouldBe(RefusalReason.StorageUnavailable);

        _server.Start();
        counter.Office.Reports.Sales(counter.Admin, ReportPeriod.Daily, new ReportFilter()).Value.Rows.Count.ShouldBe(1);
    }

    public void Dispose() => _server.Dispose();
}
