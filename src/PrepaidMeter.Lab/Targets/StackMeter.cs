using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Lab.Targets;

/// <summary>One meter of the stack target: its device process, its reader slot, its serial pair and link, and its clock as the lab moved it.</summary>
internal sealed class StackMeter : IAsyncDisposable
{
    private StackMeter(MeterDeviceProcess process, int slot, SocatPair pair, SerialPortLine line, SerialMeterLink link, DateTimeOffset clock)
    {
        Process = process;
        Slot = slot;
        Pair = pair;
        Line = line;
        Link = link;
        Clock = clock;
    }

    public MeterDeviceProcess Process { get; }

    public int Slot { get; }

    public SocatPair Pair { get; }

    public SerialPortLine Line { get; }

    public SerialMeterLink Link { get; }

    /// <summary>The meter's clock: it moves only when the lab advances it.</summary>
    public DateTimeOffset Clock { get; set; }

    public static async Task<StackMeter> StartAsync(StackTargetOptions options, int slot, string nvram, DateTimeOffset clock, CancellationToken cancellationToken)
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

        MeterDeviceProcess process;
        try
        {
            process = MeterDeviceProcess.Start(options.Prepaid,
                ["meter", "run", "--meter", nvram, "--reader", $"pcsc:{VirtualCard.ReaderName(slot)}", "--serial", pair.MeterEnd, "--baud", "9600", "--lab"], options.Timeout);
        }
        catch (MeterDeviceException e)
        {
            pair.Dispose();
            throw new LabTargetException(e.Message, e);
        }

        try
        {
            await process.ReadyAsync(cancellationToken);
            if (SerialPortLine.TryOpen(pair.MasterEnd, new SerialSettings(9600), out var line) is { } problem)
            {
                throw new LabTargetException($"the lab's end of the meter's serial pair: {problem}");
            }

            var link = new SerialMeterLink(line!, new LinkOptions(3, TimeSpan.FromSeconds(2)), TimeProvider.System);
            return new StackMeter(process, slot, pair, line!, link, clock);
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
