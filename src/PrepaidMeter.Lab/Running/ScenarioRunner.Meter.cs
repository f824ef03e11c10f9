using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Running;

/// <summary>The steps done at the meter: cards carried to it, time passing, power and remote commands.</summary>
public sealed partial class ScenarioRunner
{
    /// <summary>Consumption is sampled for the charts at most this often, and in at most this many pieces a step.</summary>
    private static readonly TimeSpan SampleEvery = TimeSpan.FromHours(1);
    private const int MaxSamplesPerStep = 240;

    /// <summary>Another supply group: its cards must never load here.</summary>
    private static readonly SupplyGroupKeys ForeignKeys = SupplyGroupKeys.Derive(Convert.FromHexString("0BADC0DE0BADC0DE"));

    /// <summary>A forger's guess at the group's secret: whatever it is, it is not the group's.</summary>
    private static readonly SupplyGroupKeys ForgerKeys = SupplyGroupKeys.Derive(Convert.FromHexString("F0F0F0F0DEADBEEF"));

    private async Task<StepOutcome> SwipeAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        if (_hand is null)
        {
            return StepOutcome.Cannot(_account is null ? NoAccount : NoCard);
        }

        var meter = step.Meter ?? _meter;
        if (!step.CardFault.IsNone)
        {
            var faulted = await _target.InsertCardAsync(meter, _hand, step.CardFault, cancellationToken);
            return new($"user card in meter {meter}, the card's fault: {step.CardFault}: {faulted}", Card: faulted);
        }

        var outcome = await _target.InsertCardAsync(meter, _hand, step.Cut, cancellationToken);
        return new($"user card in meter {meter}: {outcome}", Card: outcome);
    }

    private StepOutcome KeepImage(ScenarioStep step)
    {
        if (_hand is null)
        {
            return StepOutcome.Cannot(NoCard);
        }

        _images[step.Name!] = _hand.Memory.ToArray();
        return new($"image of the user card kept as '{step.Name}'");
    }

    private async Task<StepOutcome> ReplayAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        if (!_images.TryGetValue(step.Name!, out var image))
        {
            return StepOutcome.Cannot($"no image '{step.Name}' was kept before this step");
        }

        // A copy of the old image on a card of its own: whatever the meter writes back stays on the copy.
        var copy = _site.CopyOf(image);
        var meter = step.Meter ?? _meter;
        var outcome = await _target.InsertCardAsync(meter, copy, PowerCut.None, cancellationToken);
        return new($"copy of image '{step.Name}' in meter {meter}: {outcome}", Card: outcome, Images: new(image, copy.Memory.ToArray()));
    }

    private StepOutcome LoseCard()
    {
        if (_hand is null)
        {
            return StepOutcome.Cannot(NoCard);
        }

        _images["lost"] = _hand.Memory.ToArray();
        _hand = null;
        return new("the user card is lost (its image is kept as 'lost')");
    }

    private async Task<StepOutcome> ForeignCardAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var meter = step.Meter ?? _meter;
        var foreignGroup = SupplyGroupCode.From(_site.Group.Value == SupplyGroupCode.MaxValue.Value ? 1 : _site.Group.Value + 1);
        var record = new CardRecord
        {
            Kind = CardKind.User,
            Layout = _site.Layout.Id,
            CreditUnit = _site.Model.CreditUnit,
            SupplyGroup = foreignGroup,
            MeterNumber = meter,
            CustomerNumber = _site.Customer,
            CardSerial = CardSerial.From(990_001),
            PurchaseCount = PurchaseCount.From(1),
            Purchase = new(_site.Model.CreditUnit, 10_000),
        };
        _site.Layout.Encode(record, ForeignKeys, out var image).ThrowIfRefused();
        var foreign = _site.CardWith(image, ForeignKeys);
        var before = foreign.Memory.ToArray();
        var outcome = await _target.InsertCardAsync(meter, foreign, PowerCut.None, cancellationToken);
        return new($"user card of supply group {foreignGroup} in meter {meter}: {outcome}", Card: outcome, Images: new(before, foreign.Memory.ToArray()));
    }

    private StepOutcome TamperCard(ScenarioStep step)
    {
        if (_hand is null)
        {
            return StepOutcome.Cannot(_account is null ? NoAccount : NoCard);
        }

        // By default a byte in the middle of the data area, which every checksum or MAC of a layout covers. The
        // offset is a card address: the image's byte 0 is at the layout's medium offset.
        var offset = step.Offset ?? (_site.Layout.MediumOffset + _site.Layout.DataArea.Offset + 28);
        if (offset < 0 || offset >= _hand.Memory.Length || _hand.IsProtected(offset))
        {
            var medium = _hand.Medium;
            return StepOutcome.Cannot($"byte {offset} cannot be changed: an {medium.Name} card writes bytes {medium.UsableStart} to {medium.UsableEnd - 1} that are not protected");
        }

        var image = _hand.Memory.ToArray();
        var was = image[offset];
        image[offset] ^= 0x01;
        _hand = _site.CopyOf(image);
        return new($"byte {offset} of the user card changed by hand: 0x{was:X2} → 0x{image[offset]:X2}");
    }

    /// <summary>
    /// A forger's edit of the user card in hand: the purchase amount changed to the step's, the layout's checksums
    /// computed again — the layout is no secret — and, where the layout has a MAC, a MAC made with a key of the
    /// forger's own (the supply group's secret is what the forger does not have). The fields are read as the card
    /// shows them; a memory card's fields are plain bytes, the MAC only vouches for them.
    /// </summary>
    private StepOutcome ForgeCard(ScenarioStep step)
    {
        if (_hand is null)
        {
            return StepOutcome.Cannot(_account is null ? NoAccount : NoCard);
        }

        if (_site.Layout.Decode(_site.ImageOf(_hand), _site.Keys).Record is not { } record)
        {
            return StepOutcome.Cannot("the user card in hand does not decode");
        }

        var amount = step.Purchase is { Energy: { } energy } ? energy.Hundredths
            : step.Purchase is { Volume: { } volume } ? volume.Hundredths : step.Purchase?.Money?.Hundredths ?? record.Purchase.Hundredths * 2;
        var image = _site.ImageOf(_hand).ToArray();
        var forged = record with { Purchase = new(record.CreditUnit, amount) };
        if (!_site.Layout.Encode(forged, ForgerKeys, image.AsSpan()).Success)
        {
            return StepOutcome.Cannot($"layout {_site.Layout.Id} cannot carry a purchase of {forged.Purchase}");
        }

        _hand = _site.CardWith(image, _site.Keys);
        var how = _site.Layout.HasMac ? "checksums recomputed, MAC made without the group's secret" : "checksums recomputed (the layout has no MAC)";
        return new($"purchase {record.PurchaseCount} on the user card edited from {record.Purchase} to {forged.Purchase}; {how}");
    }

    private async Task<StepOutcome> BlankCardAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var meter = step.Meter ?? _meter;
        var blank = _site.NewBlank();
        var image = blank.Memory.ToArray();
        var outcome = await _target.InsertCardAsync(meter, blank, PowerCut.None, cancellationToken);
        return new($"a blank card in meter {meter}: {outcome}", Card: outcome, Images: new(image, blank.Memory.ToArray()));
    }

    private async Task<StepOutcome> OverLimitCardAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        if (_hand is null)
        {
            return StepOutcome.Cannot(_account is null ? NoAccount : NoCard);
        }

        if (_site.Layout.Decode(_site.ImageOf(_hand), _site.Keys).Record is not { } record)
        {
            return StepOutcome.Cannot("the user card in hand does not decode");
        }

        var meter = step.Meter ?? _meter;
        var limit = (await _target.ReadAsync(meter, cancellationToken)).Parameters.PurchaseLimit;
        if (limit.Hundredths <= 0)
        {
            return StepOutcome.Cannot($"meter {meter} has no purchase limit to pass");
        }

        var forged = record with { PurchaseCount = record.PurchaseCount.Next(), Purchase = new(record.CreditUnit, limit.Hundredths + 100) };
        _site.Layout.Encode(forged, _site.Keys, out var image).ThrowIfRefused();
        var card = _site.CardWith(image, _site.Keys);
        var written = card.Memory.ToArray();
        var outcome = await _target.InsertCardAsync(meter, card, PowerCut.None, cancellationToken);
        return new($"a card carrying purchase {forged.PurchaseCount} of {forged.Purchase} (the limit is {limit}) in meter {meter}: {outcome}", Card: outcome,
            Images: new(written, card.Memory.ToArray()));
    }

    /// <summary>Time passes for every meter on the board: the account's under the load, the others with nothing on.</summary>
    private Task<StepOutcome> ConsumeAsync(TimeSpan duration, LoadProfile load, string loadText, MeterSnapshot before, CancellationToken cancellationToken) =>
        PassTimeAsync(duration, load, loadText, before, cancellationToken);

    /// <summary>Time passes for every meter on the board: the account's drawing <paramref name="drawn"/> (a load or a flow), the others nothing.</summary>
    private async Task<StepOutcome> PassTimeAsync(TimeSpan duration, object drawn, string drawnText, MeterSnapshot before, CancellationToken cancellationToken)
    {
        if (duration > _target.LongestStep)
        {
            throw new StepNotPossibleException(
                $"{Durations.Format(duration)} takes that long in real time there (it plays at most {Durations.Format(_target.LongestStep)} a step); shorten the step or play it on the virtual or stack target");
        }

        // Hourly chart points, each piece one advance of the meter, the whole stretch one exchange with each meter.
        var pieces = (int)Math.Clamp(Math.Ceiling(duration / SampleEvery), 1, MaxSamplesPerStep);
        object idle = drawn is Meter.Flow.FlowProfile ? Meter.Flow.FlowProfile.None : LoadProfile.Constant(0);
        IReadOnlyList<MeterEvent> events = [];
        // The account's meter first: on a bench, where time is real, its load runs while the others wait too.
        foreach (var meter in _scenario.Site.Meters.OrderBy(m => m == _meter ? 0 : 1))
        {
            var watched = meter == _meter;
            var passed = await PassAsync(meter, new TimeSteps(duration, pieces, sampled: watched), watched ? drawn : idle, cancellationToken);
            if (watched)
            {
                events = passed.Events;
                foreach (var sample in passed.Samples)
                {
                    Sample(sample);
                }
            }
        }

        _site.Time.Advance(duration);
        var after = await _target.ReadAsync(_meter, cancellationToken);
        var used = Used(before, after);
        var notable = events.Count == 0 ? "nothing notable" : string.Join("; ", events.Select(e => $"{e.At:MM-dd HH:mm} {e.Kind}").Distinct().Take(6))
            + (events.Count > 6 ? $"; … {events.Count} events in all" : "");
        // A target that does not tell events as they happen (a bench) leaves the step to find them in the meter's event log.
        return new($"{Durations.Format(duration)} under {drawnText}: {used} used; {notable}", Events: events.Count > 0 ? events : null);
    }

    private async Task<StepOutcome> PowerAsync(bool cut, CancellationToken cancellationToken)
    {
        if (cut)
        {
            await _target.CutPowerAsync(_meter, cancellationToken);
            return new($"power cut at meter {_meter}");
        }

        await _target.RestorePowerAsync(_meter, cancellationToken);
        return new($"power restored at meter {_meter}: it restarted from its NVRAM");
    }

    private async Task<StepOutcome> RemoteAsync(RemoteCommand command, CancellationToken cancellationToken)
    {
        var accepted = await _target.RemoteAsync(_meter, command, cancellationToken);
        return new($"remote {command} to meter {_meter}: {(accepted ? "done" : "refused")}");
    }
}
