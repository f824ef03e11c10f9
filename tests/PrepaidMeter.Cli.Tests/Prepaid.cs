namespace PrepaidMeter.Cli.Tests;

/// <summary>Runs `prepaid` in process with captured stdout and stderr, as a shell would see them.</summary>
internal static class Prepaid
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var (exit, error) = await RunAsync(output, args);
        return (exit, output.ToString(), error);
    }

    /// <summary>With standard output going to <paramref name="output"/>, such as a writer that fails as /dev/full does.</summary>
    public static async Task<(int Exit, string Err)> RunAsync(TextWriter output, params string[] args)
    {
        using var error = new StringWriter();
        var exit = await PrepaidApp.RunAsync(args, output, error);
        return (exit, error.ToString());
    }
}
