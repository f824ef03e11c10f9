using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrepaidMeter.Cli.Commands.Cards.Traces;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Devices.Host;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using Serilog;
using Serilog.Events;

namespace PrepaidMeter.Cli.Commands.Meter;

/// <summary>
/// `prepaid meter run --reader pcsc:NAME [--serial PORT]`: the meter device (PrepaidMeter.Devices) under the
/// generic host (Microsoft.Extensions.Hosting): Serilog logs on stderr, Ctrl-C or SIGTERM stops it cleanly
/// (the host's console lifetime). The device saves the NVRAM after every card and change, at least every
/// <see cref="MeterDevice.SaveEvery"/> while its clock runs (the web console's meter display follows the file), and on the way out.
/// </summary>
internal static class MeterDeviceRunner
{
    public static async Task<int> RunAsync(
        CommandContext context, VirtualMeter meter, string meterPath, string readerOption, string? port, SerialSettings serialSettings, LoadProfile load, bool verbose, bool lab = false,
        string? tracePath = null, FlowProfile? flow = null)
    {
        const string Scheme = "pcsc:";
        var readerName = readerOption.StartsWith(Scheme, StringComparison.Ordinal) ? readerOption[Scheme.Length..] : "";
        if (readerName.Length == 0)
        {
            return context.Fail(ExitCodes.Usage, $"--reader: a meter device reads cards through PC/SC: pcsc:\"READER NAME\" (got '{readerOption}')");
        }

        // Under the lab a keypad-only meter is a device too: its keypad is the lab channel's keypad command, and a card put in
        // its slot is answered without being read (rule TK16), as the in-process target answers it.
        if (meter.Model.Layouts.Count == 0 && !lab)
        {
            return context.Fail(ExitCodes.Refused, $"model {meter.Model.Id} takes no cards (keypad tokens only): a meter device reads cards; enter its tokens with `prepaid meter token`");
        }

        // The trace before the reader: a file that cannot be created stops the device before any card is touched.
        using var recording = tracePath is null ? null : TraceRecording.Open(tracePath, context.Time);

        // The model's layout says the medium where the card's ATR does not (an I²C card's size).
        using var reader = new PcscCardReader(readerName) { ExpectedMedium = meter.Model.Layouts.Count > 0 ? meter.Model.Layouts[0].Medium : null, Trace = recording?.Trace };
        if (MeterDeviceServices.ReaderProblem(readerName) is { } problem)
        {
            return context.Fail(ExitCodes.Environment, problem);
        }

        SerialPortLine? line = null;
        if (port is not null && SerialPortLine.TryOpen(port, serialSettings, out line) is { } lineProblem)
        {
            return context.Fail(ExitCodes.Environment, lineProblem);
        }

        using (line)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSerilog(log => log
                .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
                .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture));
            builder.Services.AddSingleton(context.Time);
            builder.Services.AddMeterDevice(meter, new MeterDeviceSetup(meterPath, reader, line, port, load, Convert.FromHexString(VirtualMeterOnTheLink.DefaultPassword), lab, flow));
            using var host = builder.Build();
            var device = host.Services.GetRequiredService<MeterDevice>();
            await host.StartAsync();
            await device.Ready.Task;
            if (lab)
            {
                await MeterLabChannel.ServeAsync(device, Console.In, context.Output, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
                await host.StopAsync();
                return recording?.Close(context, ExitCodes.Success) ?? ExitCodes.Success;
            }

            context.Output.WriteLine($"meter {meter.Snapshot().MeterNumber} waiting for cards in '{reader.Name}'{(port is null ? "" : $", answering on {port}")}; Ctrl-C to stop");
            await context.Output.FlushAsync();
            await host.WaitForShutdownAsync();
            context.Output.WriteLine($"stopped after {device.CardsHandled} cards; NVRAM saved to {meterPath}");
            return recording?.Close(context, ExitCodes.Success) ?? ExitCodes.Success;
        }
    }
}
