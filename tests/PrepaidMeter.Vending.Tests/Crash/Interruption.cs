using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>
/// How a run of the operation under a fault ended: whether the process died, what the operation answered, whether the
/// card was pulled, and the pending row's images — the row holds the image the write is about to leave, and an
/// uninterrupted run leaves exactly it (each sweep's first case checks that), so a case compares the card with it.
/// </summary>
internal sealed record Interruption(bool Died, Refusal? Refusal, bool Pulled, int Written, byte[]? Previous, byte[]? Intended)
{
    /// <summary>The bytes the write sends: its changed runs, gaps of a few unchanged bytes included. Null when nothing was recorded.</summary>
    public int? Bytes => Previous is null ? null : CardImageIo.ChangedRuns(Previous, Intended).Sum(r => r.Length);

    /// <summary>Runs the operation in a process of its own, which the fault kills after a step, or whose card it pulls after some bytes.</summary>
    public static async Task<Interruption> RunAsync(Bench bench, SweptOperation operation, Subject subject, Fault fault)
    {
        (byte[] Previous, byte[] Intended)? pending = null;
        var process = bench.Process(step =>
        {
            if (step == CardWriteStep.Recorded)
            {
                pending = bench.PendingImages();
            }

            if (fault is Fault.KilledAfter killed && killed.Step == step)
            {
                throw new ProcessKilled();
            }
        });
        bench.Pulling.Arm(fault is Fault.PulledAfter pulled ? pulled.Bytes : null);
        Refusal? refusal = null;
        var died = false;
        try
        {
            refusal = await operation.Act(process, bench, subject, bench.Pulling);
        }
        catch (ProcessKilled)
        {
            died = true;
        }

        var ended = new Interruption(died, refusal, bench.Pulling.Pulled, bench.Pulling.Written, pending?.Previous, pending?.Intended);

        // The operator puts the pulled card back, to run recovery with it.
        bench.Pulling.PutBack();
        bench.Pulling.Arm(null);
        return ended;
    }

    /// <summary>The run ended as the fault says: killed at its step; or, the card pulled exactly when the mark fell within the write, a failed write; or success.</summary>
    public void ShouldMatch(Fault fault, byte[] before)
    {
        Died.ShouldBe(fault is Fault.KilledAfter, "the process died at the step, and only there");
        Previous?.ShouldBe(before, "the pending row's old image is the card as it was");
        if (fault is Fault.KilledAfter)
        {
            return;
        }

        var bytes = Bytes.ShouldNotBeNull("the pending row was recorded");
        Pulled.ShouldBe(fault is Fault.PulledAfter { Bytes: var k } && k <= bytes, "the card left the reader exactly when the mark fell within the write");
        if (Pulled)
        {
            Refusal.ShouldNotBeNull("a pulled card fails the write").Reason.ShouldBe(RefusalReason.CardWriteFailed);
        }
        else
        {
            Refusal.ShouldBeNull("the operation succeeds");
            Written.ShouldBe(bytes, "the write sends the changed runs, no more");
        }
    }

    /// <summary>Whether the card should hold the write: killed from CardWrittenUnverified on, pulled after the last byte, or never interrupted.</summary>
    public bool ShouldStand(Fault fault) => fault switch
    {
        Fault.KilledAfter killed => killed.CardHoldsTheWrite,
        Fault.PulledAfter pulled => pulled.Bytes >= Bytes,
        _ => true,
    };

    /// <summary>Whether recovery has a pending write to settle: not when killed before the row committed or after the settlement did, nor after a clean run.</summary>
    public bool LeftPending(Fault fault) =>
        fault is Fault.KilledAfter { Step: not (CardWriteStep.Recording or CardWriteStep.Committed) } || Pulled;
}
