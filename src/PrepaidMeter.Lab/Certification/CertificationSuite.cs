using PrepaidMeter.Cards.Records;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Certification;

/// <summary>
/// The certification suite for a meter model: one clause for each rule of the reference model
/// (docs/meter-rules.md) that the model has — every card kind, every refusal, the credit states, power
/// cuts, remote commands, and the protections the model declares. The scenarios are generated from the
/// model's own parameters (preset, alarm levels, overdraft, purchase limit, power limit, windows), so a
/// vendor's new model is a new JSON file, not new code. Amounts are checked exactly where a card moves
/// them; after consumption, where a money meter's tariff decides the amount, states are checked instead.
/// </summary>
public static partial class CertificationSuite
{
    public static IReadOnlyList<CertificationClause> For(MeterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = new ModelFacts(model);
        if (!model.TakesCards)
        {
            // A keypad-only model: the token clauses alone; LeftOut names the card clauses and why.
            return [.. TokenClauses(m)];
        }

        var clauses = new List<CertificationClause>
        {
            m.Clause("L2", "A set card configures a new meter", s => s
                .Add(StepKind.ToolCard, x => x with { ToolKind = CardKind.Set }, new Expectation { Result = MeterResult.Configured, LifeCycle = LifeCycle.Configured, Remaining = m.Preset })),
            m.Clause("L3, U1, U6", "The first user card loads its purchase, binds the meter and gets the return-write", s => m.Open(s)
                .Do(StepKind.Swipe, new Expectation
                {
                    Result = MeterResult.Loaded, RemainingChange = m.First, Remaining = m.Preset + m.First, PurchaseCount = 1, LifeCycle = LifeCycle.Bound,
                    CardLoadedCount = 1, CardRemaining = m.Preset + m.First, Events = [MeterEventKind.CardInserted],
                })),
            m.Clause("U2", "A card whose purchase is loaded gets the return-write only", s => m.Opened(s)
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.AlreadyLoaded, RemainingChange = 0, PurchaseCount = 1 })),
            m.Clause("U3", "An older card gets the return-write only", s => m.Open(s)
                .Add(StepKind.KeepImage, x => x with { Name = "first" })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded })
                .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Next) })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded, RemainingChange = m.Next })
                .Add(StepKind.Replay, x => x with { Name = "first" }, new Expectation { Result = MeterResult.OldCard, RemainingChange = 0, PurchaseCount = 2 })),
            m.Clause("U4", "A card two or more purchases ahead is refused and counted as illegal", s => m.Opened(s)
                .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Next) })
                .Add(StepKind.KeepImage, x => x with { Name = "second" })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded })
                .Add(StepKind.ToolCard, x => x with { ToolKind = CardKind.Clear }, new Expectation { Result = MeterResult.Cleared })
                .Add(StepKind.ToolCard, x => x with { ToolKind = CardKind.Set }, new Expectation { Result = MeterResult.Configured }, "the meter's count is 0 again")
                .Add(StepKind.Replay, x => x with { Name = "second" },
                    new Expectation { Result = MeterResult.CountOutOfSequence, RemainingChange = 0, PurchaseCount = 0, IllegalCards = 1 })),
            m.Clause("L6", "A user card is refused by a meter that is not configured", s => m.Opened(s)
                .Add(StepKind.ToolCard, x => x with { ToolKind = CardKind.Clear }, new Expectation { Result = MeterResult.Cleared })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.NotConfigured, RemainingChange = 0, LifeCycle = LifeCycle.New })),
            m.Clause("L4", "A clear card takes the meter back to new", s => m.Opened(s)
                .Add(StepKind.Consume, m.Light(TimeSpan.FromHours(10)), new Expectation { CumulativeEnergy = m.LightWatts })
                .Add(StepKind.ToolCard, x => x with { ToolKind = CardKind.Clear },
                    new Expectation { Result = MeterResult.Cleared, LifeCycle = LifeCycle.New, Remaining = m.Preset, PurchaseCount = 0, CumulativeEnergy = 0 })),
            m.Clause("L5", "A zero card takes the meter back to new and keeps its cumulative energy", s => m.Opened(s)
                .Add(StepKind.Consume, m.Light(TimeSpan.FromHours(10)), new Expectation { CumulativeEnergy = m.LightWatts })
                .Add(StepKind.ToolCard, x => x with { ToolKind = CardKind.Zero },
                    new Expectation { Result = MeterResult.Zeroed, LifeCycle = LifeCycle.New, Remaining = m.Preset, PurchaseCount = 0, CumulativeEnergy = m.LightWatts })),
            m.Clause("C1", "A card edited by hand is refused and changes nothing", s => m.Opened(s)
                .Do(StepKind.TamperCard)
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.BadCard, RemainingChange = 0, PurchaseCount = 1 })),
            Forgery(m),
            m.Clause("C1", "A blank card is refused", s => m.Opened(s)
                .Do(StepKind.BlankCard, new Expectation { Result = MeterResult.BlankCard, RemainingChange = 0 })),
            m.Clause("C2", "A card of another supply group is refused", s => m.Opened(s)
                .Do(StepKind.ForeignCard, new Expectation
                {
                    // A MAC keyed by the other group's secret fails before the group code is read.
                    Result = m.Model.Layouts[0].HasMac ? MeterResult.BadCard : MeterResult.WrongGroup, RemainingChange = 0, PurchaseCount = 1,
                })),
            m.Clause("C3", "A card for another meter is refused", s => m.Opened(s)
                .Add(StepKind.Swipe, x => x with { Meter = ModelFacts.SecondMeter }, new Expectation { Result = MeterResult.WrongMeter, PurchaseCount = 1 })),
            m.Clause("T1", "A check card reads the meter's registers onto the card", s => m.Opened(s)
                .Add(StepKind.ToolCard, x => x with { ToolKind = CardKind.Check }, new Expectation { Result = MeterResult.Read, RemainingChange = 0 })),
            m.Clause("T2", "A test card cycles the relay and changes nothing else", s => m.Opened(s)
                .Add(StepKind.ToolCard, x => x with { ToolKind = CardKind.Test },
                    new Expectation { Result = MeterResult.Tested, RemainingChange = 0, Relay = RelayState.Closed, Events = [MeterEventKind.RelayTestCycle] })),
            m.Clause("T3", "A meter-change card moves the credit out; the new meter gets it less its preset", s => m.Opened(s)
                .Add(StepKind.ChangeMeter, x => x with { Meter = ModelFacts.SecondMeter },
                    new Expectation { Result = MeterResult.CreditTransferred, LifeCycle = LifeCycle.Configured, Remaining = m.Preset })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded, Remaining = m.Preset + m.First, LifeCycle = LifeCycle.Bound })),
            m.Clause("R1, R2, R3", "Remote trip, close-permitted (the card closes it) and direct close", s => m.Opened(s)
                .Add(StepKind.Remote, x => x with { Command = RemoteCommand.Trip }, new Expectation { Relay = RelayState.Open, OpenReasons = OpenReasons.Remote })
                .Add(StepKind.Remote, x => x with { Command = RemoteCommand.ClosePermitted }, new Expectation { OpenReasons = OpenReasons.RemoteAwaitingCard })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.AlreadyLoaded, Relay = RelayState.Closed })
                .Add(StepKind.Remote, x => x with { Command = RemoteCommand.Trip }, new Expectation { Relay = RelayState.Open })
                .Add(StepKind.Remote, x => x with { Command = RemoteCommand.DirectClose }, new Expectation { Relay = RelayState.Closed, OpenReasons = OpenReasons.None })),
            m.Clause("R5", "Remote alarm on and off set only the alarm flag", s => m.Opened(s)
                .Add(StepKind.Remote, x => x with { Command = RemoteCommand.AlarmOn }, new Expectation { Alarm = true, Relay = RelayState.Closed, RemainingChange = 0 })
                .Add(StepKind.Remote, x => x with { Command = RemoteCommand.AlarmOff }, new Expectation { Alarm = false, Relay = RelayState.Closed, RemainingChange = 0 })),
            m.Clause("N2", "A power cut anywhere in the card handling loads the purchase exactly once or not at all", s => m.Open(s)
                .Add(StepKind.Swipe, x => x with { Cut = PowerCut.BeforeCommit }, new Expectation { Result = MeterResult.PowerCut })
                .Do(StepKind.RestorePower, new Expectation { PurchaseCount = 0, Remaining = m.Preset })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded, RemainingChange = m.First })
                .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Next) })
                .Add(StepKind.Swipe, x => x with { Cut = PowerCut.AfterCommit }, new Expectation { Result = MeterResult.PowerCut })
                .Do(StepKind.RestorePower, new Expectation { PurchaseCount = 2, Remaining = m.Preset + m.First + m.Next })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.AlreadyLoaded, RemainingChange = 0 })
                .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Next) })
                .Add(StepKind.Swipe, x => x with { Cut = PowerCut.HalfwayThroughCardWrite }, new Expectation { Result = MeterResult.PowerCut })
                .Do(StepKind.RestorePower, new Expectation { PurchaseCount = 3, Remaining = m.Preset + m.First + (2 * m.Next) })
                .Add(StepKind.Reissue, x => x with { Reason = "torn by a power cut" }, note: "the torn card is replaced")
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.AlreadyLoaded, RemainingChange = 0, PurchaseCount = 3 })),
            m.Clause("N3", "Without power the meter ignores cards and time, and restarts from NVRAM", s => m.Opened(s)
                .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Next) })
                .Do(StepKind.CutPower)
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.PowerOff, RemainingChange = 0 })
                .Add(StepKind.Advance, x => x with { Duration = TimeSpan.FromDays(1) }, new Expectation { RemainingChange = 0 })
                .Do(StepKind.RestorePower, new Expectation { Remaining = m.Preset + m.First, PurchaseCount = 1, Events = [MeterEventKind.PowerRestored] })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded, RemainingChange = m.Next })),
        };
        if (m.Model.Defaults.PurchaseLimit.Hundredths > 0)
        {
            clauses.Add(m.Clause("U5", "A card carrying a purchase past the purchase limit loads nothing", s => m.Opened(s)
                .Do(StepKind.OverLimitCard, new Expectation { Result = MeterResult.OverPurchaseLimit, RemainingChange = 0, PurchaseCount = 1 })));
        }

        if (model.Utility != Core.Utility.Electricity)
        {
            // A water or gas meter: the card rules as they are, its own rules in place of the electricity ones (LeftOut says why).
            var left = LeftOut(model).Select(l => l.Rule).ToHashSet(StringComparer.Ordinal);
            clauses.RemoveAll(c => left.Contains(c.Rule));
            clauses.AddRange(WaterClauses(m));
            if (model.TakesTokens)
            {
                clauses.AddRange(TokenClauses(m));
            }

            return clauses;
        }

        clauses.AddRange(CreditClauses(m));
        clauses.AddRange(ProtectionClauses(m));
        if (model.TakesTokens)
        {
            clauses.AddRange(TokenClauses(m));
        }

        return clauses;
    }

    /// <summary>
    /// The electricity clauses a water or gas model is not certified against, and why: they draw a load or read a register
    /// only an electricity meter has, or speak DL/T 645; for a keypad-only model, the card clauses; the report lists them.
    /// None for an electricity model that takes cards.
    /// </summary>
    public static IReadOnlyList<(string Rule, string Why)> LeftOut(MeterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.TakesCards)
        {
            return NoCardClauses();
        }

        if (model.Utility == Core.Utility.Electricity)
        {
            return [];
        }

        const string Load = "it draws a load and reads cumulative energy; a water or gas meter is advanced under a flow, and M1 counts its volume";
        return
        [
            ("L4", Load),
            ("L5", Load),
            ("T2", "a test card cycles the relay; a valve meter's valve is exercised instead (M6, V9)"),
            ("R1, R2, R3", "R1–R3 test DL/T 645's commands; a water or gas meter speaks CJ/T 188, which carries only a trip and a direct close as valve control (V7)"),
            ("R5", "the alarm flag is a DL/T 645 command"),
            ("A1, A2, U7 / A1, A2, A3", "the credit states are run down under a load; M2 runs them down under a flow and checks the valve"),
            ("E1, E2", "emergency credit is run down under a load"),
            ("P1, P2, P3, P4", "the power limit and malignant-load detection are an electricity meter's"),
            ("S1, F1", "scheduled trips and friendly periods are an electricity model's"),
        ];
    }

    /// <summary>
    /// The card protocol judged, not assumed: a sold card's purchase edited to twice its amount, the checksums
    /// made again from the layout, and swiped. A MAC layout must refuse it; a layout without a MAC cannot tell it
    /// from a sold card, so the clause expects the edited amount loaded (the meter behaves as its layout allows)
    /// and the report carries the finding (<see cref="CardProtocol"/>).
    /// </summary>
    private static CertificationClause Forgery(ModelFacts m)
    {
        var forged = 2 * m.Next;
        var expect = m.Model.Layouts[0].HasMac
            ? new Expectation { Result = MeterResult.BadCard, RemainingChange = 0, PurchaseCount = 1 }
            : new Expectation { Result = MeterResult.Loaded, RemainingChange = forged, PurchaseCount = 2 };
        return m.Clause("C1", CardProtocol.ForgeryTitle, s => m.Opened(s)
                .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Next) })
                .Add(StepKind.ForgeCard, x => x with { Purchase = m.Purchase(forged) }, note: "the amount edited, the checksums recomputed, no MAC key")
                .Do(StepKind.Swipe, expect)) with { Forgery = true };
    }
}
