using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Running;

/// <summary>Card writes cut short at the counter, and the recovery that settles what they left pending.</summary>
public sealed partial class ScenarioRunner
{
    /// <summary>
    /// Runs a counter step's card write with the step's interruption armed on the counter's reader. A pulled card ends
    /// in the back office's own answer (its refusal is judged as any other); a power cut ends the back office, which
    /// starts again on its books with the write pending. <paramref name="struck"/> runs once the write was cut short (the
    /// customer keeps the torn card).
    /// </summary>
    private async Task<StepOutcome> InterruptibleAsync(ScenarioStep step, Func<Task<StepOutcome>> write, Action? struck = null)
    {
        if (step.Interrupt is not { } interrupt)
        {
            return await write();
        }

        _site.Counter.Arm(interrupt);
        try
        {
            var outcome = await write();
            if (_site.Counter.Struck)
            {
                struck?.Invoke();
                return outcome with { Summary = $"{interrupt}: {outcome.Summary}" };
            }

            // Refused before any byte was written: the refusal is the story. Written whole: the mark was past the write's end.
            return outcome.Refusal is not null ? outcome : outcome with
            {
                Problem = outcome.Problem ?? $"{interrupt} was asked for, but the card write was {_site.Counter.Written} bytes: nothing was cut short",
            };
        }
        catch (CounterPowerCutException)
        {
            struck?.Invoke();
            _site.Restart();
            return new($"{interrupt} of the card write: the back office stopped without an answer; started again, it holds {Pending(_site.Office.Recovery.Pending())}");
        }
        finally
        {
            await _site.Counter.DisarmAsync();
        }
    }

    /// <summary>The customer's card in the counter's reader, and `vend recover` run on it.</summary>
    private async Task<StepOutcome> RecoverAsync(CancellationToken cancellationToken)
    {
        if (_hand is null)
        {
            return StepOutcome.Cannot(NoCard);
        }

        var before = _hand.Memory.ToArray();
        _site.AtCounter(_hand);
        var recovered = await _site.Office.Recovery.RecoverAsync(_site.Admin, _site.Counter, cancellationToken);
        var images = new CardImages(before, _hand.Memory.ToArray());
        if (!recovered.Success)
        {
            return StepOutcome.Refused("recovering the card writes left pending", recovered.Refusal) with { Images = images };
        }

        // An opening cut short left the runner without an account: the recovery that committed it opened it.
        _account ??= recovered.Value.Select(r => r.Write.AccountId).OfType<long>()
            .Where(id => _site.Office.Accounts.Get(_site.Admin, id) is { Success: true, Value.Status: AccountStatus.Open })
            .Select(id => (long?)id).FirstOrDefault();
        var settled = recovered.Value.Count == 0
            ? "nothing was pending"
            : string.Join("; ", recovered.Value.Select(r => $"{r.Write}: {r.Settlement}"));
        return new($"the user card at the counter, recovery run: {settled}", Images: images);
    }

    private static string Pending(IReadOnlyList<PendingCardWrite> pending) => pending.Count switch
    {
        0 => "no card write pending",
        1 => $"1 card write pending ({pending[0]})",
        _ => $"{pending.Count} card writes pending ({string.Join("; ", pending)})",
    };
}
