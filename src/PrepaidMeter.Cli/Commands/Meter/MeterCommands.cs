using System.CommandLine;
using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Cli.Parsing;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.Host;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Lab.Files;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Cli.Commands.Meter;

/// <summary>`prepaid meter ...`: the virtual meter with files alone — card → meter → card.</summary>
internal static class MeterCommands
{
    public static Command Build() => new("meter", "The virtual prepaid meter: create one, insert cards, run it under a load, show its registers")
    {
        New(),
        Insert(),
        MeterTokenCommands.Token(),
        MeterTokenCommands.Keypad(),
        Run(),
        Remote(),
        Serve(),
        Show(),
        Diagrams(),
    };

    private static Option<string> MeterOption() => new("--meter", "-m") { Description = "The meter's NVRAM file", Required = true };

    private static Command New()
    {
        var model = new Option<string>("--model") { Description = "A shipped model id (pm-ref-energy, legacy-money) or a model file", Required = true };
        var number = new Option<string>("--number") { Description = "The meter number, 12 digits", Required = true };
        var group = new Option<string>("--group") { Description = "The supply group code the meter is made for, 6 digits", Required = true };
        var secret = new Option<string>("--secret") { Description = "The supply group's secret as hex; the meter keeps only the derived keys", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "The NVRAM file to write; with --count, the folder to write NUMBER.nvram files into (made when missing)", Required = true };
        var count = new Option<int>("--count") { Description = "Make this many meters, numbered on from --number, 1 to 1000 (a district's meters, to serve together on one line)", DefaultValueFactory = _ => 1 };
        var drn = new Option<string?>("--drn") { Description = "A token meter's decoder reference number (11 digits with its Luhn check beside a 6-digit IIN)" };
        var decoderKey = new Option<string?>("--decoder-key") { Description = "A token meter's decoder key as hex (16 digits for EA07, 32 for EA11); kept in NVRAM, never shown" };
        var vendingKey = new Option<string?>("--vending-key") { Description = "Instead of --decoder-key: the supply group's vending key as hex; the key is derived with the model's DKGA02/DKGA04 and only it is kept" };
        var command = new Command("new", "Create a new meter (life cycle: new), or --count of them numbered on from --number") { model, number, group, secret, output, count, drn, decoderKey, vendingKey };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var modelName = parse.GetValue(model)!;
            var resolved = PathIo.Reading(modelName, () => VendorFiles.Model(modelName));
            if (!resolved.Success)
            {
                return PathIo.UnreadableInput(modelName) is { } unreadable
                    ? context.Fail(unreadable)
                    : context.Fail(ExitCodes.Refused, string.Join(Environment.NewLine + "prepaid: ", resolved.Errors));
            }

            var meterNumber = MeterNumber.Parse(parse.GetValue(number));
            var groupCode = SupplyGroupCode.Parse(parse.GetValue(group));
            if (!meterNumber.Success || !groupCode.Success)
            {
                return context.Fail(ExitCodes.Usage, meterNumber.Error ?? groupCode.Error!);
            }

            if (SupplyGroupKeys.TryParseSecret(parse.GetValue(secret), out var keys) is { } secretError)
            {
                return context.Fail(ExitCodes.Usage, $"--secret: {secretError}");
            }

            var many = parse.GetValue(count);
            if (many is < 1 or > 1000)
            {
                return context.Fail(ExitCodes.Usage, "--count: 1 to 1000 meters");
            }

            var install = MeterTokenCommands.Install(resolved.Model!, parse.GetValue(drn), parse.GetValue(decoderKey), parse.GetValue(vendingKey), out var installProblem);
            if (installProblem is not null)
            {
                return context.Fail(ExitCodes.Usage, installProblem);
            }

            if (many > 1 && install is not null)
            {
                return context.Fail(ExitCodes.Usage, "--count: token meters are made one at a time (each has its own DRN and key)");
            }

            if (many > 1)
            {
                return NewMeters(context, resolved.Model!, meterNumber.GetValueOrThrow(), many, groupCode.GetValueOrThrow(), keys!, parse.GetValue(output)!);
            }

            var meter = VirtualMeter.Create(resolved.Model!, meterNumber.GetValueOrThrow(), groupCode.GetValueOrThrow(), keys!, context.Time, install);
            MeterFiles.Save(parse.GetValue(output)!, meter);
            var sts = install is null ? "" : $" (STS DRN {install.Identity.Drn}, KRN {install.Identity.KeyRevision}, SGC {install.Identity.SupplyGroup:D6})";
            context.Output.WriteLine($"{meter.Model.Id} meter {meterNumber.GetValueOrThrow()} of group {groupCode.GetValueOrThrow()}{sts} written to {parse.GetValue(output)}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>`meter new --count N`: N new meters numbered on from <paramref name="first"/>, one NUMBER.nvram file each in <paramref name="folder"/>.</summary>
    private static int NewMeters(CommandContext context, MeterModel model, MeterNumber first, int count, SupplyGroupCode group, SupplyGroupKeys keys, string folder)
    {
        if (first.Value + (ulong)count - 1 > MeterNumber.MaxValue.Value)
        {
            return context.Fail(ExitCodes.Usage, $"--count: {count} meters from {first} run past {MeterNumber.MaxValue}");
        }

        if (File.Exists(folder))
        {
            return context.Fail(ExitCodes.Environment, $"--out: {folder} is a file; --count writes a folder of meter files");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.Fail(ExitCodes.Environment, $"--out: the folder {folder} could not be made ({e.Message})");
        }

        for (var i = 0; i < count; i++)
        {
            var number = MeterNumber.From(first.Value + (ulong)i);
            var path = Path.Combine(folder, $"{number}.nvram");
            if (MeterFiles.TrySave(path, VirtualMeter.Create(model, number, group, keys, context.Time)) is { } problem)
            {
                return context.Fail(ExitCodes.Environment, $"{path}: {problem}");
            }
        }

        context.Output.WriteLine($"{count} {model.Id} meters {first} … {MeterNumber.From(first.Value + (ulong)count - 1)} of group {group} written to {folder}");
        return ExitCodes.Success;
    }

    private static Command Insert()
    {
        var meterOption = MeterOption();
        var card = new Argument<string>("CARD.hex") { Description = "The card image file; the return-write is written back into it" };
        var command = new Command("insert", "Insert a card: the meter applies its rules, saves its NVRAM, then writes the card back (its return-write), and prints the result code")
        {
            meterOption, card,
        };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var meterPath = parse.GetValue(meterOption)!;
            if (MeterFiles.TryLoad(meterPath, out var meter) is { } error)
            {
                return context.Fail(ExitCodes.Refused, error);
            }

            if (!meter!.Model.TakesCards)
            {
                return context.Fail(ExitCodes.Refused, $"{meterPath}: model {meter.Model.Id} takes no cards (media token): enter tokens with `prepaid meter token`");
            }

            var cardPath = parse.GetValue(card)!;
            var text = File.ReadAllText(cardPath);
            if (CardImageHex.TryParse(text, out var memory, out var headers) is { } hexError)
            {
                return context.Fail(ExitCodes.Refused, $"{cardPath}: {hexError}");
            }

            // The meter reads its layout's image where the layout's medium places it: a whole AT24C02 or CPU card
            // file holds more (or other) bytes than the image.
            var layout = meter!.Model.LayoutForCard(memory);
            var image = layout.ImageOn(memory).ToArray();
            if (image.Length == 0)
            {
                return context.Fail(ExitCodes.Refused, $"{cardPath}: {memory.Length} bytes; layout {layout.Id} reads {layout.Size} at card byte {layout.MediumOffset} of an {layout.Medium}");
            }

            var outcome = meter.InsertCard(image);
            image.CopyTo(memory, layout.MediumOffset);

            // The firmware's order (rule N2): the meter's own state is saved first, then the card is written. A
            // meter that cannot keep what it did leaves the card as it was, so the card never says more than the meter holds.
            if (MeterFiles.TrySave(meterPath, meter) is { } nvramProblem)
            {
                return context.Fail(ExitCodes.Environment,
                    $"the meter's NVRAM could not be saved to {meterPath} ({nvramProblem}); the card was not changed, {InsertionNotKept(outcome)}");
            }

            if (outcome.CardWritten && MeterFiles.TryWriteAtomically(cardPath, temporary => File.WriteAllText(temporary,
                    CardImageHex.Format(memory, headers.Select(h => $"{h.Key}: {h.Value}")))) is { } cardProblem)
            {
                return context.Fail(ExitCodes.Environment,
                    $"the card could not be written to {cardPath} ({cardProblem}); {InsertionKept(outcome)}");
            }

            if (!outcome.Accepted)
            {
                return context.Fail(ExitCodes.Refused, $"card refused: {outcome}");
            }

            context.Output.WriteLine(outcome.ToString());
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string InsertionNotKept(CardOutcome outcome) => outcome.Result == MeterResult.Loaded
        ? "the purchase is not loaded"
        : $"the meter did not keep the insertion ({outcome.Result})";

    // The meter kept the insertion in its NVRAM; the card's next insertion is answered from there (rules U2, T1, T3).
    private static string InsertionKept(CardOutcome outcome) => outcome.Result switch
    {
        MeterResult.Loaded => "the purchase is loaded and the meter's NVRAM saved, but the card was not changed and still shows it not swiped: insert it again for its return-write",
        MeterResult.CreditTransferred => "the meter moved its credit to its transferred-out register and saved its NVRAM, but the card was not changed and does not carry the credit: read the amount with `prepaid meter show` (inserting the card again writes 0)",
        _ => $"the meter kept the insertion ({outcome.Result}) and saved its NVRAM, but the card was not changed: insert it again for its return-write",
    };

    private static Command Run()
    {
        var meterOption = MeterOption();
        var load = new Option<string?>("--load") { Description = "A constant load: 800W, 2.5kW" };
        var profile = new Option<string?>("--profile") { Description = "'household' (a daily curve) or a CSV file of time,watts samples" };
        var flow = new Option<string?>("--flow") { Description = "A water or gas meter's flow: 120L/h, 1.5m3/h, 'household-water' or 'household-gas' (daily curves)" };
        var duration = new Option<string?>("--for") { Description = "How long to advance the clock: 90s, 30m, 36h, 7d (without --reader)" };
        var reader = new Option<string?>("--reader") { Description = "Run as a device taking cards from this PC/SC reader until Ctrl-C: pcsc:\"Virtual PCD 00 01\"" };
        var serial = new Option<string?>("--serial") { Description = "As a device, also answer DL/T 645-2007 on this serial port" };
        var line = new Link.SerialLineOptions();
        var lab = new Option<bool>("--lab") { Description = "As a device, let the lab drive the clock, power and cuts over stdin, one JSON line each (prepaid lab run --target stack)" };
        var trace = Cards.Traces.TraceRecording.Option(recursive: false);
        var command = new Command("run", "Advance the meter's clock under a load and print what happened; with --reader, run it as a device that takes cards in real time")
        {
            meterOption, load, profile, flow, duration, reader, serial, line.Baud, line.Parity, lab, trace,
        };
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            var device = parse.GetValue(reader);
            var forText = parse.GetValue(duration);
            if ((device is null) == (forText is null))
            {
                return context.Fail(ExitCodes.Usage, "give either --for (advance the clock) or --reader (run as a device)");
            }

            if (device is null && parse.GetValue(lab))
            {
                return context.Fail(ExitCodes.Usage, "--lab needs --reader: it drives a meter device");
            }

            if (device is null && parse.GetValue(serial) is not null)
            {
                return context.Fail(ExitCodes.Usage, "--serial needs --reader (or use 'prepaid meter serve')");
            }

            if (device is null && parse.GetValue(trace) is not null)
            {
                return context.Fail(ExitCodes.Usage, "--trace needs --reader: it records the device's card exchanges");
            }

            var span = TimeSpan.Zero;
            if (forText is not null && TryParseDuration(forText, out span) is { } durationError)
            {
                return context.Fail(ExitCodes.Usage, $"--for: {durationError}");
            }

            var loadText = parse.GetValue(load);
            var profileText = parse.GetValue(profile);
            var flowText = parse.GetValue(flow);
            if (flowText is not null)
            {
                var asDevice = device is null ? null : new FlowDevice(device, parse.GetValue(serial), line.Settings(parse), parse.GetValue(CommandRun.Verbose), parse.GetValue(lab), parse.GetValue(trace));
                return await RunUnderFlowAsync(context, parse.GetValue(meterOption)!, flowText, loadText ?? profileText, asDevice, span);
            }

            LoadProfile? loadProfile = LoadProfile.Constant(0);
            if ((device is null || loadText is not null || profileText is not null) && TryProfile(loadText, profileText, out loadProfile) is { } profileError)
            {
                return context.Fail(profileError.StartsWith("give", StringComparison.Ordinal) ? ExitCodes.Usage : ExitCodes.Refused, profileError);
            }

            var meterPath = parse.GetValue(meterOption)!;
            if (MeterFiles.TryLoad(meterPath, out var meter) is { } error)
            {
                return context.Fail(ExitCodes.Refused, error);
            }

            // The lab draws a water or gas meter's flow itself, over its channel: the device starts with none.
            if (meter!.Model.Utility != Utility.Electricity && device is not null && parse.GetValue(lab) && loadText is null && profileText is null)
            {
                return await MeterDeviceRunner.RunAsync(context, meter, meterPath, device, parse.GetValue(serial), line.Settings(parse), LoadProfile.Constant(0),
                    parse.GetValue(CommandRun.Verbose), lab: true, parse.GetValue(trace), FlowProfile.None);
            }

            if (meter.Model.Utility != Utility.Electricity)
            {
                return context.Fail(ExitCodes.Usage, $"{meterPath} is a {meter.Model.Utility.Name()} meter: it runs under --flow (120L/h, household-{meter.Model.Utility.Name()}), not a load");
            }

            if (device is not null)
            {
                return await MeterDeviceRunner.RunAsync(context, meter!, meterPath, device, parse.GetValue(serial), line.Settings(parse), loadProfile!,
                    parse.GetValue(CommandRun.Verbose), parse.GetValue(lab), parse.GetValue(trace));
            }

            var state = Passed(context, meterPath, meter, meter.Advance(span, loadProfile!));
            context.Output.WriteLine($"now {state.Clock:yyyy-MM-dd HH:mm:ss}Z: remaining {state.Remaining}, relay {state.Relay} ({state.OpenReasons}), {state.CumulativeEnergy} in all");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>`meter run --for`: what happened, one line each; the meter saved; the state it is in now.</summary>
    private static MeterSnapshot Passed(CommandContext context, string meterPath, VirtualMeter meter, IReadOnlyList<MeterEvent> happened)
    {
        foreach (var meterEvent in happened)
        {
            context.Output.WriteLine(meterEvent.ToString());
        }

        MeterFiles.Save(meterPath, meter);
        return meter.Snapshot();
    }

    /// <summary>`meter run --reader ... --flow`: what the device is given beside the meter.</summary>
    private sealed record FlowDevice(string Reader, string? Serial, Hardware.MeterLink.SerialSettings Settings, bool Verbose, bool Lab, string? Trace);

    /// <summary>`meter run --flow`: a water or gas meter's clock advanced under a flow (docs/water-gas.md, M1–M7), or run as a device under it.</summary>
    private static async Task<int> RunUnderFlowAsync(CommandContext context, string meterPath, string flowText, string? loadGiven, FlowDevice? device, TimeSpan span)
    {
        if (loadGiven is not null)
        {
            return context.Fail(ExitCodes.Usage, "give either --flow (a water or gas meter) or --load/--profile (an electricity meter)");
        }

        FlowProfile flow;
        if (flowText is "household-water" or "household-gas")
        {
            flow = flowText == "household-water" ? DailyFlowCurve.HouseholdWater() : DailyFlowCurve.HouseholdGas();
        }
        else if (FlowProfile.TryParseFlow(flowText, out var litresPerHour) is { } flowError)
        {
            return context.Fail(ExitCodes.Usage, $"--flow: {flowError}, or household-water, household-gas");
        }
        else
        {
            flow = FlowProfile.Constant(litresPerHour);
        }

        if (MeterFiles.TryLoad(meterPath, out var meter) is { } error)
        {
            return context.Fail(ExitCodes.Refused, error);
        }

        if (meter!.Model.Utility == Utility.Electricity)
        {
            return context.Fail(ExitCodes.Usage, $"{meterPath} is an electricity meter: it runs under --load or --profile, not a flow");
        }

        if (device is not null)
        {
            // Under --lab the lab draws the flow over the channel; a --flow beside it would be a second, contradicting one.
            return device.Lab
                ? context.Fail(ExitCodes.Usage, $"{meterPath}: --lab draws the flow over the lab channel; give --lab or --flow, not both")
                : await MeterDeviceRunner.RunAsync(context, meter, meterPath, device.Reader, device.Serial, device.Settings, LoadProfile.Constant(0), device.Verbose, lab: false, device.Trace, flow);
        }

        var state = Passed(context, meterPath, meter, meter.Advance(span, flow));
        var parts = state.Flow!;
        context.Output.WriteLine($"now {state.Clock:yyyy-MM-dd HH:mm:ss}Z: remaining {state.Remaining}, valve {parts.Valve?.ToString() ?? state.Relay.ToString()} ({state.OpenReasons}), {parts.CumulativeVolume} in all");
        return ExitCodes.Success;
    }

    /// <summary>Reads "90s", "30m", "36h", "7d".</summary>
    private static string? TryParseDuration(string text, out TimeSpan duration)
    {
        var parsed = Durations.Parse(text);
        parsed.TryGetValue(out duration);
        return parsed.Error;
    }

    private static string? TryProfile(string? load, string? profile, out LoadProfile? result)
    {
        result = null;
        if ((load is null) == (profile is null))
        {
            return "give either --load or --profile (an electricity meter), or --flow (a water or gas meter)";
        }

        if (load is not null)
        {
            if (LoadProfile.TryParsePower(load, out var watts) is { } error)
            {
                return $"--load: {error}";
            }

            result = LoadProfile.Constant(watts);
            return null;
        }

        if (profile == "household")
        {
            result = DailyCurve.Household();
            return null;
        }

        if (!File.Exists(profile))
        {
            return $"--profile: no file '{profile}' (or use 'household')";
        }

        var csvError = RecordedLoad.TryParseCsv(File.ReadAllText(profile!), out var recorded);
        result = recorded;
        return csvError is null ? null : $"{profile}: {csvError}";
    }

    private static Command Serve()
    {
        var meterOption = new Option<string[]>("--meter", "-m")
        {
            Description = "The meter's NVRAM file; repeat it to put several meters on the one line (a bus), each answering its own address",
        };
        var folder = new Option<string?>("--folder") { Description = "Put every *.nvram meter file in this folder on the line (a district's meters on a bus), beside any --meter" };
        var serial = new Option<string>("--serial") { Description = "The serial port to answer on (a bench's RS-485 adapter, or one end of a socat pair)", Required = true };
        var line = new Link.SerialLineOptions();
        var password = new Option<string>("--password") { Description = "The password DL/T 645 control commands must carry, PA P0 P1 P2 as 8 hex digits (CJ/T 188 has none)", DefaultValueFactory = _ => VirtualMeterOnTheLink.DefaultPassword };
        var trace = Link.LinkTraceFile.Option();
        var command = new Command("serve", "Run the meter as a device on a serial line: an electricity meter answers DL/T 645, a water or gas meter CJ/T 188, until Ctrl-C or SIGTERM, saving its NVRAM after every change and at the end; several meters (--meter repeated, --folder) share the line as on an RS-485 bus, each answering its own address")
        {
            meterOption, folder, serial, line.Baud, line.Parity, password, trace,
        };
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            byte[] secret;
            try
            {
                secret = Convert.FromHexString(parse.GetValue(password)!);
            }
            catch (FormatException)
            {
                secret = [];
            }

            if (secret.Length != 4)
            {
                return context.Fail(ExitCodes.Usage, "--password: 8 hex digits (PA P0 P1 P2)");
            }

            var paths = parse.GetValue(meterOption) ?? [];
            var folderPath = parse.GetValue(folder);
            if (paths.Length == 0 && folderPath is null)
            {
                return context.Fail(ExitCodes.Usage, "give the meter's NVRAM file (--meter), or --folder with meter files in it");
            }

            if (folderPath is not null)
            {
                if (!Directory.Exists(folderPath))
                {
                    return context.Fail(ExitCodes.Refused, File.Exists(folderPath) ? $"--folder: {folderPath} is a file, not a folder of meter files" : $"--folder: no folder {folderPath}");
                }

                var found = Directory.GetFiles(folderPath, "*.nvram").Order(StringComparer.Ordinal).ToArray();
                if (found.Length == 0)
                {
                    return context.Fail(ExitCodes.Refused, $"--folder: no *.nvram meter files in {folderPath}");
                }

                paths = [.. paths, .. found];
            }

            var meters = new List<(string Path, VirtualMeter Meter)>();
            foreach (var path in paths)
            {
                if (MeterFiles.TryLoad(path, out var loaded) is { } error)
                {
                    return context.Fail(ExitCodes.Refused, error);
                }

                meters.Add((path, loaded!));
            }

            // One line speaks one protocol: a DL/T 645 meter and a CJ/T 188 meter on the same wire would each read the
            // other's frames as noise at best, and a frame of one that decodes as the other's at worst.
            var protocols = meters.Select(m => ProtocolOf(m.Meter)).Distinct().ToList();
            if (protocols.Count > 1)
            {
                var electricity = meters.First(m => ProtocolOf(m.Meter) == Hardware.MeterLink.Tracing.LinkProtocol.Dlt645).Path;
                var other = meters.First(m => ProtocolOf(m.Meter) == Hardware.MeterLink.Tracing.LinkProtocol.Cjt188);
                return context.Fail(ExitCodes.Refused,
                    $"one line speaks one protocol: {electricity} is an electricity meter (DL/T 645) and {other.Path} a {other.Meter.Model.Utility.Name()} meter (CJ/T 188); serve them on two lines");
            }

            var protocol = protocols[0];

            // The trace before the port: a trace that cannot be written stops the meter before it answers anything.
            using var traceFile = Link.LinkTraceFile.Open(parse.GetValue(trace), context, out var traceProblem);
            if (traceProblem is not null)
            {
                return traceProblem.Value;
            }

            var port = parse.GetValue(serial)!;
            if (Hardware.MeterLink.SerialPortLine.TryOpen(port, line.Settings(parse), out var opened) is { } problem)
            {
                return context.Fail(ExitCodes.Environment, problem);
            }

            using Hardware.MeterLink.ISerialLine served = traceFile is null ? opened! : new Hardware.MeterLink.Tracing.TracingSerialLine(opened!, traceFile, protocol);
            string? busProblem = null;
            var device = meters.Count == 1
                ? protocol == Hardware.MeterLink.Tracing.LinkProtocol.Cjt188
                    ? ServeCjt188(meters[0].Meter, meters[0].Path, served, context.Time)
                    : ServeDlt645(meters[0].Meter, meters[0].Path, secret, served, context.Time)
                : protocol == Hardware.MeterLink.Tracing.LinkProtocol.Cjt188
                    ? ServeCjt188Bus(meters, served, context.Time, out busProblem)
                    : ServeDlt645Bus(meters, secret, served, context.Time, out busProblem);
            if (device is null)
            {
                return context.Fail(ExitCodes.Refused, busProblem!);
            }

            using var stop = new StopSignal();
            context.Output.WriteLine($"{device.Banner} on {port}; Ctrl-C to stop");
            await context.Output.FlushAsync();
            await device.Run(stop.Token);
            foreach (var (path, meter) in meters)
            {
                MeterFiles.Save(path, meter);
            }

            context.Output.WriteLine(meters.Count == 1
                ? $"stopped after {device.Answered()} replies; NVRAM saved to {meters[0].Path}"
                : $"stopped after {device.Answered()} replies; NVRAM of {meters.Count} meters saved");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Hardware.MeterLink.Tracing.LinkProtocol ProtocolOf(VirtualMeter meter) =>
        meter.Model.Utility == Core.Utility.Electricity ? Hardware.MeterLink.Tracing.LinkProtocol.Dlt645 : Hardware.MeterLink.Tracing.LinkProtocol.Cjt188;

    /// <summary>A meter answering on a line: what it says it is, its server's loop, and how many replies it gave.</summary>
    private sealed record ServedMeter(string Banner, Func<CancellationToken, Task> Run, Func<int> Answered);

    private static ServedMeter ServeDlt645(VirtualMeter meter, string meterPath, byte[] secret, Hardware.MeterLink.ISerialLine line, TimeProvider time)
    {
        var device = new VirtualMeterOnTheLink(meter, secret);
        device.Changed += () => MeterFiles.Save(meterPath, meter);
        var server = new Hardware.MeterLink.SerialMeterServer(line, device, time);
        return new($"meter {device.Address} answering DL/T 645-2007", server.RunAsync, () => server.Answered);
    }

    private static ServedMeter ServeCjt188(VirtualMeter meter, string meterPath, Hardware.MeterLink.ISerialLine line, TimeProvider time)
    {
        var device = new VirtualMeterOnCjt188(meter);
        device.Changed += () => MeterFiles.Save(meterPath, meter);
        var server = new Hardware.MeterLink.Cjt188.Cjt188MeterServer(line, device, time);
        return new($"{meter.Model.Utility.Name()} meter {device.Address} ({device.MeterType}) answering CJ/T 188", server.RunAsync, () => server.Answered);
    }

    /// <summary>Several electricity meters on one line: each answers its own address (docs/dlt645.md, "Many meters on one line").</summary>
    private static ServedMeter? ServeDlt645Bus(List<(string Path, VirtualMeter Meter)> meters, byte[] secret, Hardware.MeterLink.ISerialLine line, TimeProvider time, out string? problem)
    {
        var devices = meters.Select(m =>
        {
            var device = new VirtualMeterOnTheLink(m.Meter, secret);
            device.Changed += () => MeterFiles.Save(m.Path, m.Meter);
            return (Hardware.MeterLink.IDlt645Meter)device;
        }).ToList();
        if (Hardware.MeterLink.Dlt645Bus.TryCreate(devices, out problem) is not { } bus)
        {
            return null;
        }

        var server = new Hardware.MeterLink.SerialMeterServer(line, bus, time);
        return new($"{devices.Count} meters ({devices[0].Address} … {devices[^1].Address}) answering DL/T 645-2007 on one line, each its own address", server.RunAsync, () => server.Answered);
    }

    /// <summary>Several water or gas meters on one line: each answers its own address (docs/cjt188.md, "Many meters on one line").</summary>
    private static ServedMeter? ServeCjt188Bus(List<(string Path, VirtualMeter Meter)> meters, Hardware.MeterLink.ISerialLine line, TimeProvider time, out string? problem)
    {
        var devices = meters.Select(m =>
        {
            var device = new VirtualMeterOnCjt188(m.Meter);
            device.Changed += () => MeterFiles.Save(m.Path, m.Meter);
            return (Hardware.MeterLink.Cjt188.ICjt188Meter)device;
        }).ToList();
        if (Hardware.MeterLink.Cjt188.Cjt188Bus.TryCreate(devices, out problem) is not { } bus)
        {
            return null;
        }

        var server = new Hardware.MeterLink.Cjt188.Cjt188MeterServer(line, bus, time);
        return new($"{devices.Count} water or gas meters ({devices[0].Address} … {devices[^1].Address}) answering CJ/T 188 on one line, each its own address", server.RunAsync, () => server.Answered);
    }

    private static Command Remote()
    {
        var meterOption = MeterOption();
        var names = RemoteNames.Meter;
        var action = new Argument<string>("COMMAND") { Description = string.Join(", ", names.Keys) };
        action.AcceptOnlyFromAmong([.. names.Keys]);
        var command = new Command("remote", "Apply a remote control command (DL/T 645 1C) to the meter") { meterOption, action };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var meterPath = parse.GetValue(meterOption)!;
            if (MeterFiles.TryLoad(meterPath, out var meter) is { } error)
            {
                return context.Fail(ExitCodes.Refused, error);
            }

            meter!.ApplyRemote(names[parse.GetValue(action)!]);
            MeterFiles.Save(meterPath, meter);
            var state = meter.Snapshot();
            context.Output.WriteLine($"relay {state.Relay} ({state.OpenReasons})");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show()
    {
        var file = new Argument<string>("METER.nvram") { Description = "The meter's NVRAM file" };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("show", "Show the model (id and SHA-256, each layout's too), the registers, relay state and reason, parameters and the event ring") { file, json };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            if (MeterFiles.TryLoad(parse.GetValue(file)!, out var meter) is { } error)
            {
                return context.Fail(ExitCodes.Refused, error);
            }

            var snapshot = meter!.Snapshot();
            var layouts = meter.Model.Layouts;
            context.Output.WriteLine(parse.GetValue(json) ? MeterText.Json(snapshot, layouts) : MeterText.Readable(snapshot, layouts));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Diagrams()
    {
        var command = new Command("diagrams", "Print the meter's state machines as Mermaid (docs/meter-states.md)");
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            context.Output.Write(MeterDiagrams.Markdown());
            return ExitCodes.Success;
        }));
        return command;
    }
}
