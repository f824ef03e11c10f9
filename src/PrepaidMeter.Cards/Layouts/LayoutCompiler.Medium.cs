using System.Globalization;
using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cards.Layouts;

public static partial class LayoutCompiler
{
    /// <summary>
    /// Places the image on its card: the medium is known, the image fits inside the card's usable bytes, and the
    /// bytes the layout writes (its data area, so every field, checksum, MAC and covered range) stay out of the
    /// card's write-protected prefix. Null when it fits; otherwise the one sentence that says why not.
    /// </summary>
    private static string? CompileMedium(LayoutDescriptor descriptor, IReadOnlyList<CpuFile>? fileMap, ByteRange area, out CardMedium medium, out int offset)
    {
        var type = descriptor.Medium?.Type ?? CardMedium.Sle4442.Name;
        offset = descriptor.Medium?.Offset ?? 0;
        if (CardMedium.Parse(type) is not { } known || !string.Equals(known.Name, type, StringComparison.Ordinal))
        {
            medium = CardMedium.Sle4442;
            return $"medium type '{type}' is unknown; the media are {string.Join(", ", CardMedium.Names)}";
        }

        medium = fileMap is null ? known : CardMedium.Cpu(fileMap);
        if (fileMap?.FirstOrDefault(f => f.Update == CpuAccess.Never && area.Overlaps(f.Start, f.Size)) is { } issuers)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the data area {area} takes in file {issuers.Id:X4} ({issuers.Name}), whose update condition is 'never'; start the data area after it or end it before (dataArea can name a file)");
        }

        var size = descriptor.Size;
        if (offset < 0 || offset + size > medium.Capacity)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the {size}-byte image at offset {offset} takes card bytes {offset}..{offset + size - 1}, beyond the {medium.Name}'s {medium.Capacity} bytes (0..{medium.Capacity - 1})");
        }

        var (first, end) = (offset + area.Offset, offset + area.End);
        if (end > medium.UsableEnd)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the data area {area} is card bytes {first}..{end - 1}, but bytes {medium.UsableEnd}..{medium.Capacity - 1} of an {medium.Name} hold its error counter and PSC");
        }

        if (first < medium.ProtectedPrefix)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the data area {area} is card bytes {first}..{end - 1}, but bytes 0..{medium.ProtectedPrefix - 1} of an {medium.Name} are write-protected after issue; "
                + $"place the image at offset {medium.ProtectedPrefix - area.Offset} or more, or start the data area at byte {medium.ProtectedPrefix - offset} of the image");
        }

        return null;
    }
}
