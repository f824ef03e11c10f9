using Dapper;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Tolerance;

public sealed partial class ToleranceService
{
    /// <summary>
    /// An error-tolerance sale (容错售电) on the card in the reader, whose return-write does not show its last purchase
    /// loaded: sold when the meter's latest reading since that purchase shows it loaded, or — with
    /// <paramref name="unverified"/> and no reading either way — on the administrator's word, recorded as unverified.
    /// </summary>
    public async Task<VendResult<ToleranceUse>> SellAsync(
        OperatorSession session, ICardReader reader, PurchaseRequest request, string reason, bool unverified, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var grant = Grant.Check(session, Permission.ErrorTolerance);
        if (!grant.Success)
        {
            return grant.Refusal;
        }

        var why = ReasonOf(reason, "an error-tolerance sale");
        if (!why.Success)
        {
            return why.Refusal;
        }

        var read = await CardInspector.ReadAsync(_context, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var card = read.Value;
        var written = await _cards.RunAsync(grant.Value, reader, scope =>
        {
            var matched = CardInspector.MatchAccount(scope, card);
            if (!matched.Success)
            {
                return matched.Refusal;
            }

            var (_, account, swiped) = matched.Value;
            var record = card.Record;
            if (swiped)
            {
                return Refuse.Conflict($"the card shows purchase {record.PurchaseCount} loaded: sell normally ('prepaid vend sell'); an error-tolerance sale is for a card that cannot show it");
            }

            if (record.ReturnWrite is { } back && back.MeterNumber == record.MeterNumber && back.LoadedCount.Value > account.PurchaseCount)
            {
                return MeterAhead(account.MeterNumber, back.LoadedCount.Value, account.PurchaseCount);
            }

            if (matched.Value.OpenChangeCard is { } changeCard)
            {
                return ChangeOpen(account.MeterNumber, changeCard);
            }

            var current = CurrentSale(scope, account);
            var since = current?.SettledAt ?? OpenedAt(scope, account.Id);
            var reading = LatestReading(scope, account.MeterId, since);
            var lastCredit = current?.Sale.Credit ?? 0;
            string evidence, finding;
            long remaining;
            if (reading is { } word)
            {
                var when = word.MeterTime[..Math.Min(19, word.MeterTime.Length)].Replace('T', ' ');
                if (word.LoadedCount > account.PurchaseCount)
                {
                    return MeterAhead(account.MeterNumber, word.LoadedCount, account.PurchaseCount);
                }

                if (word.LoadedCount < account.PurchaseCount)
                {
                    return Refuse.Conflict(
                        $"meter {account.MeterNumber}'s reading of {when} ({word.Source}) shows purchase {word.LoadedCount} loaded, not purchase {account.PurchaseCount}: "
                        + "the card's purchase is not in the meter — swipe the card at the meter (or read the meter again once it is); nothing was sold");
                }

                evidence = "reading";
                finding = $"the card does not show purchase {account.PurchaseCount} loaded; meter {account.MeterNumber}'s reading of {when} ({word.Source}) does";
                remaining = word.Remaining;
            }
            else if (unverified)
            {
                evidence = "unverified";
                finding = $"the card does not show purchase {account.PurchaseCount} loaded, and no reading of meter {account.MeterNumber} since it was sold says either way";
                // What the meter may hold at most: what it last wrote back, and the purchase the card carries.
                remaining = checked((record.ReturnWrite?.Remaining.Hundredths ?? 0) + lastCredit);
            }
            else
            {
                return Refuse.Conflict(
                    $"no reading of meter {account.MeterNumber} since purchase {account.PurchaseCount} was sold shows whether the meter has loaded it: "
                    + "read the meter (a check card: 'prepaid vend card reading') and sell again, or sell with --unverified on your own word; nothing was sold");
            }

            if (record.ReturnWrite is { } block)
            {
                CardInspector.RecordReading(scope, block, ReadingSource.ReturnWrite);
            }

            var group = card.Group!;
            var priced = SalePricing.Price(scope, group, account, request, Money.FromHundredths(account.Arrears));
            if (!priced.Success)
            {
                return priced.Refusal;
            }

            if (SaleRecords.OverLimit(group, priced.Value.Credit, remaining) is { } overLimit)
            {
                return overLimit;
            }

            var operation = new ToleranceSaleWrite(group.Code, evidence, reading?.Source, reading?.LoadedCount, reading?.MeterTime, finding, why.Value);
            var draft = new SaleRecords.SaleDraft(operation, account.Id, account.MeterId, record.PurchaseCount.Next(), record.CardSerial, priced.Value, null);
            return SaleRecords.Pending(scope, group, card.Image, record, draft);
        }, cancellationToken);
        return written.Success ? Settled(written.Value) : written.Refusal;
    }

    /// <summary>The use a settled write recorded, read back as the query shows it.</summary>
    private ToleranceUse Settled(SettledWrite settled)
    {
        using var connection = _context.Database.Open();
        return connection.QueryFirst<ToleranceUseRow>(ToleranceUseRow.Select + " WHERE t.account_id = @AccountId ORDER BY t.id DESC LIMIT 1", new { settled.Row.AccountId }).ToModel();
    }
}
