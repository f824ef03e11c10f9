using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Meter.Tampering;

namespace PrepaidMeter.Meter.Tests.Tampering;

/// <summary>
/// Whatever happens at the sensors: an attack on is always latched; the latch falls only by a tool card with no attack on
/// (T3) or, where the model has a quiet period, exactly when the attacks have been off for it (T4) — never sooner, never later.
/// </summary>
public sealed class TamperWatchProperties
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Quiet = TimeSpan.FromHours(12);

    [Fact]
    public void AnySequence_ActiveIsLatched_AndTheLatchFallsOnlyByToolCardOrExactlyAfterTheQuiet() =>
        Prop.ForAll(Gen.Choose(0, 6).Zip(Gen.Choose(0, 30 * 60)).ArrayOf().Zip(Gen.Elements(true, false)).ToArbitrary(), t =>
        {
            var (actions, quietRule) = t;
            var watch = new TamperWatch(new TamperRule(hasCaseSwitch: true, quietRule ? Quiet : null), Start);
            DateTimeOffset? attacksEndedAt = null; // when the attacks last went from some to none, as the sensors changed
            foreach (var (action, minutes) in actions)
            {
                var after = TimeSpan.FromMinutes(minutes);
                var (latchedBefore, activeBefore) = (watch.Latched, watch.Active);
                var events = action switch
                {
                    0 => watch.MagnetApplied(after),
                    1 => watch.MagnetRemoved(after),
                    2 => watch.CaseOpened(after),
                    3 => watch.CaseClosed(after),
                    4 => [watch.ClearByToolCard()],
                    _ => watch.Advance(after),
                };
                var cleared = events.Where(e => e.Kind == TamperEventKind.Cleared && e.Flags != TamperFlags.None).ToList();
                var fell = latchedBefore & ~watch.Latched & ~watch.Active;
                var byQuiet = action != 4 ? cleared : [];
                var ok = (watch.Latched & watch.Active) == watch.Active
                    && (fell == TamperFlags.None || cleared.Count == 1)
                    && (action != 4 || watch.Active != TamperFlags.None || watch.Latched == TamperFlags.None)
                    && byQuiet.All(e => quietRule && attacksEndedAt is { } ended && e.At == ended + Quiet);
                if (!ok)
                {
                    return false;
                }

                if (activeBefore != TamperFlags.None && watch.Active == TamperFlags.None)
                {
                    attacksEndedAt = watch.Clock;
                }

                // T4 never later: a latch the quiet period should have cleared by now is a failure.
                if (quietRule && watch.Latched != TamperFlags.None && watch.Active == TamperFlags.None
                    && attacksEndedAt is { } since && since + Quiet <= watch.Clock && action != 0 && action != 2)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
}
