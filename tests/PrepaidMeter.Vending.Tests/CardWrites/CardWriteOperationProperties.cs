using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.CardWrites;

namespace PrepaidMeter.Vending.Tests.CardWrites;

/// <summary>
/// A pending row settles after a restart from its JSON alone, so every operation must come back from its JSON as it
/// went in — the same type, every value — and be told by its type, not by which values happen to be set.
/// </summary>
public sealed class CardWriteOperationProperties
{
    [Fact]
    public void EveryOperation_ComesBackFromItsJson_AsItWentIn() =>
        Prop.ForAll(Operations.ToArbitrary(), operation =>
        {
            var json = operation.ToJson();
            var read = CardWriteOperation.FromJson(json).ShouldNotBeNull(json);
            read.GetType().ShouldBe(operation.GetType(), json);
            read.ShouldBe(operation, json);
            read.Name.ShouldBe(operation.Name);
        }).QuickCheckThrowOnFailure(500);

    [Fact]
    public void EachOperationRecord_HasItsOwnTypeInTheJson()
    {
        var types = typeof(CardWriteOperation).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CardWriteOperation)) && !t.IsAbstract).ToHashSet();
        var generated = Gen.Sample(Operations, 400).Select(o => o.GetType()).ToHashSet();

        generated.ShouldBe(types, ignoreOrder: true, "the generator covers every operation record");
        Gen.Sample(Operations, 400).Select(o => o.ToJson()).ShouldAllBe(json => json.StartsWith("{\"$type\":\"", StringComparison.Ordinal));
    }

    [Fact]
    public void ASettleWithoutType_IsLeftToTheEarlierReader() =>
        CardWriteOperation.FromJson("""{"MeterId":null,"GroupCode":"000001","Summary":"x"}""").ShouldBeNull();

    private static readonly Gen<string> Text = Gen.Elements("", "lost", "broken card", "电表 0001", "quote \" and \\ back", "line\nbreak");

    private static readonly Gen<string> Group = Gen.Choose(1, 999_999).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));

    private static readonly Gen<long> Number = Gen.Choose(0, int.MaxValue).Select(n => (long)n * 3);

    private static readonly Gen<CardWriteOperation> Operations = Gen.OneOf(
        Group.Zip(Gen.ListOf(Number).Resize(4), CardWriteOperation (g, payments) => new PlainSaleWrite(g, [.. payments])),
        Group.Select(CardWriteOperation (g) => new OpeningSaleWrite(g)),
        Group.Zip(Number.Zip(Number).Zip(Number), CardWriteOperation (g, n) => new TransferSaleWrite(g, n.Item1.Item1, n.Item1.Item2, n.Item2)),
        Group.Select(CardWriteOperation (g) => new CorrectionWrite(g)),
        Group.Select(CardWriteOperation (g) => new CancelWrite(g)),
        Group.Zip(Number.Zip(Number).Zip(Number.Zip(Text)), CardWriteOperation (g, v) => new ReissueWrite(g, v.Item1.Item1, v.Item1.Item2, v.Item2.Item1, v.Item2.Item2)),
        Group.Zip(Gen.Elements(CardKind.Set, CardKind.Clear, CardKind.Zero, CardKind.Check, CardKind.Test).Zip(Text.Zip(Text)),
            CardWriteOperation (g, v) => new ToolCardWrite(g, v.Item1, v.Item2.Item1, v.Item2.Item2)),
        Group.Zip(Text.Zip(Text), CardWriteOperation (g, v) => new MeterChangeCardWrite(g, v.Item1, v.Item2)),
        Group.Zip(Text, CardWriteOperation (g, summary) => new RecycleWrite(g, summary)),
        Group.Zip(Number.Zip(Number).Zip(Text.Zip(Number.Zip(Number).Zip(Text))),
            CardWriteOperation (g, v) => new CapacityCardWrite(g, v.Item1.Item1, v.Item1.Item2, v.Item2.Item1, v.Item2.Item2.Item1.Item1, v.Item2.Item2.Item1.Item2, v.Item2.Item2.Item2)),
        Group.Zip(Number.Zip(Number).Zip(Text.Zip(Gen.Elements("refund", "keep"))).Zip(Number.Zip(Number).Zip(Number.Zip(Number))),
            CardWriteOperation (g, v) => new CloseAccountWrite(g, v.Item1.Item1.Item1, v.Item1.Item1.Item2, v.Item1.Item2.Item1, v.Item2.Item1.Item1, v.Item2.Item1.Item2, "energy",
                v.Item2.Item2.Item1, v.Item2.Item2.Item2, v.Item1.Item2.Item2, v.Item2.Item1.Item1 % 1000, v.Item2.Item2.Item1)),
        Group.Zip(Gen.Elements("reading", "unverified").Zip(Text.Zip(Text)).Zip(Gen.Elements<(string?, long?, string?)>((null, null, null), ("checkcard", 3, "2026-11-23T08:30:00.0000000Z"), ("link", 0, "x"))),
            CardWriteOperation (g, v) => new ToleranceSaleWrite(g, v.Item1.Item1, v.Item2.Item1, v.Item2.Item2, v.Item2.Item3, v.Item1.Item2.Item1, v.Item1.Item2.Item2)),
        Group.Zip(Number.Zip(Gen.Elements<long?>(null, 7, 123_456)).Zip(Gen.Elements("unreadable", "mismatch").Zip(Text.Zip(Text))),
            CardWriteOperation (g, v) => new CardResetWrite(g, v.Item1.Item1, v.Item1.Item2, v.Item2.Item1, v.Item2.Item2.Item1, v.Item2.Item2.Item2)));
}
