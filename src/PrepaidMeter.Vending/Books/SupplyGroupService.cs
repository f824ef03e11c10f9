using Dapper;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Books;

/// <summary>
/// Supply groups (供电组): the maintenance code the card keys derive from, the meter model and card
/// layout, and the parameters set cards carry. At most as many groups as the site's licence allows.
/// </summary>
public sealed class SupplyGroupService
{
    private readonly VendingContext _context;

    internal SupplyGroupService(VendingContext context) => _context = context;

    public VendResult<SupplyGroup> Add(OperatorSession session, SupplyGroupDefinition definition) =>
        _context.Write<SupplyGroup>(session, Permission.SupplyGroups, scope =>
        {
            ArgumentNullException.ThrowIfNull(definition);
            if (Problem(definition, out var layout) is { } problem)
            {
                return Refuse.Invalid(problem);
            }

            var code = Rows.Group(definition.Code);
            if (scope.Scalar<long>("SELECT COUNT(*) FROM supply_groups WHERE code = @code", new { code }) > 0)
            {
                return Refuse.Conflict($"supply group {code} already exists");
            }

            if (definition.SubMeter is { } subMeter
                && scope.Scalar<string?>("SELECT code FROM supply_groups WHERE sub_meter = @subMeter", new { subMeter = (long)subMeter }) is { } holder)
            {
                return Refuse.Conflict($"sub-meter number {subMeter} is supply group {holder}'s; sub-meter numbers are distinct within the site");
            }

            var licence = scope.Scalar<long>("SELECT licence_groups FROM site WHERE id = 1");
            var count = scope.Scalar<long>("SELECT COUNT(*) FROM supply_groups");
            if (count >= licence)
            {
                return new Refusal(RefusalReason.Licence, $"the site's licence allows {licence} supply groups and all are in use");
            }

            scope.ExecuteCovered(AuditedTable.SupplyGroups,
                """
                INSERT INTO supply_groups (code, name, secret, meter_model, layout, layout_text, credit_unit, purchase_limit, preset, alarm1, alarm2, overdraft, power_limit_watts, utility, sub_meter)
                VALUES (@code, @Name, @secret, @MeterModel, @layoutId, @layoutText, @unit, @PurchaseLimitHundredths, @PresetHundredths, @Alarm1Hundredths, @Alarm2Hundredths, @OverdraftHundredths, @PowerLimitWatts, @utility, @subMeter)
                """,
                new
                {
                    code, definition.Name, secret = definition.SecretHex.Trim().ToUpperInvariant(), definition.MeterModel,
                    layoutId = layout!.Id, layoutText = CardLayouts.TextUnlessShipped(layout),
                    unit = Rows.Unit(definition.CreditUnit), PurchaseLimitHundredths = definition.PurchaseLimit.Hundredths,
                    PresetHundredths = definition.Preset.Hundredths, Alarm1Hundredths = definition.Alarm1.Hundredths, Alarm2Hundredths = definition.Alarm2.Hundredths,
                    OverdraftHundredths = definition.Overdraft.Hundredths, PowerLimitWatts = (long)definition.PowerLimitWatts,
                    utility = definition.ResolvedMeterType.Name(), subMeter = (long?)definition.SubMeter,
                });
            var group = Find(scope.Connection, scope.Transaction, definition.Code)!;
            scope.Log("group add", code, Describe(group));
            return group.ToModel();
        });

    /// <summary>Changes a group's limits and parameters; the maintenance code, layout and unit never change once cards exist.</summary>
    public VendResult<SupplyGroup> ChangeParameters(OperatorSession session, SupplyGroupCode code, MeterParameters parameters, CreditAmount preset) =>
        _context.Write<SupplyGroup>(session, Permission.SupplyGroups, scope =>
        {
            if (Find(scope.Connection, scope.Transaction, code) is not { } group)
            {
                return Refuse.NotFound($"no supply group {code}");
            }

            if (MeterParameterRules.Problem(parameters) is { } problem)
            {
                return Refuse.Invalid(problem);
            }

            scope.ExecuteCovered(AuditedTable.SupplyGroups,
                "UPDATE supply_groups SET purchase_limit = @limit, preset = @preset, alarm1 = @a1, alarm2 = @a2, overdraft = @od, power_limit_watts = @watts WHERE code = @code",
                new
                {
                    code = group.Code, limit = parameters.PurchaseLimit.Hundredths, preset = preset.Hundredths, a1 = parameters.Alarm1.Hundredths,
                    a2 = parameters.Alarm2.Hundredths, od = parameters.OverdraftLimit.Hundredths, watts = (long)parameters.PowerLimitWatts,
                });
            var changed = Find(scope.Connection, scope.Transaction, code)!;
            scope.Log("group change", group.Code, Describe(changed));
            return changed.ToModel();
        });

    /// <summary>
    /// Records the meter type of a group made before meter types were kept (schema step 10): such a group reads as water
    /// when it counts m³, so a gas group made then says it is gas here, once. A type once recorded never changes — the
    /// group's sales, readings and losses are filed under it — and saying it again changes nothing.
    /// </summary>
    public VendResult<SupplyGroup> RecordMeterType(OperatorSession session, SupplyGroupCode code, Utility meterType) =>
        _context.Write<SupplyGroup>(session, Permission.SupplyGroups, scope =>
        {
            if (Find(scope.Connection, scope.Transaction, code) is not { } group)
            {
                return Refuse.NotFound($"no supply group {code}");
            }

            if (group.Utility is { } recorded)
            {
                // Saying again what is recorded changes nothing and is no mistake; saying another type is.
                return recorded == meterType.Name() ? group.ToModel()
                    : Refuse.Conflict($"supply group {group.Code} is {recorded}, recorded when it was made; a meter type never changes");
            }

            if (!Enum.IsDefined(meterType) || (meterType != Utility.Electricity) != (group.Unit == CreditUnit.Volume))
            {
                return Refuse.Invalid($"supply group {group.Code} counts credit in {group.Unit.Name()}: it cannot be {meterType.Name()}");
            }

            scope.ExecuteCovered(AuditedTable.SupplyGroups, "UPDATE supply_groups SET utility = @utility WHERE code = @code", new { code = group.Code, utility = meterType.Name() });
            var changed = Find(scope.Connection, scope.Transaction, code)!;
            scope.Log("group meter type", group.Code, Describe(changed));
            return changed.ToModel();
        });

    public VendResult<IReadOnlyList<SupplyGroup>> List(OperatorSession session) =>
        _context.Read<IReadOnlyList<SupplyGroup>>(session, Permission.Queries, connection =>
            connection.Query<GroupRow>("SELECT * FROM supply_groups ORDER BY code").Select(g => g.ToModel()).ToList());

    /// <summary>The PSC the group's card stock is initialised with (card issuing needs it; it is not the maintenance code).</summary>
    public VendResult<ReadOnlyMemory<byte>> CardPsc(OperatorSession session, SupplyGroupCode code) =>
        _context.Read<ReadOnlyMemory<byte>>(session, Permission.ToolCards, connection =>
            Find(connection, null, code) is { } group ? GroupKeys.Of(group).Psc : Refuse.NotFound($"no supply group {code}"));

    internal static GroupRow? Find(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, SupplyGroupCode code) =>
        connection.QueryFirstOrDefault<GroupRow>("SELECT * FROM supply_groups WHERE code = @code", new { code = Rows.Group(code) }, transaction);

    internal static MeterParameters Parameters(GroupRow g) =>
        new(g.Amount(g.Alarm1), g.Amount(g.Alarm2), g.Amount(g.Overdraft), g.Amount(g.PurchaseLimit), checked((uint)g.PowerLimitWatts));

    private static string Describe(GroupRow g) =>
        $"'{g.Name}', {g.MeterType.Name()}{(g.SubMeter is { } n ? $" sub-meter {n}" : "")}, model {g.MeterModel}, layout {g.Layout}, unit {g.CreditUnit}, limit {g.Amount(g.PurchaseLimit)}, preset {g.Amount(g.Preset)}, alarms {g.Amount(g.Alarm1)}/{g.Amount(g.Alarm2)}, overdraft {g.Amount(g.Overdraft)}";

    private static string? Problem(SupplyGroupDefinition d, out CardLayout? layout)
    {
        layout = null;
        if (string.IsNullOrWhiteSpace(d.Name) || string.IsNullOrWhiteSpace(d.MeterModel))
        {
            return "a supply group needs a name and a meter model";
        }

        if (SupplyGroupKeys.TryParseSecret(d.SecretHex, out _) is { } secretProblem)
        {
            return $"maintenance code: {secretProblem}";
        }

        var resolved = d.LayoutText is { } text ? LayoutCompiler.Load(text, $"layout '{d.Layout}'") : CardLayouts.Resolve(d.Layout);
        if (resolved.Layout is not { } compiled)
        {
            return $"layout: {string.Join("; ", resolved.Errors)}";
        }

        if (!compiled.Supports(CardKind.User))
        {
            return $"layout {d.Layout} carries no user cards";
        }

        layout = compiled;

        if (!Enum.IsDefined(d.CreditUnit))
        {
            return $"credit unit {(byte)d.CreditUnit} is none of energy, money and volume";
        }

        if (d.MeterType is { } type && !Enum.IsDefined(type))
        {
            return $"meter type {(byte)type} is none of electricity, water and gas";
        }

        // Water and gas meters count m³ (money credit on them is not implemented: the models refuse it too);
        // electricity meters count kWh or money, never m³.
        var meterType = d.ResolvedMeterType;
        if ((meterType != Utility.Electricity) != (d.CreditUnit == CreditUnit.Volume))
        {
            return meterType == Utility.Electricity
                ? "an electricity group counts credit in energy or money, not volume; give meter type water or gas for m³"
                : $"a {meterType.Name()} group counts credit in volume (m³), not {d.CreditUnit.Name()}";
        }

        if (d.SubMeter is { } subMeter && subMeter is < 1 or > 4)
        {
            return $"a sub-meter number is 1 to 4 (the seeds' four accounts a site), not {subMeter}";
        }

        CreditAmount[] amounts = [d.PurchaseLimit, d.Preset, d.Alarm1, d.Alarm2, d.Overdraft];
        if (amounts.Any(a => a.Unit != d.CreditUnit))
        {
            return $"limits, preset, alarms and overdraft must be in the group's credit unit, {d.CreditUnit}";
        }

        if (amounts.Any(a => a.Hundredths < 0))
        {
            return "limits, preset, alarms and overdraft must not be negative";
        }

        var parameters = new MeterParameters(d.Alarm1, d.Alarm2, d.Overdraft, d.PurchaseLimit, d.PowerLimitWatts);
        return MeterParameterRules.Problem(parameters);
    }

    /// <summary>The group's medium as the books keep it: a group with none set sells cards.</summary>
    internal static SupplyMedium MediumOf(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, string groupCode) =>
        SupplyMedia.Parse(connection.ExecuteScalar<string?>("SELECT medium FROM supply_groups WHERE code = @groupCode", new { groupCode }, transaction)) ?? SupplyMedium.Card;
}
