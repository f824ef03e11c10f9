using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Issuing;

/// <summary>
/// A supply group's blank card stock, initialised as the card issuer does: a card of the layout's medium with the
/// new image of the group's card layout at its offset, behind the group's card PSC (the part the medium takes). The PSC is for tool-card work only, so an operator without it is refused
/// (a refusal, never an exception); a blank is never written over a card.
/// </summary>
public sealed class BlankStock(SupplyGroupService groups)
{
    /// <summary>A blank of group <paramref name="code"/>'s stock; refused for a group that is not there or an operator who may not read its PSC.</summary>
    public VendResult<MemoryCard> Make(OperatorSession session, SupplyGroupCode code)
    {
        var found = groups.List(session);
        if (found.Refused)
        {
            return found.Refusal;
        }

        if (found.Value.FirstOrDefault(g => g.Code == code) is not { } group)
        {
            return Refuse.NotFound($"no supply group {code}");
        }

        return groups.CardPsc(session, code).Select(psc => GroupLayouts.Of(group).NewBlankCard(psc.Span));
    }

    /// <summary>
    /// Writes a blank of group <paramref name="code"/>'s stock as card <paramref name="card"/> (NAME or NAME.hex) of the
    /// folder reader on <paramref name="folder"/>, and says the file written; refused where a card file is already.
    /// </summary>
    public VendResult<string> WriteToFolder(OperatorSession session, SupplyGroupCode code, string folder, string card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Make(session, code).Then<string>(blank =>
        {
            var path = Path.Combine(folder, card.EndsWith(".hex", StringComparison.Ordinal) ? card : card + ".hex");
            if (File.Exists(path))
            {
                return Refuse.Conflict($"'{path}' exists; a blank is never written over a card");
            }

            FolderCardReader.Save(path, blank);
            return path;
        });
    }
}
