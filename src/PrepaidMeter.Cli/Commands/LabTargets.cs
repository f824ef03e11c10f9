using System.CommandLine;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Cli.Commands;

/// <summary>The targets `lab run` and `certify` play on, by name.</summary>
internal static class LabTargets
{
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

    public static Func<ILabTarget> Factory(string name) => name switch
    {
        "stack" => () => StackTarget.Create(new StackTargetOptions(Prepaid())),
        _ => () => new VirtualTarget(),
    };

    /// <summary>How to start this same program for a meter device: the .NET host and this assembly.</summary>
    private static string[] Prepaid()
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        return [host, typeof(LabTargets).Assembly.Location];
    }
}
