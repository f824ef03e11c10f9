namespace PrepaidMeter.Web.Console;

/// <summary>
/// The console's one shared resource: every page's words are looked up as <c>IStringLocalizer&lt;ConsoleText&gt;</c> (<c>L</c>
/// in the pages). The keys are the English text itself, so English needs no resource file and a string not yet translated
/// falls back to English; ConsoleText.zh-Hans.resx beside this class holds the Simplified Chinese (docs/web.md, "Languages").
/// </summary>
public sealed class ConsoleText
{
    private ConsoleText()
    {
    }
}
