using Dapper;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Accounts;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Issuing;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Amendments;

/// <summary>
/// Amendments to an open account (PPMS 变更): its power type — the price type of its group it is sold at, from a day on
/// (电价类型变更) — and its contracted capacity, written into its meter as the power limit by a set card (增容). The rules
/// are docs/vending.md's "Amendments".
/// </summary>
public sealed class AmendmentService
{
    /// <summary>The least capacity an account may contract: below it a meter would trip on its own standby.</summary>
    public const long MinimumWatts = 100;

    private readonly VendingContext _context;
    private readonly CardWriter _cards;

    internal AmendmentService(VendingContext context, CardWriter cards)
    {
        _context = context;
        _cards = cards;
    }

    /// <summary>
    /// Moves the account to <paramref name="priceTypeId"/> for sales priced from midnight UTC of <paramref name="effectiveFrom"/>
    /// on (today or later); a change in force today is also written on the account.
    /// </summary>
    public VendResult<PowerTypeChange> ChangePowerType(OperatorSession session, long accountId, long priceTypeId, DateOnly effectiveFrom, string reason) =>
        _context.Write<PowerTypeChange>(session, Permission.Amendments, scope =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Refuse.Invalid("a power type change needs a reason");
            }

            if (AccountService.Find(scope.Connection, scope.Transaction, accountId) is not { } account)
            {
                return Refuse.NotFound($"no open account {accountId}");
            }

            if (CardInspector.PendingOnAccount(scope, accountId) is { } pending)
            {
                return CardInspector.InProgress(accountId, pending);
            }

            var today = DateOnly.FromDateTime(scope.Now.UtcDateTime);
            if (effectiveFrom < today)
            {
                return Refuse.Invalid($"a power type change takes effect today ({today:yyyy-MM-dd}) or later, not {effectiveFrom:yyyy-MM-dd}: sales already made keep their price");
            }

            var target = scope.First<(string? GroupCode, string Name, long Deleted)>("SELECT group_code, name, deleted FROM price_types WHERE id = @priceTypeId", new { priceTypeId });
            if (target.GroupCode is null || target.Deleted != 0)
            {
                return Refuse.NotFound($"no price type {priceTypeId}");
            }

            if (target.GroupCode != account.GroupCode)
            {
                return Refuse.Invalid($"price type {priceTypeId} belongs to supply group {target.GroupCode}, account {accountId} to {account.GroupCode}");
            }

            var from = Midnight(effectiveFrom);
            var last = scope.First<(long PriceTypeId, string? EffectiveFrom)>(
                "SELECT price_type_id, effective_from FROM power_type_changes WHERE account_id = @accountId ORDER BY effective_from DESC, id DESC LIMIT 1", new { accountId });
            if (last.EffectiveFrom is not null && string.CompareOrdinal(last.EffectiveFrom, from) > 0)
            {
                return Refuse.Conflict($"account {accountId} already changes type on {last.EffectiveFrom[..10]}; a change dated before it would come after it in force");
            }

            // The type the account is at on that day, as a sale would find it.
            var fromType = last.EffectiveFrom is null ? account.PriceTypeId : last.PriceTypeId;
            if (fromType == priceTypeId)
            {
                return Refuse.Conflict($"account {accountId} is at price type {priceTypeId} on {effectiveFrom:yyyy-MM-dd} already");
            }

            // The first sale the change can price is at its midnight, or now when that has passed.
            var first = string.CompareOrdinal(from, scope.Stamp) > 0 ? from : scope.Stamp;
            if (scope.Scalar<long>("SELECT COUNT(*) FROM price_versions WHERE price_type_id = @priceTypeId AND effective_from <= @first", new { priceTypeId, first }) == 0)
            {
                return Refuse.Conflict($"price type '{target.Name}' has no price in force at {first[..16].Replace('T', ' ')} UTC, when the change would first price a sale");
            }

            var id = scope.InsertCovered(AuditedTable.PowerTypeChanges,
                """
                INSERT INTO power_type_changes (account_id, from_price_type_id, price_type_id, effective_from, reason, operator, at)
                VALUES (@accountId, @fromType, @priceTypeId, @from, @reason, @op, @at)
                """,
                new { accountId, fromType, priceTypeId, from, reason, op = scope.Operator, at = scope.Stamp });
            if (string.CompareOrdinal(from, scope.Stamp) <= 0)
            {
                scope.ExecuteCovered(AuditedTable.Accounts, "UPDATE accounts SET price_type_id = @priceTypeId, version = version + 1 WHERE id = @accountId", new { accountId, priceTypeId });
            }

            scope.Log("power type change", $"account {accountId}", $"price type {fromType} -> {priceTypeId} ('{target.Name}') from {effectiveFrom:yyyy-MM-dd}: {reason}");
            return scope.First<PowerTypeRow>("SELECT * FROM power_type_changes WHERE id = @id", new { id })!.ToModel();
        });

    /// <summary>
    /// Writes the set card of a capacity change on the blank in <paramref name="reader"/>: the account's meter takes
    /// <paramref name="watts"/> as its power limit, with the group's other parameters; recorded once the card is written.
    /// </summary>
    public async Task<VendResult<CapacityChange>> ChangeCapacityAsync(
        OperatorSession session, ICardReader reader, long accountId, long watts, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var blank = await CardInspector.ReadBlankAsync(_context, session, Permission.Amendments, reader, "a capacity change writes its set card on a blank card", cancellationToken);
        if (!blank.Success)
        {
            return blank.Refusal;
        }

        var written = await _cards.RunAsync(blank.Value.Grant, reader, scope =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Refuse.Invalid("a capacity change needs a reason");
            }

            if (AccountService.Find(scope.Connection, scope.Transaction, accountId) is not { } account)
            {
                return Refuse.NotFound($"no open account {accountId}");
            }

            if (CardInspector.PendingOnAccount(scope, accountId) is { } pending)
            {
                return CardInspector.InProgress(accountId, pending);
            }

            if (MeterChangeService.OpenChangeCard(scope, account.MeterNumber) is { } changeCard)
            {
                return Refuse.Conflict($"meter {account.MeterNumber} has a meter change open (change card {changeCard}): complete it first, then set the new meter's capacity");
            }

            var group = SupplyGroupService.Find(scope.Connection, scope.Transaction, Rows.Group(account.GroupCode))!;
            var ceiling = group.PowerLimitWatts;
            if (watts < MinimumWatts || (ceiling > 0 && watts > ceiling))
            {
                return Refuse.Invalid(ceiling > 0
                    ? $"a capacity is {MinimumWatts} to {ceiling} W (supply group {group.Code}'s power limit), not {watts} W"
                    : $"a capacity is at least {MinimumWatts} W, not {watts} W");
            }

            var previous = Current(scope.Connection, scope.Transaction, accountId, group);
            // The same capacity again is refused only where it would write the meter it was written to; a new meter (after a meter change) takes it anew.
            var lastMeter = scope.Scalar<long?>(AccountChain.With + " SELECT meter_id FROM capacity_changes WHERE account_id IN (SELECT id FROM chain) ORDER BY id DESC LIMIT 1", new { accountId });
            if (previous == watts && (lastMeter is null || lastMeter == account.MeterId))
            {
                return Refuse.Conflict($"account {accountId}'s capacity is {watts} W already");
            }

            var serial = CardImages.NextSerial(scope);
            var record = new CardRecord
            {
                Kind = CardKind.Set,
                Layout = group.Layout,
                CreditUnit = group.Unit,
                SupplyGroup = Rows.Group(group.Code),
                MeterNumber = Rows.Meter(account.MeterNumber),
                CardSerial = serial,
                Parameters = SupplyGroupService.Parameters(group) with { PowerLimitWatts = checked((uint)watts) },
            };
            var operation = new CapacityCardWrite(group.Code, accountId, account.MeterId, account.MeterNumber, previous, watts, reason);
            return CardImages.Encode(group, record, blank.Value.Card.Image)
                .Then<PendingWrite>(image => new PendingWrite(accountId, null, serial, blank.Value.Card.Image, image, operation, group));
        }, cancellationToken);
        if (!written.Success)
        {
            return written.Refusal;
        }

        using var connection = _context.Database.Open();
        return connection.QueryFirst<CapacityRow>(CapacityRow.Select + " WHERE k.card_serial = @CardSerial", new { written.Value.Row.CardSerial }).ToModel();
    }

    /// <summary>The account's capacity now and its amendments, oldest first (closed accounts too: the history stays).</summary>
    public VendResult<AmendmentHistory> History(OperatorSession session, long accountId) =>
        _context.Read<AmendmentHistory>(session, Permission.Queries, connection =>
        {
            var found = connection.QueryFirstOrDefault<(long PriceTypeId, string? GroupCode)>("SELECT price_type_id, group_code FROM accounts WHERE id = @accountId", new { accountId });
            if (found.GroupCode is null)
            {
                return Refuse.NotFound($"no account {accountId}");
            }

            var group = SupplyGroupService.Find(connection, null, Rows.Group(found.GroupCode))!;
            var types = connection.Query<PowerTypeRow>("SELECT * FROM power_type_changes WHERE account_id = @accountId ORDER BY effective_from, id", new { accountId })
                .Select(r => r.ToModel()).ToList();
            var capacities = connection.Query<CapacityRow>(CapacityRow.Select + " WHERE k.account_id = @accountId ORDER BY k.id", new { accountId })
                .Select(r => r.ToModel()).ToList();
            return new AmendmentHistory(accountId, found.PriceTypeId, Current(connection, null, accountId, group), types, capacities);
        });

    /// <summary>
    /// Every power type and capacity change, oldest first (`vend query amendments`): the customer is the account's, the meter the one a
    /// capacity change was written for (a power type change's: its account's meter now), the operator and period the change's own.
    /// </summary>
    public VendResult<IReadOnlyList<AmendmentRecord>> List(OperatorSession session, QueryFilter filter) =>
        _context.ForReports.Read<IReadOnlyList<AmendmentRecord>>(session, Permission.Queries, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var parameters = new
            {
                customer = filter.Customer is { } c ? (long?)checked((long)c.Value) : null, meter = filter.Meter?.ToString(), op = filter.Operator,
                from = Reports.ReportSql.Stamp(filter.From), to = Reports.ReportSql.Stamp(filter.To),
            };
            const string Where = """
                (@customer IS NULL OR c.number = @customer) AND (@meter IS NULL OR m.number = @meter) AND (@op IS NULL OR k.operator = @op)
                AND (@from IS NULL OR k.at >= @from) AND (@to IS NULL OR k.at < @to)
                """;
            var types = connection.Query<AmendmentLine>(
                $"""
                SELECT k.id, k.account_id, c.number AS customer_number, c.name AS customer_name, m.number AS meter_number, f.name AS from_text, t.name AS to_text,
                       k.effective_from, NULL AS card_serial, k.reason, k.operator, k.at
                FROM power_type_changes k JOIN accounts a ON a.id = k.account_id JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id
                     JOIN price_types f ON f.id = k.from_price_type_id JOIN price_types t ON t.id = k.price_type_id
                WHERE {Where}
                """, parameters).Select(r => r.ToModel("power type"));
            var capacities = connection.Query<AmendmentLine>(
                $"""
                SELECT k.id, k.account_id, c.number AS customer_number, c.name AS customer_name, m.number AS meter_number,
                       {Watts("k.previous_watts")} AS from_text, {Watts("k.watts")} AS to_text, NULL AS effective_from, k.card_serial, k.reason, k.operator, k.at
                FROM capacity_changes k JOIN accounts a ON a.id = k.account_id JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = k.meter_id
                WHERE {Where}
                """, parameters).Select(r => r.ToModel("capacity"));
            return types.Concat(capacities).OrderBy(r => r.At).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList();
        });

    // Watts as text, the same on both providers (CAST to text, then the unit).
    private static string Watts(string column) => $"CAST({column} AS TEXT) || ' W'";

    /// <summary>
    /// The account's contracted capacity: the latest change's of the account or of the accounts a transfer took its meter from
    /// (the set card wrote it into the meter, which went on with the transfer), else its group's power limit.
    /// </summary>
    private static long Current(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, long accountId, GroupRow group) =>
        connection.ExecuteScalar<long?>(AccountChain.With + " SELECT watts FROM capacity_changes WHERE account_id IN (SELECT id FROM chain) ORDER BY id DESC LIMIT 1",
            new { accountId }, transaction)
            ?? group.PowerLimitWatts;

    private static string Midnight(DateOnly day) => OperationLog.Stamp(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private sealed class PowerTypeRow
    {
        public long Id { get; init; }
        public long AccountId { get; init; }
        public long FromPriceTypeId { get; init; }
        public long PriceTypeId { get; init; }
        public string EffectiveFrom { get; init; } = "";
        public string Reason { get; init; } = "";
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";

        public PowerTypeChange ToModel() =>
            new(Id, AccountId, FromPriceTypeId, PriceTypeId, DateOnly.FromDateTime(Rows.Time(EffectiveFrom).UtcDateTime), Reason, Operator, Rows.Time(At));
    }

    private sealed class AmendmentLine
    {
        public long Id { get; init; }
        public long AccountId { get; init; }
        public long CustomerNumber { get; init; }
        public string CustomerName { get; init; } = "";
        public string MeterNumber { get; init; } = "";
        public string FromText { get; init; } = "";
        public string ToText { get; init; } = "";
        public string? EffectiveFrom { get; init; }
        public long? CardSerial { get; init; }
        public string Reason { get; init; } = "";
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";

        public AmendmentRecord ToModel(string kind) => new(kind, AccountId, Core.CustomerNumber.From(checked((ulong)CustomerNumber)), CustomerName, Rows.Meter(MeterNumber),
            FromText, ToText, EffectiveFrom is null ? null : DateOnly.FromDateTime(Rows.Time(EffectiveFrom).UtcDateTime),
            CardSerial is { } serial ? Core.CardSerial.From(checked((ulong)serial)) : null, Reason, Operator, Rows.Time(At));
    }

    private sealed class CapacityRow
    {
        public const string Select = "SELECT k.*, m.number AS meter_number FROM capacity_changes k JOIN meters m ON m.id = k.meter_id";

        public long Id { get; init; }
        public long AccountId { get; init; }
        public string MeterNumber { get; init; } = "";
        public long PreviousWatts { get; init; }
        public long Watts { get; init; }
        public long CardSerial { get; init; }
        public string Reason { get; init; } = "";
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";

        public CapacityChange ToModel() =>
            new(Id, AccountId, Rows.Meter(MeterNumber), PreviousWatts, Watts, Core.CardSerial.From(checked((ulong)CardSerial)), Reason, Operator, Rows.Time(At));
    }
}
