using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Tests.Readings;

/// <summary>
/// A meter link whose meters answer as scripted (the Yubico fake's shape): a reading for each meter given one, silence
/// or a refusal for the ones marked so, silence for any other. It records whom it was asked, in order.
/// </summary>
internal sealed class ScriptedMeterLink(TimeProvider time) : IMeterLinkReader
{
    private readonly Dictionary<MeterNumber, LinkReading> _answers = [];

    public string Name => "/dev/ttyTEST";

    public List<MeterNumber> Asked { get; } = [];

    /// <summary>Called for each meter as it is asked (a test cancels the round part-way here).</summary>
    public Action<MeterNumber>? OnAsk { get; set; }

    /// <summary>The meter answers: loaded count, remaining, cumulative energy, relay open; its clock is the link's time now.</summary>
    public ScriptedMeterLink Answers(MeterNumber meter, uint loaded, long remaining, long energy, ReturnWriteStatus status = ReturnWriteStatus.None)
    {
        _answers[meter] = LinkReading.Read(new ReturnWriteBlock(meter, PurchaseCount.From(loaded), new CreditAmount(CreditUnit.Energy, remaining),
            Energy.FromHundredths(energy), status, time.GetUtcNow()));
        return this;
    }

    public ScriptedMeterLink Refuses(MeterNumber meter, string why)
    {
        _answers[meter] = LinkReading.Refused(why);
        return this;
    }

    public Task<LinkReading> ReadAsync(MeterNumber meter, CreditUnit unit, CancellationToken cancellationToken)
    {
        Asked.Add(meter);
        OnAsk?.Invoke(meter);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_answers.TryGetValue(meter, out var answer)
            ? answer with { Block = answer.Block with { Remaining = answer.Block.Remaining with { Unit = unit } } }
            : LinkReading.Silent($"no reply from meter {meter} on {Name} to Read after 1 tries of 100 ms"));
    }
}
