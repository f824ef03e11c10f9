using System.CommandLine;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Cli.Commands.Cards;

/// <summary>
/// A card file made into the virtual card that answers APDUs (`card serve`, `card trace replay --card`): a memory card
/// behind an ACS reader as the file says, or a CPU card — a CPU card file, or one personalised from an SLE4442-style
/// file (256 bytes, a 3-byte secret).
/// </summary>
internal static class VirtualCardFile
{
    public static Option<string?> MediaOption()
    {
        var media = new Option<string?>("--media")
        {
            Description = $"{string.Join(", ", CardMedium.Names)}: a memory card behind an ACS reader, or cpu, an ISO 7816-4 CPU card "
                + "(its files from the card file's 'files' header, or one 256-byte file made from an sle4442 card file; its key derived from the file's psc); "
                + "default the card file's 'medium' header, sle4442 without one",
        };
        media.AcceptOnlyFromAmong([.. CardMedium.Names]);
        return media;
    }

    /// <summary>Loads the file and checks the medium asked for fits it; false with the exit code said.</summary>
    public static bool TryLoad(CommandContext context, string path, string? named, out MemoryCard card, out int failure)
    {
        (card, failure) = (null!, ExitCodes.Success);
        MemoryCard? loaded = null;
        if (PathIo.Reading(path, () => FolderCardReader.TryLoad(path, out loaded)) is { } problem)
        {
            failure = context.Fail(ExitCodes.Refused, problem);
            return false;
        }

        card = loaded!;
        if (named == "cpu" && !card.Medium.IsCpu && card.Medium != CardMedium.Sle4442)
        {
            failure = context.Fail(ExitCodes.Refused, $"{path} holds an {card.Medium.Name} card; a CPU card is made from a CPU card file or a 256-byte sle4442 card file");
            return false;
        }

        if (named is not null && named != "cpu" && named != card.Medium.Name)
        {
            failure = context.Fail(ExitCodes.Refused, $"{path} holds an {card.Medium.Name} card ({card.Medium.Capacity} bytes), not an {named}; its 'medium' header says which");
            return false;
        }

        return true;
    }

    // The file keeps the group's write secret as 'psc' for both kinds: a CPU card is personalised with the key
    // derived from it, and its key's tries are saved back as the file's tries.
    public static IVirtualCardMedium Medium(string? named, MemoryCard card) => (named ?? card.Medium.Name) switch
    {
        _ when card.Medium.IsCpu => new CpuCard(card),
        "cpu" => CpuCard.Personalise(card.Memory, card.Psc, card.TriesLeft),
        _ => new MemoryCardOnAcsReader(card),
    };

    /// <summary>What to save back: a CPU card made from a memory-card file is saved as that file again.</summary>
    public static MemoryCard ToSave(IVirtualCardMedium medium, MemoryCard card) =>
        medium is CpuCard cpu && !card.Medium.IsCpu ? new MemoryCard(cpu.Memory, card.Psc, cpu.TriesLeft) : card;
}
