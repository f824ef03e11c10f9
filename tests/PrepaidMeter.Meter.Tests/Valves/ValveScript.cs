using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Meter.Tests.Valves;

/// <summary>What the property tests do to a valve: a rule, then steps of time each ending in one act.</summary>
internal sealed record ValveScript(ValveRule Rule, ValveScript.Step[] Steps)
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    internal enum Act
    {
        Wait,
        Close,
        Open,
        Seize,
        Free,
    }

    /// <summary><paramref name="Delay"/> passes (in <paramref name="Pieces"/> advances when played in pieces), then the act.</summary>
    internal sealed record Step(TimeSpan Delay, Act Act, int Pieces);

    /// <summary>What playing a script left: the valve, every event in order, and how many Close/Open requests were made.</summary>
    internal sealed record Played(MotorisedValve Valve, List<ValveEvent> Events, int Requests)
    {
        public int Exercises => Events.Count(e => e.Kind == ValveEventKind.ExerciseStarted);
    }

    public override string ToString() =>
        $"{Rule} | {string.Join(", ", Steps.Select(s => $"+{s.Delay.TotalSeconds}s/{s.Pieces} {s.Act}"))}";

    public static Gen<ValveScript> Any(bool seizes, bool exercised) =>
        from rule in Rules(exercised)
        from steps in Scripts(seizes ? [Act.Wait, Act.Close, Act.Open, Act.Seize, Act.Free] : [Act.Wait, Act.Close, Act.Open])
        select new ValveScript(rule, steps);

    /// <summary>Plays the script; in pieces, each delay is split into its step's number of advances.</summary>
    public Played Play(bool inPieces, TimeSpan tail)
    {
        var valve = new MotorisedValve(Rule, T0);
        var events = new List<ValveEvent>();
        var requests = 0;
        var now = T0;
        foreach (var step in Steps)
        {
            var from = now;
            now += step.Delay;
            for (var i = 1; inPieces && i < step.Pieces; i++)
            {
                events.AddRange(valve.Advance(from + (step.Delay * i / step.Pieces)));
            }

            switch (step.Act)
            {
                case Act.Close:
                    requests++;
                    events.AddRange(valve.Close(now, "credit exhausted"));
                    break;
                case Act.Open:
                    requests++;
                    events.AddRange(valve.Open(now));
                    break;
                default:
                    events.AddRange(valve.Advance(now));
                    if (step.Act == Act.Seize)
                    {
                        valve.Seize();
                    }
                    else if (step.Act == Act.Free)
                    {
                        valve.Free();
                    }

                    break;
            }
        }

        events.AddRange(valve.Advance(now + tail));
        return new Played(valve, events, requests);
    }

    private static Gen<ValveRule> Rules(bool exercised) =>
        from travel in Gen.Choose(1, 60)
        from retries in Gen.Choose(0, 4)
        from retry in Gen.Choose(1, 600)
        from every in exercised ? Gen.Choose(1, 72).Select(h => (int?)h) : Gen.Constant<int?>(null)
        from spare in Gen.Choose(0, 60)
        select new ValveRule(
            TimeSpan.FromSeconds(travel),
            retries,
            TimeSpan.FromSeconds(retry),
            every is { } hours ? TimeSpan.FromHours(hours) : null,
            TimeSpan.FromSeconds((travel * 2) + spare));

    private static Gen<Step[]> Scripts(Act[] acts)
    {
        // Delays from nothing (two acts at one moment) through seconds (inside a travel) to days (across exercises).
        var delay = Gen.Frequency(
            (2, Gen.Constant(0)),
            (4, Gen.Choose(1, 120)),
            (3, Gen.Choose(121, 3_600)),
            (2, Gen.Choose(3_601, 3 * 86_400)));
        var step = from seconds in delay
                   from act in Gen.Elements(acts)
                   from pieces in Gen.Choose(1, 12)
                   select new Step(TimeSpan.FromSeconds(seconds), act, pieces);
        return Gen.Choose(0, 30).SelectMany(n => Gen.ArrayOf(step, n));
    }
}
