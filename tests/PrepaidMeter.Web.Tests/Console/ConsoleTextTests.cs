using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;
using PrepaidMeter.Web.Pages.Queries;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// Every string the pages ask for by its English text has its Simplified Chinese in ConsoleText.zh-Hans.resx, and the file
/// holds nothing the pages no longer use: a new <c>L["..."]</c> in a page without its translation fails here, saying which.
/// </summary>
public sealed partial class ConsoleTextTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void EveryStringThePagesUse_HasItsSimplifiedChinese()
    {
        var translated = Translations();

        var missing = UsedKeys().Where(key => !translated.ContainsKey(key)).ToList();

        missing.ShouldBeEmpty("add these to src/PrepaidMeter.Web/Console/ConsoleText.zh-Hans.resx: " + string.Join(" | ", missing));
    }

    [Fact]
    public void TheTranslations_HoldNothingThePagesDoNotUse()
    {
        var used = UsedKeys().ToHashSet(StringComparer.Ordinal);

        Translations().Keys.Where(key => !used.Contains(key)).ShouldBeEmpty();
    }

    [Fact]
    public void TheTranslations_KeepEveryPlaceholderOfTheirEnglish()
    {
        foreach (var (english, chinese) in Translations())
        {
            Placeholders(chinese).ShouldBe(Placeholders(english), $"'{english}' → '{chinese}'");
        }
    }

    [Fact]
    public void NoTwoKeys_DifferOnlyInCase()
    {
        // A .resx's names are case-insensitive: "Meter number" and "meter number" would be one entry, the other ignored.
        UsedKeys().GroupBy(key => key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    /// <summary>The keys the pages use: every literal L["..."] in the web project's sources, and the keys chosen by value.</summary>
    private static IReadOnlyList<string> UsedKeys()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "PrepaidMeter.Web");
        var literal = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cshtml", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => LocalizerKey().Matches(File.ReadAllText(path)).Select(m => Regex.Unescape(m.Groups[1].Value)));
        var byValue = Enum.GetValues<RefusalReason>().Append((RefusalReason)(-1)).Select(RefusalWords.Key) // -1: a reason added later
            .Concat(Enum.GetValues<AccountStatus>().Select(AccountWords.Status))
            .Concat(QueryModel.All.Select(query => query.Title));
        return [.. literal.Concat(byValue).Distinct(StringComparer.Ordinal)];
    }

    private static Dictionary<string, string> Translations()
    {
        var resources = new ResourceManager(typeof(ConsoleText).FullName!, typeof(ConsoleText).Assembly);
        var set = resources.GetResourceSet(Chinese, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException("no zh-Hans resources (the satellite assembly zh-Hans/PrepaidMeter.Web.resources.dll)");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex("""\bL\[\s*"((?:[^"\\]|\\.)*)"\s*[,\]]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
