using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>
/// Permissions are proven, not assumed: docs/vending.md's table says, for every command the CLI exposes, whether each
/// role may run it, and these tests hold the program to it — every command as every role, on both providers. The
/// administrator's column is played by <see cref="EveryCommandTests"/>: the same scenario, each command held to that column.
/// </summary>
[Collection(OperatorsInTheEnvironment.Name)]
public sealed class PermissionTests
{
    public static TheoryData<string, string> StoresAndRoles { get; } = new()
    {
        { "sqlite", "cashier" }, { "sqlite", "auditor" }, { "sqlite", "clerk" },
        { "postgres", "cashier" }, { "postgres", "auditor" }, { "postgres", "clerk" },
    };

    [Fact]
    public void PermissionTable_EachRolesCell_IsWhatTheFunctionsTheRoleHoldsAllow()
    {
        var table = PermissionTable.Read();
        var holds = new Dictionary<string, IReadOnlySet<Permission>>(StringComparer.Ordinal)
        {
            ["administrator"] = Enum.GetValues<Permission>().ToHashSet(),
            ["cashier"] = SeedRoles.All[SeedRoles.Cashier],
            ["auditor"] = SeedRoles.All[SeedRoles.Auditor],
            ["clerk"] = SeedRoles.Parse("sales,queries").Permissions,
        };

        foreach (var row in table.Values)
        {
            foreach (var function in row.Functions)
            {
                SeedRoles.Parse(function).Error.ShouldBeNull($"`{row.Command}`");
            }

            var needs = SeedRoles.Parse(string.Join(',', row.Functions)).Permissions;
            foreach (var role in PermissionTable.Roles)
            {
                var expected = row.NoLogin ? PermissionRow.NoLoginCell : needs.IsSubsetOf(holds[role]) ? PermissionRow.Allowed : PermissionRow.Refused;
                row.Cells[role].ShouldBe(expected, $"`{row.Command}` for {role}, which holds {SeedRoles.Format(holds[role])}");
            }
        }
    }

    [Fact]
    public void PermissionTable_TheIssuesCases_ReadAsTheyShould()
    {
        var table = PermissionTable.Read();
        string[] others = ["cashier", "auditor", "clerk"];
        string[] cashierMayNot =
        [
            "vend operator add", "vend operator change", "vend operator disable", "vend operator enable", "vend operator reset-password",
            "vend operator unlock", "vend operator list", "vend operator role", "vend operator roles",
            "vend group add", "vend group meter-type",
            "vend price add", "vend price adjust", "vend price correct", "vend price delete",
            "vend card tool", "vend card recycle", "vend card blank",
            "vend meter-change card", "vend meter-change complete",
            "vend site set", "vend partner add", "vend partner disable", "vend payments serve",
        ];

        foreach (var adminOnly in new[] { "vend district", "vend audit clean", "vend invoice template set", "vend port set", "vend port remove" })
        {
            table[adminOnly].Allows("administrator").ShouldBeTrue(adminOnly);
            others.ShouldAllBe(role => !table[adminOnly].Allows(role), adminOnly);
        }

        table["vend audit verify"].Allows("auditor").ShouldBeTrue();
        table["vend audit anchor"].Allows("auditor").ShouldBeTrue();
        var queries = table.Values.Where(row => row.Functions.SequenceEqual(["queries"])).ToList();
        queries.Count.ShouldBeGreaterThan(20);
        queries.ShouldAllBe(row => row.Allows("auditor"));
        new[] { "vend sell", "vend correct", "vend cancel", "vend collect", "vend account open" }.ShouldAllBe(selling => !table[selling].Allows("auditor"));
        cashierMayNot.ShouldAllBe(managing => !table[managing].Allows("cashier"));
    }

    [Theory]
    [MemberData(nameof(StoresAndRoles))]
    public async Task EveryCommand_AsEachRole_OnSqliteAndPostgres_IsAllowedOrRefusedAsTheDocSays(string store, string role)
    {
        var table = PermissionTable.Read();
        using var books = new Books(store);

        var checks = await ScenarioRunner.PlayAs(books, role, table);

        checks.Select(c => c.Row).Distinct().Order(StringComparer.Ordinal).ShouldBe(table.Keys.Order(StringComparer.Ordinal));
        checks.ShouldContain(c => c.Cell == PermissionRow.Refused);
        checks.ShouldContain(c => c.Cell == PermissionRow.Allowed);
    }
}
