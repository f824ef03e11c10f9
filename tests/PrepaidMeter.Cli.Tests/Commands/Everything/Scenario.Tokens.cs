namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>
/// Keypad tokens at the counter (docs/vending.md, "Keypad tokens"): the group sells tokens too, a token account on a meter
/// of its own, a sale reprinted, corrected and cancelled, a key change with credit under the new key, a management token.
/// </summary>
internal static partial class Scenario
{
    public const string TokenMeter = "11111111";

    private static IEnumerable<Move> Tokens() =>
    [
        new SetUp("two vending key files", async books =>
        {
            await File.WriteAllTextAsync(books.File("vk1"), "0123456789ABCDEF");
            await File.WriteAllTextAsync(books.File("vk2"), "FEDCBA9876543210");
        }),
        new CliStep("vend token group set", "--code", Group, "--medium", "both", "--vending-key-file", "{folder}/vk1") { Shows = "key revision 1" },
        new CliStep("vend token group show", "--code", Group) { Shows = "both", Keeps = false },
        SetUp.Vend("a token meter", new CliStep("vend meter stock-in", TokenMeter, "--group", Group)),
        new CliStep("vend token open", "--customer", "{customer}", "--meter", TokenMeter, "--price", "{price}", "--drn", "01234567897")
        {
            Json = true, Capture = Keep("tokenaccount", "accountId"),
        },
        new CliStep("vend token meter", "--account", "{tokenaccount}") { Shows = "01234567897", Keeps = false },
        new CliStep("vend token sell", "--account", "{tokenaccount}", "--energy", "12.34") { Json = true, Shows = "12.40 kWh", Capture = Keep("tokenreceipt", "receipt") },
        new CliStep("vend token reprint", "--receipt", "{tokenreceipt}") { Shows = "12.40 kWh", Keeps = false },
        new CliStep("vend token correct", "--account", "{tokenaccount}", "--energy", "10", "--reason", "typed 12.34 for 10") { Shows = "stays valid" },
        new CliStep("vend token cancel", "--account", "{tokenaccount}", "--reason", "customer left") { Shows = "stays valid" },
        SetUp.Vend("a second token key", new CliStep("vend token group set", "--code", Group, "--medium", "both", "--vending-key-file", "{folder}/vk2", "--key-revision", "2")),
        new CliStep("vend token keychange", "--account", "{tokenaccount}", "--energy", "5") { Shows = "key change token 2 of 2" },
        new CliStep("vend token management", "--account", "{tokenaccount}", "--act", "power-limit", "--watts", "3000", "--reason", "contract 3 kW")
        {
            Shows = "3000 W", Keeps = false,
        },

        // The move-out: the keypad meter read over its link (a token close needs a link reading since the last token), then closed.
        new SetUp("the token meter answering DL/T 645 on a line of its own", async books =>
        {
            var folder = books.File("tokenline");
            Directory.CreateDirectory(folder);
            var made = await Prepaid.RunAsync("meter", "new", "--model", "pm-sts-energy", "--number", TokenMeter, "--group", "123456", "--secret", CounterOnFiles.Secret,
                "--drn", "01234567897", "--vending-key", "0123456789ABCDEF", "-o", Path.Combine(folder, "token.nvram"));
            made.Exit.ShouldBe(0, made.Err);
            var pair = books.Own(new Hardware.MeterLink.SocatPair());
            books.Own(new ServedLine(MeterServeProcess.StartBus(folder, pair.MeterEnd, "000011111111")));
            books["tokenport"] = pair.MasterEnd;
        }),
        SetUp.Vend("a link reading of the token meter", new CliStep("vend reading round", "--port", "{tokenport}", "--meters", TokenMeter, "--timeout", "200", "--tries", "3")),
        new CliStep("vend token close", "--account", "{tokenaccount}") { Shows = "link" },
    ];

    /// <summary>A `meter serve` child process, stopped with the books.</summary>
    private sealed class ServedLine(System.Diagnostics.Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }
    }
}
