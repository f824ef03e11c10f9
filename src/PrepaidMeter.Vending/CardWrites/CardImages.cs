using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>What every card-writing operation needs before it writes: the next card serial, and the record as the group's layout encodes it.</summary>
internal static class CardImages
{
    internal static CardSerial NextSerial(WriteScope scope)
    {
        var serial = scope.Scalar<long>("SELECT next_card_serial FROM site WHERE id = 1");
        scope.Execute("UPDATE site SET next_card_serial = @next WHERE id = 1", new { next = serial + 1 });
        return CardSerial.From(checked((ulong)serial));
    }

    internal static VendResult<byte[]> Encode(GroupRow group, CardRecord record, byte[] previous)
    {
        var layout = GroupLayouts.Of(group);
        if (!layout.Supports(record.Kind))
        {
            return Refuse.Invalid($"layout {layout.Id} carries no {record.Kind} cards");
        }

        var encoded = layout.Encode(record, GroupKeys.Of(group), out var image);
        if (!encoded.Success)
        {
            return Refuse.Invalid($"the card cannot be written: {encoded.Problem}");
        }

        return previous.Length == image.Length ? image : Refuse.Card($"the card holds {previous.Length} bytes; layout {layout.Id} needs {image.Length}");
    }
}
