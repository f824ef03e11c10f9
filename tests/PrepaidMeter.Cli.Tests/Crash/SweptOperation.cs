namespace PrepaidMeter.Cli.Tests.Crash;

/// <summary>
/// A `vend` command that writes a card, as the crash sweep runs it: <see cref="Card"/> is the card file it writes (the one
/// `vend recover` then reads), <see cref="Before"/> the commands that bring the books to where it can run.
/// </summary>
internal sealed record SweptOperation(string Name, string Card, string[] Args)
{
    public IReadOnlyList<string[]> Before { get; init; } = [];

    /// <summary>Every command of the CLI that writes a card through the back office's card writer, from <see cref="SweepTemplate"/>'s books.</summary>
    public static IReadOnlyList<SweptOperation> All { get; } =
    [
        new("account open", "new", ["account", "open", "--customer", "2", "--meter", SweepTemplate.SpareMeter, "--price", "1", "--energy", "20"]),
        new("sell", "li", ["sell", "--energy", "10"]),
        new("correct", "li", ["correct", "--energy", "12"]) { Before = [Vend("li", "sell", "--energy", "10")] },
        new("cancel", "li", ["cancel"]) { Before = [Vend("li", "sell", "--energy", "10")] },
        new("card reissue", "li2", ["card", "reissue", "--account", "1", "--reason", "lost"]),
        new("card tool", "tool", ["card", "tool", "set", "--group", SweepTemplate.Group]),
        new("card recycle", "tool", ["card", "recycle"]) { Before = [Vend("tool", "card", "tool", "set", "--group", SweepTemplate.Group)] },
        new("meter-change card", "chg", ["meter-change", "card", "--account", "1", "--user-card", "li"]),
        new("meter-change complete", "li", ["meter-change", "complete", "--change-card", "chg", "--new-meter", SweepTemplate.SpareMeter])
        {
            Before = [Vend("chg", "meter-change", "card", "--account", "1", "--user-card", "li"), ["meter", "insert", "-m", "{folder}/m.nvram", "{folder}/cards/chg.hex"]],
        },
    ];

    public static SweptOperation Named(string name) => All.Single(o => o.Name == name);

    /// <summary>A `vend` command line with <paramref name="card"/> in the reader ({db} and {folder} are the case's).</summary>
    private static string[] Vend(string card, params string[] args) => ["vend", "--db", "{db}", "--reader", "folder:{folder}/cards", "--card", card, .. args];

    public string[] Command => Vend(Card, Args);

    public override string ToString() => Name;
}
