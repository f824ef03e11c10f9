using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Cli.Tests.Crash;

/// <summary>
/// Every `vend` command that writes a card, killed (SIGKILL) at every step of its card write and with its card write torn,
/// then `vend recover` with the card in the reader: nothing is left pending, the audit is clean, and the books and the
/// card are either exactly as before the command or exactly as the command left alone leaves them — and when undone,
/// the command runs again and leaves just that. The in-process sweep (tests/PrepaidMeter.Vending.Tests/Crash) tears
/// every operation at every byte; this one proves the same of the real process, its files and its exit.
/// </summary>
public sealed class CrashSweepTests(SqliteSweepTemplate template) : IClassFixture<SqliteSweepTemplate>
{
    public static TheoryData<string, CardWriteStep> EveryOperationAtEveryStep()
    {
        var cases = new TheoryData<string, CardWriteStep>();
        foreach (var operation in SweptOperation.All)
        {
            foreach (var step in Enum.GetValues<CardWriteStep>())
            {
                cases.Add(operation.Name, step);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(EveryOperationAtEveryStep))]
    public Task Operation_KilledAtStep_RecoverLeavesItWholeOrUndone(string operation, CardWriteStep step) =>
        CrashSweep.Run(template, SweptOperation.Named(operation), "--at", step.ToString());

    [Theory]
    [InlineData("account open", TornAt.FirstByte)]
    [InlineData("account open", TornAt.Middle)]
    [InlineData("account open", TornAt.LastByte)]
    [InlineData("meter-change complete", TornAt.Middle)]
    public Task Operation_KilledMidCardWrite_RecoverPutsTheCardBackOrCompletesIt(string operation, TornAt at) =>
        CrashSweep.Torn(template, SweptOperation.Named(operation), at);

    [Fact]
    public async Task Sell_KilledAfterEveryByteOfItsCardWrite_RecoverPutsTheCardBackOrCompletesIt()
    {
        // Every byte through the real process for the sale (the in-process sweep does every byte of every operation).
        var sell = SweptOperation.Named("sell");
        var bytes = (await template.ReferenceOf(sell)).BytesWritten;
        bytes.ShouldBeGreaterThan(1);
        for (var k = 0; k < bytes; k++)
        {
            await CrashSweep.Run(template, sell, "--tear", k.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>The same sweep of a sale on PostgreSQL: the server's transactions and sequences, killed at each step.</summary>
public sealed class PostgresCrashSweepTests(PostgresSweepTemplate template) : IClassFixture<PostgresSweepTemplate>
{
    [Theory]
    [InlineData(CardWriteStep.Recording)]
    [InlineData(CardWriteStep.Recorded)]
    [InlineData(CardWriteStep.CardWrittenUnverified)]
    [InlineData(CardWriteStep.CardWritten)]
    [InlineData(CardWriteStep.Settling)]
    [InlineData(CardWriteStep.Committed)]
    public Task Sell_KilledAtStep_RecoverLeavesItWholeOrUndone(CardWriteStep step) =>
        CrashSweep.Run(template, SweptOperation.Named("sell"), "--at", step.ToString());

    [Theory]
    [InlineData("sell", TornAt.Middle)]
    [InlineData("account open", TornAt.Middle)]
    public Task Operation_KilledMidCardWrite_RecoverPutsTheCardBackOrCompletesIt(string operation, TornAt at) =>
        CrashSweep.Torn(template, SweptOperation.Named(operation), at);
}

/// <summary>Where in its card write an operation is torn, as a share of the bytes it writes.</summary>
public enum TornAt
{
    FirstByte,
    Middle,
    LastByte,
}

internal static class TornAtBytes
{
    /// <summary>How many of <paramref name="bytes"/> reach the card: one, half, all but one.</summary>
    public static int Of(this TornAt at, int bytes) => at switch
    {
        TornAt.FirstByte => 1,
        TornAt.Middle => bytes / 2,
        _ => bytes - 1,
    };
}

/// <summary>One case of the sweep, killed and recovered, held to the two states it may end in.</summary>
internal static class CrashSweep
{
    private const int Killed = 137;

    /// <summary>The case with <paramref name="operation"/>'s card write torn <paramref name="at"/> its bytes.</summary>
    public static async Task Torn(SweepTemplate template, SweptOperation operation, TornAt at)
    {
        var bytes = (await template.ReferenceOf(operation)).BytesWritten;
        await Run(template, operation, "--tear", at.Of(bytes).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task Run(SweepTemplate template, SweptOperation operation, params string[] crash)
    {
        var where = $"{operation} killed {string.Join(' ', crash)}{(template.OnPostgres ? " on PostgreSQL" : "")}";
        var reference = (await template.ReferenceOf(operation)).Snapshot;
        using var run = await template.NewCase();
        await run.Prepare(operation);
        var before = run.Snapshot();

        var killed = await run.RunKilled(operation.Command, crash);
        killed.Exit.ShouldBe(Killed, $"{where}: the run was not killed: {killed.Err}");

        var recovered = await run.Run(["vend", "--db", "{db}", "--reader", "folder:{folder}/cards", "--card", operation.Card, "recover"]);
        recovered.Exit.ShouldBe(0, $"{where}: recover: {recovered.Err}");
        (await run.Run(["vend", "--db", "{db}", "recover", "--list"])).Out.Trim().ShouldBe("(none)", where);
        var audit = await run.Run(["vend", "--db", "{db}", "audit", "verify"]);
        audit.Exit.ShouldBe(0, $"{where}: audit: {audit.Out}{audit.Err}");

        var after = run.Snapshot();
        if (after.Matches(reference))
        {
            return;
        }

        after.Matches(before).ShouldBeTrue($"{where}: the books and cards are neither as before nor as the command leaves them:\nagainst before:\n{after.Difference(before)}\nagainst after:\n{after.Difference(reference)}");

        // Undone: the command runs again and leaves what it leaves undisturbed. Where the discarded write used up a card
        // serial, the new card takes the next one, so only the audit can judge; on PostgreSQL a discarded row used up a
        // sequence number, so there the ids differ and the cards are compared.
        var again = await run.Run(operation.Command);
        again.Exit.ShouldBe(0, $"{where}: run again after recovery: {again.Err}");
        var redone = run.Snapshot();
        if (after.Books.NextCardSerial != before.Books.NextCardSerial)
        {
            var audited = await run.Run(["vend", "--db", "{db}", "audit", "verify"]);
            audited.Exit.ShouldBe(0, $"{where}: audit after running again: {audited.Out}{audited.Err}");
            return;
        }

        (template.OnPostgres ? redone.CardsMatch(reference) : redone.Matches(reference)).ShouldBeTrue($"{where}: run again:\n{redone.Difference(reference)}");
    }
}
