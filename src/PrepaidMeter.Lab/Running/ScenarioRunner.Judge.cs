using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Running;

/// <summary>Checking what a step did against what the scenario expected of it.</summary>
public sealed partial class ScenarioRunner
{
    private const string Nothing = "nothing";

    private StepResult Judge(ScenarioStep step, StepOutcome outcome, MeterSnapshot meter, IReadOnlyList<MeterEvent> events, long? remainingBefore)
    {
        var expect = step.Expect;
        var checks = new List<Check>();
        var problem = outcome.Problem;

        // A refusal is a failure unless the scenario expected exactly that refusal.
        if (expect.Refused is { } reason)
        {
            checks.Add(new("refused", Name(reason), outcome.Refusal is { } r ? Name(r.Reason) : "not refused"));
        }
        else if (outcome.Refusal is { } unexpected)
        {
            problem ??= $"refused ({Name(unexpected.Reason)}): {unexpected.Message}";
        }

        if (expect.Result is { } result)
        {
            checks.Add(new("result", Name(result), outcome.Card is { } card ? Name(card.Result) : "no card inserted"));
        }

        Add(checks, "relay", expect.Relay, meter.Relay);
        Add(checks, "openReasons", expect.OpenReasons, meter.OpenReasons);
        Add(checks, "creditState", expect.CreditState, meter.CreditState);
        Add(checks, "lifeCycle", expect.LifeCycle, meter.LifeCycle);
        AddAmount(checks, "remaining", expect.Remaining, meter.Remaining.Hundredths);
        if (expect.RemainingChange is { } change)
        {
            checks.Add(new("remainingChange", FixedPoint(change),
                remainingBefore is { } was ? FixedPoint(meter.Remaining.Hundredths - was) : "another meter (the account moved)"));
        }

        AddAmount(checks, "cumulativeEnergy", expect.CumulativeEnergy, meter.CumulativeEnergy.Hundredths);
        AddCount(checks, "purchaseCount", expect.PurchaseCount, meter.PurchaseCount.Value);
        AddCount(checks, "illegalCards", expect.IllegalCards, meter.IllegalCards);
        CheckCardInHand(checks, expect);
        if (expect.Receipts is { } receipts)
        {
            var issued = _site.Office.Queries.Purchases(_site.Admin, new QueryFilter());
            checks.Add(new("receipts", Count(receipts), issued.Success ? Count(issued.Value.Count(r => r.ReceiptNumber is not null)) : issued.Refusal!.Message));
        }

        if (expect.Events is { } wanted)
        {
            var seen = events.Select(e => e.Kind).ToHashSet();
            foreach (var kind in wanted)
            {
                checks.Add(new($"event {Name(kind)}", "logged", seen.Contains(kind) ? "logged" : "not logged"));
            }
        }

        return new StepResult
        {
            Step = step,
            Summary = outcome.Summary,
            Problem = problem,
            Refusal = outcome.Refusal?.Message,
            MeterResult = outcome.Card?.Result,
            Checks = checks,
            Meter = new MeterView(meter.MeterNumber.ToString(), meter.Remaining.ToString(), meter.Remaining.Hundredths, meter.Relay, meter.OpenReasons,
                meter.CreditState, meter.PurchaseCount.Value),
            At = meter.Clock,
        };
    }

    private void CheckCardInHand(List<Check> checks, Expectation expect)
    {
        if (expect.CardPurchaseCount is null && expect.CardLoadedCount is null && expect.CardRemaining is null)
        {
            return;
        }

        var record = _hand is null ? null : _site.Layout.Decode(_hand.Memory, _site.Keys).Record;
        var returnWrite = record?.ReturnWrite;
        var missing = _hand is null ? "no card in hand" : record is null ? "unreadable card" : "no return-write";
        if (expect.CardPurchaseCount is { } count)
        {
            checks.Add(new("cardPurchaseCount", Count(count), record is null ? missing : Count(record.PurchaseCount.Value)));
        }

        if (expect.CardLoadedCount is { } loaded)
        {
            checks.Add(new("cardLoadedCount", Count(loaded), returnWrite is not { } block ? missing : Count(block.LoadedCount.Value)));
        }

        if (expect.CardRemaining is { } remaining)
        {
            checks.Add(new("cardRemaining", FixedPoint(remaining), returnWrite is not { } written ? missing : FixedPoint(written.Remaining.Hundredths)));
        }
    }

    private static void Add<T>(List<Check> checks, string what, T? expected, T actual)
        where T : struct, Enum
    {
        if (expected is { } value)
        {
            checks.Add(new(what, Name(value), Name(actual)));
        }
    }

    private static void AddAmount(List<Check> checks, string what, long? expected, long actual)
    {
        if (expected is { } value)
        {
            checks.Add(new(what, FixedPoint(value), FixedPoint(actual)));
        }
    }

    private static void AddCount(List<Check> checks, string what, uint? expected, uint actual)
    {
        if (expected is { } value)
        {
            checks.Add(new(what, Count(value), Count(actual)));
        }
    }

    /// <summary>An enum as the scenario files write it; flags as "a, b" and none as "nothing".</summary>
    private static string Name<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        return text == "None" ? Nothing : string.Join(", ", text.Split(", ").Select(JsonFields.CamelCase));
    }

    private static string FixedPoint(long hundredths) => Energy.FromHundredths(hundredths).ToString("F", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
