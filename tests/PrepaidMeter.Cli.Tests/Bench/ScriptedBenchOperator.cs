using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Cli.Tests.Bench;

/// <summary>
/// The person at the bench, scripted, with a bench built of the project's own parts standing in for real
/// ones: the "bench card" is the project's virtual card in vpcd slot 0 (the counter's reader, through
/// pcscd), the "real meter" is a `prepaid meter run --lab` device reading vpcd slot 1 and answering DL/T 645
/// on a socat pair. It fits meters by loading fresh NVRAM (a token model's with the STS install the bench names),
/// carries the card slot 0 → 1 → 0 while the bench watches the reader, switches loads and supply on the device,
/// types a token meter's keys through the device's lab channel (its finger), and reads the meter's "display" off
/// the device's lab channel — the one thing a person's eyes do that the bench cannot.
/// </summary>
internal sealed class ScriptedBenchOperator : IBenchOperator, IAsyncDisposable
{
    private static readonly string[] Prepaid = ["dotnet", Path.Combine(AppContext.BaseDirectory, "prepaid.dll")];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly VpcdSlots _slots;
    private readonly string _folder;
    private readonly SocatPair _pair;
    private readonly MeterDeviceProcess _device;
    private VirtualCard? _card;
    private Task<MeterResult>? _carrying;
    private TokenOutcome? _shown;

    private ScriptedBenchOperator(VpcdSlots slots, string folder, SocatPair pair, MeterDeviceProcess device)
    {
        _slots = slots;
        _folder = folder;
        _pair = pair;
        _device = device;
    }

    /// <summary>False: asked to fit a meter, the operator leaves the spare on the bench (another number).</summary>
    public bool FitsMeters { get; init; } = true;

    public BenchOptions Options => new(VirtualCard.ReaderName(0), _pair.MasterEnd)
    {
        Baud = 9600,
        Link = new LinkOptions(2, TimeSpan.FromMilliseconds(500)),
        Patience = Patience,
    };

    public static async Task<ScriptedBenchOperator> StartAsync(bool fitsMeters = true)
    {
        var slots = VpcdSlots.Take();
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pair = new SocatPair();
        var spare = Path.Combine(folder, "spare.nvram");
        var spareMeter = VirtualMeter.Create(MeterModels.Get("pm-ref-energy"), MeterNumber.From(900_001), SupplyGroupCode.From(9),
            SupplyGroupKeys.Derive(new byte[8]), new FixedTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        await File.WriteAllBytesAsync(spare, spareMeter.SaveNvram());
        var device = MeterDeviceProcess.Start(Prepaid,
            ["meter", "run", "--meter", spare, "--reader", $"pcsc:{VirtualCard.ReaderName(1)}", "--serial", pair.MeterEnd, "--baud", "9600", "--lab"], Patience);
        await device.ExpectAsync("ready", CancellationToken.None);
        return new ScriptedBenchOperator(slots, folder, pair, device) { FitsMeters = fitsMeters };
    }

    public async Task DoAsync(BenchInstruction instruction, CancellationToken cancellationToken)
    {
        switch (instruction)
        {
            case FitMeter fit:
                if (FitsMeters)
                {
                    var nvram = Path.Combine(_folder, $"{Guid.NewGuid():N}.nvram");
                    var sts = fit.Model.Token is { } rule ? TokenInstall.ForLab(rule, fit.Meter) : null; // the STS install the instruction names
                    await File.WriteAllBytesAsync(nvram, VirtualMeter.Create(fit.Model, fit.Meter, fit.Group, fit.Keys, new FixedTime(fit.Clock), sts).SaveNvram(), cancellationToken);
                    await _device.AskAsync(new JsonObject { ["do"] = "load", ["nvram"] = nvram }, "ok", cancellationToken);
                }

                // A blank card of the group's PSC in the counter's reader, as a bench keeps one.
                _card ??= await VirtualCard.InsertAsync(0, new MemoryCard(Enumerable.Repeat((byte)0xFF, CardMedium.Sle4442.Capacity).ToArray(), fit.Keys.Psc.Span), cancellationToken);
                break;
            case CarryCardToMeter:
                // A person walks while the bench watches its reader: the carrying goes on after this returns.
                _carrying = CarryAsync(cancellationToken);
                break;
            case RunLoad run:
                await _device.AskAsync(new JsonObject { ["do"] = "advance", ["seconds"] = (long)run.Duration.TotalSeconds, ["load"] = run.Load.ToJson() }, "events", cancellationToken);
                break;
            case TypeKeys typed:
                // A finger on the device's keypad: the lab channel's keypad command, the display remembered for the question after.
                _shown = (await _device.KeypadAsync(typed.Keys, cancellationToken)).ShouldHaveSingleItem("one entry, one enter");
                break;
            case SwitchSupply supply:
                await _device.AskAsync(new JsonObject { ["do"] = "power", ["on"] = supply.On }, "ok", cancellationToken);
                break;
            default:
                break; // the card is in the counter's reader already; the load goes off by itself
        }
    }

    public async Task<MeterResult> ReadResultAsync(MeterNumber meter, IReadOnlyList<MeterResult> choices, CancellationToken cancellationToken) =>
        await (_carrying ?? throw new InvalidOperationException("No card was carried to the meter."));

    /// <summary>What the device's display showed after the last keys typed, as the choice that says it.</summary>
    public Task<TokenDisplay> ReadDisplayAsync(MeterNumber meter, IReadOnlyList<TokenDisplay> choices, CancellationToken cancellationToken)
    {
        var shown = _shown ?? throw new InvalidOperationException("No keys were typed at the meter.");
        _shown = null;
        return Task.FromResult(choices.Single(c => c.Response == shown.Response && c.Display == shown.Display));
    }

    public async ValueTask DisposeAsync()
    {
        if (_card is not null)
        {
            await _card.DisposeAsync();
        }

        await _device.DisposeAsync();
        _pair.Dispose();
        _slots.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<MeterResult> CarryAsync(CancellationToken cancellationToken)
    {
        _card = await _card!.MoveToAsync(1, cancellationToken);
        var shown = LabMeterJson.ReadOutcome(await _device.ExpectAsync("card", cancellationToken)).Result;
        _card = await _card.MoveToAsync(0, cancellationToken);
        return shown;
    }
}
