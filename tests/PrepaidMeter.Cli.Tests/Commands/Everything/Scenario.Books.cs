namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>The books' set-up: supply group, prices, customers, meters, branch meters, a made-up district.</summary>
internal static partial class Scenario
{
    private static IEnumerable<Move> SetUpBooks() =>
    [
        new CliStep("vend group add", "--code", Group, "--name", "North", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-energy",
            "--limit", "999", "--preset", "10", "--alarm1", "20", "--alarm2", "10", "--overdraft", "5"),
        new CliStep("vend group meter-type", "--code", Group, "--type", "electricity") { Shows = "electricity", Keeps = false },
        new CliStep("vend group list") { Shows = "North", Keeps = false },
        new CliStep("vend price add", "--group", Group, "--name", "residential", "--flat", "0.5") { Json = true, Capture = Keep("price", "id") },
        new CliStep("vend price adjust", "{price}", "--from", "2099-01-01", "--flat", "0.6") { Json = true, Capture = Keep("version", "id") },
        new CliStep("vend price correct", "{version}", "--flat", "0.65") { Keeps = false },
        new CliStep("vend price history", "{price}") { Shows = "2099-01-01", Keeps = false },
        new CliStep("vend price list") { Shows = "residential", Keeps = false },
        SetUp.Vend("a price type no account uses", new CliStep("vend price add", "--group", Group, "--name", "spare", "--flat", "0.7") { Json = true, Capture = Keep("spare", "id") }),
        new CliStep("vend price delete", "{spare}") { Keeps = false },

        // The site's lists before its customers: the region the customer is filed under is one of them.
        new CliStep("vend dictionary add", "--list", "region", "R0"),
        new CliStep("vend dictionary rename", "--list", "region", "R0", "R1") { Shows = "R1" },
        SetUp.Vend("a region to retire", new CliStep("vend dictionary add", "--list", "region", "R9")),
        new CliStep("vend dictionary retire", "--list", "region", "R9") { Shows = "R9", Keeps = false },
        new CliStep("vend dictionary list") { Shows = "R1", Keeps = false },

        new CliStep("vend customer add", "--name", "Li Wei", "--region", "R1", "--line", "L01") { Json = true, Capture = Keep("customer", "number") },
        new CliStep("vend customer change", "{customer}", "--contact", "555-0101") { Shows = "555-0101", Keeps = false },
        new CliStep("vend customer search", "Li Wei") { Shows = "Li Wei", Keeps = false },
        new CliStep("vend customer show", "{customer}") { Shows = "Li Wei", Keeps = false },

        new CliStep("vend meter stock-in", OldMeter, "--group", Group),
        SetUp.Vend("the new meter", new CliStep("vend meter stock-in", NewMeter, "--group", Group)),
        SetUp.Vend("a meter to retire", new CliStep("vend meter stock-in", SpareMeter, "--group", Group)),
        new CliStep("vend meter list") { Shows = NewMeter, Keeps = false },
        new CliStep("vend meter file", OldMeter) { Shows = "stock in", Keeps = false },
        new CliStep("vend meter retire", SpareMeter) { Shows = "retired", Keeps = false },
        new SetUp("the virtual meters", MakeMeters),

        // The port set: the counter's reader (the scenario's card folder) named, checked, listed; a spare name removed.
        new CliStep("vend port set", "counter1", "folder:{folder}/cards") { Shows = "counter1" },
        new CliStep("vend port check", "counter1") { Shows = "card file(s)", Keeps = false },
        new CliStep("vend port list") { Shows = "counter1", Keeps = false },
        SetUp.Vend("a port to remove", new CliStep("vend port set", "spare", "serial:/dev/null")),
        new CliStep("vend port remove", "spare") { Shows = "spare", Keeps = false },

        new CliStep("vend branch add", "--line", "L99", "--meter", "S99"),
        new CliStep("vend branch reading", "--meter", "S99", "--at", "2026-01-01", "--energy", "100") { Keeps = false },
        new CliStep("vend branch list") { Shows = "S99", Keeps = false },

        // A reading round on a line no meter answers on: the meter is silent, and the round is recorded all the same.
        new SetUp("a meter line (a socat pair) with no meter on it", books =>
        {
            books["busport"] = books.Own(new Hardware.MeterLink.SocatPair()).MasterEnd;
            return Task.CompletedTask;
        }),
        new CliStep("vend reading round", "--port", "{busport}", "--meters", OldMeter, "--timeout", "20", "--tries", "1") { Shows = "000012345678" },
        new CliStep("vend reading rounds") { Shows = "000012345678", Keeps = false },

        // Before the first real sale: a made-up district is for books that have none. It writes its rows with ids of
        // its own choosing; the customers, meters, accounts and sales the counter adds after it (below) must not collide.
        new CliStep("vend district", "--group", Group, "--price-type", "residential", "--customers", "3", "--months", "2", "--sales-per-customer", "2")
        {
            Shows = "district written: 3 customers", Keeps = false,
        },
    ];

    private static async Task MakeMeters(Books books)
    {
        foreach (var (number, file) in new[] { (OldMeter, "m.nvram"), (NewMeter, "m2.nvram") })
        {
            var made = await Prepaid.RunAsync("meter", "new", "--model", "pm-ref-energy", "--number", number, "--group", Group, "--secret", CounterOnFiles.Secret, "-o", books.File(file));
            made.Exit.ShouldBe(0, made.Err);
        }
    }
}
