using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Readings;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Benchmarks.Vending;

/// <summary>
/// A reading round of 32 meters on one line (docs/vending.md, "Centralised meter reading"), books included: the
/// back office on SQLite polls 32 virtual meters served as one <see cref="Dlt645Bus"/> on one end of a socat pair and
/// records the readings, the round and its log entry in one transaction. Baseline: the same 32 meters read with the
/// same <see cref="Dlt645MeterReader"/> over the same pair and the same bus, nothing recorded — the exchanges alone.
/// The target (round within 1.2× of the bare reads) and the figures are in docs/performance.md.
/// </summary>
public class ReadingRoundBenchmarks
{
    private const int Meters = 32;
    private static readonly SupplyGroupCode Group = SupplyGroupCode.From(100001);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<MeterNumber> _numbers = [.. Enumerable.Range(1, Meters).Select(i => MeterNumber.From(checked((ulong)(900_000_000 + i))))];
    private SocatPair _pair = null!;
    private SerialPortLine _master = null!;
    private SerialPortLine _meterEnd = null!;
    private Dlt645MeterReader _reader = null!;
    private TempFolder _folder = null!;
    private BackOffice _office = null!;
    private OperatorSession _session = null!;
    private Task _server = Task.CompletedTask;

    [GlobalSetup]
    public void Setup()
    {
        var settings = new SerialSettings(BaudRate: 9600);
        _pair = new SocatPair();
        SerialPortLine.TryOpen(_pair.MasterEnd, settings, out var master);
        SerialPortLine.TryOpen(_pair.MeterEnd, settings, out var meterEnd);
        (_master, _meterEnd) = (master!, meterEnd!);
        var meters = _numbers.Select(n => (IDlt645Meter)new VirtualMeterOnTheLink(
            VirtualMeter.Create(MeterModels.ReferenceEnergy, n, Group, Some.Keys, TimeProvider.System), Convert.FromHexString(VirtualMeterOnTheLink.DefaultPassword))).ToList();
        _server = new SerialMeterServer(_meterEnd, Dlt645Bus.TryCreate(meters, out _)!, TimeProvider.System).RunAsync(_stop.Token);
        _reader = new Dlt645MeterReader(new SerialMeterLink(_master, new LinkOptions(1, TimeSpan.FromSeconds(2)), TimeProvider.System), _pair.MasterEnd);

        _folder = new TempFolder();
        _office = new BackOffice(new SqliteVendingDatabase(_folder.File("round.db")), new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = AuditKey.Generate() });
        _office.Initialise(new SiteInfo("1", "bench", "", "", 4, "memory"), "admin", "admin-pass-1").Value.ToString();
        _session = _office.Operators.Login("admin", "admin-pass-1").Value;
        _office.Groups.Add(_session, new SupplyGroupDefinition(Group, "g", Convert.ToHexString(Some.GroupSecret), "pm-ref-energy", "pm-ref-v1", CreditUnit.Energy,
            new(CreditUnit.Energy, 0), new(CreditUnit.Energy, 0), new(CreditUnit.Energy, 2000), new(CreditUnit.Energy, 1000), new(CreditUnit.Energy, 0), 0)).Value.ToString();
        foreach (var number in _numbers)
        {
            _office.Meters.StockIn(_session, number, Group, "").Value.ToString();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _server.GetAwaiter().GetResult();
        _master.Dispose();
        _meterEnd.Dispose();
        _pair.Dispose();
        _folder.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> BareReadsOf32Meters()
    {
        var read = 0;
        foreach (var number in _numbers)
        {
            read += (await _reader.ReadAsync(number, CreditUnit.Energy, CancellationToken.None)).Outcome == LinkReadingOutcome.Read ? 1 : 0;
        }

        return read;
    }

    [Benchmark]
    public async Task<int> RoundOf32MetersWithTheBooks()
    {
        var round = await _office.Rounds.RunAsync(_session, RoundScope.List(_numbers), _reader);
        return round.Value.Answered;
    }
}
