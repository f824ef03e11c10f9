using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Cli.Commands.Cards;

/// <summary>
/// `card serve`'s fault options (docs/card-media.md, "Fault injection"): each parses into its part of a <see cref="CardFaults"/>,
/// a bad value a usage error naming the option and what it takes (exit 1), as any wrong command line.
/// </summary>
internal sealed class CardFaultOptions
{
    private readonly Option<int?> _leaveAfter = new("--leave-after")
    {
        Description = "Leave the reader at APDU N (from 1, counted from each insertion): it is neither carried out nor answered",
        HelpName = "N",
        CustomParser = result => Whole(result, "--leave-after", min: 1, "an APDU number from 1"),
    };

    private readonly Option<int?> _tearWriteAfter = new("--tear-write-after")
    {
        Description = "Leave the reader during the write in which byte K (counted over the writes since insertion) falls: its first bytes up to K land, no answer",
        HelpName = "K",
        CustomParser = result => Whole(result, "--tear-write-after", min: 0, "a byte count from 0"),
    };

    private readonly Option<ApduAnswer?> _answer = new("--answer")
    {
        Description = "Answer status word SW (4 hex digits) to APDU N instead of carrying it out, e.g. 3=6F00",
        HelpName = "N=SW",
        CustomParser = Answer,
    };

    private readonly Option<int?> _delay = new("--delay")
    {
        Description = $"Wait MS milliseconds (0..{CardFaults.MaxDelay.TotalMilliseconds:0}) before every answer to an APDU",
        HelpName = "MS",
        CustomParser = result => Whole(result, "--delay", min: 0, $"milliseconds from 0 to {CardFaults.MaxDelay.TotalMilliseconds:0}", max: (int)CardFaults.MaxDelay.TotalMilliseconds),
    };

    private readonly Option<byte[]?> _atr = new("--atr")
    {
        Description = $"Give this ATR (hex, {CardFaults.MinAtrLength}..{CardFaults.MaxAtrLength} bytes) instead of the medium's own",
        HelpName = "HEX",
        CustomParser = Atr,
    };

    private readonly Option<int?> _tries = new("--tries")
    {
        Description = "Start with T PSC (CPU: card key) tries left, 0 = locked; saved on exit with the tries the card ends with",
        HelpName = "T",
        CustomParser = result => Whole(result, "--tries", min: 0, "a number of tries from 0"),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_leaveAfter);
        command.Options.Add(_tearWriteAfter);
        command.Options.Add(_answer);
        command.Options.Add(_delay);
        command.Options.Add(_atr);
        command.Options.Add(_tries);
    }

    /// <summary>The faults the command line asks for (the parser has refused bad values already).</summary>
    public CardFaults Read(ParseResult parse)
    {
        var faults = CardFaults.None;
        faults = parse.GetValue(_leaveAfter) is { } leave ? faults.LeavingAt(leave) : faults;
        faults = parse.GetValue(_tearWriteAfter) is { } tear ? faults.TearingWritesAfter(tear) : faults;
        faults = parse.GetValue(_answer) is { } answer ? faults.Answering(answer) : faults;
        faults = parse.GetValue(_delay) is { } delay ? faults.Delaying(TimeSpan.FromMilliseconds(delay)) : faults;
        // An array option not given reads as an empty array, not null.
        faults = parse.GetValue(_atr) is { Length: > 0 } atr ? faults.WithAtr(atr) : faults;
        return parse.GetValue(_tries) is { } tries ? faults.WithTriesLeft(tries) : faults;
    }

    private static int? Whole(ArgumentResult result, string name, int min, string takes, int max = int.MaxValue)
    {
        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{name} '{text}': {takes}");
        return null;
    }

    private static ApduAnswer? Answer(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        var parsed = ApduAnswer.Parse(text);
        if (parsed.TryGetValue(out var answer))
        {
            return answer;
        }

        result.AddError($"--answer '{text}': {parsed.Error}");
        return null;
    }

    private static byte[]? Atr(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        byte[]? atr = null;
        if (text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit))
        {
            atr = Convert.FromHexString(text);
        }

        if (atr is { Length: >= CardFaults.MinAtrLength and <= CardFaults.MaxAtrLength })
        {
            return atr;
        }

        result.AddError($"--atr '{text}': an ATR is {CardFaults.MinAtrLength} to {CardFaults.MaxAtrLength} bytes in hex, such as 3BA20011 (no spaces)");
        return null;
    }
}
