using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Scenarios;

public static partial class ScenarioParser
{
    /// <summary>
    /// What a step asks of a meter the model does not make: an amount in another unit (kWh for a water meter, m³ for an
    /// electricity one), a load through a water meter or a flow through an electricity one, a part the model has not got,
    /// a water meter's register on an electricity meter or the other way round.
    /// </summary>
    internal static IEnumerable<(ScenarioStep Step, string Problem)> ModelProblems(MeterModel model, IReadOnlyList<ScenarioStep> steps)
    {
        var flows = model.Utility != Utility.Electricity;
        var what = flows ? $"{model.Id} is a {model.Utility.Name()} meter counting m³" : $"{model.Id} is an electricity meter counting {(model.CreditUnit == CreditUnit.Money ? "money" : "kWh")}";
        foreach (var step in steps)
        {
            if (step.Purchase is { Energy: { } energy } && model.CreditUnit == CreditUnit.Volume)
            {
                yield return (step, $"'energy': {what}; sell it 'volume' (such as \"10 m3\") or 'money', not {energy}");
            }

            if (step.Purchase is { Volume: { } volume } && model.CreditUnit != CreditUnit.Volume)
            {
                yield return (step, $"'volume': {what}; sell it 'energy' or 'money', not {volume}");
            }

            if (step.Kind == StepKind.Consume && flows)
            {
                yield return (step, $"{what}: it is advanced under a flow, not a load; use {{\"do\":\"flow\",\"rate\":\"120L/h\",\"for\":\"1h\"}}");
            }

            if (step.Kind == StepKind.Flow && !flows)
            {
                yield return (step, $"{what}: it is advanced under a load, not a flow; use {{\"do\":\"consume\",\"load\":\"2kW\",\"for\":\"1h\"}}");
            }

            if (StepKinds.IsToken(step.Kind) && !model.TakesTokens)
            {
                yield return (step, $"model {model.Id} takes no keypad tokens (its media: cards); the token models are pm-sts-energy and pm-dual-energy");
            }

            if (!model.TakesCards && NeedsCards(step.Kind))
            {
                yield return (step, $"model {model.Id} takes keypad tokens only: it has no card reader, so no account is opened on a card and no user or tool card goes to it (a blankCard step shows its refusal)");
            }

            if ((step.Token?.CreditUnit ?? step.KeyChange?.CreditUnit) is { } unit && unit != model.CreditUnit)
            {
                yield return (step, $"'{(unit == CreditUnit.Volume ? "volume" : "energy")}': {what}; its credit tokens carry '{(flows ? "volume" : "energy")}'");
            }

            if (MissingPart(model, step.Kind) is { } part)
            {
                yield return (step, $"model {model.Id} has no {part}");
            }

            foreach (var field in WrongRegisters(step.Expect, flows))
            {
                yield return (step, $"'expect': '{field}' names nothing on this meter: {what}");
            }
        }
    }

    /// <summary>The steps that carry a card the lab writes for the account (or a tool card) to the meter: none of them on a keypad-only meter.</summary>
    private static bool NeedsCards(StepKind kind) => kind is StepKind.OpenAccount or StepKind.Sell or StepKind.Correct or StepKind.Cancel or StepKind.ChargeArrears
        or StepKind.TakeReading or StepKind.Reissue or StepKind.ToolCard or StepKind.ChangeMeter or StepKind.Swipe or StepKind.KeepImage or StepKind.Replay
        or StepKind.LoseCard or StepKind.ForeignCard or StepKind.TamperCard or StepKind.ForgeCard or StepKind.OverLimitCard or StepKind.Recover;

    private static string? MissingPart(MeterModel model, StepKind kind) => kind switch
    {
        StepKind.ApplyMagnet or StepKind.RemoveMagnet or StepKind.OpenCase or StepKind.CloseCase when model.Tamper is null => "tamper watch (a water or gas meter's magnet and case sensors)",
        StepKind.ChangeBattery when model.Battery is null => "battery",
        StepKind.SeizeValve or StepKind.FreeValve when model.SupplySwitch != SupplySwitch.Valve => "valve",
        _ => null,
    };

    /// <summary>The expectation fields that read a register the meter has not got.</summary>
    private static IEnumerable<string> WrongRegisters(Expectation expect, bool flows)
    {
        if (flows && expect.CumulativeEnergy is not null)
        {
            yield return "cumulativeEnergy";
        }

        if (flows)
        {
            yield break;
        }

        foreach (var (name, given) in FlowSideFields(expect))
        {
            if (given)
            {
                yield return name;
            }
        }
    }
}
