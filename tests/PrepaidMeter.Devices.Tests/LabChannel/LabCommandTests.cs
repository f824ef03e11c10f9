using System.Text.Json;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Devices.Tests.LabChannel;

/// <summary>Both ends read the lab channel's commands from one definition: what the lab writes, the device reads back.</summary>
public sealed class LabCommandTests
{
    public static TheoryData<string> Lines => new()
    {
        new LabCommand.Advance(TimeSteps.Whole(TimeSpan.FromHours(2)), SegmentedLoad.Of(LoadProfile.Constant(1000), Some.Moment, Some.Moment.AddHours(2))).ToJson().ToJsonString(),
        new LabCommand.Advance(new TimeSteps(TimeSpan.FromDays(2), 48, sampled: true), SegmentedLoad.Of(LoadProfile.Constant(1000), Some.Moment, Some.Moment.AddDays(2))).ToJson().ToJsonString(),
        new LabCommand.Show().ToJson().ToJsonString(),
        new LabCommand.Power(false).ToJson().ToJsonString(),
        new LabCommand.CutNext(PowerCut.HalfwayThroughCardWrite).ToJson().ToJsonString(),
        new LabCommand.CutNext(PowerCut.DuringCardWrite(7)).ToJson().ToJsonString(),
        new LabCommand.CutNext(PowerCut.BeforeReadBack).ToJson().ToJsonString(),
        new LabCommand.LoadMeter("/tmp/next.nvram").ToJson().ToJsonString(),
        new LabCommand.Flow(new TimeSteps(TimeSpan.FromDays(1), 24, sampled: true), SegmentedFlow.Of(DailyFlowCurve.HouseholdWater(), Some.Moment, Some.Moment.AddDays(1))).ToJson().ToJsonString(),
        new LabCommand.Part(PartAct.ApplyMagnet).ToJson().ToJsonString(),
        new LabCommand.Part(PartAct.SeizeValve).ToJson().ToJsonString(),
        new LabCommand.Keypad("1234-5678-9012-3456-7890#").ToJson().ToJsonString(),
        new LabCommand.Keypad("12B3#E").ToJson().ToJsonString(),
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void ParseThenToJson_ACommandTheLabWrote_IsTheSameLine(string line) =>
        LabCommand.Parse(line).ToJson().ToJsonString().ShouldBe(line);

    [Fact]
    public void ToJson_Advance_WritesWholeSecondsAndTheLoadsStretches()
    {
        var load = SegmentedLoad.Of(LoadProfile.Constant(1000), Some.Moment, Some.Moment.AddSeconds(90));

        var line = new LabCommand.Advance(TimeSteps.Whole(TimeSpan.FromSeconds(90)), load).ToJson();

        line["do"]!.GetValue<string>().ShouldBe("advance");
        line["seconds"]!.GetValue<long>().ShouldBe(90);
        line["load"]!.ToJsonString().ShouldBe(load.ToJson().ToJsonString());
        line.ContainsKey("pieces").ShouldBeFalse();
        line.ContainsKey("sample").ShouldBeFalse();
    }

    [Fact]
    public void ToJson_SampledAdvanceInPieces_WritesThePiecesAndTheWishForReadings()
    {
        var load = SegmentedLoad.Of(LoadProfile.Constant(0), Some.Moment, Some.Moment.AddHours(5));

        var line = new LabCommand.Advance(new TimeSteps(TimeSpan.FromHours(5), 5, sampled: true), load).ToJson();

        line["pieces"]!.GetValue<int>().ShouldBe(5);
        line["sample"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void Parse_AdvanceWithoutPieces_IsOneUnreadPiece() =>
        LabCommand.Parse("""{"do":"advance","seconds":60,"load":[[0,0,1000]]}""").ShouldBeOfType<LabCommand.Advance>().Steps.ShouldBe(TimeSteps.Whole(TimeSpan.FromSeconds(60)));

    [Theory]
    [InlineData("""{"do":"advance","seconds":60,"pieces":0,"load":[]}""")]
    [InlineData("""{"do":"advance","seconds":-1,"load":[]}""")]
    public void Parse_AdvanceOutOfRange_IsAnArgumentException(string line) =>
        Should.Throw<ArgumentException>(() => LabCommand.Parse(line));

    [Fact]
    public void Answer_EachCommand_NamesTheKeyTheDeviceAnswersWith()
    {
        new LabCommand.Show().Answer.ShouldBe(LabAnswer.Snapshot);
        new LabCommand.Power(true).Answer.ShouldBe(LabAnswer.Ok);
        new LabCommand.LoadMeter("x").Answer.ShouldBe(LabAnswer.Ok);
        new LabCommand.Part(PartAct.OpenCase).Answer.ShouldBe(LabAnswer.Events);
        new LabCommand.Keypad("#").Answer.ShouldBe(LabAnswer.Tokens);
    }

    [Fact]
    public void ToJson_Keypad_CarriesTheKeysAsTyped() =>
        new LabCommand.Keypad("0123 4567B7#").ToJson().ToJsonString().ShouldBe("""{"do":"keypad","keys":"0123 4567B7#"}""");

    [Fact]
    public void Parse_KeypadWithoutKeys_IsAFormatExceptionNamingTheField() =>
        Should.Throw<FormatException>(() => LabCommand.Parse("""{"do":"keypad"}""")).Message.ShouldBe("the command has no 'keys'");

    [Fact]
    public void Parse_FlowAboveTheLargestAProfileAndALeakGive_IsAnArgumentException() =>
        Should.Throw<ArgumentException>(() => LabCommand.Parse("""{"do":"flow","seconds":60,"flow":[[0,2000001]]}"""));

    [Fact]
    public void Parse_TheLargestProfileWithTheLargestLeak_Carried() =>
        ((LabCommand.Flow)LabCommand.Parse("""{"do":"flow","seconds":60,"flow":[[0,2000000]]}""")).Drawn.LitresPerHourAt(DateTimeOffset.UnixEpoch).ShouldBe(2_000_000);

    [Theory]
    [InlineData("""{"do":"jump"}""", "unknown command 'jump': advance, flow, part, show, power, cutNext, load, keypad or quit")]
    [InlineData("""{"go":"show"}""", "unknown command '': advance, flow, part, show, power, cutNext, load, keypad or quit")]
    [InlineData("""{"do":"power"}""", "the command has no 'on'")]
    [InlineData("""{"do":"load"}""", "the command has no 'nvram'")]
    [InlineData("""{"do":"part","act":"kick"}""", "unknown act 'kick': apply-magnet, remove-magnet, open-case, close-case, change-battery, seize-valve, free-valve")]
    [InlineData("""{"do":"flow","seconds":60,"flow":[]}""", "A flow needs at least one stretch.")]
    public void Parse_ALineItCannotTake_SaysWhy(string line, string why) =>
        Should.Throw<FormatException>(() => LabCommand.Parse(line)).Message.ShouldBe(why);

    [Fact]
    public void Parse_NotJson_IsAJsonException() =>
        Should.Throw<JsonException>(() => LabCommand.Parse("show please"));

    [Fact]
    public void Parse_CutNextWithBytes_IsTheMetersCutAtThatByteOfItsCardWrite() =>
        LabCommand.Parse("""{"do":"cutNext","at":"DuringCardWrite","bytes":6}""").ShouldBe(new LabCommand.CutNext(PowerCut.DuringCardWrite(6)));

    [Fact]
    public void Parse_CutNextWithoutBytes_IsTheHalfwayCutItAlwaysWas() =>
        LabCommand.Parse("""{"do":"cutNext","at":"DuringCardWrite"}""").ShouldBe(new LabCommand.CutNext(PowerCut.HalfwayThroughCardWrite));

    [Theory]
    [InlineData("""{"do":"cutNext","at":"AfterCommit","bytes":3}""")]
    [InlineData("""{"do":"cutNext","at":"DuringCardWrite","bytes":-1}""")]
    public void Parse_BytesACutCannotLand_IsAnArgumentException(string line) =>
        Should.Throw<ArgumentException>(() => LabCommand.Parse(line));

    [Fact]
    public void Parse_APowerCutNoMeterKnows_IsAnArgumentException() =>
        Should.Throw<ArgumentException>(() => LabCommand.Parse("""{"do":"cutNext","at":"Sometime"}"""));
}
