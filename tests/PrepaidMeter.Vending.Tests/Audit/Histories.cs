using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Setup;

namespace PrepaidMeter.Vending.Tests.Audit;

/// <summary>What a counter can do in a random history the audit is tried on: every kind of row the books audit gets written.</summary>
internal enum Act
{
    Sell,
    Swipe,

    /// <summary>The card swiped, then the account transferred to a new customer (过户).</summary>
    Transfer,
    Correct,
    Cancel,
    Reissue,
    ChargeArrears,
    RegisterCustomer,
    ChangeCustomer,
    AdjustPrice,
    AddCashier,
    FailedLogin,
    PartnerPayment,
    Collect,
    ToolCard,
    StockMeter,
    ChangeSite,
    FileCategory,
    SetInvoiceTemplate,
    NamePort,
    ChangePowerType,
    ChangeCapacity,
    CloseSecondAccount,
    ToleranceSell,
    ResetCard,
    ReadingRound,

    /// <summary>The account's energy split between two customers (用电比例), or the split ended: later sales write their shares.</summary>
    SplitEnergy,
}

/// <summary>Plays a history of <see cref="Act"/>s at a counter with one open account; acts the books refuse are simply refused.</summary>
internal static class Histories
{
    public static void Play(Counter counter, IEnumerable<(Act Act, int Amount)> history)
    {
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        var partner = counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value.ApiKey;
        var paid = 0;
        var closed = false;
        var commercial = counter.Office.Prices.AddType(counter.Admin, Counter.Group, "commercial", false, """{"kind":"flat","price":"0.9000"}""").Value.Id;
        foreach (var (act, amount) in history)
        {
            switch (act)
            {
                case Act.Sell:
                    counter.Insert(card);
                    counter.Sell(Counter.Kwh(amount)).GetAwaiter().GetResult();
                    break;
                case Act.Swipe:
                    counter.Swipe(card);
                    break;
                case Act.Transfer:
                    counter.Swipe(card);
                    counter.Insert(card);
                    counter.Office.Accounts.TransferAsync(counter.Admin, counter.Reader,
                        new TransferTo.NewCustomer(new CustomerDetails($"Buyer {amount}", "", "", "North", "L1", "T1", "residential")), "sold").GetAwaiter().GetResult();
                    break;
                case Act.Correct:
                    counter.Insert(card);
                    counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh(amount)).GetAwaiter().GetResult();
                    break;
                case Act.Cancel:
                    counter.Insert(card);
                    counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader).GetAwaiter().GetResult();
                    break;
                case Act.Reissue:
                    var account = counter.Office.Accounts.List(counter.Admin).Value.Single();
                    var fresh = counter.InsertBlank();
                    if (counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, account.Id, "lost").GetAwaiter().GetResult().Success)
                    {
                        card = fresh;
                    }

                    break;
                case Act.ChargeArrears:
                    counter.Office.Accounts.ChargeArrears(counter.Admin, counter.Office.Accounts.List(counter.Admin).Value.Single().Id, Money.FromUnits(amount), "meter fee");
                    break;
                case Act.RegisterCustomer:
                    counter.Office.Customers.Register(counter.Admin, new CustomerDetails($"Customer {amount}", "", "", "North", "L1", "T1", "residential"));
                    break;
                case Act.ChangeCustomer:
                    counter.Office.Customers.Change(counter.Admin, counter.Customer, new CustomerDetails("Li Wei", $"138-{amount:D4}", "1 River Road", "North", "L1", "T1", "residential"));
                    break;
                case Act.AdjustPrice:
                    counter.Office.Prices.Adjust(counter.Admin, counter.Residential, $$"""{"kind":"flat","price":"0.{{50 + amount % 40}}"}""", counter.Time.GetUtcNow());
                    break;
                case Act.AddCashier:
                    counter.Office.Operators.Add(counter.Admin, $"cashier{amount}", "Cashier", SeedRoles.Cashier, "cashier-pass-1");
                    break;
                case Act.FailedLogin:
                    counter.Office.Operators.Login("admin", "not-the-password");
                    break;
                case Act.PartnerPayment:
                    // By the account, which a transfer moves to another customer.
                    counter.Office.Payments.Take(partner, new PaymentRequest($"pay-{paid++}", null, counter.Office.Accounts.List(counter.Admin).Value.Single().Id, Money.FromUnits(amount % 20 + 1), "teller"));
                    break;
                case Act.Collect:
                    counter.Insert(card);
                    counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader).GetAwaiter().GetResult();
                    break;
                case Act.ToolCard:
                    counter.InsertBlank();
                    counter.Office.Cards.IssueToolCardAsync(counter.Admin, counter.Reader, Cards.Records.CardKind.Check, Counter.Group, Counter.MeterA).GetAwaiter().GetResult();
                    break;
                case Act.StockMeter:
                    counter.Office.Meters.StockIn(counter.Admin, MeterNumber.From(checked((ulong)(20_000_000 + amount))), Counter.Group, "");
                    break;
                case Act.FileCategory:
                    // The customers are filed under "residential" (the sharer of a split under "commercial"): they go in first, so the list never refuses them.
                    counter.Office.Dictionary.Add(counter.Admin, SiteList.Category, "residential");
                    counter.Office.Dictionary.Add(counter.Admin, SiteList.Category, "commercial");
                    counter.Office.Dictionary.Add(counter.Admin, SiteList.Category, $"category {amount}");
                    break;
                case Act.SetInvoiceTemplate:
                    counter.Office.Invoices.Set(counter.Admin, InvoiceKind.Invoice, $"title: Invoice {amount}\ntotals\ntax: VAT | 1300");
                    break;
                case Act.NamePort:
                    counter.Office.Ports.Set(counter.Admin, new NamedPort($"counter{amount % 3}", PortKind.Reader, $"pcsc:Reader {amount}"));
                    break;
                case Act.ToleranceSell:
                    // Refused unless the card's last purchase is not loaded (and no reading says so): a history has no readings.
                    counter.Insert(card);
                    counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(amount), "no return-write", unverified: true).GetAwaiter().GetResult();
                    break;
                case Act.ResetCard:
                    Counter.Damage(card);
                    counter.Insert(card);
                    counter.Office.Tolerance.ResetAsync(counter.Admin, counter.Reader, counter.Office.Accounts.List(counter.Admin).Value.Single().Id, "torn")
                        .GetAwaiter().GetResult().Refusal.ShouldBeNull("a damaged card of the account is reset");
                    break;
                case Act.ReadingRound:
                    // Meter A answers with what it holds (a reading claiming a purchase the meter never loaded would make the
                    // books refuse later acts, rightly), meter B is silent: a round with a silent meter to hide.
                    var held = counter.MeterOf(Counter.MeterA).Snapshot();
                    var link = new Readings.ScriptedMeterLink(counter.Time).Answers(Counter.MeterA, held.PurchaseCount.Value, held.Remaining.Hundredths, amount * 1000L);
                    counter.Office.Rounds.RunAsync(counter.Admin, Vending.Readings.RoundScope.List([Counter.MeterA, Counter.MeterB]), link).GetAwaiter().GetResult();
                    break;
                case Act.SplitEnergy:
                    var shared = counter.Office.Accounts.List(counter.Admin).Value.Single().Id;
                    if (amount % 3 == 0)
                    {
                        counter.Office.Splits.End(counter.Admin, shared, "shop closed");
                    }
                    else
                    {
                        counter.SplitEnergy(shared, residentialBasisPoints: 1_000 + (amount * 197 % 8_000), refusable: true);
                    }

                    break;
                case Act.ChangeSite:
                    counter.Office.Site.Update(counter.Admin, counter.Office.Site.Get() with { StationName = $"Station {amount}" });
                    break;
                case Act.ChangePowerType:
                    var amended = counter.Office.Accounts.List(counter.Admin).Value.Single();
                    counter.Office.Amendments.ChangePowerType(counter.Admin, amended.Id, amended.PriceTypeId == commercial ? counter.Residential : commercial,
                        DateOnly.FromDateTime(counter.Time.GetUtcNow().UtcDateTime).AddDays(amount % 2), "tariff review");
                    break;
                case Act.ChangeCapacity:
                    counter.InsertBlank();
                    counter.Office.Amendments.ChangeCapacityAsync(counter.Admin, counter.Reader, counter.Office.Accounts.List(counter.Admin).Value.Single().Id, 1_000 + (amount * 100), "more load")
                        .GetAwaiter().GetResult();
                    break;
                case Act.CloseSecondAccount when !closed:
                    // A second account on MeterB, opened, swiped, read by a check card and closed with a refund: the first one lives on.
                    var (_, second) = counter.OpenAccount(Counter.Kwh(amount), Counter.MeterB);
                    counter.Swipe(second, Counter.MeterB);
                    var check = counter.InsertBlank();
                    counter.Office.Cards.IssueToolCardAsync(counter.Admin, counter.Reader, Cards.Records.CardKind.Check, Counter.Group, Counter.MeterB).GetAwaiter().GetResult();
                    counter.Swipe(check, Counter.MeterB);
                    counter.Insert(check);
                    counter.Office.Cards.TakeReadingAsync(counter.Admin, counter.Reader).GetAwaiter().GetResult();
                    counter.Insert(second);
                    closed = counter.Office.Closings.CloseAsync(counter.Admin, counter.Reader).GetAwaiter().GetResult().Success;
                    break;
            }

            counter.Time.Advance(TimeSpan.FromMinutes(amount));
        }
    }
}
