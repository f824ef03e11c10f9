using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// One unit of card and database: record the operation as pending (with both card images), write the
/// card, read it back, commit. A write that fails is undone on the card and discarded in the books, so
/// nothing is recorded; a process that dies in between leaves the pending row, and recovery settles it
/// by reading the card: the new image commits, the old one discards, a torn one is put back and discards.
/// </summary>
internal sealed class CardWriter(VendingContext context)
{
    /// <summary>Runs the card write of an operation whose permission <paramref name="grant"/> was checked at its start.</summary>
    public async Task<VendResult<SettledWrite>> RunAsync(
        Grant grant, ICardReader reader, Func<WriteScope, VendResult<PendingWrite>> record, CancellationToken cancellationToken)
    {
        var session = grant.Session;
        PendingWrite? written = null;
        var selling = IsSelling(grant.Permission);
        Func<WriteScope, VendResult<CardWriteRow>> recordPending = scope => record(scope).Then<CardWriteRow>(pending =>
        {
            written = pending;
            scope.BeforeCommit = () => context.Options.AfterStep?.Invoke(CardWriteStep.Recording);
            return Insert(scope, pending);
        });
        var recorded = selling ? context.Sell(grant, recordPending) : context.Write(grant, recordPending);
        if (!recorded.Success)
        {
            return recorded.Refusal;
        }

        var (row, operation) = (recorded.Value, written!.Operation);
        var psc = GroupKeys.Of(written.Group).Psc;
        // The images are the layout's; on the card they start at its medium offset.
        var at = GroupLayouts.Of(written.Group).MediumOffset;
        context.Options.AfterStep?.Invoke(CardWriteStep.Recorded);
        var write = await CardImageIo.WriteChangedAsync(reader, row.Previous, row.Intended, psc, cancellationToken,
            beforeReadBack: () => context.Options.AfterStep?.Invoke(CardWriteStep.CardWrittenUnverified), cardOffset: at);
        if (!write.Success)
        {
            return await UndoAsync(session, reader, psc, at, row, operation, write, cancellationToken);
        }

        context.Options.AfterStep?.Invoke(CardWriteStep.CardWritten);
        var committed = await SettleWrittenAsync(session, row, operation, cancellationToken);
        context.Options.AfterStep?.Invoke(CardWriteStep.Committed);
        return committed;
    }

    /// <summary>The operations that run beside other counters' on a server: selling, and nothing that changes a meter or a card's owner.</summary>
    private static bool IsSelling(Permission permission) => permission is Permission.Sales or Permission.SaleCorrection;

    /// <summary>
    /// Commits a write that is on the card. If the database has gone away, it is asked again for a while
    /// (a restart takes seconds); the card is never put back here, because a commit whose answer was lost
    /// may have happened — the pending row and the card settle it for certain once the database is back.
    /// </summary>
    private async Task<VendResult<SettledWrite>> SettleWrittenAsync(OperatorSession session, CardWriteRow row, CardWriteOperation operation, CancellationToken cancellationToken)
    {
        const string pending = "this was after the card was written: the card holds the new purchase and the sale is pending — "
            + "keep the card at the counter, and when the database is back put it in the reader and run 'prepaid vend recover' to complete the sale and print its receipt";
        for (var attempt = 1; ; attempt++)
        {
            var committed = Settle(session, row, operation, commit: true, whenUnreachable: pending);
            if (committed.Success || committed.Refusal.Reason != RefusalReason.StorageUnavailable || attempt >= context.Options.SettleAttempts)
            {
                return committed;
            }

            await Task.Delay(context.Options.SettleRetryPause, context.Options.Time, cancellationToken);
        }
    }

    /// <summary>The receipt of the sale a settled write committed, or the write's refusal.</summary>
    public static VendResult<Receipt> ReceiptOf(VendResult<SettledWrite> written) =>
        written.Success
            ? written.Value.Receipt ?? throw new InvalidOperationException($"Card write {written.Value.Row.Id} ({written.Value.Row.Operation}) carries no sale.")
            : written.Refusal;

    /// <summary>Settles a pending write: commit applies the operation, discard forgets it; either way the pending row goes.</summary>
    public VendResult<SettledWrite> Settle(OperatorSession? session, CardWriteRow row, CardWriteOperation operation, bool commit, string? whenUnreachable = null)
    {
        Func<WriteScope, VendResult<SettledWrite>> settle = scope =>
        {
            // Settled already (by another counter's recovery)? Then there is nothing left to do, and the
            // refusal rolls the delete back.
            if (scope.Execute("DELETE FROM card_writes WHERE id = @Id", new { row.Id }) == 0)
            {
                return Refuse.Conflict($"card write {row.Id} was settled already");
            }

            scope.BeforeCommit = () => context.Options.AfterStep?.Invoke(CardWriteStep.Settling);
            return commit ? new SettledWrite(row, operation.Commit(scope, row)) : Discarded(scope, row, operation);
        };
        return operation.Selling ? context.Sell(session, null, settle, whenUnreachable) : context.Write(session, null, settle, whenUnreachable);
    }

    private static SettledWrite Discarded(WriteScope scope, CardWriteRow row, CardWriteOperation operation)
    {
        operation.Discard(scope, row);
        return new SettledWrite(row, null);
    }

    private async Task<VendResult<SettledWrite>> UndoAsync(
        OperatorSession session, ICardReader reader, ReadOnlyMemory<byte> psc, int at, CardWriteRow row, CardWriteOperation operation, CardIoResult failure, CancellationToken cancellationToken)
    {
        // Put the card back as it was, if it is still there; only then may the books forget the operation.
        var (read, current) = await CardImageIo.ReadAsync(reader, row.Previous.Length, cancellationToken, at);
        var restored = read.Success
            && (current.AsSpan().SequenceEqual(row.Previous)
                || (await CardImageIo.WriteChangedAsync(reader, current, row.Previous, psc, cancellationToken, cardOffset: at)).Success);
        if (!restored)
        {
            return new Refusal(RefusalReason.CardWriteFailed,
                $"the card write failed ({failure}) and the card could not be put back; put the same card in the reader and run 'prepaid vend recover'");
        }

        Settle(session, row, operation, commit: false);
        return new Refusal(RefusalReason.CardWriteFailed, $"the card write failed ({failure}); the card is as it was and nothing was recorded");
    }

    private static VendResult<CardWriteRow> Insert(WriteScope scope, PendingWrite pending)
    {
        var row = new CardWriteRow
        {
            Operation = pending.Operation.Name, AccountId = pending.AccountId, SaleId = pending.SaleId, CardSerial = (long)pending.Serial.Value,
            PreviousImage = Convert.ToHexString(pending.Previous), IntendedImage = Convert.ToHexString(pending.Intended),
            Settle = pending.Operation.ToJson(), Operator = scope.Operator, CreatedAt = scope.Stamp,
        };
        // One statement when nothing stands in the way (on a server every round trip counts, many counters over):
        // the row goes in only while no write is in progress on the account or the card. Which one stood in the
        // way is asked only after a refusal. Two EXISTS, not one with OR: each is an index look-up (an OR made
        // PostgreSQL scan the whole table, which every sale churns).
        var id = scope.Scalar<long?>(
            """
            INSERT INTO card_writes (operation, account_id, sale_id, card_serial, previous_image, intended_image, settle, operator, created_at)
            SELECT @Operation, @AccountId, @SaleId, @CardSerial, @PreviousImage, @IntendedImage, @Settle, @Operator, @CreatedAt
            WHERE NOT EXISTS (SELECT 1 FROM card_writes WHERE account_id = @AccountId)
              AND NOT EXISTS (SELECT 1 FROM card_writes WHERE card_serial = @CardSerial AND @CardSerial <> 0)
            RETURNING id
            """,
            row);
        return id is { } inserted ? row with { Id = inserted } : InTheWay(scope, pending);
    }

    private static Refusal InTheWay(WriteScope scope, PendingWrite pending) =>
        pending.AccountId is { } accountId && CardInspector.PendingOnAccount(scope, accountId) is { } onAccount
            ? CardInspector.InProgress(accountId, onAccount)
            : new(RefusalReason.Unsettled,
                $"an earlier card write on card {pending.Serial} is not settled; put that card in the reader and run 'prepaid vend recover'");
}
