using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Cjt188;

/// <summary>Several water meters on one line (docs/cjt188.md, "Many meters on one line"): each answers its own address, and only it.</summary>
public sealed class Cjt188BusTests
{
    private static readonly Cjt188Address A = Cjt188Address.From(900_000_001);
    private static readonly Cjt188Address B = Cjt188Address.From(900_000_002);
    private readonly StandInWaterMeter _a = new(A);
    private readonly StandInWaterMeter _b = new(B);

    private Cjt188Bus Bus() => Cjt188Bus.TryCreate([_a, _b], out _)!;

    [Fact]
    public void Respond_ARequestForOneMeter_IsAnsweredByItAlone_AndAnotherAddressGetsSilence()
    {
        Bus().Respond(Cjt188Messages.Read(Cjt188MeterType.ColdWater, B, Cjt188DataIdentifier.MeteringData, 1))!.Address.ShouldBe(B);
        Bus().Respond(Cjt188Messages.Read(Cjt188MeterType.ColdWater, Cjt188Address.From(900_000_003), Cjt188DataIdentifier.MeteringData, 2)).ShouldBeNull();
    }

    [Fact]
    public void Respond_ReadAddressToTheWildcard_IsSilenceOnABusOfSeveral_AndAnsweredOnABusOfOne()
    {
        Bus().Respond(Cjt188Messages.ReadAddress(1)).ShouldBeNull();
        Cjt188Bus.TryCreate([_a], out _)!.Respond(Cjt188Messages.ReadAddress(1))!.Address.ShouldBe(A);
    }

    [Fact]
    public void TryCreate_TwoMetersWithOneAddress_IsRefused()
    {
        Cjt188Bus.TryCreate([_a, new StandInWaterMeter(A)], out var problem).ShouldBeNull();
        problem.ShouldBe("two meters on the bus answer address 00000900000001: each meter on a line needs its own");
    }
}
