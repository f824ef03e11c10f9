using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// The stack target's bench: vpcd's two reader slots, held for as long as it lives, and a meter device
/// process with its serial pair for each slot once one is needed. Scenarios played one after another on
/// one board get new meters by loading fresh NVRAM images into the running devices, as a bench meter is
/// reflashed, rather than starting processes again.
/// </summary>
public sealed partial class StackBoard : IAsyncDisposable
{
    private readonly VpcdSlots _slots;
    private readonly StackMeter?[] _devices = new StackMeter?[2];

    private StackBoard(StackTargetOptions options, VpcdSlots slots, string folder)
    {
        Options = options;
        _slots = slots;
        Folder = folder;
    }

    public StackTargetOptions Options { get; }

    /// <summary>Where the meters' NVRAM files live.</summary>
    public string Folder { get; }

    /// <summary>Takes vpcd's two slots (waiting while someone else holds them).</summary>
    /// <exception cref="LabTargetException">They stayed taken.</exception>
    public static StackBoard Create(StackTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        VpcdSlots slots;
        try
        {
            slots = VpcdSlots.Take();
        }
        catch (IOException e)
        {
            throw new LabTargetException($"vpcd's reader slots stayed taken by another program: {e.Message}", e);
        }

        var folder = Path.Combine(Path.GetTempPath(), "prepaid-stack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new StackBoard(options, slots, folder);
    }

    /// <summary>
    /// The device on <paramref name="slot"/>, now holding the meter in <paramref name="nvram"/> with its clock at <paramref name="clock"/>.
    /// A device speaks one protocol on its line for its life, so a meter of the other kind (electricity against water or gas)
    /// gets a device of its own in the slot.
    /// </summary>
    internal async Task<StackMeter> MeterAsync(int slot, string nvram, DateTimeOffset clock, Utility utility, CancellationToken cancellationToken)
    {
        if (_devices[slot] is { } running)
        {
            if ((running.Utility == Utility.Electricity) == (utility == Utility.Electricity))
            {
                await running.LoadAsync(nvram, clock, cancellationToken);
                return running;
            }

            _devices[slot] = null;
            await running.DisposeAsync();
        }

        var started = await StackMeter.StartAsync(Options, slot, nvram, clock, utility, cancellationToken);
        _devices[slot] = started;
        return started;
    }

    /// <summary>A slot no meter device has been started on (devices stay for the board's life), or null.</summary>
    internal int? FreeSlot() => Array.IndexOf(_devices, null) is var slot and >= 0 ? slot : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var device in _devices)
        {
            if (device is not null)
            {
                await device.DisposeAsync();
            }
        }

        Array.Clear(_devices);
        _slots.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held; the temporary folder is the OS's to clean.
        }
    }
}
