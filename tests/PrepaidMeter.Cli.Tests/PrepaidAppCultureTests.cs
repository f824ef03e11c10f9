using System.Globalization;
using PrepaidMeter.Cli.Tests.Commands;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests;

/// <summary>
/// The CLI's output is the same whatever the user's culture. The host has ICU now (the web console speaks Simplified Chinese),
/// so a user with LANG=zh_CN.UTF-8 or de_DE.UTF-8 runs `prepaid` under a real culture; amounts, dates, tables and reports must
/// still print as they did in invariant mode, which files, scripts and the docs depend on.
/// </summary>
public sealed class PrepaidAppCultureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public PrepaidAppCultureTests()
    {
        // The counter's operator, as the other `vend` tests sign in (the same values in every test: no race between them).
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    public static TheoryData<string> Cultures => ["zh-CN", "zh-Hans", "de-DE", "fr-FR", "ar-SA"];

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Output_UnderTheUsersCulture_IsTheInvariantOutput(string culture)
    {
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        await counter.SetUpSwipedAccount();
        (await counter.Vend("--card", "li", "sell", "--money", "400.5")).Exit.ShouldBe(0);
        string[][] commands =
        [
            ["vend", "--db", counter.Db, "query", "purchases"],
            ["vend", "--db", counter.Db, "customer", "show", "1"],
            ["vend", "--db", counter.Db, "price", "list"],
            ["report", "--db", counter.Db, "classified", "--by", "price-type"],
            ["report", "--db", counter.Db, "account", "--account", "1"],
            ["report", "--db", counter.Db, "monthly", "--csv"],
            ["report", "--db", counter.Db, "monthly", "--json"],
            ["meter", "show", _folder.File("m.nvram")],
            ["card", "decode", "-l", "pm-ref-v1", "--secret", CounterOnFiles.Secret, _folder.File("cards/li.hex")],
        ];

        foreach (var command in commands)
        {
            var invariant = await Under(CultureInfo.InvariantCulture, command);
            var users = await Under(CultureInfo.GetCultureInfo(culture), command);

            invariant.Exit.ShouldBe(0, $"{string.Join(' ', command)}: {invariant.Err}");
            users.ShouldBe(invariant, string.Join(' ', command));
        }
    }

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    private static async Task<(int Exit, string Out, string Err)> Under(CultureInfo culture, string[] command)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return await Prepaid.RunAsync(command);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }
}
