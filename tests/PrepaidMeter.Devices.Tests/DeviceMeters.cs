using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Devices.Tests;

/// <summary>The meters the device tests put behind a link or a channel.</summary>
internal static class DeviceMeters
{
    public static MeterNumber Number { get; } = MeterNumber.From(12345678);

    /// <summary>A fresh pm-ref-energy meter, as `prepaid meter new` makes one.</summary>
    public static VirtualMeter Fresh() =>
        VirtualMeter.Create(MeterModels.ReferenceEnergy, Number, SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment));

    /// <summary>A fresh keypad-only pm-sts-energy meter with the lab's STS install (its DRN from its number, its key from the lab's vending key).</summary>
    public static VirtualMeter Sts() => VirtualMeter.Create(StsModel, Number, SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment),
        TokenInstall.ForLab(StsModel.Token!, Number));

    /// <summary>An electricity credit token of <paramref name="tenths"/> tenths of a kWh with identifier <paramref name="tid"/>, for <see cref="Sts"/>.</summary>
    public static string StsCredit(long tenths, int tid) =>
        new TokenCodec(TokenInstall.ForLab(StsModel.Token!, Number).Key.Cipher())
            .Encode(new CreditToken(CreditKind.Electricity, 0, new TokenIdentifier(tid), TransferAmount.RoundedUp(tenths)!.Value)).ToDigits();

    /// <summary><paramref name="digits"/> with its last digit typed one more than it is (9 as 0): a CRC that no longer holds.</summary>
    public static string Mistyped(string digits) => digits[..^1] + (char)('0' + ((digits[^1] - '0' + 1) % 10));

    private static MeterModel StsModel => MeterModels.Get("pm-sts-energy");

    /// <summary>
    /// pm-ref-energy made to count credit in m³: its amounts in hundredths of a m³. Only what the link and the lab channel
    /// must tell apart by unit; the real water meter is pm-ref-water.
    /// </summary>
    public static VirtualMeter CountingVolume()
    {
        var energy = MeterModels.ReferenceEnergy;
        static CreditAmount M3(CreditAmount amount) => new(CreditUnit.Volume, amount.Hundredths);
        var d = energy.Defaults;
        var model = energy with
        {
            Id = "water-ref", CreditUnit = CreditUnit.Volume, PresetCredit = M3(energy.PresetCredit),
            Defaults = d with { Alarm1 = M3(d.Alarm1), Alarm2 = M3(d.Alarm2), OverdraftLimit = M3(d.OverdraftLimit), PurchaseLimit = M3(d.PurchaseLimit) },
        };
        return VirtualMeter.Create(model, Number, SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment));
    }

    /// <summary>
    /// A pm-ref-energy meter configured, loaded with 50 kWh (60 with its preset) and run under 4 kW, a kWh a quarter hour,
    /// down past alarm 2 (which trips it once; the user card put back closes it) into overdraft.
    /// </summary>
    public static VirtualMeter InOverdraft()
    {
        var meter = Fresh();
        var layout = meter.Model.Layouts[0];
        byte[] Image(CardRecord record)
        {
            layout.Encode(record, Some.Keys, out var image).ThrowIfRefused();
            return image;
        }

        var set = new CardRecord
        {
            Kind = CardKind.Set, Layout = layout.Id, CreditUnit = CreditUnit.Energy, SupplyGroup = SupplyGroupCode.From(100001),
            CardSerial = CardSerial.From(90000001), Parameters = meter.Model.Defaults,
        };
        meter.InsertCard(Image(set)).Accepted.ShouldBeTrue();
        var user = Image(Some.UserCard(layout.Id));
        meter.InsertCard(user).Accepted.ShouldBeTrue();
        for (var quarter = 0; quarter < 200 && meter.Snapshot().CreditState != CreditState.Overdraft; quarter++)
        {
            meter.Advance(TimeSpan.FromMinutes(15), LoadProfile.Constant(4_000));
            if (meter.Snapshot().Relay == RelayState.Open)
            {
                meter.InsertCard(user); // alarm 2's trip: the customer's card closes the relay again
            }
        }

        return meter;
    }
}
