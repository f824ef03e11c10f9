using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Cjt188;

/// <summary>The framing round-trips, notices any single changed byte, and never throws on line noise; values round-trip.</summary>
public sealed class Cjt188CodecProperties
{
    private static readonly Gen<byte> Bytes = Gen.Choose(0, 255).Select(b => (byte)b);

    private static Gen<Cjt188Address> Addresses() =>
        from digits in Gens.Long(0, 99_999_999_999_999)
        from wildcard in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select wildcard ? Cjt188Address.Wildcard : Cjt188Address.From((ulong)digits);

    private static Gen<Cjt188Frame> Frames() =>
        from type in Bytes
        from address in Addresses()
        from control in Bytes
        from length in Gen.Choose(0, Cjt188Codec.MaxData)
        from data in Gen.ArrayOf(Bytes, length)
        select new Cjt188Frame(new Cjt188MeterType(type), address, new Cjt188Control(control), data);

    private static Gen<Cjt188Volume> Volumes() =>
        from hundredths in Gens.Long(0, Cjt188Volume.MaxHundredths)
        from unit in Gen.Elements(Enum.GetValues<Cjt188Unit>())
        select Cjt188Volume.From(hundredths, unit);

    private static Gen<Cjt188MeteringData> MeteringData() =>
        from current in Volumes()
        from settlement in Volumes()
        from seconds in Gens.Long(0, 3_155_759_999) // 2000-01-01 00:00:00 to 2099-12-31 23:59:59
        from clockless in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from first in Bytes
        from second in Bytes
        select new Cjt188MeteringData(current, settlement,
            clockless ? null : new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds), new Cjt188Status(first, second));

    [Fact]
    public void EncodeThenDecode_IsTheIdentity_WithAnyWakeUp()
    {
        Prop.ForAll(Frames().ToArbitrary(), Gen.Choose(0, 4).ToArbitrary(), (frame, wakeUp) =>
        {
            var wire = Cjt188Codec.Encode(frame, wakeUp);
            var decoded = Cjt188Codec.Decode(wire);
            decoded.Error.ShouldBe(Cjt188FrameError.None, decoded.Detail);
            decoded.Frame.ShouldBe(frame);
            decoded.Consumed.ShouldBe(wire.Length);
        }).QuickCheckThrowOnFailure(2000);
    }

    [Fact]
    public void AnySingleChangedByte_IsNeverTakenForTheFrameSent()
    {
        var cases = Frames().SelectMany(frame => Gen.Choose(0, Cjt188Codec.Overhead + frame.Data.Length - 1).Zip(Gen.Choose(1, 255))
            .Select(edit => (frame, edit.Item1, (byte)edit.Item2)));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (frame, at, flip) = c;
            var wire = Cjt188Codec.Encode(frame, wakeUp: 0);
            wire[at] ^= flip;
            var decoded = Cjt188Codec.Decode(wire);
            (decoded.Success && decoded.Frame == frame).ShouldBeFalse($"byte {at} xor {flip:X2} went unnoticed");
        }).QuickCheckThrowOnFailure(3000);
    }

    [Fact]
    public void LineNoise_NeverMakesDecodeThrow_AndAlwaysMovesOnOrWaits()
    {
        var noise = Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Frequency((1, Gen.Constant((byte)0x68)), (6, Bytes)), n));
        Prop.ForAll(noise.ToArbitrary(), wire =>
        {
            var decoded = Cjt188Codec.Decode(wire);
            decoded.Consumed.ShouldBeInRange(0, wire.Length);
            if (wire.Length > 0 && decoded.Error is not Cjt188FrameError.Incomplete and not Cjt188FrameError.None)
            {
                decoded.Consumed.ShouldBeGreaterThan(0, "an error must drop bytes, or a reader would spin");
            }
        }).QuickCheckThrowOnFailure(3000);
    }

    [Fact]
    public void Addresses_RoundTripThroughTheirWireBytesAndText()
    {
        Prop.ForAll(Addresses().ToArbitrary(), address =>
        {
            Span<byte> wire = stackalloc byte[Cjt188Address.Length];
            address.WriteTo(wire);
            Cjt188Address.TryRead(wire, out var read).ShouldBeTrue();
            read.ShouldBe(address);
            Cjt188Address.TryParse(address.ToString(), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(address);
        }).QuickCheckThrowOnFailure(1000);
    }

    [Fact]
    public void MeteringData_RoundTripsThroughIts19Bytes()
    {
        Prop.ForAll(MeteringData().ToArbitrary(), data =>
        {
            var bytes = data.ToBytes();
            bytes.Length.ShouldBe(Cjt188MeteringData.Length);
            Cjt188MeteringData.TryRead(bytes, out var read).ShouldBeTrue();
            read.ShouldBe(data);
        }).QuickCheckThrowOnFailure(2000);
    }

    [Fact]
    public void Volume_OutsideEightDigits_IsRefused()
    {
        Prop.ForAll(Gen.OneOf(Gens.Long(long.MinValue, -1), Gens.Long(Cjt188Volume.MaxHundredths + 1, long.MaxValue)).ToArbitrary(), hundredths =>
            Should.Throw<ArgumentOutOfRangeException>(() => Cjt188Volume.From(hundredths, Cjt188Unit.CubicMetre))).QuickCheckThrowOnFailure(500);
    }
}
