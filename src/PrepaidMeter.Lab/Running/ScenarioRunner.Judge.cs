using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
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

        var seen = _target.Observes;
        Add(checks, seen, MeterFacts.Relay, "relay", expect.Relay, meter.Relay);
        Add(checks, seen, MeterFacts.OpenReasons, "openReasons", expect.OpenReasons, meter.OpenReasons);
        Add(checks, seen, MeterFacts.CreditState, "creditState", expect.CreditState, meter.CreditState);
        Add(checks, seen, MeterFacts.LifeCycle, "lifeCycle", expect.LifeCycle, meter.LifeCycle);
        Add(checks, seen, MeterFacts.Remaining, "remaining", expect.Remaining, meter.Remaining.Hundredths, FixedPoint);
        if (expect.RemainingChange is { } change)
        {
            checks.Add(!seen.HasFlag(MeterFacts.Remaining) ? Check.NotObservable("remainingChange", FixedPoint(change), _target.Name)
                : new("remainingChange", FixedPoint(change), remainingBefore is { } was ? FixedPoint(meter.Remaining.Hundredths - was) : "another meter (the account moved)"));
        }

        Add(checks, seen, MeterFacts.CumulativeEnergy, "cumulativeEnergy", expect.CumulativeEnergy, meter.CumulativeEnergy.Hundredths, FixedPoint);
        Add(checks, seen, MeterFacts.PurchaseCount, "purchaseCount", (long?)expect.PurchaseCount, meter.PurchaseCount.Value, Count);
        Add(checks, seen, MeterFacts.IllegalCards, "illegalCards", (long?)expect.IllegalCards, meter.IllegalCards, Count);
        if (expect.Alarm is { } alarm)
        {
            checks.Add(seen.HasFlag(MeterFacts.AlarmFlag) ? new("alarm", OnOff(alarm), OnOff(meter.AlarmOn)) : Check.NotObservable("alarm", OnOff(alarm), _target.Name));
        }
        CheckFlowSide(checks, expect, meter);
        CheckTokens(checks, expect, outcome.Tokens, meter);
        CheckCardInHand(checks, expect);
        CheckBooks(checks, expect);
        CheckRecorded(checks, expect, meter.MeterNumber);
        if (expect.PendingWrites is { } pending)
        {
            checks.Add(new("pendingWrites", Count(pending), Count(_site.Office.Recovery.Pending().Count)));
        }

        if (expect.Events is { } wanted)
        {
            var logged = events.Select(e => e.Kind).ToHashSet();
            foreach (var kind in wanted)
            {
                checks.Add(seen.HasFlag(MeterFacts.Events)
                    ? new($"event {Name(kind)}", "logged", logged.Contains(kind) ? "logged" : "not logged")
                    : Check.NotObservable($"event {Name(kind)}", "logged", _target.Name));
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
                meter.CreditState, meter.PurchaseCount.Value) { Valve = meter.Flow?.Valve },
            At = meter.Clock,
        };
    }

    /// <summary>The meter's answers to the step's token entries, and a token meter's STS registers (rules TK3, TK5, TK12).</summary>
    private void CheckTokens(List<Check> checks, Expectation expect, IReadOnlyList<Meter.Tokens.TokenOutcome>? entered, MeterSnapshot meter)
    {
        var last = entered is { Count: > 0 } ? entered[^1] : null;
        if (expect.Token is { } response)
        {
            checks.Add(new("token", Name(response), last is null ? "no token entered" : Name(last.Response)));
        }

        if (expect.Tokens is { } responses)
        {
            checks.Add(new("tokens", string.Join(", ", responses.Select(r => Name(r))), entered is null or { Count: 0 } ? "no token entered" : string.Join(", ", entered.Select(o => Name(o.Response)))));
        }

        if (expect.Display is { } display)
        {
            checks.Add(new("display", display, last is null ? "no token entered" : last.Display));
        }

        var seen = _target.Observes.HasFlag(MeterFacts.TokenSide);
        var sts = meter.Token;
        void Register(string what, int? expected, int? actual)
        {
            if (expected is { } value)
            {
                var wanted = Count(value);
                checks.Add(!seen ? Check.NotObservable(what, wanted, _target.Name) : new(what, wanted, actual is { } a ? Count(a) : "not a token meter"));
            }
        }

        Register("tidsKept", expect.TidsKept, sts?.TidsKept);
        Register("keyRevision", expect.KeyRevision, sts?.KeyRevision);
        Register("baseDate", expect.BaseDate, sts is null ? null : (int)sts.BaseDate);
        Register("keyExpiry", expect.KeyExpiry, sts?.KeyExpiry);
    }

    private void CheckBooks(List<Check> checks, Expectation expect)
    {
        if (expect.Receipts is null && expect.Sold is null && expect.Collected is null)
        {
            return;
        }

        var issued = _site.Office.Queries.Purchases(_site.Admin, new QueryFilter());
        if (!issued.Success)
        {
            checks.Add(new("receipts", "the books", issued.Refusal.Message));
            return;
        }

        if (expect.Receipts is { } receipts)
        {
            checks.Add(new("receipts", Count(receipts), Count(issued.Value.Count(r => r.ReceiptNumber is not null))));
        }

        // The takings as docs/reports.md counts them: committed openings, sales and corrections; a transfer is not takings.
        var takings = issued.Value.Where(r => r.Status == SaleStatus.Committed && r.Kind is SaleKind.Opening or SaleKind.Sale or SaleKind.Correction).ToList();
        if (expect.Sold is { } sold)
        {
            checks.Add(new("sold", FixedPoint(sold), FixedPoint(takings.Sum(r => r.Credit.Hundredths))));
        }

        if (expect.Collected is { } collected)
        {
            checks.Add(new("collected", FixedPoint(collected), FixedPoint(takings.Sum(r => r.Money.Hundredths))));
        }
    }

    /// <summary>The back office's last reading of the step's meter, as the books hold it (docs/scenarios.md, "Reading a replaced meter").</summary>
    private void CheckRecorded(List<Check> checks, Expectation expect, MeterNumber meter)
    {
        if (expect is { RecordedLoadedCount: null, RecordedRemaining: null, RecordedCumulativeEnergy: null })
        {
            return;
        }

        var last = LastReading(meter);
        var missing = $"no reading of meter {meter}";
        if (expect.RecordedLoadedCount is { } loaded)
        {
            checks.Add(new("recordedLoadedCount", Count(loaded), last is null ? missing : Count(last.LoadedCount.Value)));
        }

        if (expect.RecordedRemaining is { } remaining)
        {
            checks.Add(new("recordedRemaining", FixedPoint(remaining), last is null ? missing : FixedPoint(last.Remaining.Hundredths)));
        }

        if (expect.RecordedCumulativeEnergy is { } energy)
        {
            checks.Add(new("recordedCumulativeEnergy", FixedPoint(energy), last is null ? missing : FixedPoint(last.CumulativeEnergy.Hundredths)));
        }
    }

    private void CheckCardInHand(List<Check> checks, Expectation expect)
    {
        if (expect is { CardPurchaseCount: null, CardLoadedCount: null, CardRemaining: null, CardSerial: null, CardMeter: null, CardCumulativeEnergy: null, CardStatus: null })
        {
            return;
        }

        var record = _hand is null ? null : _site.Layout.Decode(_site.ImageOf(_hand), _site.Keys).Record;
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

        if (expect.CardSerial is { } serial)
        {
            checks.Add(new("cardSerial", Count(serial), record is null ? missing : Count(record.CardSerial.Value)));
        }

        if (expect.CardMeter is { } meter)
        {
            checks.Add(new("cardMeter", meter.ToString(), returnWrite is not { } block ? missing : block.MeterNumber.ToString()));
        }

        if (expect.CardCumulativeEnergy is { } energy)
        {
            checks.Add(new("cardCumulativeEnergy", FixedPoint(energy), returnWrite is not { } block ? missing : FixedPoint(block.CumulativeEnergy.Hundredths)));
        }

        if (expect.CardStatus is { } status)
        {
            checks.Add(new("cardStatus", Name(status), returnWrite is not { } block ? missing : Name(block.Status)));
        }
    }

    private void Add<T>(List<Check> checks, MeterFacts seen, MeterFacts fact, string what, T? expected, T actual)
        where T : struct, Enum
    {
        if (expected is { } value)
        {
            checks.Add(seen.HasFlag(fact) ? new(what, Name(value), Name(actual)) : Check.NotObservable(what, Name(value), _target.Name));
        }
    }

    private void Add(List<Check> checks, MeterFacts seen, MeterFacts fact, string what, long? expected, long actual, Func<long, string> format)
    {
        if (expected is { } value)
        {
            checks.Add(seen.HasFlag(fact) ? new(what, format(value), format(actual)) : Check.NotObservable(what, format(value), _target.Name));
        }
    }

    /// <summary>An enum as the scenario files write it; flags as "a, b" and none as "nothing".</summary>
    private static string Name<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        return text == "None" ? Nothing : string.Join(", ", text.Split(", ").Select(JsonFields.CamelCase));
    }

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string FixedPoint(long hundredths) => Energy.FromHundredths(hundredths).ToString("F", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
