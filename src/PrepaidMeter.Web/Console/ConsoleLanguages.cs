using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// The console's languages: English (the default) and Simplified Chinese, the seed systems' users. A clerk's choice (the
/// switch in the page's bar, kept in a cookie) wins; otherwise the browser's Accept-Language, best first; otherwise English.
/// Any Chinese tag that is Simplified script or a place that writes it (zh, zh-CN, zh-SG, zh-Hans-...) means zh-Hans, told
/// by the tag itself rather than by ICU's parent chain, so "zh" alone is understood too.
/// </summary>
public static class ConsoleLanguages
{
    public const string English = "en";

    public const string SimplifiedChinese = "zh-Hans";

    /// <summary>The cookie the switch sets (ASP.NET Core's own format, "c=zh-Hans|uic=zh-Hans"): a year, so a counter keeps its language.</summary>
    public const string CookieName = "prepaid.language";

    /// <summary>The languages the switch offers, each named in its own language.</summary>
    public static IReadOnlyList<(string Culture, string Name)> Offered { get; } = [(English, "English"), (SimplifiedChinese, "简体中文")];

    private static readonly string[] SimplifiedPlaces = ["cn", "sg", "my"];

    /// <summary>The supported culture a language tag means (case aside), or null for one the console does not speak.</summary>
    public static string? Match(string? tag)
    {
        var parts = (tag ?? "").Trim().ToLowerInvariant().Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["en", ..] => English,
            ["zh"] => SimplifiedChinese,
            ["zh", "hans", ..] => SimplifiedChinese,
            ["zh", var place] when SimplifiedPlaces.Contains(place) => SimplifiedChinese,
            _ => null,
        };
    }

    /// <summary>Request localisation for the console: the cookie, then Accept-Language, then English; numbers and words both follow.</summary>
    public static RequestLocalizationOptions Options()
    {
        CultureInfo[] cultures = [new(English), new(SimplifiedChinese)];
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(English),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            ApplyCurrentCultureToResponseHeaders = true, // Content-Language says which was chosen
        };
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CookieName },
            new CustomRequestCultureProvider(context => Task.FromResult(FromBrowser(context))),
        ];
        return options;
    }

    /// <summary>The cookie's value choosing <paramref name="culture"/> for words and numbers alike.</summary>
    public static string CookieValue(string culture) => CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));

    /// <summary>The first language of Accept-Language, by quality, that the console speaks; null when none (English then).</summary>
    private static ProviderCultureResult? FromBrowser(HttpContext context)
    {
        if (!StringWithQualityHeaderValue.TryParseList(context.Request.Headers.AcceptLanguage, out var languages))
        {
            return null;
        }

        var best = languages
            .Where(language => language.Quality is not 0)
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => Match(language.Value.Value))
            .FirstOrDefault(culture => culture is not null);
        return best is null ? null : new ProviderCultureResult(best);
    }
}
