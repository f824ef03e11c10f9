using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Lab.Targets;

/// <summary>One meter of the stack target: its device process, its reader slot, its serial pair and link, and its clock as the lab moved it.</summary>
internal sealed class StackMeter : IAsyncDisposable
{
    /// <summary>DL/T 645's and CJ/T 188's frame settings (8 data bits, even parity, one stop bit) at the rate both ends of the pair use.</summary>
    private static readonly SerialSettings Serial = new(9600);

    private StackMeter(MeterDeviceProcess process, IReadOnlyList<string> commandLine, int slot, SocatPair pair, SerialPortLine line, DateTimeOffset clock, Utility utility)
    {
        Process = process;
        CommandLine = commandLine;
        Slot = slot;
        Pair = pair;
        Line = line;
        Link = new SerialMeterLink(line, LinkOptions, TimeProvider.System);
        Cjt188 = new Cjt188MeterLink(line, LinkOptions, TimeProvider.System);
        Clock = clock;
        Utility = utility;
    }

    private static LinkOptions LinkOptions => new(3, TimeSpan.FromSeconds(2));

    /// <summary>
    /// What the device's meter measures, so what its line speaks: DL/T 645 for electricity (<see cref="Link"/>), CJ/T 188 for
    /// water and gas (<see cref="Cjt188"/>). A device serves one of the two for its life (MeterDevice picks at start).
    /// </summary>
    public Utility Utility { get; }

    /// <summary>The master end of the line as a CJ/T 188 master: a water or gas meter's valve control.</summary>
    public Cjt188MeterLink Cjt188 { get; }

    public MeterDeviceProcess Process { get; }

    /// <summary>How the device process was started, the program first.</summary>
    public IReadOnlyList<string> CommandLine { get; }

    public int Slot { get; }

    public SocatPair Pair { get; }

    public SerialPortLine Line { get; }

    public SerialMeterLink Link { get; }

    /// <summary>The meter's clock: it moves only when the lab advances it.</summary>
    public DateTimeOffset Clock { get; set; }

    /// <summary>This device as a report names it: its slot's reader, its process, its serial pair.</summary>
    public StackDevice Device => new(Slot, VirtualCard.ReaderName(Slot), Process.ProcessId, CommandLine, Pair.MeterEnd, Pair.MasterEnd, Serial)
    {
        Protocol = Utility == Utility.Electricity ? "DL/T 645" : "CJ/T 188",
    };

    public static async Task<StackMeter> StartAsync(StackTargetOptions options, int slot, string nvram, DateTimeOffset clock, Utility utility, CancellationToken cancellationToken)
    {
        SocatPair pair;
        try
        {
            pair = new SocatPair();
        }
        catch (InvalidOperationException e)
        {
            throw new LabTargetException(e.Message, e);
        }

        string[] arguments = ["meter", "run", "--meter", nvram, "--reader", $"pcsc:{VirtualCard.ReaderName(slot)}", "--serial", pair.MeterEnd,
            "--baud", Serial.BaudRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lab"];
        MeterDeviceProcess process;
        try
        {
            process = MeterDeviceProcess.Start(options.Prepaid, arguments, options.Timeout);
        }
        catch (MeterDeviceException e)
        {
            pair.Dispose();
            throw new LabTargetException(e.Message, e);
        }

        try
        {
            await process.ReadyAsync(cancellationToken);
            if (SerialPortLine.TryOpen(pair.MasterEnd, Serial, out var line) is { } problem)
            {
                throw new LabTargetException($"the lab's end of the meter's serial pair: {problem}");
            }

            return new StackMeter(process, [.. options.Prepaid, .. arguments], slot, pair, line!, clock, utility);
        }
        catch (MeterDeviceException e)
        {
            await process.DisposeAsync();
            pair.Dispose();
            throw new LabTargetException(e.Message, e);
        }
        catch
        {
            await process.DisposeAsync();
            pair.Dispose();
            throw;
        }
    }

    /// <summary>Puts the meter in <paramref name="nvram"/> into this device: a new meter for the next scenario, without a new process.</summary>
    public async Task LoadAsync(string nvram, DateTimeOffset clock, CancellationToken cancellationToken)
    {
        await AskAsync(process => process.LoadAsync(nvram, cancellationToken));
        Clock = clock;
    }

    /// <summary>Asks the device over its lab channel; the channel failing is the target's environment failing (<see cref="LabTargetException"/>).</summary>
    public async Task<T> AskAsync<T>(Func<MeterDeviceProcess, Task<T>> ask)
    {
        try
        {
            return await ask(Process);
        }
        catch (MeterDeviceException e)
        {
            throw new LabTargetException(e.Message, e);
        }
    }

    /// <inheritdoc cref="AskAsync{T}"/>
    public Task AskAsync(Func<MeterDeviceProcess, Task> ask) => AskAsync<bool>(async process =>
    {
        await ask(process);
        return true;
    });

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        Line.Dispose();
        Pair.Dispose();
    }
}
