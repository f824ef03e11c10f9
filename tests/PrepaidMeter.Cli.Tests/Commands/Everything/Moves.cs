namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>One move of the scenario every role plays: a command under test, or set-up around the commands.</summary>
internal abstract record Move;

/// <summary>
/// A command under test: its row in docs/vending.md's permission table (the command, and the options that make a
/// variant its own row) and its arguments, where {name} stands for a value an earlier step captured.
/// </summary>
internal sealed record CliStep(string Row, params string[] Args) : Move
{
    private static readonly IReadOnlyDictionary<string, string?> NoVariables = new Dictionary<string, string?>();

    /// <summary>The card file in the folder reader (--card).</summary>
    public string? Card { get; init; }

    /// <summary>Asks for --json, for a capture to read.</summary>
    public bool Json { get; init; }

    /// <summary>Environment variables the command reads besides the operator's ({name} allowed); null removes one.</summary>
    public IReadOnlyDictionary<string, string?> Env { get; init; } = NoVariables;

    /// <summary>What stdout must say when the command succeeds (besides exit 0 and no stack trace).</summary>
    public string? Shows { get; init; }

    /// <summary>Reads values for later steps from a successful run's stdout.</summary>
    public Action<Books, string>? Capture { get; init; }

    /// <summary>
    /// Later steps need what this one does: when the role is refused, it is done anyway (by <see cref="Instead"/>, or
    /// by the administrator running the same command). False for reads and for changes nothing later depends on.
    /// </summary>
    public bool Keeps { get; init; } = true;

    /// <summary>
    /// How the command runs when it cannot simply run in process (a server), as the login given, told whether the
    /// table says it may; null runs it in process.
    /// </summary>
    public Func<Books, CliStep, string, bool, Task<Outcome>>? RunsAs { get; init; }

    /// <summary>What stands in for the command when the role is refused and later steps need its effect; null: the administrator runs it.</summary>
    public Func<Books, Task>? Instead { get; init; }

    public override string ToString() => $"`{Row}`";
}

/// <summary>Set-up that is not itself a row of the table: a meter taking a card, a card file, a helper command run as the administrator.</summary>
internal sealed record SetUp(string What, Func<Books, Task> Do) : Move
{
    /// <summary>A command run as the administrator to prepare for others (not the check of its own row); it must succeed.</summary>
    public static SetUp Vend(string what, CliStep step) => new(what, async books =>
    {
        var outcome = await books.Run(Operators.Admin, step);
        outcome.Exit.ShouldBe(0, $"set-up '{what}': {outcome}");
        step.Capture?.Invoke(books, outcome.Out);
    });

    /// <summary>The meter in <paramref name="meterFile"/> takes card <paramref name="card"/>; its result must start with <paramref name="expected"/>.</summary>
    public static SetUp Insert(string meterFile, string card, string expected) => new($"{card} into {meterFile}", async books =>
    {
        var inserted = await Prepaid.RunAsync("meter", "insert", "-m", books.File(meterFile), Path.Combine(books.Cards, card + ".hex"));
        inserted.Out.ShouldStartWith(expected, customMessage: $"meter {meterFile} took card {card}: {inserted.Err}");
    });
}
