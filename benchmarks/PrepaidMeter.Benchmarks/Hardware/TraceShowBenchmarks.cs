using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Benchmarks.Hardware;

/// <summary>
/// `prepaid card trace show` of a trace of 10,000 APDUs (sales onto one reference-layout SLE4442 card, one after
/// another) held in memory: reading the JSON Lines alone, then showing every APDU named, then also telling each write's
/// fields with the layout. The target (issue 24) is the whole show under 1 s.
/// </summary>
public class TraceShowBenchmarks
{
    private const int Apdus = 10_000;
    private string _trace = "";

    [GlobalSetup]
    public void Setup()
    {
        var stream = new MemoryStream();
        using (var trace = new JsonLinesCardTrace(stream, new FakeTimeProvider(Some.Moment)))
        {
            var card = SaleOnACard.Card(1, 10m);
            var kwh = 10m;
            while (trace.Lines < Apdus)
            {
                foreach (var exchange in SaleOnACard.Sell(card, kwh += 1m).Take(Apdus - trace.Lines))
                {
                    trace.Record(exchange);
                }
            }
        }

        _trace = Encoding.UTF8.GetString(stream.ToArray());
    }

    [Benchmark(Baseline = true)]
    public int ReadTheLines() => CardTraceFile.Read(new StringReader(_trace)).Exchanges.Count;

    [Benchmark]
    public int ShowApdus() => Show(null);

    [Benchmark]
    public int ShowWithTheLayoutsFields() => Show(new CardImageWatch(SaleOnACard.Layout, Some.Keys));

    private int Show(CardImageWatch? watch)
    {
        var read = CardTraceFile.Read(new StringReader(_trace));
        using var output = new StringWriter();
        TraceShow.Write(output, read.Exchanges, watch);
        return output.GetStringBuilder().Length;
    }
}
