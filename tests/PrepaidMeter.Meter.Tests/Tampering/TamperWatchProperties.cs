using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Meter.Tampering;

namespace PrepaidMeter.Meter.Tests.Tampering;

/// <summary>Whatever happens at the sensors, an attack on is always latched, and the latch falls only as T3 and T4 say.</summary>
public sealed class TamperWatchProperties
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnySequence_ActiveIsLatched_AndTheLatchFallsOnlyByToolCardOrQuiet() =>
        Prop.ForAll(Gen.Choose(0, 6).Zip(Gen.Choose(0, 48 * 60)).ArrayOf().Zip(Gen.Elements(true, false)).ToArbitrary(), t =>
        {
            var (actions, quietRule) = t;
            var watch = new TamperWatch(new TamperRule(hasCaseSwitch: true, quietRule ? TimeSpan.FromHours(12) : null), Start);
            foreach (var (action, minutes) in actions)
            {
                var after = TimeSpan.FromMinutes(minutes);
                var latchedBefore = watch.Latched;
                var events = action switch
                {
                    0 => watch.MagnetApplied(after),
                    1 => watch.MagnetRemoved(after),
                    2 => watch.CaseOpened(after),
                    3 => watch.CaseClosed(after),
                    4 => [watch.ClearByToolCard()],
                    _ => watch.Advance(after),
                };
                var fellBy = events.Where(e => e.Kind == TamperEventKind.Cleared).ToList();
                var fell = latchedBefore & ~watch.Latched;
                if ((watch.Latched & watch.Active) != watch.Active
                    || watch.ValveMustClose != (watch.Latched != TamperFlags.None)
                    || (fell != TamperFlags.None && (fellBy.Count != 1 || (action != 4 && !quietRule)))
                    || (action == 4 && watch.Active == TamperFlags.None && watch.Latched != TamperFlags.None))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
}
