namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>
/// Every command under `prepaid vend` and `prepaid report` runs for real through the CLI on both providers, so a
/// command that cannot run at all (as `vend site show` once could not, on SQLite) cannot land again. The commands
/// come from the CLI's own command tree: a new one without a step in <see cref="Scenario"/> and a row in
/// docs/vending.md's permission table fails here.
/// </summary>
[Collection(OperatorsInTheEnvironment.Name)]
public sealed class EveryCommandTests
{
    [Fact]
    public void EveryLeafCommand_OfVendAndReport_HasAStepInTheScenarioAndARowInThePermissionTable()
    {
        var leaves = CommandTree.Leaves();
        var table = PermissionTable.Read();

        // The tree was read, not an empty list that would make the rest hold trivially.
        leaves.ShouldContain("vend init");
        leaves.ShouldContain("vend payments serve");
        leaves.ShouldContain("report abnormal");
        leaves.Except(Scenario.Rows.Select(CommandTree.LeafOf)).ShouldBeEmpty("commands of the CLI with no step in the scenario");
        Scenario.Rows.Order(StringComparer.Ordinal).ShouldBe(table.Keys.Order(StringComparer.Ordinal), "the scenario's rows and docs/vending.md's permission table");
        table.Keys.Select(CommandTree.LeafOf).Except(leaves).ShouldBeEmpty("rows of the permission table naming no command of the CLI");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task EveryVendAndReportCommand_OnSqliteAndPostgres_RunsAndExitsAsDocumented(string store)
    {
        // As the administrator, whose column of the permission table says allowed for every command that logs in.
        var table = PermissionTable.Read();
        using var books = new Books(store);

        var checks = await ScenarioRunner.PlayAs(books, "administrator", table);

        CommandTree.Leaves().Except(checks.Select(c => CommandTree.LeafOf(c.Row))).ShouldBeEmpty("commands of the CLI the run did not run");
        checks.Select(c => c.Row).Distinct().Count().ShouldBe(table.Count);
    }
}
