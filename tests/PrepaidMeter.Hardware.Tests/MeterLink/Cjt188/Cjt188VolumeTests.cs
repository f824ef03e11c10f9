using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Cjt188;

public sealed class Cjt188VolumeTests
{
    [Theory]
    [InlineData(Cjt188Unit.CubicMetre, 123_456, 123_456)]
    [InlineData(Cjt188Unit.CubicMetreTimes10, 12, 120)]
    [InlineData(Cjt188Unit.CubicMetreTimes100, 12, 1_200)]
    [InlineData(Cjt188Unit.Litre, 1_234_000, 1_234)]
    [InlineData(Cjt188Unit.LitreTimes10, 12_300, 123)]
    [InlineData(Cjt188Unit.LitreTimes100, 120, 12)]
    public void TryToVolume_VolumeUnit_GivesHundredthsOfACubicMetre(Cjt188Unit unit, long wireHundredths, long volumeHundredths)
    {
        Cjt188Volume.From(wireHundredths, unit).TryToVolume(out var volume).ShouldBeTrue();
        volume.ShouldBe(Volume.FromHundredths(volumeHundredths));
    }

    [Theory]
    [InlineData(Cjt188Unit.Litre, 1_234_567)] // 12.34567 m³: finer than 10 L, never rounded
    [InlineData(Cjt188Unit.LitreTimes100, 125)] // 0.125 m³
    [InlineData(Cjt188Unit.KWh, 100)]
    [InlineData(Cjt188Unit.CubicMetrePerHour, 100)]
    [InlineData((Cjt188Unit)0xEE, 100)]
    public void TryToVolume_NotAWholeVolume_IsFalse(Cjt188Unit unit, long wireHundredths) =>
        Cjt188Volume.From(wireHundredths, unit).TryToVolume(out _).ShouldBeFalse();

    [Fact]
    public void Of_BeyondTheWiresEightDigits_IsAProgrammingError()
    {
        Cjt188Volume.Of(Volume.FromCubicMetres(999_999.99m)).ToString().ShouldBe("999999.99 m³");
        Should.Throw<ArgumentOutOfRangeException>(() => Cjt188Volume.Of(Volume.FromCubicMetres(1_000_000m)));
        Should.Throw<ArgumentOutOfRangeException>(() => Cjt188Volume.Of(Volume.FromHundredths(-1)));
    }

    [Property(MaxTest = 500)]
    public Property Of_ThenTryToVolume_GivesTheSameVolume_ThroughTheWire() =>
        Prop.ForAll(Gens.Long(0, Cjt188Volume.MaxHundredths).ToArbitrary(), hundredths =>
        {
            var bytes = new byte[Cjt188Volume.Length];
            Cjt188Volume.Of(Volume.FromHundredths(hundredths)).WriteTo(bytes);
            return Cjt188Volume.TryRead(bytes, out var read) && read.TryToVolume(out var volume) && volume.Hundredths == hundredths;
        });
}
