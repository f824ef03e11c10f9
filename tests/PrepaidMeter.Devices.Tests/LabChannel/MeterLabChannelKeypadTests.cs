using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Devices.Host;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Devices.Tests.LabChannel;

/// <summary>
/// The lab's finger at a meter device's keypad: the device end of the lab channel, in process, with lines of text in and
/// out as `prepaid meter run --lab` reads and prints them. (The device's card loop is not started: no card is read here.)
/// </summary>
public sealed class MeterLabChannelKeypadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Keypad_SameTokenTwice_AcceptedThenUsedAndTheNvramHoldsIt()
    {
        var path = _folder.File("sts.nvram");
        var token = DeviceMeters.StsCredit(125, 1000);

        var lines = await ServeAsync(DeviceMeters.Sts(), path, Keypad($"{token[..4]}-{token[4..]}#"), Keypad(token + "#"));

        var first = Outcomes(lines[1]).ShouldHaveSingleItem();
        (first.Response, first.Display).ShouldBe((TokenResponse.Accepted, "Accept"));
        var second = Outcomes(lines[2]).ShouldHaveSingleItem();
        (second.Response, second.Display).ShouldBe((TokenResponse.Used, "Used"));
        MeterFiles.TryLoad(path, out var saved).ShouldBeNull();
        var meter = saved.ShouldNotBeNull();
        meter.Snapshot().Remaining.Hundredths.ShouldBe(1250);
        meter.Snapshot().Token.ShouldNotBeNull().TidsKept.ShouldBe(1);
        meter.EnterToken(token).Response.ShouldBe(TokenResponse.Used, "the TID reached the file before the lab heard the meter's answer");
    }

    [Fact]
    public async Task Keypad_SeveralEnters_AnswersEachInOrder()
    {
        var token = DeviceMeters.StsCredit(10, 2000);

        var lines = await ServeAsync(DeviceMeters.Sts(), _folder.File("sts.nvram"), Keypad($"{token[..10]}9B{token[10..]}#{DeviceMeters.Mistyped(token)}##12"));

        Outcomes(lines[1]).Select(o => o.Response).ShouldBe([TokenResponse.Accepted, TokenResponse.Reject, TokenResponse.Reject]);
    }

    [Fact]
    public async Task Keypad_NoEnter_AnswersNoOutcomeAndSavesNothing()
    {
        var path = _folder.File("sts.nvram");

        var lines = await ServeAsync(DeviceMeters.Sts(), path, Keypad("1234"));

        lines[1].ShouldBe("""{"tokens":[]}""");
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task Keypad_AtACardOnlyMeter_RefusedWithAnErrorLineAndNothingSaved()
    {
        var path = _folder.File("card.nvram");

        var lines = await ServeAsync(DeviceMeters.Fresh(), path, Keypad("#"));

        Error(lines[1]).ShouldBe("meter 000012345678 (pm-ref-energy) has no keypad");
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task Keypad_KeyTheKeypadHasNot_RefusedNamingItAndNothingEntered()
    {
        var path = _folder.File("sts.nvram");
        var token = DeviceMeters.StsCredit(10, 3000);

        var lines = await ServeAsync(DeviceMeters.Sts(), path, Keypad(token + "#x"), new JsonObject { ["do"] = "show" });

        Error(lines[1]).ShouldBe("'x' is not a keypad key (0-9, B or < backspace, # or E enter)");
        LabMeterJson.ReadSnapshot(JsonNode.Parse(lines[2])![LabAnswer.Snapshot]!).Token.ShouldNotBeNull().TidsKept.ShouldBe(0);
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task Keypad_NvramCannotBeSaved_AnswersTheMetersCodeAndSaysSo()
    {
        var path = Path.Combine(_folder.Path, "no such folder", "sts.nvram");

        var lines = await ServeAsync(DeviceMeters.Sts(), path, Keypad(DeviceMeters.StsCredit(10, 4000) + "#"));

        var outcome = Outcomes(lines[1]).ShouldHaveSingleItem();
        outcome.Response.ShouldBe(TokenResponse.Accepted);
        outcome.Detail.ShouldEndWith("; the NVRAM could not be saved");
    }

    [Fact]
    public async Task Show_AfterATokenOverTheChannel_CarriesTheTokenSide()
    {
        var lines = await ServeAsync(DeviceMeters.Sts(), _folder.File("sts.nvram"), Keypad(DeviceMeters.StsCredit(10, 5000) + "#"), new JsonObject { ["do"] = "show" });

        var token = LabMeterJson.ReadSnapshot(JsonNode.Parse(lines[2])![LabAnswer.Snapshot]!).Token.ShouldNotBeNull();
        (token.TidsKept, token.NewestTid, token.KeyRevision).ShouldBe((1, 5000, 1));
    }

    private static JsonObject Keypad(string keys) => new LabCommand.Keypad(keys).ToJson();

    private static string? Error(string line) => JsonNode.Parse(line)![LabAnswer.Error]?.GetValue<string>();

    private static IReadOnlyList<TokenOutcome> Outcomes(string line) => LabTokenJson.ReadOutcomes(JsonNode.Parse(line)![LabAnswer.Tokens]!);

    /// <summary>The device's lines: "ready" first, then one answer per command.</summary>
    private static async Task<string[]> ServeAsync(VirtualMeter meter, string nvram, params JsonObject[] commands)
    {
        using var reader = new PcscCardReader("never opened");
        var setup = new MeterDeviceSetup(nvram, reader, Line: null, Port: null, LoadProfile.Constant(0), [2, 0, 0, 0], LabClock: true);
        using var device = new MeterDevice(meter, setup, new FakeTimeProvider(Some.Moment), NullLogger<MeterDevice>.Instance);
        var input = new StringReader(string.Join('\n', commands.Select(c => c.ToJsonString()).Append(LabCommand.Quit)));
        var output = new StringWriter();

        await MeterLabChannel.ServeAsync(device, input, output, CancellationToken.None);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(commands.Length + 1);
        return lines;
    }
}
