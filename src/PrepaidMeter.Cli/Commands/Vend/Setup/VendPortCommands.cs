using System.CommandLine;
using System.IO.Ports;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Vending.Setup;

namespace PrepaidMeter.Cli.Commands.Vend.Setup;

/// <summary>
/// `prepaid vend port set|remove|list|check` — the readers and serial lines the site names (端口设置) — checked by
/// opening them. A vend command takes a named reader as `--reader port:NAME`.
/// </summary>
internal static class VendPortCommands
{
    public static Command Ports()
    {
        var name = new Argument<string>("NAME") { Description = "The port's name: lower-case letters, digits, '-', '_', '.' (counter1, bus-line3)" };
        var device = new Argument<string>("DEVICE") { Description = "pcsc:READER or folder:DIR for a card reader; serial:PATH for a serial line (/dev/ttyUSB0)" };
        var baud = new Option<int?>("--baud") { Description = "A serial line's rate: 1200, 2400 (the default), 4800, 9600 or 19200 bit/s" };
        var frame = new Option<string?>("--frame") { Description = "A serial line's data bits, parity, stop bits: 8E1 (the default), 8N1 or 8O1" };
        var set = new Command("set", "Name a card reader or a serial line (a name set again stands for the new one)") { name, device, baud, frame };
        set.SetAction(parse => VendCall.Run(parse, call =>
        {
            var text = parse.GetValue(device)!;
            var serial = text.StartsWith("serial:", StringComparison.Ordinal);
            if (!serial && (parse.GetValue(baud) is not null || parse.GetValue(frame) is not null))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, "--baud and --frame are for a serial line (serial:PATH)"));
            }

            var port = serial
                ? new NamedPort(parse.GetValue(name)!, PortKind.Serial, text["serial:".Length..], parse.GetValue(baud) ?? 2400, parse.GetValue(frame) ?? "8E1")
                : new NamedPort(parse.GetValue(name)!, PortKind.Reader, text);
            return Task.FromResult(call.Print(call.Office.Ports.Set(call.Session, port), Shown));
        }));

        var removeName = new Argument<string>("NAME") { Description = "The port's name" };
        var remove = new Command("remove", "Take a port's name away") { removeName };
        remove.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Ports.Remove(call.Session, parse.GetValue(removeName)!), Shown))));

        var list = new Command("list", "The named readers and serial lines");
        list.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Ports.List(call.Session), ports => ports.Select(Shown).ToList()))));

        var checkName = new Argument<string>("NAME") { Description = "The port's name" };
        var check = new Command("check", "Open a named reader or serial line and say what was found (exit 3 when it is not there)") { checkName };
        check.SetAction(parse => VendCall.Run(parse, call =>
        {
            // Checking is a query (the list's function): a cashier checks the counter's reader.
            var listed = call.Office.Ports.List(call.Session);
            if (listed.Refused)
            {
                return Task.FromResult(call.Fail(listed.Refusal));
            }

            var found = call.Office.Ports.Find(parse.GetValue(checkName)!);
            if (found.Refused)
            {
                return Task.FromResult(call.Fail(found.Refusal));
            }

            var port = found.Value;
            var (ok, said) = Check(port);
            if (!ok)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Environment, $"port {port.Name} ({port.Describe}): {said}"));
            }

            VendOutput.Print(call.Output, new { port.Name, Kind = port.Kind, Device = port.Describe, Found = said }, call.AsJson);
            return Task.FromResult(ExitCodes.Success);
        }));

        return new Command("port", "The site's named card readers and serial lines (端口设置)") { set, remove, list, check };
    }

    private static object Shown(NamedPort port) => new { port.Name, port.Kind, Device = port.Describe };

    /// <summary>Opens the port and closes it again: whether it is there, and what was found.</summary>
    private static (bool Ok, string Said) Check(NamedPort port)
    {
        if (port.Kind == PortKind.Serial)
        {
            if (SerialPortLine.TryOpen(port.Device, VendCall.SettingsOf(port), out var line) is { } problem)
            {
                return (false, problem);
            }

            line!.Dispose();
            return (true, $"opened serial port {port.Device} at {port.Baud} bit/s, {port.Frame}");
        }

        if (port.Device.StartsWith("folder:", StringComparison.Ordinal))
        {
            var folder = port.Device["folder:".Length..];
            return Directory.Exists(folder)
                ? (true, $"reader folder {folder} with {Directory.EnumerateFiles(folder, "*.hex").Count()} card file(s)")
                : (false, $"no reader folder '{folder}'");
        }

        var reader = port.Device["pcsc:".Length..];
        try
        {
            using var context = PcscContext.Establish();
            var readers = context.ListReaders();
            return readers.Contains(reader, StringComparer.Ordinal)
                ? (true, $"PC/SC reader '{reader}' is there")
                : (false, $"no PC/SC reader '{reader}'; pcscd lists {(readers.Count == 0 ? "none" : string.Join(", ", readers.Select(r => $"'{r}'")))}");
        }
        catch (PcscException e)
        {
            return (false, e.Message);
        }
    }
}
