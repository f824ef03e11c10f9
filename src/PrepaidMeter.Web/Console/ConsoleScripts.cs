namespace PrepaidMeter.Web.Console;

/// <summary>
/// The console's scripts, embedded in this assembly and served from its root (/lab.js, /meter-display.js): files of the
/// console's own, so the policy's script-src 'self' allows them and no page needs an inline script.
/// </summary>
internal static class ConsoleScripts
{
    /// <summary>The embedded scripts by their logical names (PrepaidMeter.Web.csproj), each served as /NAME.</summary>
    public static readonly IReadOnlyList<string> Names = ["lab.js", "meter-display.js"];

    private static readonly Dictionary<string, string> Texts = Names.ToDictionary(name => name, Read, StringComparer.Ordinal);

    public static string Text(string name) => Texts[name];

    private static string Read(string name)
    {
        using var stream = typeof(ConsoleScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in PrepaidMeter.Web.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
