namespace PrepaidMeter.Web.Console;

/// <summary>The lab run page's script (Console/lab.js, embedded), served as /lab.js: a file of the console's own, so CSP's script-src 'self' allows it.</summary>
internal static class LabScript
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(LabScript).Assembly.GetManifestResourceStream("lab.js")
            ?? throw new InvalidOperationException("lab.js is not embedded in PrepaidMeter.Web.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Text => Script.Value;
}
