using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.Valves;

/// <summary>
/// What holds for any rule and any sequence of requests, faults and stretches of time: time played in pieces ends as one
/// jump, a free valve ends where it was last told, and the motor never runs more than the requests and exercises explain.
/// </summary>
public sealed class MotorisedValveProperties
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void Advance_InPieces_EndsAsOneJump() =>
        Prop.ForAll(ValveScript.Any(seizes: true, exercised: true).ToArbitrary(), script =>
        {
            var jump = script.Play(inPieces: false, Day);
            var pieces = script.Play(inPieces: true, Day);

            pieces.Events.ShouldBe(jump.Events);
            (pieces.Valve.Position, pieces.Valve.MotorRuns, pieces.Valve.Alarm, pieces.Valve.SupplyFlows, pieces.Valve.NextStepAt, pieces.Valve.HeldClosedFor)
                .ShouldBe((jump.Valve.Position, jump.Valve.MotorRuns, jump.Valve.Alarm, jump.Valve.SupplyFlows, jump.Valve.NextStepAt, jump.Valve.HeldClosedFor));
        }).QuickCheckThrowOnFailure(300);

    [Fact]
    public void FreeValve_TwiceTheTravelTimeAfterTheLastRequest_IsWhereItWasLastTold() =>
        Prop.ForAll(ValveScript.Any(seizes: false, exercised: false).ToArbitrary(), script =>
        {
            // A motor is not reversed half way: the move under way ends first, then the valve moves to the last request.
            var played = script.Play(inPieces: false, script.Rule.TravelTime * 2);

            var last = script.Steps.LastOrDefault(s => s.Act is ValveScript.Act.Close or ValveScript.Act.Open);
            var told = last?.Act == ValveScript.Act.Close ? Meter.Valves.ValvePosition.Closed : Meter.Valves.ValvePosition.Open;
            played.Valve.Position.ShouldBe(told);
            played.Valve.Alarm.ShouldBeFalse();
        }).QuickCheckThrowOnFailure(300);

    [Fact]
    public void MotorRuns_FreeValve_NeverExceedRequestsPlusTwoAnExercise() =>
        Prop.ForAll(ValveScript.Any(seizes: false, exercised: true).ToArbitrary(), script =>
        {
            var played = script.Play(inPieces: false, Day);

            played.Valve.MotorRuns.ShouldBeLessThanOrEqualTo(played.Requests + (played.Exercises * 2));
        }).QuickCheckThrowOnFailure(300);

    [Fact]
    public void MotorRuns_AnyValve_NeverExceedRequestsAndExercisesTimesTheTries() =>
        Prop.ForAll(ValveScript.Any(seizes: true, exercised: true).ToArbitrary(), script =>
        {
            var played = script.Play(inPieces: false, Day);

            // Every move, an exercise's included, is tried at most 1 + retries times.
            var tries = 1 + script.Rule.Retries;
            played.Valve.MotorRuns.ShouldBeLessThanOrEqualTo((played.Requests + (played.Exercises * 2)) * tries);
        }).QuickCheckThrowOnFailure(300);
}
