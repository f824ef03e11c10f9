using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Domain;

/// <summary>Who an account transfer (过户) gives the meter to: a customer on the books, or one registered by the transfer.</summary>
public abstract record TransferTo
{
    private TransferTo()
    {
    }

    /// <summary>A customer already registered.</summary>
    public sealed record Existing(CustomerNumber Customer) : TransferTo;

    /// <summary>A customer the transfer registers, under the next free number, in its own transaction.</summary>
    public sealed record NewCustomer(CustomerDetails Details) : TransferTo;
}

/// <summary>
/// An account transfer as the books keep it: the old account (now <c>transferred</c>), the new one, the meter and the card
/// that go on, the purchase count the new account continues from, the arrears the old account kept, and the meter's
/// remaining credit as the card's return-write said it (null when the card carried none).
/// </summary>
public sealed record AccountTransferRecord(
    long Id,
    long FromAccount,
    CustomerNumber FromCustomer,
    string FromName,
    long ToAccount,
    CustomerNumber ToCustomer,
    string ToName,
    MeterNumber Meter,
    CardSerial CardSerial,
    PurchaseCount PurchaseCount,
    Money ArrearsKept,
    CreditAmount? Remaining,
    string Reason,
    string Operator,
    DateTimeOffset At);

/// <summary>What a line of an account's transaction book records.</summary>
public enum BookLineKind
{
    /// <summary>A committed receipt: an opening purchase, a sale or a correction's new amount.</summary>
    Sale,

    /// <summary>A receipt taken back by a correction (the sale it replaced).</summary>
    Corrected,

    /// <summary>A receipt taken back by a cancel.</summary>
    Cancelled,

    /// <summary>An arrears charge (account_charges).</summary>
    Charge,

    /// <summary>Money a payment partner received for the account (payments), whether or not a card has carried it yet.</summary>
    Payment,

    /// <summary>Credit a meter change moved from the old meter onto the user card (no money).</summary>
    MeterChange,

    /// <summary>The account received the meter from another customer's account (no money).</summary>
    TransferIn,

    /// <summary>The account gave the meter to another customer's account (no money); its arrears stay.</summary>
    TransferOut,

    /// <summary>A closing's refund receipt: the money paid back (negative), the arrears set against the credit's value.</summary>
    Refund,

    /// <summary>The account was closed (销户): the meter's remaining credit, its value and the site's rule (no money; a refund is its own line).</summary>
    Closed,
}

/// <summary>
/// One line of an account's transaction book (台账). <see cref="Paid"/> is money the customer paid (a sale; negative when a
/// correction or cancel takes a receipt back); <see cref="Charged"/> is what the customer owes more (an arrears charge; a
/// cancel giving back the arrears its sale collected); <see cref="Collected"/> is the part of <see cref="Paid"/> that
/// settled arrears; <see cref="Credit"/> the credit put on the card (negative when taken back). <see cref="Arrears"/> is the
/// running balance the customer owes after the line: the previous one + Charged − Collected.
/// </summary>
public sealed record BookLine(
    DateTimeOffset At,
    BookLineKind Kind,
    string Reference,
    string Detail,
    Money Paid,
    Money Charged,
    Money Collected,
    CreditAmount? Credit,
    Money Arrears,
    string Operator);

/// <summary>An account's transaction book: who and what it is, and its lines oldest first.</summary>
public sealed record AccountBook(
    long AccountId,
    CustomerNumber Customer,
    string CustomerName,
    MeterNumber Meter,
    AccountStatus Status,
    long? TransferredTo,
    IReadOnlyList<BookLine> Lines)
{
    /// <summary>What the book says the customer owes: the last line's running balance (zero with no line).</summary>
    public Money Arrears => Lines.Count == 0 ? Money.Zero : Lines[^1].Arrears;

    public Money Paid => Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Paid);
}

/// <summary>One thing the stored account row says that its book does not: the field, what the row holds, what the book gives.</summary>
public sealed record AccountDisagreement(long AccountId, string Field, string Stored, string FromBook);

/// <summary>The account check (对账): how many accounts were recomputed, and every disagreement found.</summary>
public sealed record AccountCheck(int Accounts, IReadOnlyList<AccountDisagreement> Disagreements)
{
    public bool Agree => Disagreements.Count == 0;
}

/// <summary>An account that owes: what, since when (its oldest unpaid charge, paid oldest first) and how many days that is.</summary>
public sealed record Receivable(
    long AccountId,
    CustomerNumber Customer,
    string CustomerName,
    MeterNumber Meter,
    AccountStatus Status,
    string Region,
    string Line,
    string TransformerArea,
    Money Arrears,
    DateTimeOffset? OldestUnpaid,
    long? AgeDays);

/// <summary>Accounts receivable (应收): the accounts that owe, and their total.</summary>
public sealed record Receivables(IReadOnlyList<Receivable> Accounts)
{
    public Money Total => Accounts.Aggregate(Money.Zero, (sum, a) => sum + a.Arrears);
}
