using System.Runtime.CompilerServices;

namespace PrepaidMeter.Cli.Tests;

/// <summary>
/// The sites these tests make keep their audit keys where `prepaid vend` keeps them by default, under
/// $XDG_CONFIG_HOME — here a folder of this test run's own (set once for the process, inherited by every
/// `prepaid` child), so no test writes into the user's home.
/// </summary>
internal static class KeyFolder
{
    public static string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"prepaid-cli-tests-{Environment.ProcessId}-config");

    [ModuleInitializer]
    internal static void UseOwnConfigFolder()
    {
        Directory.CreateDirectory(Path);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Path);
    }
}
