using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>What goes wrong in one case of a sweep: nothing, the process dies after a step, or the card is pulled after some bytes.</summary>
internal abstract record Fault
{
    /// <summary>The uninterrupted run each sweep starts with: what "the operation stood" looks like in the books.</summary>
    public static Fault None { get; } = new Uninterrupted();

    public sealed record Uninterrupted : Fault
    {
        public override string ToString() => "uninterrupted";
    }

    public sealed record KilledAfter(CardWriteStep Step) : Fault
    {
        /// <summary>From the moment every byte is on the card, the card decides: it holds the new image, so recovery commits.</summary>
        public bool CardHoldsTheWrite => Step >= CardWriteStep.CardWrittenUnverified;

        public override string ToString() => $"process killed after step {Step}";
    }

    public sealed record PulledAfter(int Bytes) : Fault
    {
        public override string ToString() => $"card pulled after K={Bytes} bytes";
    }
}

/// <summary>The private stand-in for the process dying: thrown from the step hook, caught only by the sweep.</summary>
internal sealed class ProcessKilled : Exception
{
    public ProcessKilled()
        : base("the process died here")
    {
    }
}
