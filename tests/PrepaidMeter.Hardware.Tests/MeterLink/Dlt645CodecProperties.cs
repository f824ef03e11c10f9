using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.MeterLink;

/// <summary>The framing round-trips, notices any single changed byte, and never throws on line noise.</summary>
public sealed class Dlt645CodecProperties
{
    private static readonly Gen<byte> Bytes = Gen.Choose(0, 255).Select(b => (byte)b);

    private static Gen<Dlt645Frame> Frames() =>
        from digits in Gens.Long(0, 999_999_999_999)
        from wildcard in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from control in Bytes
        from length in Gen.Choose(0, Dlt645Codec.MaxData)
        from data in Gen.ArrayOf(Bytes, length)
        select new Dlt645Frame(wildcard ? Dlt645Address.Wildcard : Dlt645Address.From((ulong)digits), new Dlt645Control(control), data);

    [Fact]
    public void EncodeThenDecode_IsTheIdentity_WithAnyWakeUp()
    {
        Prop.ForAll(Frames().ToArbitrary(), Gen.Choose(0, 4).ToArbitrary(), (frame, wakeUp) =>
        {
            var wire = Dlt645Codec.Encode(frame, wakeUp);
            var decoded = Dlt645Codec.Decode(wire);
            decoded.Error.ShouldBe(Dlt645FrameError.None, decoded.Detail);
            decoded.Frame.ShouldBe(frame);
            decoded.Consumed.ShouldBe(wire.Length);
        }).QuickCheckThrowOnFailure(2000);
    }

    [Fact]
    public void AnySingleChangedByte_IsNeverTakenForTheFrameSent()
    {
        var cases = Frames().SelectMany(frame => Gen.Choose(0, Dlt645Codec.Overhead + frame.Data.Length - 1).Zip(Gen.Choose(1, 255))
            .Select(edit => (frame, edit.Item1, (byte)edit.Item2)));
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (frame, at, flip) = c;
            var wire = Dlt645Codec.Encode(frame, wakeUp: 0);
            wire[at] ^= flip;
            var decoded = Dlt645Codec.Decode(wire);
            (decoded.Success && decoded.Frame == frame).ShouldBeFalse($"byte {at} xor {flip:X2} went unnoticed");
        }).QuickCheckThrowOnFailure(3000);
    }

    [Fact]
    public void LineNoise_NeverMakesDecodeThrow_AndAlwaysMovesOnOrWaits()
    {
        var noise = Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Frequency((1, Gen.Constant((byte)0x68)), (6, Bytes)), n));
        Prop.ForAll(noise.ToArbitrary(), wire =>
        {
            var decoded = Dlt645Codec.Decode(wire);
            decoded.Consumed.ShouldBeInRange(0, wire.Length);
            if (wire.Length > 0 && decoded.Error is not Dlt645FrameError.Incomplete and not Dlt645FrameError.None)
            {
                decoded.Consumed.ShouldBeGreaterThan(0, "an error must drop bytes, or a reader would spin");
            }
        }).QuickCheckThrowOnFailure(3000);
    }

    [Fact]
    public void ItemValues_RoundTrip_AndOverflowIsRefused()
    {
        Prop.ForAll(Gen.Elements(PrepaidItems.All.ToArray()).ToArbitrary(), Gens.Long(0, 99_999_999).ToArbitrary(), (item, value) =>
        {
            Span<byte> wire = stackalloc byte[item.Length];
            var fits = value <= item.Max;
            item.TryEncode(value, wire).ShouldBe(fits);
            if (fits)
            {
                item.Decode(wire).ShouldBe(value);
            }

            item.TryEncode(-1, wire).ShouldBeFalse();
        }).QuickCheckThrowOnFailure(1000);
    }

    [Fact]
    public void Addresses_RoundTripThroughTheirWireBytes()
    {
        Prop.ForAll(Gens.Long(0, 999_999_999_999).ToArbitrary(), digits =>
        {
            var address = Dlt645Address.From((ulong)digits);
            Span<byte> wire = stackalloc byte[Dlt645Address.Length];
            address.WriteTo(wire);
            Dlt645Address.TryRead(wire, out var read).ShouldBeTrue();
            read.ShouldBe(address);
            Dlt645Address.TryParse(address.ToString(), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(address);
        }).QuickCheckThrowOnFailure(1000);
    }
}
