using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Lab.Files;
using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Cli.Printing;

namespace PrepaidMeter.Cli.Commands.Cards;

/// <summary>`prepaid card ...`: the card codec from the command line.</summary>
internal static class CardCommands
{
    public static Command Build() => new("card", "Card layouts, encoding and decoding card images, and serving a card file behind PC/SC")
    {
        Layouts(),
        Encode(),
        Decode(),
        CardServeCommand.Build(),
        CardTraceCommands.Build(),
    };

    private static Option<string> LayoutOption() => new("--layout", "-l")
    {
        Description = "A shipped layout id (see `prepaid card layouts`) or the path of a layout descriptor",
        Required = true,
    };

    internal static Option<string?> SecretOption() => new("--secret")
    {
        Description = "The supply group's secret (maintenance code) as hex; needed by layouts with a MAC",
    };

    private static Command Layouts()
    {
        var command = new Command("layouts", "List the shipped layouts, one a line, with their image size");
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            foreach (var layout in CardLayouts.All)
            {
                var protection = layout.HasMac ? "MAC" : "checksum only";
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{layout.Id}\t{layout.Size} bytes\tv{layout.Version}\t{protection}\t{layout.Description}"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Encode()
    {
        var layoutOption = LayoutOption();
        var secretOption = SecretOption();
        var record = new Argument<string>("RECORD.json") { Description = "The card record as JSON ('-' reads stdin)" };
        var command = new Command("encode", "Encode a card record into a card image, printed as hex") { layoutOption, secretOption, record };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            if (!TryPrepare(context, parse.GetValue(layoutOption)!, parse.GetValue(secretOption), out var layout, out var keys, out var failure))
            {
                return failure;
            }

            if (CardRecordJson.TryRead(ReadInput(parse.GetValue(record)!), out var parsed) is { } error)
            {
                return context.Fail(ExitCodes.Refused, $"{parse.GetValue(record)}: {error}");
            }

            var result = layout.Encode(parsed!, keys, out var image);
            if (!result.Success)
            {
                return context.Fail(ExitCodes.Refused, $"cannot encode for layout '{layout.Id}': {result.Problem}");
            }

            context.Output.Write(CardImageHex.Format(image));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Decode()
    {
        var layoutOption = LayoutOption();
        var secretOption = SecretOption();
        var json = new Option<bool>("--json") { Description = "Print the record as JSON" };
        var image = new Argument<string>("IMAGE.hex") { Description = "The card image as hex ('-' reads stdin)" };
        var command = new Command("decode", "Decode and verify a card image; a refused card exits 2 naming the reason")
        {
            layoutOption, secretOption, json, image,
        };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            if (!TryPrepare(context, parse.GetValue(layoutOption)!, parse.GetValue(secretOption), out var layout, out var keys, out var failure))
            {
                return failure;
            }

            var path = parse.GetValue(image)!;
            if (CardImageHex.TryParse(ReadInput(path), out var bytes) is { } error)
            {
                return context.Fail(ExitCodes.Refused, $"{path}: {error}");
            }

            var decoded = layout.Decode(bytes, keys);
            if (!decoded.Success)
            {
                return context.Fail(ExitCodes.Refused, $"card refused: {decoded.Fault}");
            }

            var text = CardRecordJson.Write(decoded.Record);
            context.Output.WriteLine(parse.GetValue(json) ? text : RecordText.Readable(text));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Loads the layout named by id or path (checked as `layout check` checks it) and the keys a MAC layout needs; false with the exit code said.</summary>
    internal static bool TryPrepare(CommandContext context, string layoutName, string? secret, out CardLayout layout, out SupplyGroupKeys? keys, out int failure)
    {
        layout = null!;
        keys = null;
        failure = ExitCodes.Success;
        var loaded = PathIo.Reading(layoutName, () => VendorFiles.Layout(layoutName));
        if (!loaded.Success)
        {
            failure = PathIo.UnreadableInput(layoutName) is { } unreadable
                ? context.Fail(unreadable)
                : context.Fail(ExitCodes.Refused, string.Join(Environment.NewLine + "prepaid: ", loaded.Errors));
            return false;
        }

        layout = loaded.Layout!;
        if (secret is not null && SupplyGroupKeys.TryParseSecret(secret, out keys) is { } secretError)
        {
            failure = context.Fail(ExitCodes.Usage, $"--secret: {secretError}");
            return false;
        }

        if (layout.HasMac && keys is null)
        {
            failure = context.Fail(ExitCodes.Usage, $"layout '{layout.Id}' is protected by a MAC: give --secret with the supply group's secret");
            return false;
        }

        return true;
    }

    private static string ReadInput(string path) => path == "-" ? Console.In.ReadToEnd() : PathIo.Reading(path, () => File.ReadAllText(path));
}
