using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Cjt188;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>
/// `prepaid link cjt188 ...`: talk CJ/T 188-2004 to a water, gas or heat meter on a serial port as its master. A group of
/// its own rather than `--protocol` on the DL/T 645 commands: the address has 14 digits, the meter has a type, the
/// items are read whole (901F) rather than by identifier, and no password is sent (docs/cjt188.md).
/// </summary>
internal static partial class Cjt188Commands
{
    private const string WildcardAddress = "AAAAAAAAAAAAAA";

    private static readonly Dictionary<string, Cjt188MeterType> TypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cold-water"] = Cjt188MeterType.ColdWater,
        ["hot-water"] = Cjt188MeterType.HotWater,
        ["drinking-water"] = Cjt188MeterType.DrinkingWater,
        ["reclaimed-water"] = Cjt188MeterType.ReclaimedWater,
        ["heat"] = Cjt188MeterType.Heat,
        ["cooling"] = Cjt188MeterType.Cooling,
        ["gas"] = Cjt188MeterType.Gas,
        ["other"] = Cjt188MeterType.Other,
        ["any"] = Cjt188MeterType.Wildcard,
    };

    public static Command Build() => new("cjt188", "Read a water, gas or heat meter's metering data, find its address, open or close its valve over CJ/T 188-2004 on a serial port")
    {
        Read(),
        Address(),
        Valve(),
    };

    /// <summary>The line options with a 14-digit address: required for a command to one meter, else the wildcard by default.</summary>
    private static LineOptions Line(string addressHelp, bool required = false)
    {
        var address = new Option<string>("--address", "-a") { Description = addressHelp, Required = required };
        if (!required)
        {
            address.DefaultValueFactory = _ => WildcardAddress;
        }

        return new(address, "CJ/T 188");
    }

    private static Option<string> TypeOption() => new("--type", "-t")
    {
        Description = $"The meter type T: {string.Join(", ", TypeNames.Keys)}, or two hex digits (10 cold water ... 30 gas); any (AAH) takes whatever type the meter is",
        DefaultValueFactory = _ => "any",
    };

    /// <summary>A type name or two hex digits ("10", "10H"); false otherwise.</summary>
    private static bool TryType(string? text, out Cjt188MeterType type)
    {
        type = default;
        var trimmed = text?.Trim() ?? "";
        if (TypeNames.TryGetValue(trimmed, out type))
        {
            return true;
        }

        var hex = trimmed.EndsWith('H') || trimmed.EndsWith('h') ? trimmed[..^1] : trimmed;
        if (hex.Length == 2 && byte.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            type = new(code);
            return true;
        }

        return false;
    }

    /// <summary>Runs <paramref name="body"/> with a CJ/T 188 master over the line the options name, traced as CJ/T 188.</summary>
    private static Task<int> WithLink(ParseResult parse, CommandContext context, LineOptions options, Func<Cjt188MeterLink, Task<int>> body) =>
        LinkLine.RunAsync(parse, context, options, LinkProtocol.Cjt188, (line, patience) => body(new Cjt188MeterLink(line, patience, context.Time)));

    /// <summary>No reply is the environment's (3); a refusal or a reply that does not fit, the meter's answer to what was asked (2); a valve that did not move, 4.</summary>
    private static int Failed<T>(CommandContext context, Cjt188LinkResult<T> result) => context.Fail(result.Failure switch
    {
        Cjt188LinkFailure.NoReply => ExitCodes.Environment,
        Cjt188LinkFailure.ValveNotMoved => ExitCodes.NotCarriedOut,
        _ => ExitCodes.Refused,
    }, result.Message);
}
