using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.State;

public sealed partial class PowerCutSweep
{
    /// <summary>
    /// Every card kind the meter processes, on an energy and a money model reading pm-ref-v1 and the money
    /// model reading legacy-bcd-v1 (the two shipped layouts); the loan cases only where the model lends.
    /// </summary>
    private static List<Swipe> AllSwipes() =>
    [
        .. SwipesOn(MeterModels.ReferenceEnergy),
        .. SwipesOn(MeterModels.Get("pm-ref-money-tou")),
        .. SwipesOn(MeterModels.LegacyMoney),
    ];

    private static IEnumerable<Swipe> SwipesOn(MeterModel model)
    {
        var purchase = model.CreditUnit == CreditUnit.Energy ? 5000 : 10000;

        var bench = new MeterHarness(model).Configured();
        yield return Of("user card, first purchase", bench, bench.Image(bench.UserCard(1, purchase)), MeterResult.Loaded);

        bench = InUse(model, purchase, out var first);
        var second = NextPurchase(bench, first, purchase);
        yield return Of("user card, next purchase", bench, second, MeterResult.Loaded);
        yield return Of("user card, already loaded", bench, first, MeterResult.AlreadyLoaded);

        bench.Insert((byte[])second.Clone()).Result.ShouldBe(MeterResult.Loaded);
        bench.Run(TimeSpan.FromHours(1), 1000);
        yield return Of("user card, an old one", bench, first, MeterResult.OldCard);

        bench = new MeterHarness(model).Configured();
        var overLimit = bench.Model.Defaults.PurchaseLimit.Hundredths - bench.State.Remaining.Hundredths + 1;
        yield return Of("user card, over the purchase limit", bench, bench.Image(bench.UserCard(1, overLimit)), MeterResult.OverPurchaseLimit);

        if (model.EmergencyCredit.Hundredths > 0)
        {
            bench = Exhausted(model, out var card);
            yield return Of("user card, emergency credit", bench, card, MeterResult.EmergencyCreditGranted);
            bench.Insert(card).Result.ShouldBe(MeterResult.EmergencyCreditGranted);
            yield return Of("user card, next purchase repaying the loan", bench, NextPurchase(bench, card, purchase), MeterResult.Loaded);
        }

        bench = new MeterHarness(model);
        yield return Of("set card", bench, bench.Image(bench.ToolCard(CardKind.Set)), MeterResult.Configured);

        foreach (var (kind, result) in ToolCardsOnAMeterInUse)
        {
            bench = InUse(model, purchase, out _);
            var meter = kind == CardKind.MeterChange ? MeterHarness.Number : default(MeterNumber?);
            yield return Of($"{kind} card", bench, bench.Image(bench.ToolCard(kind, meter)), result);
        }
    }

    private static readonly (CardKind Kind, MeterResult Result)[] ToolCardsOnAMeterInUse =
    [
        (CardKind.Clear, MeterResult.Cleared),
        (CardKind.Zero, MeterResult.Zeroed),
        (CardKind.Check, MeterResult.Read),
        (CardKind.Test, MeterResult.Tested),
        (CardKind.MeterChange, MeterResult.CreditTransferred),
    ];

    /// <summary>A bound meter with one purchase loaded and some energy used; <paramref name="card"/> is the user card as the meter wrote it.</summary>
    private static MeterHarness InUse(MeterModel model, long purchase, out byte[] card)
    {
        var bench = new MeterHarness(model).Configured();
        card = bench.Image(bench.UserCard(1, purchase));
        bench.Insert(card).Result.ShouldBe(MeterResult.Loaded);
        bench.Run(TimeSpan.FromHours(3), 1000);
        return bench;
    }

    /// <summary>A meter run down to credit exhausted (rule E1), past its alarm-2 trip; <paramref name="card"/> is the last loaded one.</summary>
    private static MeterHarness Exhausted(MeterModel model, out byte[] card)
    {
        var bench = new MeterHarness(model).Configured();
        card = bench.Image(bench.UserCard(1, 1000));
        bench.Insert(card);
        bench.Run(TimeSpan.FromDays(2), 1000);
        bench.Insert(card);
        bench.Run(TimeSpan.FromDays(2), 1000);
        bench.State.CreditState.ShouldBe(CreditState.Exhausted);
        return bench;
    }

    /// <summary>The counter sells the next purchase onto the card the customer brings, which keeps the meter's last return-write.</summary>
    private static byte[] NextPurchase(MeterHarness bench, byte[] card, long purchase)
    {
        var record = bench.Decode(card);
        return bench.Image(record with { PurchaseCount = record.PurchaseCount.Next(), Purchase = new(record.CreditUnit, purchase) });
    }

    private static Swipe Of(string name, MeterHarness bench, byte[] card, MeterResult expected) =>
        new($"{name} on {bench.Model.Id}", bench.Model, bench.Meter.SaveNvram(), (byte[])card.Clone(), expected);

    /// <summary>One insertion to sweep: the meter's committed state before it (its NVRAM image) and the card the customer holds.</summary>
    private sealed record Swipe(string Name, MeterModel Model, byte[] Nvram, byte[] Card, MeterResult Expected)
    {
        public CardLayout Layout => Model.Layouts[0];

        public CardRecord Record => Decode(Card).ShouldNotBeNull(Name);

        public MeterSnapshot Before => Registers(Meter());

        /// <summary>The meter as it was before the card: a fresh one from the NVRAM image for every cut.</summary>
        public VirtualMeter Meter()
        {
            VirtualMeter.TryLoad(Nvram, id => MeterModels.Resolve(id).Model, out var meter).ShouldBeNull(Name);
            return meter!;
        }

        public CardRecord? Decode(byte[] image) => Layout.Decode(image, Some.Keys) is { Success: true } decoded ? decoded.Record : null;

        public Uncut InsertUncut()
        {
            var meter = Meter();
            var card = (byte[])Card.Clone();
            var outcome = meter.InsertCard(card);
            return new(outcome.Result, card, outcome.CardWritten, Registers(meter));
        }
    }
}
