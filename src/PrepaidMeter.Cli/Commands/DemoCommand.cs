using System.CommandLine;
using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using Spectre.Console;

namespace PrepaidMeter.Cli.Commands;

/// <summary>
/// `prepaid demo`: for now, the card round trip on every shipped layout through the in-memory reader —
/// a user card written at the counter, a return-write as a meter would add it, both read back and
/// verified, and the refusals a tampered, foreign or torn card gets. The full story (back office,
/// virtual meter, a month of consumption) replaces it when those parts land.
/// </summary>
internal static class DemoCommand
{
    private static readonly byte[] GroupSecret = Convert.FromHexString("5052455041494430");
    private static readonly byte[] OtherGroupSecret = Convert.FromHexString("0BADC0DE0BADC0DE");

    public static Command Build()
    {
        var command = new Command("demo", "Show the card round trip on every shipped layout, with the refusals bad cards get");
        command.SetAction(parse => PrepaidApp.Guarded(parse, context => RunAsync(context)));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output), Ansi = AnsiSupport.No });
        console.Profile.Width = Math.Max(console.Profile.Width, 150);
        var keys = SupplyGroupKeys.Derive(GroupSecret);
        var foreign = SupplyGroupKeys.Derive(OtherGroupSecret);
        var table = new Table().AddColumns("layout", "step", "result", "card says");
        var allAsExpected = true;
        foreach (var layout in CardLayouts.All)
        {
            var steps = await PlayAsync(layout, keys, foreign, context);
            foreach (var (step, result, says, expected) in steps)
            {
                allAsExpected &= expected;
                table.AddRow(Markup.Escape(layout.Id), Markup.Escape(step), Markup.Escape(result), Markup.Escape(says));
            }
        }

        console.Write(table);
        console.WriteLine(allAsExpected
            ? "Every card round-tripped byte for byte and every bad card was refused with its reason."
            : "Something did not behave as the card protocol says: see the table.");
        return allAsExpected ? ExitCodes.Success : ExitCodes.Refused;
    }

    private static async Task<List<(string Step, string Result, string Says, bool Expected)>> PlayAsync(
        CardLayout layout, SupplyGroupKeys keys, SupplyGroupKeys foreign, CommandContext context)
    {
        var steps = new List<(string, string, string, bool)>();
        var now = context.Time.GetUtcNow();
        now = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var sold = new CardRecord
        {
            Kind = CardKind.User,
            Layout = layout.Id,
            CreditUnit = CreditUnit.Energy,
            SupplyGroup = SupplyGroupCode.From(100001),
            MeterNumber = MeterNumber.From(12345678),
            CustomerNumber = CustomerNumber.From(1001),
            CardSerial = CardSerial.From(20260001),
            PurchaseCount = PurchaseCount.From(1),
            PurchaseHundredths = Energy.FromKilowattHours(50m).Hundredths,
            Price = layout.CarriesPrice ? Core.Pricing.UnitPrice.FromUnits(0.5283m) : null,
        };

        var reader = new InMemoryCardReader();
        var card = new Sle4442Card(layout.NewImage(), keys.Psc.Span);
        reader.Insert(card);

        // Counter: write the sale onto a blank card, only the bytes that change, verified by read-back.
        layout.Encode(sold, keys, out var soldImage).ThrowIfRefused();
        var write = await CardImageIo.WriteChangedAsync(reader, layout.NewImage(), soldImage, keys.Psc, CancellationToken.None);
        var (_, readBack) = await CardImageIo.ReadAsync(reader, layout.Size, CancellationToken.None);
        var decoded = layout.Decode(readBack, keys);
        steps.Add(("counter writes a 50 kWh sale", write.ToString(), Says(decoded), write.Success && decoded.Record == sold));

        // Meter: load it and write the return-write block back onto the card.
        var swiped = sold with
        {
            ReturnWrite = new ReturnWriteBlock(sold.MeterNumber, sold.PurchaseCount, CreditAmount.Of(Energy.FromKilowattHours(62.5m)),
                Energy.FromKilowattHours(1234.56m), ReturnWriteStatus.PurchaseLoaded, now),
        };
        layout.Encode(swiped, keys, out var swipedImage).ThrowIfRefused();
        var exchangesBefore = reader.Exchanges;
        write = await CardImageIo.WriteChangedAsync(reader, readBack, swipedImage, keys.Psc, CancellationToken.None);
        (_, readBack) = await CardImageIo.ReadAsync(reader, layout.Size, CancellationToken.None);
        decoded = layout.Decode(readBack, keys);
        steps.Add(($"meter return-writes ({reader.Exchanges - exchangesBefore} exchanges)", write.ToString(), Says(decoded), write.Success && decoded.Record == swiped));

        // Refusals: one byte changed, another group's key, a write torn half-way.
        var tampered = (byte[])readBack.Clone();
        tampered[layout.DataArea.Offset + 28] ^= 0x01;
        decoded = layout.Decode(tampered, keys);
        steps.Add(("one byte edited by hand", "decode", Says(decoded), decoded.Fault?.Kind is CardFaultKind.Checksum or CardFaultKind.Mac));

        if (layout.HasMac)
        {
            decoded = layout.Decode(readBack, foreign);
            steps.Add(("read with another group's key", "decode", Says(decoded), decoded.Fault?.Kind == CardFaultKind.Mac));
        }

        var next = swiped with { PurchaseCount = PurchaseCount.From(2), PurchaseHundredths = 3000, ReturnWrite = null };
        layout.Encode(next, keys, out var nextImage).ThrowIfRefused();
        reader.TearNextWriteAfter(3);
        write = await CardImageIo.WriteChangedAsync(reader, readBack, nextImage, keys.Psc, CancellationToken.None);
        reader.Insert(card);
        (_, readBack) = await CardImageIo.ReadAsync(reader, layout.Size, CancellationToken.None);
        decoded = layout.Decode(readBack, keys);
        steps.Add(("card pulled out mid-write", write.ToString(), Says(decoded), write.Status == CardIoStatus.TornWrite && !decoded.Success));
        return steps;
    }

    private static string Says(CardDecodeResult decoded)
    {
        if (!decoded.Success)
        {
            return "refused: " + decoded.Fault;
        }

        var record = decoded.Record;
        var returnWrite = record.ReturnWrite is { } rw ? $", meter loaded #{rw.LoadedCount}, {rw.Remaining} left" : ", not yet swiped";
        return $"{record.Kind} #{record.PurchaseCount} {record.Purchase}{returnWrite}";
    }
}
