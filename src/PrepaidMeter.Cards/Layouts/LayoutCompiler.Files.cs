using System.Globalization;
using System.Text.Json;
using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cards.Layouts;

public static partial class LayoutCompiler
{
    /// <summary>
    /// A CPU layout's file map: every file with a 4-hex-digit id, a name and a size, ids and names distinct, the
    /// files end to end making the image (the layout's size, when it gives one, must be their total). Null when
    /// the layout has no file map; otherwise the files, or the one sentence that says why the map does not read.
    /// </summary>
    private static string? CompileFileMap(LayoutDescriptor descriptor, out IReadOnlyList<CpuFile>? map)
    {
        map = null;
        if (descriptor.Medium?.Files is not { } files)
        {
            return null;
        }

        if (descriptor.Medium.Type != CardMedium.CpuImage.Name)
        {
            return $"medium files are a CPU card's file map; medium type '{descriptor.Medium.Type}' is a memory card";
        }

        if (descriptor.Medium.Offset != 0)
        {
            return "a CPU card's image starts at its first file: medium offset must be 0 with a file map";
        }

        var placed = new List<CpuFile>();
        var start = 0;
        foreach (var file in files)
        {
            var label = $"medium file '{file.Name ?? file.Id}'";
            if (CpuFile.ParseId(file.Id) is not { } id)
            {
                return $"{label}: id '{file.Id}' must be four hex digits (e.g. 0015)";
            }

            if (string.IsNullOrEmpty(file.Name))
            {
                return $"medium file {file.Id} needs a name: fields name the file they live in";
            }

            if (file.Size is < 1 or > 8192)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{label}: size {file.Size} must be 1 to 8192 bytes");
            }

            if (CpuFile.ParseAccess(file.Update ?? "key") is not { } update)
            {
                return $"{label}: update '{file.Update}' must be key, free or never";
            }

            if (placed.Find(p => p.Id == id || p.Name == file.Name) is { } clash)
            {
                return $"{label} repeats the id or name of file {clash.Id:X4} ({clash.Name})";
            }

            placed.Add(new CpuFile(id, file.Name, start, file.Size, update));
            start += file.Size;
        }

        if (placed.Count == 0)
        {
            return "medium files lists no file";
        }

        if (descriptor.Size != 0 && descriptor.Size != start)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"size {descriptor.Size} is not the {start} bytes of the medium's files together; give {start} or leave size out");
        }

        map = placed;
        return null;
    }

    /// <summary>
    /// A copy of the descriptor with every <c>file</c>-relative offset turned into an image offset (a range naming a
    /// file without a length is the whole file), so the rest of the compiler sees one image as for a memory card.
    /// A name that is no file, or a place past its file's end, is an error naming both.
    /// </summary>
    private static LayoutDescriptor PlaceInFiles(LayoutDescriptor descriptor, IReadOnlyList<CpuFile> map, List<string> errors)
    {
        var placed = JsonSerializer.Deserialize<LayoutDescriptor>(JsonSerializer.Serialize(descriptor, JsonOptions), JsonOptions)!;
        placed.Size = map[^1].End;
        foreach (var field in placed.Fields ?? [])
        {
            field.Offset = Place($"field '{field.Name}'", field.File, field.Offset, field.Length, map, errors);
            field.File = null;
        }

        foreach (var checksum in placed.Checksums ?? [])
        {
            checksum.Offset = Place($"checksum '{checksum.Name}'", checksum.File, checksum.Offset, 0, map, errors);
            checksum.File = null;
            PlaceRanges($"checksum '{checksum.Name}'", checksum.Covers, map, errors);
        }

        if (placed.Mac is { } mac)
        {
            mac.Offset = Place("mac", mac.File, mac.Offset, mac.Length, map, errors);
            mac.File = null;
            PlaceRanges("mac", mac.Covers, map, errors);
        }

        if (placed.DataArea is { } area)
        {
            PlaceRanges("dataArea", [area], map, errors);
        }

        return placed;
    }

    private static void PlaceRanges(string label, List<ByteRange>? ranges, IReadOnlyList<CpuFile> map, List<string> errors)
    {
        foreach (var range in ranges ?? [])
        {
            if (range.File is { } name && range.Length == 0 && range.Offset == 0 && map.FirstOrDefault(f => f.Name == name) is { } whole)
            {
                range.Length = whole.Size;
            }

            range.Offset = Place($"{label} range", range.File, range.Offset, range.Length, map, errors);
            range.File = null;
        }
    }

    private static int Place(string label, string? fileName, int offset, int length, IReadOnlyList<CpuFile> map, List<string> errors)
    {
        if (fileName is null)
        {
            return offset;
        }

        if (map.FirstOrDefault(f => f.Name == fileName) is not { } file)
        {
            errors.Add($"{label} is placed in file '{fileName}', which the medium does not list; the files are {string.Join(", ", map.Select(f => f.Name))}");
            return offset;
        }

        if (offset < 0 || offset + Math.Max(length, 1) > file.Size)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{label} at {offset}..{offset + Math.Max(length, 1) - 1} of file '{fileName}' lies past its {file.Size} bytes"));
        }

        return file.Start + offset;
    }

    /// <summary>A layout naming files without a CPU file map: the one error that says so, or null.</summary>
    private static string? FilesWithoutMap(LayoutDescriptor descriptor)
    {
        var named = (descriptor.Fields ?? []).Select(f => f.File)
            .Concat((descriptor.Checksums ?? []).SelectMany(c => (c.Covers ?? []).Select(r => r.File).Append(c.File)))
            .Concat(descriptor.Mac is { } mac ? (mac.Covers ?? []).Select(r => r.File).Append(mac.File) : [])
            .Append(descriptor.DataArea?.File)
            .FirstOrDefault(f => f is not null);
        return named is null ? null : $"'file: {named}' places bytes in a CPU card's file, but the medium lists no files";
    }

    /// <summary>On a CPU card every field, checksum and MAC lies in one file: a value split across two would be written by two commands.</summary>
    private static void CheckOneFileEach(CardMedium medium, List<CompiledField> fields, List<CompiledChecksum> checksums, CompiledMac? mac, List<string> errors)
    {
        if (medium.Files.Count < 2)
        {
            return;
        }

        var slots = fields.Select(f => (Name: $"field '{CardFieldInfo.Of(f.Field).Name}'", f.Offset, f.Length))
            .Concat(checksums.Select(c => (Name: $"checksum '{c.Name}'", c.Offset, c.Length)))
            .Concat(mac is null ? [] : [(Name: "mac", mac.Offset, mac.Length)]);
        foreach (var (name, offset, length) in slots)
        {
            if (medium.FileAt(offset) is { } first && medium.FileAt(offset + length - 1) is { } last && first != last)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{name} at {offset}..{offset + length - 1} runs from file {first.Id:X4} ({first.Name}) into {last.Id:X4} ({last.Name}); a value lives in one file"));
            }
        }
    }
}
