using System.CommandLine;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Cli.Commands;

/// <summary>The targets `lab run` and `certify` play on, by name: one a scenario, on a board shared by the whole run.</summary>
internal sealed class LabTargets : IAsyncDisposable
{
    private readonly StackBoard? _board;

    private LabTargets(StackBoard? board) => _board = board;

    public static Option<string> Option()
    {
        var target = new Option<string>("--target", "-t")
        {
            Description = "Where the meters are: virtual (in process) or stack (each meter its own process behind pcscd/vpcd and a socat serial pair)",
            DefaultValueFactory = _ => "virtual",
        };
        target.AcceptOnlyFromAmong("virtual", "stack");
        return target;
    }

    /// <exception cref="LabTargetException">The stack's reader slots stayed taken.</exception>
    public static LabTargets For(string name) => new(name == "stack" ? StackBoard.Create(new StackTargetOptions(Prepaid())) : null);

    /// <summary>A target for the next scenario.</summary>
    public ILabTarget New() => _board is { } board ? new StackTarget(board) : new VirtualTarget();

    public async ValueTask DisposeAsync()
    {
        if (_board is not null)
        {
            await _board.DisposeAsync();
        }
    }

    /// <summary>How to start this same program for a meter device: the .NET host and this assembly.</summary>
    private static string[] Prepaid()
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return [host, typeof(LabTargets).Assembly.Location];
    }
}
