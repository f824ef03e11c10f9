using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink.Cjt188;

namespace PrepaidMeter.Cli.Commands.Link;

internal static partial class Cjt188Commands
{
    // m³ as written, not \u00B3: the JSON is read by people as well as scripts.
    private static readonly JsonSerializerOptions JsonText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Command Read()
    {
        var line = Line($"The meter's address, 14 digits; {WildcardAddress} (the default) for the one meter on the line, whose address is asked first");
        var type = TypeOption();
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("read", "Read the metering data (901F): accumulated volume, settlement-date volume, meter time, valve, battery, status bits") { type, json };
        line.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            if (!Cjt188Address.TryParse(parse.GetValue(line.Address), out var address))
            {
                return context.Fail(ExitCodes.Usage, $"--address: '{parse.GetValue(line.Address)}' is not 1 to 14 digits or {WildcardAddress}");
            }

            if (!TryType(parse.GetValue(type), out var meterType))
            {
                return context.Fail(ExitCodes.Usage, $"--type: '{parse.GetValue(type)}' is not a meter type ({string.Join(", ", TypeNames.Keys)}) or two hex digits");
            }

            return await WithLink(parse, context, line, async link =>
            {
                Cjt188MeterType? knownType = meterType.IsWildcard ? null : meterType;
                if (address.IsWildcard)
                {
                    // A meter does not answer a read sent to the wildcard (docs/cjt188.md, rule 4): ask the one meter on the line who it is.
                    var found = await link.ReadAddressAsync(CancellationToken.None);
                    if (!found.Success)
                    {
                        return Failed(context, found);
                    }

                    address = found.Value.Address;
                    knownType ??= found.Value.MeterType;
                }

                var read = await link.ReadMeteringDataAsync(knownType ?? meterType, address, CancellationToken.None);
                if (!read.Success)
                {
                    return Failed(context, read);
                }

                Print(context, parse.GetValue(json), address, knownType, read.Value);
                return ExitCodes.Success;
            });
        }));
        return command;
    }

    private static void Print(CommandContext context, bool json, Cjt188Address address, Cjt188MeterType? type, Cjt188MeteringData data)
    {
        var time = data.Time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var status = $"{data.Status.First:X2}{data.Status.Second:X2}";
        var valve = data.Status.Valve.ToString().ToLowerInvariant();
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                address = address.ToString(),
                type = type is { } t ? t.Code.ToString("X2", CultureInfo.InvariantCulture) : null,
                volume = Amount(data.Current),
                unit = Cjt188UnitText.Of(data.Current.Unit),
                settlementVolume = Amount(data.Settlement),
                settlementUnit = Cjt188UnitText.Of(data.Settlement.Unit),
                time,
                valve,
                batteryLow = data.Status.BatteryLow,
                status,
            }, JsonText));
            return;
        }

        context.Output.WriteLine($"meter       {address}{(type is { } known ? $" {known}" : "")}");
        context.Output.WriteLine($"volume      {data.Current}");
        context.Output.WriteLine($"settlement  {data.Settlement}");
        context.Output.WriteLine($"time        {time ?? "none (the meter sent no real time)"}");
        context.Output.WriteLine($"valve       {valve}");
        context.Output.WriteLine($"battery     {(data.Status.BatteryLow ? "low" : "normal")}");
        // The raw bits: D7–D3 of ST0 and all of ST1 are the manufacturer's, kept as sent (docs/cjt188.md, "Status ST").
        context.Output.WriteLine($"status      ST0 {data.Status.First:X2} ST1 {data.Status.Second:X2}");
    }

    /// <summary>"1234.56": the flow's hundredths as the meter sent them, without its unit.</summary>
    private static string Amount(Cjt188Volume volume) =>
        $"{(volume.Hundredths / 100).ToString(CultureInfo.InvariantCulture)}.{(volume.Hundredths % 100).ToString("D2", CultureInfo.InvariantCulture)}";
}
