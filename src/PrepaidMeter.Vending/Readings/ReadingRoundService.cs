using System.Data.Common;
using Dapper;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Readings;

/// <summary>
/// Centralised meter reading (集中抄表, docs/vending.md "Centralised meter reading"): a round polls every meter of a
/// line, a transformer area or a list over the meter link, one after the other, stores each answer as a reading
/// (source link) as a card's return-write is stored, and records the round — its counts and the meters that gave no
/// reading — with its log entry, in one transaction once the polling is done. The link is the
/// <see cref="IMeterLinkReader"/> seam: the back office never sees a frame.
/// </summary>
public sealed class ReadingRoundService
{
    private readonly VendingContext _context;

    internal ReadingRoundService(VendingContext context) => _context = context;

    /// <summary>
    /// Polls the meters of <paramref name="scope"/> over <paramref name="link"/> and records what they said. Refused,
    /// before anything is polled, for an empty scope, an unknown meter, a meter named twice, or a water or gas meter
    /// in a list. Cancelled part-way, it records nothing.
    /// </summary>
    public async Task<VendResult<ReadingRound>> RunAsync(OperatorSession session, RoundScope scope, IMeterLinkReader link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(link);
        var grant = Grant.Check(session, Permission.Readings);
        if (!grant.Success)
        {
            return grant.Refusal;
        }

        var meters = _context.Read(grant.Value, connection => Polled(connection, scope));
        if (!meters.Success)
        {
            return meters.Refusal;
        }

        var started = _context.Now;
        var answers = new List<(PolledMeter Meter, LinkReading Reading)>(meters.Value.Count);
        foreach (var meter in meters.Value)
        {
            answers.Add((meter, await link.ReadAsync(meter.Number, meter.Unit, cancellationToken).ConfigureAwait(false)));
        }

        return _context.Write<ReadingRound>(grant.Value, write => Record(write, scope, link.Name, started, answers));
    }

    /// <summary>The rounds started in [<paramref name="from"/>, <paramref name="to"/>) (null: no bound), oldest first, with the meters each missed.</summary>
    public VendResult<IReadOnlyList<ReadingRound>> Rounds(OperatorSession session, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        _context.Read<IReadOnlyList<ReadingRound>>(session, Permission.Queries, connection =>
            connection.Query<RoundRow>(
                    $"SELECT {RoundRow.Columns} FROM reading_rounds WHERE (@from IS NULL OR started_at >= @from) AND (@to IS NULL OR started_at < @to) ORDER BY id",
                    new { from = from is { } f ? OperationLog.Stamp(f) : null, to = to is { } t ? OperationLog.Stamp(t) : null })
                .Select(r => r.ToModel()).ToList());

    private static VendResult<ReadingRound> Record(WriteScope write, RoundScope scope, string port, DateTimeOffset started, List<(PolledMeter Meter, LinkReading Reading)> answers)
    {
        var stored = 0;
        var silent = new List<MeterNumber>();
        var refused = new List<MissedMeter>();
        foreach (var (meter, reading) in answers)
        {
            switch (reading.Outcome)
            {
                case LinkReadingOutcome.Read:
                    stored += CardInspector.RecordReading(write, reading.Block, ReadingSource.Link);
                    break;
                case LinkReadingOutcome.Silent:
                    silent.Add(meter.Number);
                    break;
                default:
                    refused.Add(new MissedMeter(meter.Number, OneLine(reading.Message)));
                    break;
            }
        }

        var answered = answers.Count - silent.Count - refused.Count;
        var row = new
        {
            started = OperationLog.Stamp(started), finished = write.Stamp, op = write.Operator, kind = Rows.Lower(scope.Kind), scope = scope.Name, port,
            polled = (long)answers.Count, answered = (long)answered, stored = (long)stored,
            silent = string.Join(' ', silent), refused = string.Join('\n', refused.Select(r => $"{r.Meter} {r.Why}")),
        };
        var id = write.InsertCovered(AuditedTable.ReadingRounds,
            """
            INSERT INTO reading_rounds (started_at, finished_at, operator, scope_kind, scope, port, polled, answered, stored, silent, refused)
            VALUES (@started, @finished, @op, @kind, @scope, @port, @polled, @answered, @stored, @silent, @refused)
            """,
            row);
        var missed = (silent.Count > 0 ? $"; silent: {row.silent}" : "") + (refused.Count > 0 ? $"; refused: {string.Join(", ", refused.Select(r => r.Meter))}" : "");
        write.Log("reading round", scope.ToString(), $"round {id} on {port}: {answers.Count} polled, {answered} answered, {stored} readings stored{missed}");
        return new ReadingRound(id, scope.Kind, scope.Name, port, started, write.Now, write.Operator, answers.Count, answered, stored, silent, refused);
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    /// <summary>The meters <paramref name="scope"/> names, each with its group's credit unit, or why the round cannot start.</summary>
    private static VendResult<IReadOnlyList<PolledMeter>> Polled(DbConnection connection, RoundScope scope)
    {
        const string Electricity = $"COALESCE(g.utility, CASE g.credit_unit WHEN 'volume' THEN 'water' ELSE 'electricity' END)";
        if (scope.Kind == RoundScopeKind.List)
        {
            if (scope.Meters.Count == 0)
            {
                return Refuse.Invalid("a round over a list needs at least one meter number");
            }

            if (scope.Meters.GroupBy(m => m).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return Refuse.Invalid($"meter {twice.Key} is named twice in the list");
            }

            // One look-up a meter: a list is a few dozen meters, and an IN list is spelled differently by each engine.
            var known = new Dictionary<string, MeterRow>(StringComparer.Ordinal);
            foreach (var number in scope.Meters.Select(Rows.Meter))
            {
                if (connection.QueryFirstOrDefault<MeterRow>(
                        $"SELECT m.number AS Number, g.credit_unit AS Unit, {Electricity} AS Utility FROM meters m JOIN supply_groups g ON g.code = m.group_code WHERE m.number = @number",
                        new { number }) is { } row)
                {
                    known[number] = row;
                }
            }

            var missing = scope.Meters.Where(m => !known.ContainsKey(Rows.Meter(m))).ToList();
            if (missing.Count > 0)
            {
                return Refuse.NotFound($"not in the books: meter {string.Join(", ", missing)}; nothing was polled");
            }

            if (scope.Meters.Select(m => known[Rows.Meter(m)]).FirstOrDefault(r => r.Utility != "electricity") is { } other)
            {
                return Refuse.Invalid($"meter {other.Number} is a {other.Utility} meter: it answers CJ/T 188, and a round reads DL/T 645 electricity meters; nothing was polled");
            }

            return scope.Meters.Select(m => new PolledMeter(m, Rows.Unit(known[Rows.Meter(m)].Unit))).ToList();
        }

        if (string.IsNullOrWhiteSpace(scope.Name))
        {
            return Refuse.Invalid($"a round over a {Rows.Lower(scope.Kind)} needs its name");
        }

        var column = scope.Kind == RoundScopeKind.Line ? "c.line" : "c.transformer_area";
        var meters = connection.Query<MeterRow>(
                $"""
                SELECT m.number AS Number, g.credit_unit AS Unit, {Electricity} AS Utility
                FROM accounts a JOIN meters m ON m.id = a.meter_id JOIN customers c ON c.id = a.customer_id JOIN supply_groups g ON g.code = m.group_code
                WHERE a.status = 'open' AND {column} = @name AND {Electricity} = 'electricity'
                ORDER BY m.number
                """,
                new { name = scope.Name })
            .Select(r => new PolledMeter(Rows.Meter(r.Number), Rows.Unit(r.Unit)))
            .ToList();
        return meters.Count > 0 ? meters : Refuse.NotFound($"{scope} has no electricity meter with an open account; nothing was polled");
    }

    private sealed record PolledMeter(MeterNumber Number, CreditUnit Unit);

    /// <summary>Settable, not positional: SQLite names an expression column's type only from a row, so an empty answer has none to match a constructor by.</summary>
    private sealed class MeterRow
    {
        public string Number { get; init; } = "";

        public string Unit { get; init; } = "";

        public string Utility { get; init; } = "";
    }

    private sealed record RoundRow(long Id, string ScopeKind, string Scope, string Port, string StartedAt, string FinishedAt, string Operator,
        long Polled, long Answered, long Stored, string Silent, string Refused)
    {
        public const string Columns =
            "id AS Id, scope_kind AS ScopeKind, scope AS Scope, port AS Port, started_at AS StartedAt, finished_at AS FinishedAt, operator AS Operator, "
            + "polled AS Polled, answered AS Answered, stored AS Stored, silent AS Silent, refused AS Refused";

        public ReadingRound ToModel() => new(Id, Rows.Enum<RoundScopeKind>(ScopeKind), Scope, Port, Rows.Time(StartedAt), Rows.Time(FinishedAt), Operator,
            checked((int)Polled), checked((int)Answered), checked((int)Stored),
            [.. Silent.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Rows.Meter)],
            [.. Refused.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => new MissedMeter(Rows.Meter(l[..l.IndexOf(' ', StringComparison.Ordinal)]), l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]))]);
    }
}
