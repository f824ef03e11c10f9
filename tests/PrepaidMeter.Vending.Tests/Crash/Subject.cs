using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>
/// What one case works on: an account with its user card and meter (carried from case to case where the operation allows,
/// which keeps a sweep of hundreds of cases fast), the card the operation writes, and what the books said before.
/// </summary>
internal sealed class Subject
{
    public required long AccountId { get; set; }

    public required MeterNumber Meter { get; set; }

    /// <summary>The account's live card.</summary>
    public required MemoryCard UserCard { get; set; }

    /// <summary>The card the operation writes (the user card, or a blank, or a tool card).</summary>
    public MemoryCard Target { get; set; } = null!;

    /// <summary>The second card of a two-card operation (the user card beside a new change card, the change card beside the user card).</summary>
    public MemoryCard? Other { get; set; }

    /// <summary>The meter a change moves the account to.</summary>
    public MeterNumber? NewMeter { get; set; }

    /// <summary>What the books said before, in the operation's own terms (a purchase count, a card serial, a sale id, a count of rows).</summary>
    public long Before { get; set; }

    /// <summary>The meter's remaining credit before the swipe, for an operation told apart by the amount it loads.</summary>
    public long RemainingBefore { get; set; }
}
