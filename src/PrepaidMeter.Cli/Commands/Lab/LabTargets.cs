using System.CommandLine;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Cli.Commands.Lab;

/// <summary>The targets `lab run` and `certify` play on, by name: one a scenario, on a board shared by the whole run.</summary>
internal sealed class LabTargets : IAsyncDisposable
{
    private readonly Func<ILabTarget> _new;
    private readonly StackBoard? _board;

    private LabTargets(Func<ILabTarget> newTarget, StackBoard? board)
    {
        _new = newTarget;
        _board = board;
    }

    /// <summary>A target for the next scenario.</summary>
    public ILabTarget New() => _new();

    public async ValueTask DisposeAsync()
    {
        if (_board is not null)
        {
            await _board.DisposeAsync();
        }
    }

    /// <summary>How to start this same program for a meter device: the .NET host and this assembly.</summary>
    internal static string[] Prepaid()
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return [host, typeof(LabTargets).Assembly.Location];
    }

    /// <summary>The options that choose a target, and those a bench needs.</summary>
    internal sealed class Choice
    {
        private readonly Option<string> _target = new("--target", "-t")
        {
            Description = "Where the meters are: virtual (in process), stack (each meter its own process behind pcscd/vpcd and a socat serial pair) or bench (a real reader and a real meter, with you at the bench)",
            DefaultValueFactory = _ => "virtual",
        };

        private readonly Option<string?> _reader = new("--bench-reader") { Description = "bench: the PC/SC reader the counter writes the card in ('prepaid card readers')" };
        private readonly Option<string?> _serial = new("--bench-serial") { Description = "bench: the serial port of the meter's DL/T 645 link (/dev/ttyUSB0)" };
        private readonly Link.SerialLineOptions _line = new("bench-", "bench: the link's ");
        private readonly Option<string> _password = new("--bench-password") { Description = "bench: control password, 8 hex digits (level and password)", DefaultValueFactory = _ => "02000000" };
        private readonly Option<string> _maxStep = new("--bench-max-step") { Description = "bench: the longest consume or advance step played in real time (30s, 10m)", DefaultValueFactory = _ => "15m" };

        public Choice() => _target.AcceptOnlyFromAmong("virtual", "stack", "bench");

        public IEnumerable<Option> Options => [_target, _reader, _serial, _line.Baud, _line.Parity, _password, _maxStep];

        public string Name(ParseResult parse) => parse.GetValue(_target)!;

        /// <summary>The targets chosen, or why the options do not make one (a usage mistake).</summary>
        /// <exception cref="LabTargetException">The stack's reader slots stayed taken, or the bench's serial port did not open.</exception>
        public (LabTargets? Targets, string? Mistake) Open(ParseResult parse)
        {
            switch (Name(parse))
            {
                case "stack":
                    var board = StackBoard.Create(new StackTargetOptions(Prepaid()));
                    return (new LabTargets(() => new StackTarget(board), board), null);
                case "bench":
                    var reader = parse.GetValue(_reader);
                    var serial = parse.GetValue(_serial);
                    if (string.IsNullOrWhiteSpace(reader) || string.IsNullOrWhiteSpace(serial))
                    {
                        return (null, "the bench target needs --bench-reader (the counter's PC/SC reader) and --bench-serial (the meter's port)");
                    }

                    var parsed = Core.Durations.Parse(parse.GetValue(_maxStep));
                    if (!parsed.TryGetValue(out var maxStep) || maxStep <= TimeSpan.Zero)
                    {
                        return (null, $"--bench-max-step: {parsed.Error ?? "it must be longer than nothing"}");
                    }

                    var options = new BenchOptions(reader.StartsWith("pcsc:", StringComparison.Ordinal) ? reader["pcsc:".Length..] : reader, serial)
                    {
                        Baud = parse.GetValue(_line.Baud),
                        Parity = _line.Settings(parse).Parity,
                        ControlPassword = parse.GetValue(_password)!,
                        MaxRealTime = maxStep,
                    };
                    if (options.Authority() is null)
                    {
                        return (null, $"--bench-password '{options.ControlPassword}' is not 8 hex digits");
                    }

                    var benchOperator = new ConsoleBenchOperator(Console.In, Console.Error);
                    return (new LabTargets(() => BenchTarget.Open(options, benchOperator), null), null);
                default:
                    return (new LabTargets(() => new VirtualTarget(), null), null);
            }
        }
    }
}
