using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.Host;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Web.Tests.Meters;

/// <summary>
/// A folder of virtual meters for the meter display's tests, kept as `prepaid meter` keeps them: made, given their set card and
/// first user card through the meter's own API, each saved to NUMBER.nvram with <see cref="MeterFiles"/> (write, then rename),
/// exactly as `meter insert` saves after a card.
/// </summary>
internal sealed class MeterBench : IDisposable
{
    public static readonly MeterNumber Energy = MeterNumber.From(12345678);

    public static readonly MeterNumber Water = MeterNumber.From(87654321);

    private static readonly SupplyGroupCode Group = SupplyGroupCode.From(100001);

    private readonly TempFolder _folder = new();

    public string Folder => _folder.Path;

    public string FileOf(MeterNumber number) => Path.Combine(Folder, $"{number}.nvram");

    /// <summary>A pm-ref-energy meter configured and loaded with the user card's first 50.00 kWh (60.00 with its preset).</summary>
    public VirtualMeter EnergyMeter() => Made(MeterModels.ReferenceEnergy, Energy, CreditUnit.Energy, CreditAmount.Of(Core.Energy.FromKilowattHours(50m)));

    /// <summary>A pm-ref-water meter configured and loaded with 3.00 m³.</summary>
    public VirtualMeter WaterMeter() => Made(MeterModels.ReferenceWater, Water, CreditUnit.Volume, new CreditAmount(CreditUnit.Volume, 300));

    /// <summary>Inserts the user card with purchase <paramref name="count"/> of <paramref name="purchase"/> and saves the meter, as `meter insert` does.</summary>
    public CardOutcome InsertAndSave(VirtualMeter meter, uint count, CreditAmount purchase, MeterNumber? cardFor = null)
    {
        var outcome = meter.InsertCard(UserCard(meter, count, purchase, cardFor));
        MeterFiles.Save(FileOf(meter.Snapshot().MeterNumber), meter);
        return outcome;
    }

    /// <summary>Saves the meter to its file, as `meter run` does after its clock moved.</summary>
    public void Save(VirtualMeter meter) => MeterFiles.Save(FileOf(meter.Snapshot().MeterNumber), meter);

    public void Dispose() => _folder.Dispose();

    private VirtualMeter Made(MeterModel model, MeterNumber number, CreditUnit unit, CreditAmount first)
    {
        var meter = VirtualMeter.Create(model, number, Group, Some.Keys, new FakeTimeProvider(Some.Moment));
        var layout = CardLayouts.ReferenceV1;
        var set = new CardRecord { Kind = CardKind.Set, Layout = layout.Id, CreditUnit = unit, SupplyGroup = Group, Parameters = model.Defaults };
        layout.Encode(set, Some.Keys, out var setImage).ThrowIfRefused();
        meter.InsertCard(setImage).Accepted.ShouldBeTrue();
        InsertAndSave(meter, 1, first).Accepted.ShouldBeTrue();
        return meter;
    }

    private static byte[] UserCard(VirtualMeter meter, uint count, CreditAmount purchase, MeterNumber? cardFor)
    {
        var layout = CardLayouts.ReferenceV1;
        var user = Some.UserCard(layout.Id, count) with
        {
            CreditUnit = purchase.Unit, Purchase = purchase, MeterNumber = cardFor ?? meter.Snapshot().MeterNumber,
        };
        layout.Encode(user, Some.Keys, out var image).ThrowIfRefused();
        return image;
    }
}
