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

    /// <summary>
    /// Exactly one of --energy, --volume or --money, or false with the sentence printed: none or two of them is a usage
    /// error (exit 1), an amount that does not read is refused (exit 2) as every malformed value of `vend` is.
    /// </summary>
    public static bool TryPurchase(VendCall call, ParseResult parse, PurchaseOptions options, out PurchaseRequest request, out int exit)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        request = default;
        exit = ExitCodes.Refused;
        var (e, v, m) = (parse.GetValue(options.Energy), parse.GetValue(options.Volume), parse.GetValue(options.Money));
        if ((e is null ? 0 : 1) + (v is null ? 0 : 1) + (m is null ? 0 : 1) != 1)
        {
            exit = call.Context.Fail(ExitCodes.Usage, "give exactly one of --energy, --volume or --money");
            return false;
        }

        var (unit, amount) = e is not null ? ("energy", e) : v is not null ? ("volume", v) : ("money", m);
        return TryParse(call, "--" + unit, PurchaseRequest.Parse(unit, amount), out request);
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

    /// <summary>What <see cref="TryPeriod"/> refuses, in one sentence (the queries' and reports' own).</summary>
    public const string PeriodMistake = Core.Moments.PeriodMistake;

    /// <summary>--from and --to, each left out or a <see cref="Moment"/>; false when one given is neither (say <see cref="PeriodMistake"/>).</summary>
    public static bool TryPeriod(string? fromText, string? toText, out DateTimeOffset? from, out DateTimeOffset? to) =>
        Core.Moments.TryPeriod(fromText, toText, out from, out to);

    /// <summary>A date or time: "2026-12-01" (midnight UTC) or an ISO-8601 moment.</summary>
    public static DateTimeOffset? Moment(string? text) => Core.Moments.Parse(text);

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
