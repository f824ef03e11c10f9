using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Cli.Commands.Tokens;

internal static partial class TokenCommands
{
    private static Command Management()
    {
        var keys = new TokenKeyOptions();
        var issue = new IssueOptions();
        var tables = TablesOption();
        var json = JsonOption();
        var kind = new Argument<string>("KIND") { Description = $"The management token: {string.Join(", ", TokenManagementKinds.ByName.Keys)}" };
        var value = new Option<long?>("--value")
        {
            Description = "max-power and phase-unbalance: the limit in watts (rounded up as amounts are); clear-credit: the register (default 65535, all); tariff-rate, water-factor: the 16-bit value",
        };
        var command = new Command("management", "Make a meter-specific management token (class 2): limits, clear credit, clear tamper, tariff rate, water meter factor") { kind, value, tables, json };
        keys.AddTo(command);
        issue.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            if (!TokenManagementKinds.ByName.TryGetValue(parse.GetValue(kind)!, out var management))
            {
                return context.Fail(ExitCodes.Usage, $"KIND '{parse.GetValue(kind)}': {string.Join(", ", TokenManagementKinds.ByName.Keys)} (key changes: `prepaid token keychange`)");
            }

            if (Field(management, parse.GetValue(value), out var mistake) is not { } field)
            {
                return context.Fail(ExitCodes.Usage, mistake!);
            }

            if (Tables(parse, tables, context, out var failed) is not { } staTables)
            {
                return failed;
            }

            if (keys.Read(parse).Resolve(staTables, out mistake) is not { } key)
            {
                return context.Fail(ExitCodes.Usage, mistake!);
            }

            if (issue.Resolve(parse, context, key.BaseDate, out failed) is not { } issued)
            {
                return failed;
            }

            var token = new ManagementToken(management, issued.Random, issued.Id, field);
            var description = TokenDescription.Of(token, key.BaseDate, key.Codec().Encode(token));
            description["for"] = key.Describe();
            Print(context, description, parse.GetValue(json));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The 16-bit field a management token carries for <paramref name="value"/>, or the mistake.</summary>
    private static ushort? Field(ManagementKind kind, long? value, out string? mistake)
    {
        mistake = null;
        switch (kind)
        {
            case ManagementKind.SetMaximumPowerLimit or ManagementKind.SetMaximumPhasePowerUnbalanceLimit:
                if (value is not { } watts || TransferAmount.RoundedUp(watts) is not { } limit)
                {
                    mistake = $"--value: the limit in watts, 0–{TransferAmount.Largest}";
                    return null;
                }

                return limit.Field;
            case ManagementKind.ClearTamperCondition:
                if (value is not (null or 0))
                {
                    mistake = "clear-tamper takes no --value";
                    return null;
                }

                return 0;
            default:
                var given = value ?? (kind == ManagementKind.ClearCredit ? ManagementToken.AllRegisters : null);
                if (given is not (>= 0 and <= ushort.MaxValue))
                {
                    mistake = $"--value: 0–{ushort.MaxValue} for {TokenManagementKinds.Name(kind)}";
                    return null;
                }

                return (ushort)given.Value;
        }
    }
}
