using System.CommandLine;
using System.Text.Json.Nodes;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Ciphers;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Cli.Commands.Tokens;

internal static partial class TokenCommands
{
    private static Command Test()
    {
        var json = JsonOption();
        var control = new Option<ulong>("--control") { Description = "The tests and displays asked for, one bit each (0: all of them)", DefaultValueFactory = _ => 0 };
        var manufacturer = new Option<string>("--manufacturer") { Description = "The manufacturer code: 2 digits (subclass 0, 36-bit control) or 4 digits (subclass 1, 28-bit control)", Required = true };
        var command = new Command("test", "Make an InitiateMeterTest/Display token (class 1): not encrypted, for every meter of one manufacturer") { control, manufacturer, json };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var code = parse.GetValue(manufacturer)!;
            var subclass = code.Length == 2 ? 0 : 1;
            if (code.Length is not (2 or 4) || !code.All(char.IsAsciiDigit))
            {
                return context.Fail(ExitCodes.Usage, $"--manufacturer '{code}': 2 or 4 digits");
            }

            var bits = subclass == 0 ? 36 : 28;
            if (parse.GetValue(control) >= 1UL << bits)
            {
                return context.Fail(ExitCodes.Usage, $"--control {parse.GetValue(control)}: {bits} bits with a {code.Length}-digit manufacturer code");
            }

            var token = new MeterTestToken(subclass, parse.GetValue(control), int.Parse(code, System.Globalization.CultureInfo.InvariantCulture));
            // Not encrypted: any cipher does, none is used.
            var number = new TokenCodec(new Misty1(new byte[16])).Encode(token);
            Print(context, TokenDescription.Of(token, BaseDate.Year2014, number), parse.GetValue(json));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Decode()
    {
        var keys = new TokenKeyOptions();
        var tables = TablesOption();
        var json = JsonOption();
        var digits = new Argument<string[]>("TOKEN") { Description = "The 20 digits (spaces and dashes between groups allowed)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("decode", "Decode a token under a meter's key: its class, fields and identifier; exit 2 when the meter would refuse it unread") { digits, tables, json };
        keys.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var typed = string.Join(' ', parse.GetValue(digits)!);
            if (TokenNumber.Parse(typed) is not { } number)
            {
                return context.Fail(ExitCodes.Usage, $"'{typed}' is not a token: 20 digits, at most {TokenNumber.Largest}");
            }

            if (Tables(parse, tables, context, out var failed) is not { } staTables)
            {
                return failed;
            }

            if (keys.Read(parse).Resolve(staTables, out var mistake) is not { } key)
            {
                return context.Fail(ExitCodes.Usage, mistake!);
            }

            var decoding = key.Codec().Decode(number);
            if (!decoding.Succeeded)
            {
                return context.Fail(ExitCodes.Refused, decoding.Failure switch
                {
                    TokenDecodeFailure.CrcMismatch => $"{number}: the CRC does not hold under {key.Describe()} — mistyped, or made for another meter or key",
                    TokenDecodeFailure.ReservedClass => $"{number}: class 3 is reserved; no meter takes it",
                    _ => $"{number}: class {(int)decoding.Class} subclass {decoding.Data?.Subclass} is reserved; no meter takes it",
                });
            }

            var description = TokenDescription.Of(decoding.Data!, key.BaseDate, number);
            if (decoding.Data is CreditToken or ManagementToken && Expired(decoding.Data, key.KeyExpiry) is { } expired)
            {
                description["keyExpired"] = expired;
            }

            Print(context, description, parse.GetValue(json));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Whether the token's identifier is past the key's expiry number (its top 8 bits above KEN): a meter refuses it.</summary>
    private static bool? Expired(TokenData data, int keyExpiry) => data switch
    {
        CreditToken credit => credit.Id.Minutes >> 16 > keyExpiry,
        ManagementToken management => management.Id.Minutes >> 16 > keyExpiry,
        _ => null,
    };

    private static Command Key()
    {
        var keys = new TokenKeyOptions();
        var json = JsonOption();
        var command = new Command("key", "Derive a meter's decoder key from its supply group's vending key (DKGA02/DKGA04) and print it — for a lab's meters, never a field key") { json };
        keys.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var inputs = keys.Read(parse);
            if (inputs.VendingKey is null)
            {
                return context.Fail(ExitCodes.Usage, "--vending-key: the key to derive from");
            }

            if (inputs.Resolve(StaTables.Sample, out var mistake) is not { } key)
            {
                return context.Fail(ExitCodes.Usage, mistake!);
            }

            var result = new JsonObject { ["decoderKey"] = key.Key.ToHex(), ["for"] = key.Describe(), ["pan"] = key.Meter!.Pan };
            context.Output.WriteLine(parse.GetValue(json) ? result.ToJsonString() : $"{key.Key.ToHex()}  ({key.Describe()}, PAN {key.Meter.Pan})");
            return ExitCodes.Success;
        }));
        return command;
    }
}
