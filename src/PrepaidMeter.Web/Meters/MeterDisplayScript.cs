namespace PrepaidMeter.Web.Meters;

/// <summary>
/// The meter display's script, carried in this assembly (Meters/meter-display.js) and served as <see cref="Path"/>: the
/// console's policy lets scripts come from the console itself only, never inline.
/// </summary>
internal static class MeterDisplayScript
{
    public const string Path = "/meter-display.js";

    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(MeterDisplayScript).Assembly.GetManifestResourceStream("meter-display.js")
            ?? throw new InvalidOperationException("meter-display.js is not embedded in the web assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
