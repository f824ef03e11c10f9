using PrepaidMeter.Cli.Failures;

namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>Defect 8: a station number is 1 to 8 ASCII digits; `vend init` refuses anything else and makes nothing.</summary>
[Collection(OperatorsInTheEnvironment.Name)]
public sealed class InitStationTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("123456789")]
    [InlineData("12a4")]
    [InlineData("１２３")]
    public async Task Init_StationNotOneToEightDigits_Exits2WithOneLineAndMakesNoBooks(string station)
    {
        using var folder = new PrepaidMeter.Testing.TempFolder();
        var db = folder.File("prepaid.db");
        var keys = Directory.Exists(KeyFolder.Path) ? Directory.GetFiles(KeyFolder.Path, "*.key", SearchOption.AllDirectories).Length : 0;

        using (Operators.LoggedInAs(null))
        {
            var refused = await Prepaid.RunAsync("vend", "--db", db, "init", "--station", station, "--name", "Test");

            refused.Exit.ShouldBe(ExitCodes.Refused, refused.Err);
            refused.Err.ShouldBe($"prepaid: a station number is 1 to 8 digits, not '{station}'" + Environment.NewLine);
            refused.Out.ShouldBeEmpty();
        }

        File.Exists(db).ShouldBeFalse("no database is made for a refused site");
        Directory.GetFiles(KeyFolder.Path, "*.key", SearchOption.AllDirectories).Length.ShouldBe(keys, "no audit key is left behind");
    }
}
