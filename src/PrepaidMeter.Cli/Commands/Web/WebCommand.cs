using System.CommandLine;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Cli.Commands.Web;

/// <summary>
/// `prepaid web`: the web console (docs/web.md) on the site's books and the counter's card reader, until Ctrl-C. The books are
/// opened with the site's audit key as for `prepaid vend`; operators sign in through the browser, not through PREPAID_OPERATOR.
/// </summary>
internal static class WebCommand
{
    public static Command Build()
    {
        var listen = new Option<string>("--listen") { Description = $"HOST:PORT to listen on (default {WebConsole.DefaultListen}: this machine only)", DefaultValueFactory = _ => WebConsole.DefaultListen };
        var second = new Option<string?>("--second-reader")
        {
            Description = "A second card reader for meter change's second card: pcsc:NAME, or folder:DIR (its card file chosen on the page); a folder --reader's other files serve without it",
        };
        var meters = new Option<string[]>("--meters")
        {
            Description = "Show the virtual meters in this folder on the meter display (/meters): its *.nvram files, looked at afresh on every visit (repeatable). They are only read, never written",
        };
        var labStack = new Option<bool>("--lab-stack")
        {
            Description = "Let the lab's runs play on the stack target too (meter processes behind pcscd, vpcd and socat); not with a vpcd reader as --reader or --second-reader",
        };
        var command = new Command("web", "Serve the web console (counter, receipts, operators, lab, meter display) in a browser until Ctrl-C; operators sign in on its page")
        {
            listen, VendCall.Db, VendCall.ReportDb, VendCall.Reader, VendCall.Card, second, AuditKeyFiles.Option, meters, labStack,
        };
        command.SetAction(parse => VendCall.Run(parse, async call =>
        {
            var where = parse.GetValue(listen)!;
            var shown = parse.GetValue(meters) ?? [];
            // A folder named on the command line that is not one: the I/O rule's exit 2 (an input), before anything listens. An
            // empty folder is taken: the lab may make its meters after the console starts.
            if (shown.FirstOrDefault(p => !Directory.Exists(p)) is { } notFolder)
            {
                return call.Context.Fail(ExitCodes.Refused, File.Exists(notFolder)
                    ? $"--meters: {notFolder} is a file, not a folder of meter files (put the meter's file in a folder of its own)"
                    : $"--meters: no folder {notFolder}");
            }

            if (call.OpenReader(parse) is not { } reader)
            {
                return ExitCodes.Refused;
            }

            var secondSpec = parse.GetValue(second);
            if (secondSpec is not null && SameReader(secondSpec, parse.GetValue(VendCall.Reader)!))
            {
                return call.Context.Fail(ExitCodes.Usage, $"--second-reader '{secondSpec}' is the counter's reader (--reader): the second card needs a reader of its own");
            }

            // The stack plays its meters on vpcd's two reader slots: a console whose counter reads cards there would see the lab's.
            if (parse.GetValue(labStack) && new[] { parse.GetValue(VendCall.Reader), secondSpec }.FirstOrDefault(IsVpcd) is { } vpcd)
            {
                return call.Context.Fail(ExitCodes.Usage, $"--lab-stack plays its meters on vpcd's reader slots, and '{vpcd}' is one of them: the counter needs another reader");
            }

            ICardReader? secondReader = null;
            if (secondSpec is not null && SecondReader(call, secondSpec, out secondReader) is { } exit)
            {
                return exit;
            }

            using var ownSecond = secondReader as IDisposable; // a PC/SC reader's context is released when the console stops

            if (WebConsole.InClearWarning(where) is { } inClear)
            {
                call.Context.Error.WriteLine($"prepaid: warning: {inClear}");
            }

            // Ctrl-C and SIGTERM are ours from before the server starts, as for the payment API: one that comes while it starts stops it cleanly.
            using var stop = new StopSignal();
            var spec = parse.GetValue(VendCall.Reader)!;
            var readerName = spec.StartsWith("folder:", StringComparison.Ordinal) ? $"{spec} (card {parse.GetValue(VendCall.Card)})" : spec;
            await using var app = WebConsole.Build(new WebConsoleOptions(call.Office, where, reader, spec)
            {
                Log = call.Context.Logger, SecondReader = secondReader, SecondReaderName = secondSpec, Meters = shown,
                LabStack = parse.GetValue(labStack) ? new PrepaidMeter.Lab.Targets.StackTargetOptions(Lab.LabTargets.Prepaid()) : null,
            });
            try
            {
                await app.StartAsync();
            }
            catch (IOException e)
            {
                return call.Context.Fail(ExitCodes.Environment, $"cannot listen on {where}: {e.Message}");
            }

            var display = shown.Length == 0 ? "" : $", meters from {string.Join(", ", shown)}";
            call.Output.WriteLine($"web console on {string.Join(", ", app.Urls)} for {call.Office.Database.Describe}, reader {readerName}{display}; Ctrl-C to stop");
            await call.Output.FlushAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop taking requests, finish those in flight (a sale's card write among them).
            }

            await app.StopAsync();
            call.Output.WriteLine("web console stopped");
            return ExitCodes.Success;
        }, VendCall.Books.Opened));
        return command;
    }

    private static bool IsVpcd(string? spec) => spec is not null && spec.StartsWith("pcsc:Virtual PCD", StringComparison.Ordinal);

    /// <summary>Whether two reader specs name one reader: the same PC/SC name, or the same folder (the same files).</summary>
    private static bool SameReader(string one, string other) =>
        one == other || (one.StartsWith("folder:", StringComparison.Ordinal) && other.StartsWith("folder:", StringComparison.Ordinal)
            && Path.GetFullPath(one["folder:".Length..]).TrimEnd('/') == Path.GetFullPath(other["folder:".Length..]).TrimEnd('/'));

    /// <summary>The second reader a spec names; the exit code (the failure said) for one that cannot be.</summary>
    private static int? SecondReader(VendCall call, string spec, out ICardReader? reader)
    {
        reader = null;
        if (spec.StartsWith("port:", StringComparison.Ordinal))
        {
            // A reader the site named (vend port set), as --reader takes it.
            var named = call.Office.Ports.Find(spec["port:".Length..]);
            if (named.Refused || named.Value.Kind != PrepaidMeter.Vending.Setup.PortKind.Reader)
            {
                return call.Context.Fail(ExitCodes.Refused, named.Refused ? named.Refusal.Message : $"--second-reader: port {named.Value.Name} is a serial line, not a card reader");
            }

            return SecondReader(call, named.Value.Device, out reader);
        }

        if (spec.StartsWith("pcsc:", StringComparison.Ordinal) && spec.Length > "pcsc:".Length)
        {
            reader = new PcscCardReader(spec["pcsc:".Length..]);
            return null;
        }

        if (!spec.StartsWith("folder:", StringComparison.Ordinal) || spec.Length == "folder:".Length)
        {
            return call.Context.Fail(ExitCodes.Usage, $"--second-reader '{spec}' must be 'folder:DIR' or 'pcsc:NAME'");
        }

        var folder = new FolderCardReader(spec["folder:".Length..]);
        // The folder is an input (the I/O rule's exit 2), as --reader's is.
        if (!Directory.Exists(folder.Folder))
        {
            return call.Context.Fail(ExitCodes.Refused, File.Exists(folder.Folder)
                ? $"--second-reader: {folder.Folder} is a file, not a folder of card files"
                : $"no reader folder '{folder.Folder}' for --second-reader");
        }

        reader = folder;
        return null;
    }
}
