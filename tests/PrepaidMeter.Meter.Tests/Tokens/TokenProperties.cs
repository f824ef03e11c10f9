using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Meter.Tests.Tokens;

/// <summary>DESIGN §8 invariant 8: one credit register across media, and each token accepted at most once whatever the order of entry.</summary>
public sealed class TokenProperties
{
    /// <summary>Tokens (TID, tenths of a kWh), each entered one to three times, the whole shuffled.</summary>
    private static Gen<(int Tid, int Tenths)[]> Entries =>
        from distinct in Gen.Choose(1, 80)
        from tids in Gen.ListOf(Gen.Choose(1, 5_000), distinct)
        from amounts in Gen.ListOf(Gen.Choose(1, 1_000), distinct)
        from repeats in Gen.ListOf(Gen.Choose(1, 3), distinct)
        let tokens = tids.Distinct().Zip(amounts).SelectMany((p, i) => Enumerable.Repeat(p, repeats[i]))
        from shuffled in Gen.Shuffle(tokens.ToArray())
        select shuffled;

    [Property(MaxTest = 200)]
    public Property Enter_AnyOrderWithRepeats_EachTidCreditedAtMostOnce() => Prop.ForAll(Entries.ToArbitrary(), entries =>
    {
        var t = new TokenHarness();
        var credited = new Dictionary<int, long>();
        foreach (var (tid, tenths) in entries)
        {
            var outcome = t.Enter(t.Credit(tenths, tid));
            if (outcome.Response == TokenResponse.Accepted)
            {
                credited.ContainsKey(tid).ShouldBeFalse($"TID {tid} accepted twice");
                credited[tid] = tenths * 10L;
            }
            else
            {
                outcome.Response.ShouldBeOneOf(TokenResponse.Used, TokenResponse.Old);
            }
        }

        t.Remaining.ShouldBe(credited.Values.Sum());
        // While the memory never fills, every distinct token is taken exactly once.
        if (entries.Select(e => e.Tid).Distinct().Count() <= t.Model.Token!.TidMemory)
        {
            credited.Count.ShouldBe(entries.Select(e => e.Tid).Distinct().Count());
        }
    });

    private enum Step { Card, Token, ReplayToken, ReplayCard, Consume }

    [Property(MaxTest = 100)]
    public Property DualMeter_CardsAndTokens_OneRegisterConserved() => Prop.ForAll(
        (from length in Gen.Choose(0, 40)
         from list in Gen.ListOf(Gen.Elements(Enum.GetValues<Step>()), length)
         select list.ToArray()).ToArbitrary(), (Step[] steps) =>
    {
        var t = new TokenHarness(TokenHarness.Dual);
        t.Desk.Configured();
        var images = new List<byte[]>();
        var tokens = new List<string>();
        long cards = 0, fromTokens = 0;
        uint count = 0;
        foreach (var step in steps)
        {
            switch (step)
            {
                case Step.Card:
                    var image = t.Desk.Image(t.Desk.UserCard(count + 1, 5_000));
                    if (t.Desk.Insert(image).Result == PrepaidMeter.Meter.State.MeterResult.Loaded)
                    {
                        cards += 5_000;
                        count++;
                    }

                    images.Add(image);
                    break;
                case Step.Token:
                    var token = t.Credit(300, 100 + tokens.Count);
                    if (t.Enter(token).Response == TokenResponse.Accepted)
                    {
                        fromTokens += 3_000;
                    }

                    tokens.Add(token);
                    break;
                case Step.ReplayToken when tokens.Count > 0:
                    t.Enter(tokens[0]).Response.ShouldBe(TokenResponse.Used);
                    break;
                case Step.ReplayCard when images.Count > 0:
                    t.Desk.Insert(images[0]).Result.ShouldNotBe(PrepaidMeter.Meter.State.MeterResult.Loaded);
                    break;
                case Step.Consume:
                    t.Desk.Run(TimeSpan.FromHours(3), 2_000);
                    break;
            }
        }

        var s = t.State;
        s.CumulativeLoaded.Hundredths.ShouldBe(cards + fromTokens);
        s.Conserves.ShouldBeTrue();
        s.Remaining.Hundredths.ShouldBe(s.PresetCredit.Hundredths + cards + fromTokens + s.EmergencyBorrowedTotal.Hundredths
            - s.EmergencyRepaidTotal.Hundredths - s.CreditConsumed.Hundredths);
    });
}
