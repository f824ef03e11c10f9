namespace PrepaidMeter.Cli.Tests;

/// <summary>Runs `prepaid` in process with captured stdout and stderr, as a shell would see them.</summary>
internal static class Prepaid
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await PrepaidApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
