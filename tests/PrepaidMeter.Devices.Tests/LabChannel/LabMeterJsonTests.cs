using PrepaidMeter.Testing;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Core;
using Microsoft.Extensions.Time.Testing;
using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Devices.Tests.LabChannel;

/// <summary>What the device end says about its meter, the lab end reads back exactly (through text, as the channel carries it).</summary>
public sealed class LabMeterJsonTests
{
    [Fact]
    public void ReadSnapshot_OfASnapshotLine_IsTheSnapshot()
    {
        var meter = DeviceMeters.Fresh();
        meter.Advance(TimeSpan.FromHours(3), LoadProfile.Constant(1500));
        var snapshot = meter.Snapshot();

        var read = LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(snapshot))[LabAnswer.Snapshot]!);

        LabMeterJson.Snapshot(read).ToJsonString().ShouldBe(LabMeterJson.Snapshot(snapshot).ToJsonString());
        read.ModelSha256.ShouldBe(meter.Model.Sha256);
        read.Events.ShouldBe(snapshot.Events);
    }

    [Fact]
    public void ReadSnapshot_OfAMeterCountingVolume_KeepsVolume()
    {
        var snapshot = DeviceMeters.CountingVolume().Snapshot();

        var read = LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(snapshot))[LabAnswer.Snapshot]!);

        read.Remaining.Unit.ShouldBe(PrepaidMeter.Core.CreditUnit.Volume);
        read.Parameters.PurchaseLimit.Unit.ShouldBe(PrepaidMeter.Core.CreditUnit.Volume);
    }

    [Fact]
    public void ReadSnapshot_OfAWaterMeterUnderFlowAndAMagnet_KeepsItsValveBatteryTamperAndVolume()
    {
        var meter = VirtualMeter.Create(PrepaidMeter.Meter.Models.MeterModels.ReferenceWater, MeterNumber.From(777), SupplyGroupCode.From(100001), Some.Keys, new FakeTimeProvider(Some.Moment));
        meter.Advance(TimeSpan.FromHours(5), FlowProfile.Constant(120));
        meter.Do(PartAct.ApplyMagnet);
        var snapshot = meter.Snapshot();

        var read = LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(snapshot))[LabAnswer.Snapshot]!);

        read.Flow.ShouldBe(snapshot.Flow);
        read.Flow!.TamperLatched.ShouldBe(PrepaidMeter.Meter.Tampering.TamperFlags.Magnet);
        read.Flow.CumulativeVolume.ShouldBe(Volume.FromCubicMetres(0.60m));
        LabMeterJson.Snapshot(read).ToJsonString().ShouldBe(LabMeterJson.Snapshot(snapshot).ToJsonString());
    }

    [Fact]
    public void ReadSnapshot_OfAnElectricityMeter_HasNoFlowSide() =>
        LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(DeviceMeters.Fresh().Snapshot()))[LabAnswer.Snapshot]!).Flow.ShouldBeNull();

    [Fact]
    public void ReadSnapshot_OfATokenMeterAfterTokens_KeepsItsTokenSide()
    {
        var meter = DeviceMeters.Sts();
        meter.EnterToken(DeviceMeters.StsCredit(125, 1000)).Accepted.ShouldBeTrue();
        meter.EnterToken(DeviceMeters.Mistyped(DeviceMeters.StsCredit(10, 1001))).Response.ShouldBe(TokenResponse.Reject); // the lock-out counts it
        var snapshot = meter.Snapshot();

        var read = LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(snapshot))[LabAnswer.Snapshot]!);

        var token = read.Token.ShouldNotBeNull();
        token.ShouldBe(snapshot.Token! with { PendingSections = token.PendingSections });
        token.PendingSections.ShouldBe(snapshot.Token!.PendingSections);
        (token.TidsKept, token.NewestTid, token.InvalidInARow).ShouldBe((1, 1000, 1));
        LabMeterJson.Snapshot(read).ToJsonString().ShouldBe(LabMeterJson.Snapshot(snapshot).ToJsonString());
        read.Conserves.ShouldBeTrue();
    }

    [Fact]
    public void ReadSnapshot_OfACardOnlyMeter_HasNoTokenSide() =>
        LabMeterJson.ReadSnapshot(Carried(LabAnswer.SnapshotLine(DeviceMeters.Fresh().Snapshot()))[LabAnswer.Snapshot]!).Token.ShouldBeNull();

    [Theory]
    [InlineData(2000)]
    [InlineData(0)]
    public void ReadSnapshot_BaseDateThatIsNoBaseDate_RefusedNamingIt(int year)
    {
        var line = LabMeterJson.Snapshot(DeviceMeters.Sts().Snapshot());
        line["token"]!["baseDate"] = year;

        Should.Throw<FormatException>(() => LabMeterJson.ReadSnapshot(Carried(line))).Message.ShouldBe($"base date {year} is none of 1993, 2014 and 2035");
    }

    [Fact]
    public void ReadOutcomes_OfATokensLine_AreTheOutcomesInOrder()
    {
        var meter = DeviceMeters.Sts();
        var token = DeviceMeters.StsCredit(50, 1000);
        var outcomes = new Keypad(meter).Type($"{token}#{token}#12#", out _)!;

        var read = LabTokenJson.ReadOutcomes(Carried(LabAnswer.TokensLine(outcomes))[LabAnswer.Tokens]!);

        read.Select(o => (o.Response, o.Display, o.Detail)).ShouldBe(outcomes.Select(o => (o.Response, o.Display, o.Detail)));
        read.Select(o => o.Shown).ShouldBe(outcomes.Select(o => o.Shown));
        read.Select(o => o.Response).ShouldBe([TokenResponse.Accepted, TokenResponse.Used, TokenResponse.Reject]);
    }

    [Theory]
    [InlineData("Accept")]
    [InlineData("3")]
    public void ReadOutcomes_ResponseThatIsNoCode_RefusedNamingIt(string response)
    {
        var line = JsonNode.Parse($$"""[{"response":"{{response}}","display":"Accept","detail":"","shown":[]}]""")!;

        Should.Throw<FormatException>(() => LabTokenJson.ReadOutcomes(line)).Message.ShouldStartWith($"'{response}' is no token response (Accepted, ");
    }

    [Theory]
    [InlineData("Water")]
    [InlineData("7")]
    public void ReadSnapshot_UnitThatIsNoUnit_RefusedNamingIt(string unit)
    {
        var line = LabMeterJson.Snapshot(DeviceMeters.Fresh().Snapshot());
        line["unit"] = unit;

        Should.Throw<FormatException>(() => LabMeterJson.ReadSnapshot(Carried(line))).Message.ShouldBe($"unit '{unit}' is none of Energy, Money and Volume");
    }

    [Fact]
    public void ReadOutcome_OfACardLine_IsTheOutcome()
    {
        var outcome = new CardOutcome(MeterResult.Loaded, CardKind.User, "50.00 kWh loaded", CardWritten: true);

        LabMeterJson.ReadOutcome(Carried(LabAnswer.CardLine(outcome))[LabAnswer.Card]!).ShouldBe(outcome);
    }

    [Fact]
    public void ReadyLine_SaysTheMetersNumber() =>
        LabAnswer.ReadyLine(DeviceMeters.Number).ToJsonString().ShouldBe("""{"ready":12345678}""");

    // One line of text on the device's stdout, read by the lab end.
    private static JsonNode Carried(JsonObject line) => JsonNode.Parse(line.ToJsonString())!;
}
