using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// What the bench asks its operator to do, in words (<see cref="Text"/>) and as data, so a person reads it
/// and a scripted stand-in in a test can act on it. When <see cref="Confirm"/> is true the bench waits for
/// the operator to say it is done; otherwise the bench sees it happen itself (a card going in or out).
/// </summary>
public abstract record BenchInstruction(MeterNumber Meter, string Text, bool Confirm);

/// <summary>
/// A fresh meter of the model, with the scenario's number and supply group, on the bench and its link; a token model's with
/// the lab's STS install (<see cref="Meter.Tokens.TokenInstall.ForLab"/>), whose decoder key comes from the lab's public vending
/// key and is said so the meter can be loaded with it — never a real supply group's key.
/// </summary>
public sealed record FitMeter(MeterNumber Meter, MeterModel Model, SupplyGroupCode Group, SupplyGroupKeys Keys, DateTimeOffset Clock)
    : BenchInstruction(Meter,
        $"Fit a fresh meter of model '{Model.Id}' (nothing loaded yet) numbered {Meter}, of supply group {Group}{StsInstall(Model, Meter)}, wire its DL/T 645 link to the bench, switch it on",
        Confirm: true)
{
    private static string StsInstall(MeterModel model, MeterNumber meter)
    {
        if (model.Token is not { } rule)
        {
            return "";
        }

        var install = PrepaidMeter.Meter.Tokens.TokenInstall.ForLab(rule, meter);
        var sts = install.Identity;
        return $", an STS meter with DRN {sts.Drn}, IIN {sts.Iin}, SGC {sts.SupplyGroup:D6}, TI {sts.TariffIndex:D2}, KRN {sts.KeyRevision}, KT {sts.KeyType}, "
            + $"base date {(int)sts.BaseDate}, KEN {sts.KeyExpiry} and the lab's decoder key {install.Key.ToHex()} ({PrepaidMeter.Meter.Tokens.TokenInstall.Name(install.Key.Algorithm)})";
    }
}

/// <summary>The card the scenario carries: into the counter's reader, where the bench writes it.</summary>
public sealed record PutCardInCounter(MeterNumber Meter, string Reader)
    : BenchInstruction(Meter, $"Put the bench card in the counter's reader '{Reader}'", Confirm: false);

/// <summary>The card from the counter to the meter and back, once the meter has finished with it.</summary>
public sealed record CarryCardToMeter(MeterNumber Meter, string Reader)
    : BenchInstruction(Meter, $"Take the card from '{Reader}' to meter {Meter}, insert it, wait until the meter has finished with it, and put it back in '{Reader}'", Confirm: false);

/// <summary>A load on the meter for a stretch of real time, as the scenario's profile draws it.</summary>
public sealed record RunLoad(MeterNumber Meter, SegmentedLoad Load, TimeSpan Duration)
    : BenchInstruction(Meter, $"Switch on at meter {Meter}: {Describe(Load)} — the bench times {Core.Durations.Format(Duration)} from when you confirm", Confirm: true)
{
    private static string Describe(SegmentedLoad load)
    {
        var watts = load.WattsAt(DateTimeOffset.MinValue);
        var factor = load.PowerFactorAt(DateTimeOffset.MinValue); // thousandths
        var first = $"{watts} W at power factor {factor / 1000}.{factor % 1000:D3}";
        return load.Count == 1 ? first : $"the profile's {load.Count} stretches, first {first}";
    }
}

/// <summary>The load off again.</summary>
public sealed record LoadOff(MeterNumber Meter)
    : BenchInstruction(Meter, $"Switch the load at meter {Meter} off", Confirm: true);

/// <summary>The meter's supply off or on.</summary>
public sealed record SwitchSupply(MeterNumber Meter, bool On)
    : BenchInstruction(Meter, On ? $"Switch meter {Meter}'s supply back on" : $"Switch meter {Meter}'s supply off", Confirm: true);
