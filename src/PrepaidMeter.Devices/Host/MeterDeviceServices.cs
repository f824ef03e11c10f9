using Microsoft.Extensions.DependencyInjection;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter;

namespace PrepaidMeter.Devices.Host;

/// <summary>How a host takes a meter device: the app chooses its logging and lifetime, the device library what the device needs.</summary>
public static class MeterDeviceServices
{
    /// <summary>Registers <paramref name="meter"/> as a device under <paramref name="setup"/>, run as a hosted service; resolve <see cref="MeterDevice"/> to watch or drive it.</summary>
    public static IServiceCollection AddMeterDevice(this IServiceCollection services, VirtualMeter meter, MeterDeviceSetup setup)
    {
        services.AddSingleton(meter);
        services.AddSingleton(setup);
        services.AddSingleton<MeterDevice>();
        services.AddHostedService(provider => provider.GetRequiredService<MeterDevice>());
        return services;
    }

    /// <summary>Why a device could not read cards from the reader <paramref name="name"/> (no pcscd, no such reader); null when it can.</summary>
    /// <remarks>Said before the device starts, so a missing pcscd or reader is one message rather than a log of failed waits.</remarks>
    public static string? ReaderProblem(string name)
    {
        try
        {
            using var pcsc = PcscContext.Establish();
            var readers = pcsc.ListReaders();
            return readers.Contains(name)
                ? null
                : $"no reader named '{name}'; readers present: {(readers.Count == 0 ? "none" : string.Join(", ", readers.Select(r => $"'{r}'")))}";
        }
        catch (PcscException e)
        {
            return e.Message;
        }
    }
}
