using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Devices.Tests;

/// <summary>The meters the device tests put behind a link or a channel.</summary>
internal static class DeviceMeters
{
    public static MeterNumber Number { get; } = MeterNumber.From(12345678);

    /// <summary>A fresh pm-ref-energy meter, as `prepaid meter new` makes one.</summary>
    public static VirtualMeter Fresh() =>
        VirtualMeter.Create(MeterModels.ReferenceEnergy, Number, SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment));
}
