using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Hardware.Tests.MeterLink;

/// <summary>Several meters on one line (docs/dlt645.md, "Many meters on one line"): each answers its own address, and only it.</summary>
public sealed class Dlt645BusTests
{
    private static readonly Dlt645Address A = Dlt645Address.From(900_000_001);
    private static readonly Dlt645Address B = Dlt645Address.From(900_000_002);
    private readonly StandInMeter _a = new(A);
    private readonly StandInMeter _b = new(B);

    private Dlt645Bus Bus() => Dlt645Bus.TryCreate([_a, _b], out _)!;

    [Fact]
    public void Respond_ARequestForOneMeter_IsAnsweredByItAlone()
    {
        var reply = Bus().Respond(Dlt645Messages.Read(B, PrepaidItems.PurchaseCount.Id))!;

        reply.Address.ShouldBe(B);
        reply.Control.IsReply.ShouldBeTrue();
        _a.Reads.ShouldBeEmpty();
        _b.Reads.ShouldBe([PrepaidItems.PurchaseCount.Id]);
    }

    [Fact]
    public void Respond_ARequestForAnAddressNoMeterHas_IsSilence()
    {
        Bus().Respond(Dlt645Messages.Read(Dlt645Address.From(900_000_003), PrepaidItems.PurchaseCount.Id)).ShouldBeNull();

        (_a.Reads.Count, _b.Reads.Count).ShouldBe((0, 0));
    }

    [Fact]
    public void Respond_BroadcastTime_ReachesEveryMeter_AndNoneAnswers()
    {
        var time = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

        Bus().Respond(Dlt645Messages.BroadcastTime(time)).ShouldBeNull();

        (_a.Time, _b.Time).ShouldBe((time, time));
    }

    [Fact]
    public void Respond_ReadAddressToTheWildcard_IsSilenceOnABusOfSeveral_AndAnsweredOnABusOfOne()
    {
        Bus().Respond(Dlt645Messages.ReadAddress()).ShouldBeNull("every meter would answer at once: the replies would collide");

        Dlt645Bus.TryCreate([_a], out _)!.Respond(Dlt645Messages.ReadAddress())!.Address.ShouldBe(A);
    }

    [Fact]
    public void Respond_ReadAddressToAMetersOwnAddress_IsAnsweredByIt() =>
        Bus().Respond(new Dlt645Frame(B, Dlt645Control.Request(Dlt645Function.ReadAddress), []))!.Address.ShouldBe(B);

    [Fact]
    public void Respond_ARequestToTheWildcardOtherThanReadAddress_IsSilenceOnABusOfSeveral() =>
        Bus().Respond(Dlt645Messages.Read(Dlt645Address.Wildcard, PrepaidItems.PurchaseCount.Id)).ShouldBeNull();

    [Fact]
    public void TryCreate_TwoMetersWithOneAddress_OrNone_IsRefused()
    {
        Dlt645Bus.TryCreate([_a, new StandInMeter(A)], out var twice).ShouldBeNull();
        twice.ShouldBe("two meters on the bus answer address 000900000001: each meter on a line needs its own");
        Dlt645Bus.TryCreate([], out var none).ShouldBeNull();
        none.ShouldBe("a bus needs at least one meter");
    }
}
