using System.CommandLine;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Payments;

namespace PrepaidMeter.Cli.Commands.Vend.Payments;

/// <summary>`prepaid vend partner|payments|collect`: partners' payments, from the API to the card.</summary>
internal static class VendPaymentCommands
{
    public static Command Partners()
    {
        var name = new Argument<string>("NAME") { Description = "The partner (a bank, a collection network)" };
        var max = new Option<string>("--max") { Description = "The most one payment of this partner may be (money, up to 2 decimals); default: no ceiling of its own, the accounts' purchase limits still apply" };
        var add = new Command("add", "Register a partner and print its API key — shown this once, only its hash is kept") { name, max };
        add.SetAction(parse => VendCall.Run(parse, call =>
        {
            if (!VendArguments.TryParseOptional(call, "--max", parse.GetValue(max), Money.Parse, out var ceiling))
            {
                return Task.FromResult(ExitCodes.Refused);
            }

            return Task.FromResult(call.Print(call.Office.Payments.AddPartner(call.Session, parse.GetValue(name)!, ceiling),
                key => new { key.Partner.Id, key.Partner.Name, MaxAmount = ceiling, key.ApiKey }));
        }));
        var disableName = new Argument<string>("NAME") { Description = "The partner" };
        var disable = new Command("disable", "Stop a partner's API key working; its payments stay") { disableName };
        disable.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Payments.DisablePartner(call.Session, parse.GetValue(disableName)!)))));
        return new Command("partner", "Partners that take payments for the site through the payment API") { add, disable };
    }

    public static Command Payments()
    {
        var listen = new Option<string>("--listen") { Description = $"HOST:PORT to listen on (default {PaymentApi.DefaultListen}: this machine only)", DefaultValueFactory = _ => PaymentApi.DefaultListen };
        var serve = new Command("serve", "Serve the partners' payment API (POST /v1/payments, GET /v1/payments/KEY) until Ctrl-C") { listen };
        serve.SetAction(parse => VendCall.Run(parse, async call =>
        {
            if (call.Session.Check(Permission.SiteManagement) is { } denied)
            {
                return call.Context.Fail(ExitCodes.Refused, denied.Message);
            }

            if (PaymentApi.InClearWarning(parse.GetValue(listen)!) is { } inClear)
            {
                call.Context.Error.WriteLine($"prepaid: warning: {inClear}");
            }

            // Ctrl-C and SIGTERM are ours from before the server starts: a signal that comes while it starts stops it cleanly.
            using var stop = new StopSignal();
            await using var app = PaymentApi.Build(new PaymentApiOptions(call.Office, parse.GetValue(listen)!) { Log = call.Context.Logger });
            try
            {
                await app.StartAsync();
            }
            catch (IOException e)
            {
                return call.Context.Fail(ExitCodes.Environment, $"cannot listen on {parse.GetValue(listen)}: {e.Message}");
            }

            call.Output.WriteLine($"payment API on {string.Join(", ", app.Urls)} for {call.Office.Database.Describe}; Ctrl-C to stop");
            await call.Output.FlushAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop taking requests, finish those in flight.
            }

            await app.StopAsync();
            call.Output.WriteLine("payment API stopped");
            return ExitCodes.Success;
        }));

        var account = new Option<long>("--account") { Description = "Account id", Required = true };
        var waiting = new Command("waiting", "The partners' payments waiting to be written to the account's card") { account };
        waiting.SetAction(parse => VendCall.Run(parse, call => Task.FromResult(call.Print(call.Office.Payments.Outstanding(call.Session, parse.GetValue(account))))));
        return new Command("payments", "Payments partners took: the API, and what waits for the card") { serve, waiting };
    }

    public static Command Collect()
    {
        var command = new Command("collect",
            "Write the partners' payments waiting for the account onto its user card in the reader (a money sale of their sum); those that do not fit wait for the next visit");
        command.SetAction(parse => VendCall.Run(parse, async call =>
        {
            if (call.OpenReader(parse) is not { } reader)
            {
                return ExitCodes.Refused;
            }

            var collected = await call.Office.Sales.CollectPaymentsAsync(call.Session, reader);
            var exit = call.Print(collected, c => c.Receipt);
            if (collected.Success && collected.Value.LeftWaitingLine is { } line)
            {
                // On stderr, so --json's output stays the receipt alone; the sale itself succeeded.
                call.Context.Error.WriteLine($"prepaid: warning: {line}");
            }

            return exit;
        }));
        return command;
    }
}
