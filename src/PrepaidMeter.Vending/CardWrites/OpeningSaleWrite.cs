using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>The first purchase, sold with a new account (pending till then) onto a blank card; it installs the account's meter.</summary>
internal sealed record OpeningSaleWrite(string GroupCode) : SaleOperation(GroupCode)
{
    internal override SaleKind Kind => SaleKind.Opening;

    protected override void CommitKind(WriteScope scope, SaleRow sale) =>
        MeterService.SetStatus(scope, Settlements.MeterOf(scope, sale.MeterId), "install", MeterStatus.Installed, $"account {sale.AccountId}");

    // The account was opened for this sale alone.
    protected override void ForgetSale(WriteScope scope, SaleRow sale) =>
        scope.ExecuteCovered(AuditedTable.Accounts, "DELETE FROM accounts WHERE id = @AccountId AND status = 'pending'", new { sale.AccountId });
}
