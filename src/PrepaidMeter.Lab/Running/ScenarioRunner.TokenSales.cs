using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Lab.Running;

/// <summary>
/// Tokens sold at the counter (sellToken): the back office's own token sale (`prepaid vend token sell`), under the token key the
/// site's supply group holds — the lab's vending key and the model's key parameters — so that the meter takes the token the
/// customer carries home from the receipt.
/// </summary>
public sealed partial class ScenarioRunner
{
    /// <summary>The token account the counter opened for each meter, on its first token sale.</summary>
    private readonly Dictionary<MeterNumber, long> _tokenAccounts = [];

    private async Task<StepOutcome> SellTokenAsync(ScenarioStep step, CancellationToken cancellationToken)
    {
        var meter = step.Meter ?? _meter;
        var order = step.TokenSale!;
        if (!_tokenAccounts.TryGetValue(meter, out var account))
        {
            var drn = TokenInstall.LabDrn(_site.Model.Token!, meter);
            var opened = _site.Office.Tokens.Open(_site.Admin, _site.Customer, meter, _site.PriceType, drn, _site.Model.Token!.Iin);
            if (!opened.Success)
            {
                return StepOutcome.Refused($"opening a token account for meter {meter} (DRN {drn})", opened.Refusal);
            }

            account = opened.Value.AccountId;
            _tokenAccounts[meter] = account;
        }

        var sale = _site.Office.Tokens.Sell(_site.Admin, account, step.Purchase!.Value);
        if (!sale.Success)
        {
            return StepOutcome.Refused($"selling a token of {step.Purchase} for meter {meter}", sale.Refusal);
        }

        var receipt = sale.Value;
        var token = receipt.Token!;
        var digits = TokenNumber.Parse(token.Token)!.Value.ToDigits();
        if (token.Tid is { } minutes)
        {
            // The lab's own vending (makeToken, enterToken) must not give a later token the TID the counter just used.
            Vending.Issued(meter, new TokenIdentifier(minutes));
        }

        var said = $"token sold at the counter for meter {meter}: {Sold(receipt.Receipt)}, the token carries {receipt.TokenCredit}"
            + (receipt.RoundedUpBy.Hundredths > 0 ? $" (rounded up by {receipt.RoundedUpBy})" : "") + $": {token.Token}";
        if (order.KeepAs is { } name)
        {
            _tokens[name] = digits;
            said += $", kept as '{name}'";
        }

        if (!order.Enter)
        {
            return new(said);
        }

        var answers = await _target.KeypadAsync(meter, digits + "#", cancellationToken);
        return new($"{said}; typed in at meter {meter}: {Answers(answers)}", Tokens: answers);
    }
}
