using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Keypad;

/// <summary>Credit token sales: the sale, its reprint, cancel and correction (docs/vending.md, "Keypad tokens", S1–S7).</summary>
public sealed partial class TokenService
{
    /// <summary>Sells credit to a token account: priced as a card sale, the credit token issued with the receipt.</summary>
    public VendResult<TokenReceipt> Sell(OperatorSession session, long accountId, PurchaseRequest request) =>
        _context.Sell(session, Permission.Sales, scope =>
            Found(scope, accountId).Then(found =>
                SellOn(scope, found, request, Money.FromHundredths(found.Account.Arrears), SaleKind.Sale, replaces: null, notice: null)));

    /// <summary>
    /// The receipt of a token sale again, with the same token (a reprint issues nothing; a cancelled or corrected sale's
    /// reprint says so, and that its token stays valid at the meter).
    /// </summary>
    public VendResult<TokenReceipt> Reprint(OperatorSession session, long receiptNumber) =>
        _context.Read<TokenReceipt>(session, Permission.Sales, connection =>
        {
            var sale = Dapper.SqlMapper.QueryFirstOrDefault<SaleRow>(connection, SaleRow.Select + " WHERE s.receipt_no = @receiptNumber", new { receiptNumber });
            if (sale is null)
            {
                return Refuse.NotFound($"no receipt {receiptNumber}");
            }

            var token = Dapper.SqlMapper.QueryFirstOrDefault<TokenRow>(connection, TokenRow.Select + " WHERE k.sale_id = @Id AND k.kind = 'credit'", new { sale.Id });
            if (token is null)
            {
                return Refuse.Conflict($"receipt {receiptNumber} is a card sale: it carries no token (vend invoice print reprints it)");
            }

            var receipt = sale.ToModel();
            var notice = receipt.Status switch
            {
                SaleStatus.Cancelled => StaysValid(token.ToModel(), "the sale was cancelled"),
                SaleStatus.Corrected => StaysValid(token.ToModel(), "the sale was corrected"),
                _ => null,
            };
            return Receipted(receipt, token.ToModel(), token.Units ?? 0, notice);
        });

    /// <summary>
    /// Cancels the account's last token sale: its money is refunded in the books (the arrears it collected owed again) and
    /// nothing is issued. The token stays valid at the meter — the receipt says so — since a token once issued cannot be taken back.
    /// </summary>
    public VendResult<TokenReceipt> Cancel(OperatorSession session, long accountId, string reason) =>
        _context.Sell(session, Permission.SaleCorrection, scope =>
            Reason(reason).Then(_ => Found(scope, accountId)).Then(found => LastTokenSale(scope, found, "cancelled").Then(last =>
            {
                var (sale, token) = last;
                scope.ExecuteCovered(AuditedTable.Sales, "UPDATE sales SET status = 'cancelled', settled_at = @at WHERE id = @Id", new { sale.Id, at = scope.Stamp });
                scope.ExecuteCovered(AuditedTable.Accounts,
                    "UPDATE accounts SET purchase_count = @count, arrears = arrears + @ArrearsCollected, version = version + 1 WHERE id = @AccountId",
                    new { count = sale.PurchaseCount - 1, sale.ArrearsCollected, sale.AccountId });
                var issued = token.ToModel();
                scope.Log("token sale cancel", $"account {sale.AccountId}",
                    $"receipt {sale.ReceiptNo} cancelled: {Settlements.Amounts(sale)} refunded; its token (TID {token.Tid}) stays valid at the meter; reason: {reason.Trim()}");
                var cancelled = Settlements.Sale(scope, sale.Id).ToModel();
                return VendResultOf(Receipted(cancelled, issued, token.Units ?? 0, StaysValid(issued, "the sale is cancelled and its money refunded")));
            })));

    /// <summary>
    /// Corrects the account's last token sale: the sale is marked corrected (the reversal), a correction sale of the new
    /// amount takes its place with a new receipt, and a new credit token is issued for the whole new amount. The first
    /// token stays valid at the meter: the receipt says so.
    /// </summary>
    public VendResult<TokenReceipt> Correct(OperatorSession session, long accountId, PurchaseRequest request, string reason) =>
        _context.Sell(session, Permission.SaleCorrection, scope =>
            Reason(reason).Then(_ => Found(scope, accountId)).Then(found => LastTokenSale(scope, found, "corrected").Then(last =>
            {
                var (sale, token) = last;
                scope.ExecuteCovered(AuditedTable.Sales, "UPDATE sales SET status = 'corrected' WHERE id = @Id", new { sale.Id });
                var notice = StaysValid(token.ToModel(), $"receipt {sale.ReceiptNo} is corrected (reason: {reason.Trim()}) and this token replaces it");
                return SellOn(scope, found, request, Money.FromHundredths(sale.ArrearsCollected), SaleKind.Correction, sale, notice);
            })));

    /// <summary>
    /// Prices the purchase, issues its credit token under the meter's key and records the sale with its receipt. The books keep
    /// the credit paid for; the token carries it rounded up to a whole 0.1 unit and to the amount encoding's step (6.3.4).
    /// </summary>
    internal static VendResult<TokenReceipt> SellOn(WriteScope scope, TokenAccount found, PurchaseRequest request, Money arrears, SaleKind kind, SaleRow? replaces, string? notice,
        TokenIssuer? issuer = null)
    {
        var (account, group) = (found.Account, found.Group);
        issuer ??= found.Issuer(scope);
        var priced = PriceToken(scope, found, request, arrears, issuer);
        if (!priced.Success)
        {
            return priced.Refusal;
        }

        var (purchase, amount, tid) = priced.Value;
        var count = kind == SaleKind.Correction ? replaces!.PurchaseCount : checked(account.PurchaseCount + 1);
        var saleId = SaleRecords.InsertPending(scope, group, kind, account.Id, account.MeterId, count, 0, purchase, replaces?.Id);
        if (kind != SaleKind.Correction)
        {
            scope.ExecuteCovered(AuditedTable.Accounts,
                "UPDATE accounts SET purchase_count = @count, arrears = arrears - @collected, version = version + 1 WHERE id = @Id",
                new { count, collected = purchase.ArrearsCollected.Hundredths, account.Id });
        }

        var data = new CreditToken(KindOf(group.MeterType), TokenIssuer.Random(), tid, amount);
        var token = issuer.Issue(data, IssuedKinds.Credit, tid, amount.Units, saleId, null,
            IssuedKinds.What(IssuedKinds.Credit, amount.Units, group.MeterType.UnitSymbol()));
        var sale = Settlements.Sale(scope, saleId);

        // The site row last (receipt counter and log head), as a card sale settles.
        var action = kind == SaleKind.Correction ? "token sale correct" : "token sale";
        var number = Settlements.IssueReceipt(scope, saleId, action, $"account {account.Id}",
            receipt => $"receipt {receipt}{(replaces is null ? "" : $" replaces receipt {replaces.ReceiptNo}")}, purchase {count}: {Settlements.Amounts(sale)}; token TID {tid}, {token.What}",
            withShares: sale.Shares > 0);
        return Receipted(Settlements.Committed(scope, sale, number), token, amount.Units, notice);
    }

    /// <summary>
    /// A token sale's pricing, in the order a refusal is named: the price in force (arrears first), the purchase limit for the
    /// purchase alone (a keypad meter writes nothing back), what one token carries (rounded up, 6.3.4), the next TID and the
    /// key's expiry. <see cref="SellOn"/> sells on it; <see cref="Quote"/> shows it and records nothing.
    /// </summary>
    internal static VendResult<(PricedPurchase Purchase, TransferAmount Amount, TokenIdentifier Tid)> PriceToken(
        WriteScope scope, TokenAccount found, PurchaseRequest request, Money arrears, TokenIssuer issuer)
    {
        var group = found.Group;
        var priced = SalePricing.Price(scope, group, found.Account, request, arrears);
        if (!priced.Success)
        {
            return priced.Refusal;
        }

        if (SaleRecords.OverLimit(group, priced.Value.Credit, 0) is { } overLimit)
        {
            return overLimit;
        }

        if (TransferAmount.RoundedUp(TokenUnits(priced.Value.Credit)) is not { } amount)
        {
            return Refuse.Invalid($"{priced.Value.Credit} is more than one token carries ({TransferAmount.Tenths(TransferAmount.Largest)} {group.MeterType.UnitSymbol()})");
        }

        var tid = issuer.NextId();
        return tid.Success ? (priced.Value, amount, tid.Value) : tid.Refusal;
    }

    /// <summary>The credit in a token's units (tenths of a kWh or m³), rounded up: hundredths that are not a whole tenth go to the customer.</summary>
    internal static long TokenUnits(CreditAmount credit) => checked((credit.Hundredths + 9) / 10);

    private static CreditKind KindOf(Utility utility) => utility switch
    {
        Utility.Water => CreditKind.Water,
        Utility.Gas => CreditKind.Gas,
        _ => CreditKind.Electricity,
    };

    private static TokenReceipt Receipted(Receipt receipt, IssuedToken token, long units, string? notice)
    {
        var carried = new CreditAmount(receipt.Credit.Unit, checked(units * 10));
        return new TokenReceipt(receipt, token, carried, new CreditAmount(receipt.Credit.Unit, checked(carried.Hundredths - receipt.Credit.Hundredths)), notice);
    }

    private static VendResult<TokenReceipt> VendResultOf(TokenReceipt receipt) => receipt;

    private static string StaysValid(IssuedToken token, string what) =>
        $"{what}; token {token.Token} (TID {token.Tid}) stays valid at the meter — a token once issued cannot be taken back: if the customer has not entered it, take it back and destroy it";

    private static VendResult<bool> Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? Refuse.Invalid("a reason is needed (it goes into the operation log)") : true;

    /// <summary>The account's last sale and its credit token, when it is a token sale still in force.</summary>
    private static VendResult<(SaleRow Sale, TokenRow Token)> LastTokenSale(WriteScope scope, TokenAccount found, string verb)
    {
        var sale = SaleRecords.Current(scope, found.Account);
        var token = sale is null ? null : scope.First<TokenRow>(TokenRow.Select + " WHERE k.sale_id = @Id AND k.kind = 'credit'", new { sale.Id });
        if (sale is null || token is null)
        {
            return Refuse.Conflict($"account {found.Account.Id} has no token sale to be {verb} (only its last sale can be)");
        }

        return (sale, token);
    }
}
