using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Keypad;

/// <summary>
/// A token sale priced before the clerk confirms it: the credit paid for, what the token will carry (rounded up as S2 says), the
/// money asked (the arrears collected in it), the price of the next unit. Nothing is recorded and no token is issued.
/// </summary>
public sealed record TokenQuote(long AccountId, CreditAmount Credit, CreditAmount TokenCredit, Energy Energy, Money Money, Money ArrearsCollected, UnitPrice UnitPrice)
{
    /// <summary>What the clerk confirms of this quote: whose account, how much credit, for how much money.</summary>
    public QuotedSale Confirmed => new(AccountId, Credit.Hundredths, Money);

    /// <summary>What the customer pays for the credit itself (the money less the arrears collected first).</summary>
    public Money ForCredit => Money - ArrearsCollected;

    /// <summary>What the token carries beyond the credit paid for (zero when nothing is rounded).</summary>
    public CreditAmount RoundedUpBy => new(Credit.Unit, checked(TokenCredit.Hundredths - Credit.Hundredths));
}

/// <summary>
/// The counter's two steps for a token sale (price it, then sell what was priced), as the card counter has them
/// (<see cref="SaleService.QuoteAsync"/>, <see cref="SaleService.SellAsQuotedAsync"/>): a token once issued cannot be taken
/// back, so the clerk sees the sum before the token exists. And which accounts are token accounts, for the counter's search.
/// </summary>
public sealed partial class TokenService
{
    /// <summary>
    /// The token sale <see cref="Sell"/> would make, by the same rules in the same order (the account, the price in force with
    /// arrears first, the purchase limit, what a token carries, the next token identifier and the key's expiry), in a write that is
    /// rolled back: a refusal here is the refusal the sale would give.
    /// </summary>
    public VendResult<TokenQuote> Quote(OperatorSession session, long accountId, PurchaseRequest request)
    {
        TokenQuote? quote = null;
        var tried = _context.Write<TokenQuote>(session, Permission.Sales, scope => Found(scope, accountId).Then<TokenQuote>(found =>
        {
            var priced = PriceToken(scope, found, request, Money.FromHundredths(found.Account.Arrears), found.Issuer(scope));
            if (!priced.Success)
            {
                return priced.Refusal;
            }

            var (p, amount, _) = priced.Value;
            quote = new TokenQuote(found.Account.Id, p.Credit, new CreditAmount(p.Credit.Unit, checked(amount.Units * 10)), p.Energy, p.Money, p.ArrearsCollected, p.MarginalPrice);
            // Refused on purpose, so that the transaction the pricing ran in is rolled back: a quote records nothing.
            return Refuse.Conflict("a quote records nothing");
        }));
        return quote is { } found ? found : tried;
    }

    /// <summary>
    /// The token sale of <paramref name="request"/> as <paramref name="quoted"/> showed it: refused, nothing issued, when it is
    /// for another account or would ask another sum (a price or arrears changed in between) — what the clerk confirmed is what is sold.
    /// </summary>
    public VendResult<TokenReceipt> SellAsQuoted(OperatorSession session, long accountId, PurchaseRequest request, QuotedSale quoted)
    {
        ArgumentNullException.ThrowIfNull(quoted);
        if (quoted.AccountId != accountId)
        {
            return Refuse.Conflict($"the sale is for account {accountId}, not account {quoted.AccountId} that was priced; nothing was sold: price it again");
        }

        return _context.Sell(session, Permission.Sales, scope => Found(scope, accountId).Then<TokenReceipt>(found =>
        {
            var arrears = Money.FromHundredths(found.Account.Arrears);
            var priced = SalePricing.Price(scope, found.Group, found.Account, request, arrears);
            if (!priced.Success)
            {
                return priced.Refusal;
            }

            // Priced again in the sale's own transaction (SellOn prices once more, the same facts): the check and the sale see one state.
            return priced.Value.Money != quoted.Money || priced.Value.Credit.Hundredths != quoted.CreditHundredths
                ? (VendResult<TokenReceipt>)Refuse.Conflict($"the sale now comes to {priced.Value.Money} for {priced.Value.Credit}, not the {quoted.Money} priced; nothing was sold: price it again")
                : SellOn(scope, found, request, arrears, SaleKind.Sale, replaces: null, notice: null);
        }));
    }

    /// <summary>Which of <paramref name="accountIds"/> are token accounts (their meter has a DRN in the books).</summary>
    public VendResult<IReadOnlySet<long>> TokenAccountsAmong(OperatorSession session, IReadOnlyCollection<long> accountIds)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        return _context.Read<IReadOnlySet<long>>(session, Permission.Queries, connection =>
        {
            if (accountIds.Count == 0)
            {
                return new HashSet<long>();
            }

            // One parameter per id: Dapper would pass an array to Npgsql as one (IN @ids is then not SQL), and SQLite has no arrays.
            var parameters = new DynamicParameters();
            var names = accountIds.Select((id, i) =>
            {
                parameters.Add($"a{i}", id);
                return $"@a{i}";
            }).ToList();
            return connection.Query<long>($"SELECT account_id FROM token_meters WHERE account_id IN ({string.Join(", ", names)})", parameters).ToHashSet();
        });
    }
}
