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
            var number = TokenCodec.ForTestTokens.Encode(token);
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
        var command = new Command("decode", "Decode a token under a meter's key (a test token needs none): its class, fields and identifier; exit 2 when a meter would refuse it") { digits, tables, json };
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

            var inputs = keys.Read(parse);
            var tokenClass = TokenCodec.ClassOf(number);
            TokenKey? key = null;
            if (inputs.HasKey || tokenClass != TokenClass.InitiateMeterTest)
            {
                key = inputs.Resolve(staTables.Tables, staTables.Given, out var mistake);
                if (key is null)
                {
                    return context.Fail(ExitCodes.Usage, tokenClass == TokenClass.InitiateMeterTest ? mistake! : $"a class {(int)tokenClass} token is read with its meter's key; {mistake}");
                }
            }

            var decoding = (key?.Codec() ?? TokenCodec.ForTestTokens).Decode(number);
            if (!decoding.Succeeded)
            {
                return context.Fail(ExitCodes.Refused, Refusal(number, decoding, key));
            }

            var baseDate = key?.BaseDate ?? BaseDate.Year2014;
            Print(context, TokenDescription.Of(decoding.Data!, baseDate, number), parse.GetValue(json));
            return decoding.Data is IdentifiedToken identified && key is not null && identified.ExpiredUnder(key.KeyExpiry)
                ? context.Fail(ExitCodes.Refused, $"{number}: key expired: identifier {identified.Id.Minutes} is past the key expiry number {key.KeyExpiry}; a meter with this key refuses it")
                : ExitCodes.Success;
        }));
        return command;
    }

    private static string Refusal(TokenNumber number, TokenDecoding decoding, TokenKey? key) => (decoding.Failure, decoding.Class) switch
    {
        (TokenDecodeFailure.CrcMismatch, TokenClass.InitiateMeterTest) => $"{number}: the CRC does not hold — mistyped",
        (TokenDecodeFailure.CrcMismatch, var tokenClass) => $"{number}: the CRC does not hold under {key!.Describe()} — mistyped, or made for another meter or key{(tokenClass == TokenClass.TransferCredit ? " (or currency credit, whose CRC_C this engine does not know)" : "")}",
        (TokenDecodeFailure.ReservedClass, _) => $"{number}: class 3 is reserved; no meter takes it",
        (_, TokenClass.TransferCredit) => $"{number}: class 0 subclass {decoding.Data!.Subclass}: currency credit or reserved; not read by this engine",
        (_, TokenClass.InitiateMeterTest) => $"{number}: class 1 subclass {decoding.Data!.Subclass}: extended token read or proprietary; not read by this engine",
        _ => $"{number}: class {(int)decoding.Class} subclass {decoding.Data!.Subclass} is reserved; no meter takes it",
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

            if (inputs.Resolve(StaTables.Sample, tablesGiven: false, out var mistake) is not { } key)
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
