using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Cli.Commands.Vend.Splits;

/// <summary>`prepaid vend split set|end|show`: proportion of energy consuming (用电比例, docs/vending.md "Proportion of energy consuming").</summary>
internal static class VendSplitCommands
{
    public static Command Split()
    {
        var account = new Argument<long>("ACCOUNT") { Description = "Account id" };
        var reason = new Option<string>("--reason") { Description = "Why (a shop in the house, two flats on one meter, ...)", Required = true };
        var shares = new Option<string[]>("--share")
        {
            Description = "A share as CUSTOMER:PRICE-TYPE:PERCENT (customer number, price type id of the account's group, percent with up to two decimals); "
                + "give it once per share, the percents summing to 100",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var set = new Command("set", "Split the account's energy among the customers sharing its meter, from its next sale on") { account, shares, reason };
        set.SetAction(parse => VendCall.Run(parse, call =>
        {
            var requests = new List<ShareRequest>();
            foreach (var text in parse.GetValue(shares) ?? [])
            {
                if (Parse(text) is not { } request)
                {
                    return Task.FromResult(call.Context.Fail(ExitCodes.Usage,
                        $"--share takes CUSTOMER:PRICE-TYPE:PERCENT, e.g. 00001001:3:60 (a customer number, a price type id, a percent with up to two decimals), not '{text}'"));
                }

                requests.Add(request);
            }

            return Task.FromResult(call.Print(call.Office.Splits.Set(call.Session, parse.GetValue(account), requests, parse.GetValue(reason)!)));
        }));

        var end = new Command("end", "End the account's split: from its next sale on it sells at its own price type") { account, reason };
        end.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Splits.End(call.Session, parse.GetValue(account), parse.GetValue(reason)!)))));

        var show = new Command("show", "The account's split in force and every change of it") { account };
        show.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Splits.History(call.Session, parse.GetValue(account))))));
        return new Command("split", "Proportion of energy consuming (用电比例): a meter shared by several customers, its energy split among them") { set, end, show };
    }

    /// <summary>"00001001:3:60" as a share; null when it is not three parts, a customer number, a price type id and a percent.</summary>
    internal static ShareRequest? Parse(string text)
    {
        var parts = (text ?? "").Split(':');
        return parts.Length == 3
            && CustomerNumber.Parse(parts[0]).TryGetValue(out var customer)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var priceType)
            && SharePercent.Parse(parts[2]) is { } basisPoints
                ? new ShareRequest(customer, priceType, basisPoints)
                : null;
    }
}
