using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Certification;

/// <summary>
/// What the suite derives from a model: purchase amounts that fit its purchase limit and start above
/// alarm 1, loads that stay under its power limit and out of its malignant-load detection, and a start
/// moment outside its scheduled trips and friendly periods, so every clause checks one rule at a time.
/// </summary>
internal sealed class ModelFacts
{
    public static readonly DateTimeOffset FirstMonday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public ModelFacts(MeterModel model)
    {
        Model = model;
        var defaults = model.Defaults;
        Preset = model.PresetCredit.Hundredths;
        var headroom = defaults.PurchaseLimit.Hundredths > 0 ? defaults.PurchaseLimit.Hundredths - Preset : 100_000_00;
        Next = Math.Max(1, Math.Min(10_00, headroom / 4));
        First = Math.Max(1, Math.Min(Math.Max(defaults.Alarm1.Hundredths - Preset, 0) + 50_00, headroom - (2 * Next)));
        // The counter checks a sale against the remaining the card last brought back, which may still be the
        // opening balance (preset + first) when no swipe came between: leave that much room too.
        Restore = Math.Max(First, headroom - First - Next);
        PowerLimitWatts = (int)defaults.PowerLimitWatts;
        var heavy = PowerLimitWatts > 0 ? Math.Min(2_000, PowerLimitWatts / 2) : 2_000;
        if (model.MalignantLoad is { } malignant && malignant.MinPowerFactorThousandths <= OrdinaryPowerFactor)
        {
            heavy = Math.Min(heavy, malignant.ThresholdWatts - 100);
        }

        HeavyWatts = heavy;
        LightWatts = Math.Min(1_000, heavy);
        Start = QuietStart(model);
    }

    /// <summary>An ordinary (inductive) load's power factor: under every malignant-load detection threshold shipped.</summary>
    public const int OrdinaryPowerFactor = 800;

    public MeterModel Model { get; }

    public long Preset { get; }

    /// <summary>The opening purchase: takes the meter above alarm 1 and leaves room under the limit for two more.</summary>
    public long First { get; }

    /// <summary>Each later purchase.</summary>
    public long Next { get; }

    /// <summary>A purchase large enough to lift an exhausted meter (run on through a friendly period) back above its threshold.</summary>
    public long Restore { get; }

    public int PowerLimitWatts { get; }

    /// <summary>A load that runs the credit down in days, under the power limit and the malignant-load detection.</summary>
    public int HeavyWatts { get; }

    /// <summary>A load whose ten hours are exactly this many hundredths of a kWh (watts × 10 h ÷ 1000 × 100).</summary>
    public int LightWatts { get; }

    /// <summary>A weekday moment outside every scheduled trip and friendly period of the model.</summary>
    public DateTimeOffset Start { get; }

    public static MeterNumber SecondMeter { get; } = new SiteSetup().Meters[1];

    /// <summary>A purchase of <paramref name="hundredths"/> of the model's credit unit: kWh, money or m³.</summary>
    public PurchaseRequest Purchase(long hundredths) => Model.CreditUnit switch
    {
        CreditUnit.Energy => PurchaseRequest.ForEnergy(Energy.FromHundredths(hundredths)),
        CreditUnit.Money => PurchaseRequest.ForMoney(Money.FromHundredths(hundredths)),
        CreditUnit.Volume => PurchaseRequest.ForVolume(Volume.FromHundredths(hundredths)),
        _ => throw new InvalidOperationException($"Model {Model.Id} has no credit unit."),
    };

    public CertificationClause Clause(string rule, string title, Func<StepList, StepList> steps)
    {
        var list = steps(new StepList());
        var scenario = new Scenario
        {
            Name = $"{rule} {title}",
            Description = $"Rule {rule} of docs/meter-rules.md on model {Model.Id}.",
            Source = $"certification of {Model.Id}",
            Model = Model,
            Start = Start,
            Site = new SiteSetup(),
            Steps = list.Steps,
        };
        return new CertificationClause(rule, title, scenario);
    }

    /// <summary>The account opened with <see cref="First"/>.</summary>
    public StepList Open(StepList steps) => steps.Add(StepKind.OpenAccount, x => x with { Purchase = Purchase(First) });

    /// <summary>The account opened and its purchase loaded.</summary>
    public StepList Opened(StepList steps) => Open(steps).Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded });

    public Func<ScenarioStep, ScenarioStep> Light(TimeSpan duration) =>
        x => x with { Duration = duration, Load = LoadProfile.Constant(LightWatts, OrdinaryPowerFactor), LoadText = $"{LightWatts} W" };

    public Func<ScenarioStep, ScenarioStep> Heavy(TimeSpan duration) =>
        x => x with { Duration = duration, Load = LoadProfile.Constant(HeavyWatts, OrdinaryPowerFactor), LoadText = $"{HeavyWatts} W" };

    public static Func<ScenarioStep, ScenarioStep> Load(TimeSpan duration, int watts, int powerFactor) =>
        x => x with { Duration = duration, Load = LoadProfile.Constant(watts, powerFactor), LoadText = $"{watts} W at pf {powerFactor / 1000m:0.00}" };

    private static DateTimeOffset QuietStart(MeterModel model)
    {
        foreach (var hour in new[] { 12, 11, 13, 10, 14, 9, 15, 16, 8, 17 })
        {
            var at = FirstMonday.AddHours(hour);
            var quiet = Enumerable.Range(0, 61).Select(minute => at.AddMinutes(minute))
                .All(moment => !model.ScheduledTrips.Any(w => w.Contains(moment)) && model.FriendlyPeriods?.Contains(moment) != true);
            if (quiet)
            {
                return at;
            }
        }

        return FirstMonday.AddHours(12);
    }
}
