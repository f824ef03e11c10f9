using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;

namespace PrepaidMeter.Meter.Models;

/// <summary>
/// A meter model as data (fixtures/models/*.json): what a vendor describes to certify a model. Loaded
/// and validated by <see cref="MeterModelLoader"/>; amounts are in <see cref="CreditUnit"/>.
/// </summary>
public sealed record MeterModel
{
    public required string Id { get; init; }

    public string Description { get; init; } = "";

    public required CreditUnit CreditUnit { get; init; }

    /// <summary>What the meter measures (the seeds' meter type); electricity unless the model says otherwise.</summary>
    public Utility Utility { get; init; } = Utility.Electricity;

    /// <summary>What cuts the supply: a relay or a motorised valve (<see cref="Valve"/> says how it moves).</summary>
    public SupplySwitch SupplySwitch { get; init; } = SupplySwitch.Relay;

    /// <summary>Rules V1–V15: how the valve moves, retries and is exercised; set exactly when <see cref="SupplySwitch"/> is a valve.</summary>
    public Valves.ValveRule? Valve { get; init; }

    /// <summary>Rules W2, W3: when a flow is a leak; null when the meter watches for none (water and gas only).</summary>
    public Flow.LeakRule? Leak { get; init; }

    /// <summary>Rules B1–B4: the meter runs on this battery; null for a mains-powered meter.</summary>
    public Batteries.BatteryRule? Battery { get; init; }

    /// <summary>Rules T1–T4: the magnet (and case) watch; null when the meter has none.</summary>
    public Tampering.TamperRule? Tamper { get; init; }

    /// <summary>What the meter takes: cards, keypad tokens or both (card unless the model says otherwise).</summary>
    public MeterMedia Media { get; init; } = MeterMedia.Card;

    /// <summary>Rules TK1–TK16: how the meter takes keypad tokens; set exactly when <see cref="Media"/> includes tokens.</summary>
    public Tokens.TokenRule? Token { get; init; }

    public bool TakesCards => (Media & MeterMedia.Card) != 0;

    public bool TakesTokens => (Media & MeterMedia.Token) != 0;

    /// <summary>The card layouts the meter reads; a card is decoded with the one whose tag it carries. Empty for a token-only meter.</summary>
    public required IReadOnlyList<CardLayout> Layouts { get; init; }

    public int EventLogDepth { get; init; } = 32;

    /// <summary>Credit a new meter starts with (预存量).</summary>
    public CreditAmount PresetCredit { get; init; }

    /// <summary>Credit a customer can borrow once when exhausted (rule E1); 0 for none.</summary>
    public CreditAmount EmergencyCredit { get; init; }

    public bool OverdraftAllowed { get; init; }

    /// <summary>Whether entering alarm 2 trips the relay once (rule A2); otherwise alarm 2 only warns.</summary>
    public bool Alarm2Trips { get; init; } = true;

    /// <summary>The parameters before any set card.</summary>
    public required MeterParameters Defaults { get; init; }

    /// <summary>The tariff a money-unit meter applies inside; null for an energy-unit meter.</summary>
    public Tariff? Tariff { get; init; }

    /// <summary>Rules P1–P3; null when the meter does not enforce the set card's power limit.</summary>
    public PowerLimitRule? PowerLimit { get; init; }

    /// <summary>Rule P4; null when the meter does not detect resistive loads.</summary>
    public MalignantLoadRule? MalignantLoad { get; init; }

    /// <summary>Rule S1: daily windows with the relay open.</summary>
    public IReadOnlyList<DailyWindow> ScheduledTrips { get; init; } = [];

    /// <summary>Rule F1; null for none.</summary>
    public FriendlyPeriods? FriendlyPeriods { get; init; }

    /// <summary>The model file's text as it was loaded: what <see cref="Sha256"/> names; empty for a model built in code.</summary>
    public string SourceText { get; init; } = "";

    /// <summary>The SHA-256 of <see cref="SourceText"/> in UTF-8, lower-case hex.</summary>
    public string Sha256 => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SourceText)));

    /// <summary>The card bytes a meter of this model reads: from 0 to the end of the layout placed furthest on its card.</summary>
    public int CardBytes => Layouts.Count == 0 ? 0 : Layouts.Max(l => l.MediumOffset + l.Size);

    /// <summary>
    /// The layout whose image, where its medium places it in the card's <paramref name="memory"/>, carries its tag;
    /// the first layout when none does. The meter then reads <c>layout.ImageOn(memory)</c>.
    /// </summary>
    public CardLayout LayoutForCard(ReadOnlySpan<byte> memory)
    {
        var layouts = Layouts;
        for (var i = 0; i < layouts.Count; i++)
        {
            if (layouts[i].HasTag(layouts[i].ImageOn(memory)))
            {
                return layouts[i];
            }
        }

        return Layouts[0];
    }

    /// <summary>The layout that decodes <paramref name="image"/>, by its tag; the first layout when none matches.</summary>
    internal CardLayout LayoutFor(ReadOnlySpan<byte> image)
    {
        // Indexed: foreach over the list interface allocates, and this runs for every card.
        var layouts = Layouts;
        for (var i = 0; i < layouts.Count; i++)
        {
            if (layouts[i].HasTag(image))
            {
                return layouts[i];
            }
        }

        return Layouts[0];
    }
}
