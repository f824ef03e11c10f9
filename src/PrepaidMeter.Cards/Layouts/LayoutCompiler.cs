using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Records;

namespace PrepaidMeter.Cards.Layouts;

/// <summary>
/// Validates a layout descriptor and compiles it. Every problem is reported, each naming the field,
/// checksum or range at fault, so a vendor fixes a descriptor in one pass.
/// </summary>
public static partial class LayoutCompiler
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = false,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly (string Name, ChecksumAlgorithm Algorithm)[] AlgorithmNames =
    [
        ("sum8", ChecksumAlgorithm.Sum8), ("xor8", ChecksumAlgorithm.Xor8), ("crc16-modbus", ChecksumAlgorithm.Crc16Modbus),
        ("crc16-ccitt-false", ChecksumAlgorithm.Crc16CcittFalse), ("crc32", ChecksumAlgorithm.Crc32),
    ];

    /// <summary>Reads and compiles a descriptor from JSON text; <paramref name="source"/> names it in messages.</summary>
    public static LayoutLoadResult Load(string json, string source)
    {
        LayoutDescriptor? descriptor;
        try
        {
            descriptor = JsonSerializer.Deserialize<LayoutDescriptor>(json.AsSpan().TrimStart('\uFEFF'), JsonOptions);
        }
        catch (JsonException e)
        {
            return LayoutLoadResult.Refused(source, [$"not a layout descriptor: {e.Message}"]);
        }

        if (descriptor is null)
        {
            return LayoutLoadResult.Refused(source, ["the file is empty"]);
        }

        var compiled = Compile(descriptor, source);
        if (compiled.Layout is { } layout)
        {
            layout.SourceText = json;
        }

        return compiled;
    }

    public static LayoutLoadResult Compile(LayoutDescriptor descriptor, string source)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var errors = new List<string>();
        var id = descriptor.Id ?? "";
        if (!IdPattern().IsMatch(id))
        {
            errors.Add($"id '{id}' must be lower-case letters, digits and '-'");
        }

        if (descriptor.Version < 1)
        {
            errors.Add("version must be 1 or more");
        }

        if (CompileFileMap(descriptor, out var fileMap) is { } badMap)
        {
            errors.Add(badMap);
            return LayoutLoadResult.Refused(source, errors);
        }

        if (fileMap is null && FilesWithoutMap(descriptor) is { } stray)
        {
            errors.Add(stray);
            return LayoutLoadResult.Refused(source, errors);
        }

        if (fileMap is not null)
        {
            // From here on a CPU layout is one image, its files end to end, as a memory card's is.
            descriptor = PlaceInFiles(descriptor, fileMap, errors);
            if (errors.Count > 0)
            {
                return LayoutLoadResult.Refused(source, errors);
            }
        }

        if (descriptor.Size is < 8 or > 8192)
        {
            errors.Add($"size {descriptor.Size} must be 8 to 8192 bytes");
            return LayoutLoadResult.Refused(source, errors);
        }

        var area = descriptor.DataArea ?? new ByteRange { Offset = 0, Length = descriptor.Size };
        if (area.Offset < 0 || area.Length <= 0 || area.End > descriptor.Size)
        {
            errors.Add($"dataArea {area} lies outside the {descriptor.Size}-byte image");
            return LayoutLoadResult.Refused(source, errors);
        }

        if (CompileMedium(descriptor, fileMap, area, out var medium, out var mediumOffset) is { } misfit)
        {
            // One error, naming the numbers: whatever else is wrong, a layout off its card is fixed first.
            errors.Add(misfit);
            return LayoutLoadResult.Refused(source, errors);
        }

        if (descriptor.Fill is < 0 or > 255)
        {
            errors.Add($"fill {descriptor.Fill} is not a byte");
        }

        var kinds = CompileKinds(descriptor, errors);
        var fields = CompileFields(descriptor, area, errors, out var tag);
        var mac = CompileMac(descriptor, area, errors);
        var checksums = CompileChecksums(descriptor, area, mac, errors);
        CheckStorageOverlaps(fields, checksums, mac, errors);
        CheckOneFileEach(medium, fields, checksums, mac, errors);
        CheckRequiredFields(kinds, fields, errors);

        if (errors.Count > 0 || tag is null)
        {
            if (tag is null && !errors.Any(e => e.Contains("layoutTag", StringComparison.Ordinal)))
            {
                errors.Add("field 'layoutTag' is required: it tells one layout's cards from another's");
            }

            return LayoutLoadResult.Refused(source, errors);
        }

        var kindField = fields.First(f => f.Field == CardField.Kind);
        var plans = new KindPlan?[256];
        foreach (var (kind, code) in kinds)
        {
            var content = CardContents.Of(kind);
            var carried = fields.Where(f => f.Field != CardField.LayoutTag && f.Field != CardField.Kind && Carries(content, f.Field)).ToArray();
            plans[code] = new KindPlan(
                kind,
                (byte)code,
                content,
                [.. carried.Where(f => !IsReturnWriteBody(f.Field)).OrderBy(f => f.Offset)],
                [.. carried.Where(f => IsReturnWriteBody(f.Field)).OrderBy(f => f.Offset)]);
        }

        var codes = new byte[Enum.GetValues<CardKind>().Length];
        var supported = new bool[codes.Length];
        foreach (var (kind, code) in kinds)
        {
            codes[(int)kind] = (byte)code;
            supported[(int)kind] = true;
        }

        return LayoutLoadResult.Loaded(new CardLayout(
            id,
            descriptor.Version,
            descriptor.Description ?? "",
            descriptor.Size,
            area,
            (byte)descriptor.Fill,
            tag,
            kindField,
            fields.ToDictionary(f => f.Field),
            plans,
            codes,
            supported,
            checksums,
            mac,
            medium,
            mediumOffset));
    }

    private static bool Carries(CardContent content, CardField field)
    {
        var needs = CardFieldInfo.Of(field).Content;
        return needs == CardContent.None || (content & needs) != 0;
    }

    private static bool IsReturnWriteBody(CardField field) =>
        CardFieldInfo.Of(field).Content == CardContent.ReturnWrite && field != CardField.ReturnWritePresent;

    private static List<(CardKind Kind, int Code)> CompileKinds(LayoutDescriptor descriptor, List<string> errors)
    {
        var kinds = new List<(CardKind, int)>();
        if (descriptor.Kinds is null || descriptor.Kinds.Count == 0)
        {
            errors.Add("kinds must list the card kinds the layout carries, with their codes");
            return kinds;
        }

        foreach (var (name, code) in descriptor.Kinds)
        {
            if (CardKinds.Parse(name) is not { } kind)
            {
                errors.Add($"kind '{name}' is unknown; the kinds are {string.Join(", ", CardKinds.AllNames)}");
            }
            else if (code is < 0 or > 255)
            {
                errors.Add($"kind '{name}' has code {code}, not a byte");
            }
            else if (kinds.FindIndex(k => k.Item2 == code) is var clash and >= 0)
            {
                errors.Add($"kinds '{CardKinds.NameOf(kinds[clash].Item1)}' and '{name}' share the code {code}");
            }
            else
            {
                kinds.Add((kind, code));
            }
        }

        if (!kinds.Any(k => k.Item1 == CardKind.Blank))
        {
            errors.Add("kinds must include 'blank': every card can be recycled");
        }

        return kinds;
    }

    private static List<CompiledField> CompileFields(LayoutDescriptor descriptor, ByteRange area, List<string> errors, out byte[]? tag)
    {
        tag = null;
        var compiled = new List<CompiledField>();
        foreach (var (field, index) in (descriptor.Fields ?? []).Select((f, i) => (f, i)))
        {
            var label = field.Name is null ? $"fields[{index}]" : $"field '{field.Name}'";
            if (field.Name is null || CardFieldInfo.Named(field.Name) is not { } info)
            {
                errors.Add($"{label} is not a card field; the fields are {string.Join(", ", CardFieldInfo.All.Select(f => f.Name))}");
                continue;
            }

            if (compiled.Any(c => c.Field == info.Field))
            {
                errors.Add($"{label} is placed twice");
                continue;
            }

            if (field.Length <= 0 || field.Offset < area.Offset || field.Offset + field.Length > area.End)
            {
                errors.Add($"{label} at {field.Offset}..{field.Offset + field.Length - 1} lies outside the data area {area}");
                continue;
            }

            if (FieldEncodings.Parse(field.Encoding) is not { } encoding)
            {
                errors.Add($"{label} has unknown encoding '{field.Encoding}'; the encodings are {string.Join(", ", FieldEncodings.AllNames)}");
                continue;
            }

            if (CheckEncoding(label, info, field, encoding, errors) is not { } scale)
            {
                continue;
            }

            if (info.Field == CardField.LayoutTag)
            {
                tag = ParseTag(label, field, errors);
            }
            else if (field.Value is not null)
            {
                // Only the tag is constant: a value on another field would read as if the card were checked for it.
                errors.Add($"{label} takes no value: only 'layoutTag' holds constant bytes");
            }

            var up = scale >= info.RecordScale ? FieldEncodings.PowerOfTen(scale - info.RecordScale) : 1;
            var down = scale < info.RecordScale ? FieldEncodings.PowerOfTen(info.RecordScale - scale) : 1;
            compiled.Add(new CompiledField(
                info.Field, info.Name, field.Offset, field.Length, encoding, up, down,
                FieldEncodings.Capacity(encoding, field.Length), FieldEncodings.IsSigned(encoding)));
        }

        if (!compiled.Any(c => c.Field == CardField.Kind))
        {
            errors.Add("field 'kind' is required");
        }

        return compiled;
    }

    /// <summary>Checks the encoding suits the field; returns the stored scale, or null after reporting.</summary>
    private static int? CheckEncoding(string label, CardFieldInfo info, FieldDescriptor field, FieldEncoding encoding, List<string> errors)
    {
        var name = FieldEncodings.NameOf(encoding);
        var allowed = info.ValueKind switch
        {
            FieldValueKind.Constant => encoding == FieldEncoding.Raw,
            FieldValueKind.Time => encoding is FieldEncoding.UIntBigEndian or FieldEncoding.UIntLittleEndian or FieldEncoding.BcdDateTime,
            _ => encoding is not (FieldEncoding.Raw or FieldEncoding.BcdDateTime),
        };
        if (!allowed)
        {
            errors.Add($"{label} cannot use encoding '{name}'");
            return null;
        }

        if (field.Length > FieldEncodings.MaxLength(encoding))
        {
            errors.Add($"{label} is {field.Length} bytes; '{name}' holds at most {FieldEncodings.MaxLength(encoding)}");
            return null;
        }

        if (encoding == FieldEncoding.BcdDateTime && field.Length != 6)
        {
            errors.Add($"{label} with 'bcd-datetime' must be 6 bytes (YYMMDDhhmmss)");
            return null;
        }

        if (info.Field == CardField.Kind && field.Length != 1)
        {
            errors.Add($"{label} must be 1 byte");
            return null;
        }

        if (info.ValueKind is not (FieldValueKind.Amount or FieldValueKind.Price))
        {
            if (field.Scale is not null)
            {
                errors.Add($"{label} is not an amount or a price and takes no scale");
                return null;
            }

            return 0;
        }

        var scale = field.Scale ?? info.RecordScale;
        if (scale is < 0 or > 6)
        {
            errors.Add($"{label} has scale {scale}; decimal places go from 0 to 6");
            return null;
        }

        return scale;
    }

    private static byte[]? ParseTag(string label, FieldDescriptor field, List<string> errors)
    {
        try
        {
            var tag = Convert.FromHexString(field.Value ?? "");
            if (tag.Length == field.Length && tag.Length > 0)
            {
                return tag;
            }
        }
        catch (FormatException)
        {
        }

        errors.Add($"{label} needs a value of {field.Length} bytes as hex");
        return null;
    }

    private static CompiledMac? CompileMac(LayoutDescriptor descriptor, ByteRange area, List<string> errors)
    {
        if (descriptor.Mac is not { } mac)
        {
            return null;
        }

        if (mac.Algorithm != "hmac-sha256")
        {
            errors.Add($"mac algorithm '{mac.Algorithm}' is unknown; use 'hmac-sha256'");
            return null;
        }

        if (mac.Length is < 4 or > 32 || mac.Offset < area.Offset || mac.Offset + mac.Length > area.End)
        {
            errors.Add($"mac at {mac.Offset} of {mac.Length} bytes must be 4 to 32 bytes inside the data area {area}");
            return null;
        }

        var covers = CheckCovers("mac", mac.Covers, area, errors);
        if (covers.Any(c => c.Overlaps(mac.Offset, mac.Length)))
        {
            errors.Add("mac covers its own bytes");
            return null;
        }

        return covers.Length == 0 ? null : new CompiledMac(mac.Offset, mac.Length, covers, covers.Sum(c => c.Length));
    }

    private static List<CompiledChecksum> CompileChecksums(LayoutDescriptor descriptor, ByteRange area, CompiledMac? mac, List<string> errors)
    {
        var compiled = new List<CompiledChecksum>();
        var all = descriptor.Checksums ?? [];
        for (var i = 0; i < all.Count; i++)
        {
            var checksum = all[i];
            var label = $"checksum '{checksum.Name ?? $"checksums[{i}]"}'";
            var algorithmIndex = Array.FindIndex(AlgorithmNames, a => a.Name == checksum.Algorithm);
            if (algorithmIndex < 0)
            {
                errors.Add($"{label} has unknown algorithm '{checksum.Algorithm}'; the algorithms are {string.Join(", ", AlgorithmNames.Select(a => a.Name))}");
                continue;
            }

            var algorithm = AlgorithmNames[algorithmIndex].Algorithm;
            var length = Checksums.LengthOf(algorithm);
            if (checksum.Offset < area.Offset || checksum.Offset + length > area.End)
            {
                errors.Add($"{label} at {checksum.Offset} lies outside the data area {area}");
                continue;
            }

            if (checksum.ByteOrder is not (null or "big" or "little"))
            {
                errors.Add($"{label} has byteOrder '{checksum.ByteOrder}'; use 'big' or 'little'");
                continue;
            }

            var covers = CheckCovers(label, checksum.Covers, area, errors);
            if (covers.Any(c => c.Overlaps(checksum.Offset, length)))
            {
                errors.Add($"{label} covers its own bytes");
                continue;
            }

            // Checksums are computed in order after the MAC, so one may cover the MAC and earlier checksums only.
            for (var later = i + 1; later < all.Count; later++)
            {
                var next = all[later];
                var nextLength = AlgorithmNames.FirstOrDefault(a => a.Name == next.Algorithm) is { Name: not null } a ? Checksums.LengthOf(a.Algorithm) : 1;
                if (covers.Any(c => c.Overlaps(next.Offset, nextLength)))
                {
                    errors.Add($"{label} covers checksum '{next.Name}', which is computed after it; list it later");
                }
            }

            if (mac is not null && mac.Covers.Any(c => c.Overlaps(checksum.Offset, length)))
            {
                errors.Add($"mac covers {label}, but checksums are computed after the MAC");
            }

            compiled.Add(new CompiledChecksum(checksum.Name ?? $"checksums[{i}]", algorithm, checksum.Offset, length, checksum.ByteOrder == "little", covers));
        }

        return compiled;
    }

    private static ByteRange[] CheckCovers(string label, List<ByteRange>? covers, ByteRange area, List<string> errors)
    {
        if (covers is null || covers.Count == 0)
        {
            errors.Add($"{label} covers nothing");
            return [];
        }

        foreach (var range in covers)
        {
            if (range.Length <= 0 || range.Offset < area.Offset || range.End > area.End)
            {
                errors.Add($"{label} covers {range.Offset}..{range.End - 1}, outside the data area {area}");
                return [];
            }
        }

        return [.. covers];
    }

    private static void CheckStorageOverlaps(List<CompiledField> fields, List<CompiledChecksum> checksums, CompiledMac? mac, List<string> errors)
    {
        var stores = fields.Select(f => ($"field '{f.Name}'", f.Offset, f.Length))
            .Concat(checksums.Select(c => ($"checksum '{c.Name}'", c.Offset, c.Length)))
            .Concat(mac is null ? [] : [("mac", mac.Offset, mac.Length)])
            .OrderBy(s => s.Item2)
            .ToList();
        for (var i = 1; i < stores.Count; i++)
        {
            var (previousName, previousOffset, previousLength) = stores[i - 1];
            var (name, offset, _) = stores[i];
            if (offset < previousOffset + previousLength)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} at {offset} overlaps {previousName} at {previousOffset}..{previousOffset + previousLength - 1}"));
            }
        }
    }

    private static void CheckRequiredFields(List<(CardKind Kind, int Code)> kinds, List<CompiledField> fields, List<string> errors)
    {
        foreach (var info in CardFieldInfo.All.Where(i => !i.Optional && i.Content != CardContent.None))
        {
            var needed = kinds.Where(k => (CardContents.Of(k.Kind) & info.Content) != 0).Select(k => CardKinds.NameOf(k.Kind)).ToList();
            if (needed.Count > 0 && !fields.Any(f => f.Field == info.Field))
            {
                errors.Add($"field '{info.Name}' is required by the kinds {string.Join(", ", needed)}");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();
}
