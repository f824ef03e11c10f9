using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.State;

/// <summary>The shared-log event ring behaves as a plain list trimmed to its depth, whatever was kept or restored.</summary>
public sealed class EventRingProperties
{
    private enum Op { Add, Commit, Restore }

    [Fact]
    public void EventRing_AfterAnyAddsCommitsAndRestores_HoldsTheNewestEventsOfItsOwnHistory()
    {
        var ops = Gen.Frequency((6, Gen.Constant(Op.Add)), (2, Gen.Constant(Op.Commit)), (1, Gen.Constant(Op.Restore)));
        var cases = Gen.Choose(1, 6).Zip(Gen.ListOf(ops.Zip(Gen.Choose(0, 100))));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (depth, steps) = c;
            var ring = default(EventRing);
            var model = new List<MeterEvent>();
            var kept = new List<(EventRing Ring, MeterEvent[] Model)> { (ring, []) };
            var n = 0;
            foreach (var (op, pick) in steps)
            {
                switch (op)
                {
                    case Op.Add:
                        var e = new MeterEvent(DateTimeOffset.UnixEpoch.AddSeconds(n), MeterEventKind.Remote, $"event {n++}");
                        ring = ring.Add(e, depth);
                        model.Add(e);
                        if (model.Count > depth)
                        {
                            model.RemoveAt(0);
                        }

                        break;
                    case Op.Commit:
                        kept.Add((ring, [.. model]));
                        break;
                    case Op.Restore:
                        (ring, var restored) = kept[pick % kept.Count];
                        model = [.. restored];
                        break;
                }

                ring.ToArray().ShouldBe(model.ToArray());
                foreach (var (keptRing, keptModel) in kept)
                {
                    keptRing.ToArray().ShouldBe(keptModel);
                }
            }
        }).QuickCheckThrowOnFailure(500);
    }
}
