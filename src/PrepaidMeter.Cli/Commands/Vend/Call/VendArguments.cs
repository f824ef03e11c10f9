using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend.Call;

/// <summary>Options several vend commands share, and parsing of typed values with one clear refusal each.</summary>
internal static class VendArguments
{
    /// <summary>--energy, --volume and --money: how much a purchase is, exactly one of them.</summary>
    public sealed record PurchaseOptions(Option<string> Energy, Option<string> Volume, Option<string> Money)
    {
        public static PurchaseOptions Create() => new(
            new("--energy") { Description = "An amount of energy in kWh, up to 2 decimals (an electricity group)" },
            new("--volume") { Description = "An amount of water or gas in m³, up to 2 decimals (a water or gas group)" },
            new("--money") { Description = "An amount of money, up to 2 decimals; converted at the current price" });

        public IEnumerable<Option> All => [Energy, Volume, Money];
    }

    /// <summary>Exactly one of --energy, --volume or --money; the error is the sentence to print.</summary>
    public static (PurchaseRequest? Request, string? Error) Purchase(ParseResult parse, PurchaseOptions options)
    {
        var (e, v, m) = (parse.GetValue(options.Energy), parse.GetValue(options.Volume), parse.GetValue(options.Money));
        if ((e is null ? 0 : 1) + (v is null ? 0 : 1) + (m is null ? 0 : 1) != 1)
        {
            return (null, "give exactly one of --energy, --volume or --money");
        }

        if (e is not null)
        {
            var parsed = Core.Energy.Parse(e);
            return parsed.TryGetValue(out var value) ? (PurchaseRequest.ForEnergy(value), null) : (null, $"--energy: {parsed.Error}");
        }

        if (v is not null)
        {
            var parsed = Core.Volume.Parse(v);
            return parsed.TryGetValue(out var value) ? (PurchaseRequest.ForVolume(value), null) : (null, $"--volume: {parsed.Error}");
        }

        var money = Core.Money.Parse(m);
        return money.TryGetValue(out var amount) ? (PurchaseRequest.ForMoney(amount), null) : (null, $"--money: {money.Error}");
    }

    public static bool TryParse<T>(VendCall call, string name, ParseResult<T> parsed, out T value)
    {
        if (parsed.TryGetValue(out value))
        {
            return true;
        }

        call.Context.Fail(ExitCodes.Refused, $"{name}: {parsed.Error}");
        return false;
    }

    /// <summary>
    /// An option that may be left out, parsed once: absent is null (true); present and malformed is refused with one
    /// line naming <paramref name="name"/> (false).
    /// </summary>
    public static bool TryParseOptional<T>(VendCall call, string name, string? text, Func<string?, ParseResult<T>> parser, out T? value)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(parser);
        value = null;
        if (text is null)
        {
            return true;
        }

        if (!TryParse(call, name, parser(text), out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>What <see cref="TryPeriod"/> refuses, in one sentence.</summary>
    public const string PeriodMistake = "--from and --to take a date (2026-12-01) or an ISO-8601 moment";

    /// <summary>--from and --to, each left out or a <see cref="Moment"/>; false when one given is neither (say <see cref="PeriodMistake"/>).</summary>
    public static bool TryPeriod(string? fromText, string? toText, out DateTimeOffset? from, out DateTimeOffset? to)
    {
        (from, to) = (Moment(fromText), Moment(toText));
        return (fromText is null || from is not null) && (toText is null || to is not null);
    }

    /// <summary>A date or time: "2026-12-01" (midnight UTC) or an ISO-8601 moment.</summary>
    public static DateTimeOffset? Moment(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    /// <summary>An amount in <paramref name="unit"/> (a group's limits and alarms): kWh, money, or m³ ("12.34", "12.34 m³").</summary>
    public static long Hundredths(string? text, CreditUnit unit, out string? error)
    {
        error = null;
        if (text is null)
        {
            return 0;
        }

        (long Hundredths, string? Error) read = unit switch
        {
            CreditUnit.Energy => Read(Core.Energy.Parse(text), e => e.Hundredths),
            CreditUnit.Money => Read(Core.Money.Parse(text), m => m.Hundredths),
            CreditUnit.Volume => Read(Core.Volume.Parse(text), v => v.Hundredths),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a credit unit."),
        };
        error = read.Error;
        return read.Hundredths;
    }

    private static (long Hundredths, string? Error) Read<T>(ParseResult<T> parsed, Func<T, long> hundredths) =>
        parsed.TryGetValue(out var value) ? (hundredths(value), null) : (0, parsed.Error);
}
