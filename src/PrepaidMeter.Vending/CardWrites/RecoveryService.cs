using Dapper;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>A card write left pending by a crash or a lost card.</summary>
public sealed record PendingCardWrite(long Id, string Operation, long? AccountId, CardSerial CardSerial, string Operator, DateTimeOffset At)
{
    public override string ToString() =>
        $"{Operation} #{Id} on {(AccountId is { } a ? $"account {a}" : $"card {CardSerial}")} by {Operator} at {Audit.OperationLog.Stamp(At)[..19]}";
}

/// <summary>How recovery settled one pending write.</summary>
public sealed record RecoveryOutcome(PendingCardWrite Write, string Settlement);

/// <summary>
/// Settles card writes a crash left pending, by the card itself: the new image means the write
/// happened (commit), the old image means it did not (discard), a mixture of both is a torn write
/// (put the old image back, then discard). Without the card, the write stays pending and every
/// operation on its account is refused with a message saying what to do.
/// </summary>
public sealed class RecoveryService
{
    private readonly VendingContext _context;
    private readonly CardWriter _cards;

    internal RecoveryService(VendingContext context, CardWriter cards)
    {
        _context = context;
        _cards = cards;
    }

    /// <summary>Every pending card write; no permission needed, so a counter can warn at start-up.</summary>
    public IReadOnlyList<PendingCardWrite> Pending()
    {
        using var connection = _context.Database.Open();
        return [.. connection.Query<CardWriteRow>("SELECT * FROM card_writes ORDER BY id").Select(ToModel)];
    }

    public async Task<VendResult<IReadOnlyList<RecoveryOutcome>>> RecoverAsync(OperatorSession session, ICardReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(reader);
        if (session.Check(Permission.Sales) is { } denied)
        {
            return denied;
        }

        List<CardWriteRow> rows;
        List<CardWriteOperation> operations;
        using (var connection = _context.Database.Open())
        {
            rows = [.. connection.Query<CardWriteRow>("SELECT * FROM card_writes ORDER BY id")];
            operations = [.. rows.Select(row => CardWriteOperation.Read(row, connection))];
        }

        if (rows.Count == 0)
        {
            return Array.Empty<RecoveryOutcome>();
        }

        if (await reader.WaitForCardAsync(TimeSpan.Zero, cancellationToken) != CardPresence.Present)
        {
            return new Refusal(RefusalReason.Unsettled, $"no card in the reader; pending: {string.Join("; ", rows.Select(r => ToModel(r).ToString()))}");
        }

        // Each row's images sit on the card at its group layout's medium offset: read every byte any of them takes.
        var at = operations.Select(o => GroupLayouts.Of(GroupOf(o)).MediumOffset).ToArray();
        var (read, image) = await CardImageIo.ReadAsync(reader, rows.Select((r, i) => at[i] + r.Previous.Length).Max(), cancellationToken);
        if (!read.Success)
        {
            return new Refusal(RefusalReason.CardWriteFailed, $"the card could not be read: {read}");
        }

        var outcomes = new List<RecoveryOutcome>();
        foreach (var (row, operation, offset) in rows.Zip(operations, at))
        {
            var (previous, intended) = (row.Previous, row.Intended);
            var card = image.AsSpan(offset, previous.Length);
            if (card.SequenceEqual(intended))
            {
                _cards.Settle(session, row, operation, commit: true);
                outcomes.Add(new(ToModel(row), "the card holds the new image: committed"));
            }
            else if (card.SequenceEqual(previous))
            {
                _cards.Settle(session, row, operation, commit: false);
                outcomes.Add(new(ToModel(row), "the card holds the old image: discarded"));
            }
            else if (IsMixture(card, previous, intended))
            {
                var group = GroupOf(operation);
                var put = await CardImageIo.WriteChangedAsync(reader, card.ToArray(), previous, GroupKeys.Of(group).Psc, cancellationToken, cardOffset: offset);
                if (!put.Success)
                {
                    return new Refusal(RefusalReason.CardWriteFailed, $"the card was torn in {ToModel(row)} and could not be put back: {put}");
                }

                _cards.Settle(session, row, operation, commit: false);
                outcomes.Add(new(ToModel(row), "the card was torn mid-write: old image put back, discarded"));
            }
            else if (SinceAtAMeter(GroupOf(operation), card, previous, intended) is { } holdsNew)
            {
                _cards.Settle(session, row, operation, commit: holdsNew);
                outcomes.Add(new(ToModel(row), holdsNew
                    ? "the card holds the new image and has been to a meter since (only its return-write differs): committed"
                    : "the card holds the old image and has been to a meter since (only its return-write differs): discarded"));
            }
        }

        return outcomes.Count > 0
            ? outcomes
            : new Refusal(RefusalReason.NotFound, $"the card in the reader belongs to none of the pending writes: {string.Join("; ", rows.Select(r => ToModel(r).ToString()))}");
    }

    private GroupRow GroupOf(CardWriteOperation operation)
    {
        using var connection = _context.Database.Open();
        return SupplyGroupService.Find(connection, null, Rows.Group(operation.GroupCode))!;
    }

    /// <summary>
    /// Between the write (or the crash before it) and recovery the card may have gone to a meter, which wrote its
    /// return-write: the card then holds the new image or the old one in everything the counter writes, and only the
    /// meter's block differs. True for the new, false for the old, null when the card is neither.
    /// </summary>
    private static bool? SinceAtAMeter(GroupRow group, ReadOnlySpan<byte> card, ReadOnlySpan<byte> previous, ReadOnlySpan<byte> intended)
    {
        var layout = GroupLayouts.Of(group);
        var keys = GroupKeys.Of(group);
        var (now, was, meant) = (CounterPart(layout, keys, card), CounterPart(layout, keys, previous), CounterPart(layout, keys, intended));
        return now is null || was == meant ? null : now == meant ? true : now == was ? false : null;
    }

    /// <summary>The card's record without the meter's return-write, or null when it does not decode.</summary>
    private static PrepaidMeter.Cards.Records.CardRecord? CounterPart(PrepaidMeter.Cards.Layouts.CardLayout layout, PrepaidMeter.Cards.Integrity.SupplyGroupKeys keys, ReadOnlySpan<byte> image) =>
        layout.Decode(image, keys) is { Success: true } decoded ? decoded.Record! with { ReturnWrite = null } : null;

    // A torn write leaves every byte either as it was or as it was going to be.
    private static bool IsMixture(ReadOnlySpan<byte> card, ReadOnlySpan<byte> previous, ReadOnlySpan<byte> intended)
    {
        for (var i = 0; i < card.Length; i++)
        {
            if (card[i] != previous[i] && card[i] != intended[i])
            {
                return false;
            }
        }

        return true;
    }

    private static PendingCardWrite ToModel(CardWriteRow row) =>
        new(row.Id, row.Operation, row.AccountId, CardSerial.From(checked((ulong)row.CardSerial)), row.Operator, Rows.Time(row.CreatedAt));
}
