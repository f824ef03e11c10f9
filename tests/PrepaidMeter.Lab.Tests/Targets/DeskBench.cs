using PrepaidMeter.Core;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Lab.Tests.Targets;

/// <summary>
/// A bench on a desk, in process: the "real meter" is a virtual meter answering DL/T 645 on a line that hands each request
/// straight to it, and the person is scripted. Asked to fit a meter, the person makes one of the model with the STS install
/// the instruction names; told to type keys, types them on the meter's keypad (<see cref="Keypad"/>) and, asked for the
/// display, says what it showed — or, when <see cref="Answers"/> holds any, the next of those instead. No cards and no
/// real-time steps: those need the bench of the Cli tests (pcscd, a meter device).
/// </summary>
internal sealed class DeskBench : IBenchOperator
{
    private VirtualMeter? _meter;
    private TokenOutcome? _shown;

    /// <summary>Every instruction the bench gave, in order.</summary>
    public List<BenchInstruction> Told { get; } = [];

    /// <summary>What the person says when asked for the display, in order, in place of reading it: a choice's label or a number.</summary>
    public Queue<string> Answers { get; } = new();

    public static BenchTarget Target(DeskBench person)
    {
        var options = new BenchOptions("no reader", "desk") { Link = new LinkOptions(1, TimeSpan.FromMilliseconds(200)) };
        var line = new ResponderLine(person);
        var link = new BenchMeterLink(line, new SerialMeterLink(line, options.Link, TimeProvider.System), options.Authority()!, TimeProvider.System);
        return new BenchTarget(options, person, link, () => throw new InvalidOperationException("The desk bench carries no cards."));
    }

    public Task DoAsync(BenchInstruction instruction, CancellationToken cancellationToken)
    {
        Told.Add(instruction);
        switch (instruction)
        {
            case FitMeter fit:
                _meter = VirtualMeter.Create(fit.Model, fit.Meter, fit.Group, fit.Keys, new FixedTime(fit.Clock),
                    fit.Model.Token is { } rule ? TokenInstall.ForLab(rule, fit.Meter) : null);
                break;
            case TypeKeys typed:
                _shown = new Keypad(_meter ?? throw new InvalidOperationException("No meter was fitted.")).Type(typed.Keys, out var problem)?.ShouldHaveSingleItem("one entry, one enter") ?? throw new InvalidOperationException(problem);
                break;
            default:
                throw new InvalidOperationException($"The desk bench cannot: {instruction.Text}");
        }

        return Task.CompletedTask;
    }

    public Task<MeterResult> ReadResultAsync(MeterNumber meter, IReadOnlyList<MeterResult> choices, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The desk bench carries no cards.");

    public Task<TokenDisplay> ReadDisplayAsync(MeterNumber meter, IReadOnlyList<TokenDisplay> choices, CancellationToken cancellationToken)
    {
        var shown = _shown ?? throw new InvalidOperationException("No keys were typed.");
        _shown = null;
        if (Answers.TryDequeue(out var said))
        {
            return Task.FromResult(TokenDisplay.Read(said, choices) ?? throw new LabTargetException($"'{said}' is no display"));
        }

        return Task.FromResult(choices.Single(c => c.Response == shown.Response && c.Display == shown.Display));
    }

    /// <summary>The bench's serial line: each request the bench writes is answered at once by the meter fitted, if any.</summary>
    private sealed class ResponderLine(DeskBench person) : ISerialLine
    {
        private readonly Queue<byte[]> _incoming = new();

        public string Name => "desk";

        public Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            if (person._meter is { } meter && Dlt645Codec.Decode(bytes.Span).Frame is { } request
                && Dlt645Responder.Respond(new VirtualMeterOnTheLink(meter, Convert.FromHexString(VirtualMeterOnTheLink.DefaultPassword)), request) is { } reply)
            {
                _incoming.Enqueue(Dlt645Codec.Encode(reply));
            }

            return Task.CompletedTask;
        }

        public async Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (!_incoming.TryDequeue(out var reply))
            {
                await Task.Delay(timeout, cancellationToken);
                return 0;
            }

            reply.CopyTo(buffer);
            return reply.Length;
        }

        public void DiscardInput() => _incoming.Clear();

        public void Dispose()
        {
        }
    }
}
