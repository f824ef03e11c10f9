using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests;

/// <summary>
/// A stretch of time played in pieces in one call (what the lab sends a meter device in one line) is the plain loop of one
/// advance a piece with a reading between pieces: same registers, same events, the readings the loop would take.
/// </summary>
public sealed class TimeStepsProperties
{
    [Fact]
    public void Each_AnyStretch_IsThePiecesOfWholeSecondsThatAddUpToIt() =>
        Prop.ForAll(Gen.Choose(0, 40 * 86_400).Zip(Gen.Choose(1, 240)).ToArbitrary(), t =>
        {
            var steps = new TimeSteps(TimeSpan.FromSeconds(t.Item1) + TimeSpan.FromMilliseconds(700), t.Item2, sampled: true);
            var pieces = steps.Each().ToArray();
            pieces.Length.ShouldBe(t.Item2);
            pieces.Aggregate(TimeSpan.Zero, (sum, p) => sum + p).ShouldBe(TimeSpan.FromSeconds(t.Item1));
            pieces.ShouldAllBe(p => p.Ticks % TimeSpan.TicksPerSecond == 0);
            pieces[..^1].ShouldAllBe(p => p == pieces[0]);
            pieces[^1].ShouldBeGreaterThanOrEqualTo(pieces[0]);
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(0)]
    [InlineData(TimeSteps.MaxPieces + 1)]
    public void New_PiecesOutOfRange_IsAProgrammingError(int pieces) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new TimeSteps(TimeSpan.FromHours(1), pieces, sampled: false));

    [Fact]
    public void Advance_StepsInOneCall_EndsAsTheLoopOfOneAdvanceAPiece() =>
        Prop.ForAll(
            Gen.Choose(0, 20 * 86_400).Zip(Gen.Choose(1, 240)).Zip(Gen.Choose(0, 9_000)).Zip(Gen.Choose(100, 40_000)).ToArbitrary(),
            t =>
            {
                var (((seconds, pieces), watts), credit) = t;
                var steps = new TimeSteps(TimeSpan.FromSeconds(seconds), pieces, sampled: true);
                var load = LoadProfile.Constant(watts);
                var inOneCall = Loaded(credit);
                var pieceByPiece = Loaded(credit);

                var passed = inOneCall.Meter.Advance(steps, load);

                var events = new List<MeterEvent>();
                var samples = new List<MeterSample>();
                var each = steps.Each().ToArray();
                for (var i = 0; i < each.Length; i++)
                {
                    events.AddRange(pieceByPiece.Meter.Advance(each[i], load));
                    if (i < each.Length - 1)
                    {
                        samples.Add(MeterSample.Of(pieceByPiece.State));
                    }
                }

                passed.Events.ShouldBe(events);
                passed.Samples.ShouldBe(samples);
                inOneCall.State.ShouldBeEquivalentTo(pieceByPiece.State);
            }).QuickCheckThrowOnFailure(60);

    [Fact]
    public void Advance_Unsampled_TakesNoReadings()
    {
        var meter = Loaded(5_000);

        var passed = meter.Meter.Advance(new TimeSteps(TimeSpan.FromDays(2), 48, sampled: false), LoadProfile.Constant(2_000));

        passed.Samples.ShouldBeEmpty();
        passed.Events.ShouldNotBeEmpty(); // 96 kWh drawn on 50 kWh of credit: the alarms and the cut-off are still told
    }

    private static MeterHarness Loaded(int credit)
    {
        var harness = new MeterHarness(MeterModels.ReferenceEnergy).Configured();
        harness.Insert(harness.UserCard(1, credit));
        return harness;
    }
}
