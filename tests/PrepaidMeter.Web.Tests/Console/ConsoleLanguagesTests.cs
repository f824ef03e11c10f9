using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>Which language a tag means: English, Simplified Chinese by its script or a place that writes it, nothing else.</summary>
public sealed class ConsoleLanguagesTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("ZH-cn", "zh-Hans")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("zh-Hans-CN", "zh-Hans")]
    [InlineData("zh-SG", "zh-Hans")]
    public void Match_ALanguageTheConsoleSpeaks_IsItsCulture(string tag, string culture) => ConsoleLanguages.Match(tag).ShouldBe(culture);

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("zh-Hant-HK")]
    [InlineData("fr-FR")]
    [InlineData("de")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData(null)]
    public void Match_AnotherLanguage_IsNone(string? tag) => ConsoleLanguages.Match(tag).ShouldBeNull();
}
