using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Cjt188;

namespace PrepaidMeter.Hardware.Tests.MeterLink.Cjt188;

/// <summary>The master against a scripted line: what it does with echoes, late replies and replies that do not fit.</summary>
public sealed class Cjt188MeterLinkScriptedTests
{
    private static readonly Cjt188Address Address = Cjt188Address.From(78_330_011_223_344);
    private static readonly Cjt188MeterType Water = Cjt188MeterType.ColdWater;
    private static readonly LinkOptions Quick = new(Attempts: 1, ReplyTimeout: TimeSpan.FromMilliseconds(100));

    /// <summary>A line that answers each write with what <see cref="Answer"/> makes of the decoded request.</summary>
    private sealed class ScriptedLine(Func<Cjt188Frame, IEnumerable<byte[]>> answer) : ISerialLine
    {
        private readonly Queue<byte[]> _incoming = new();

        public Func<Cjt188Frame, IEnumerable<byte[]>> Answer { get; } = answer;

        public string Name => "/dev/ttyScripted";

        public Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            foreach (var chunk in Answer(Cjt188Codec.Decode(bytes.Span).Frame!))
            {
                _incoming.Enqueue(chunk);
            }

            return Task.CompletedTask;
        }

        public async Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (!_incoming.TryDequeue(out var chunk))
            {
                await Task.Delay(timeout, cancellationToken);
                return 0;
            }

            chunk.CopyTo(buffer);
            return chunk.Length;
        }

        public void DiscardInput()
        {
        }

        public void Dispose()
        {
        }
    }

    private static byte Ser(Cjt188Frame request) => request.Data[Cjt188DataIdentifier.Length];

    private static byte[] Reading(long hundredths) =>
        new Cjt188MeteringData(Cjt188Volume.From(hundredths, Cjt188Unit.CubicMetre), Cjt188Volume.From(0, Cjt188Unit.CubicMetre), null, default).ToBytes();

    [Fact]
    public async Task Read_SkipsTheEchoAndALateReplyWithAnotherSer()
    {
        var line = new ScriptedLine(request =>
        [
            Cjt188Codec.Encode(request),
            Cjt188Codec.Encode(Cjt188Messages.ReadReply(Water, Address, Cjt188DataIdentifier.MeteringData, unchecked((byte)(Ser(request) - 1)), Reading(111))),
            Cjt188Codec.Encode(Cjt188Messages.ReadReply(Water, Address, Cjt188DataIdentifier.MeteringData, Ser(request), Reading(222))),
        ]);

        var read = await new Cjt188MeterLink(line, Quick, TimeProvider.System).ReadMeteringDataAsync(Water, Address, CancellationToken.None);

        read.Success.ShouldBeTrue(read.Message);
        read.Value.Current.Hundredths.ShouldBe(222);
    }

    [Fact]
    public async Task Read_AReplyCarryingAnotherIdentifier_IsABadReply()
    {
        var line = new ScriptedLine(request =>
            [Cjt188Codec.Encode(Cjt188Messages.ReadReply(Water, Address, new Cjt188DataIdentifier(0x81, 0x03), Ser(request), [0x15]))]);

        var read = await new Cjt188MeterLink(line, Quick, TimeProvider.System).ReadMeteringDataAsync(Water, Address, CancellationToken.None);

        read.Failure.ShouldBe(Cjt188LinkFailure.BadReply);
        read.Message.ShouldContain("8103");
    }

    [Fact]
    public async Task Read_901FAnsweredHighByteFirst_IsAccepted()
    {
        var line = new ScriptedLine(request =>
            [Cjt188Codec.Encode(Cjt188Messages.ReadReply(Water, Address, Cjt188DataIdentifier.MeteringData.Swapped, Ser(request), Reading(5)))]);

        var read = await new Cjt188MeterLink(line, Quick, TimeProvider.System).ReadMeteringDataAsync(Water, Address, CancellationToken.None);

        read.Success.ShouldBeTrue(read.Message);
    }

    [Fact]
    public async Task Read_ATruncatedMeteringReply_IsABadReply()
    {
        var line = new ScriptedLine(request =>
            [Cjt188Codec.Encode(Cjt188Messages.ReadReply(Water, Address, Cjt188DataIdentifier.MeteringData, Ser(request), Reading(5).AsSpan(0, 10)))]);

        var read = await new Cjt188MeterLink(line, Quick, TimeProvider.System).ReadMeteringDataAsync(Water, Address, CancellationToken.None);

        read.Failure.ShouldBe(Cjt188LinkFailure.BadReply);
    }

    [Fact]
    public async Task Exchanges_NumberTheirRequestsOneAfterAnother()
    {
        var sers = new List<byte>();
        var line = new ScriptedLine(request =>
        {
            sers.Add(Ser(request));
            return [];
        });
        var link = new Cjt188MeterLink(line, Quick with { Attempts = 2 }, TimeProvider.System);

        await link.ReadMeteringDataAsync(Water, Address, CancellationToken.None);
        await link.SetValveAsync(Water, Address, Cjt188ValveCommand.Open, CancellationToken.None);

        sers.ShouldBe([1, 1, 2, 2], "a retry repeats its SER; the next exchange takes the next");
    }
}
