using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Ciphers;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Cli.Commands.Tokens;

/// <summary>One vector's outcome: its name and kind, where it comes from, and what did not hold (null when it passed).</summary>
internal sealed record VectorResult(string Name, string Kind, string Source, string? Failure)
{
    public bool Passed => Failure is null;
}

/// <summary>
/// A file of known-answer vectors run against the engine (docs/tokens.md, "Vector files"): the public vectors of its building
/// blocks, and whatever a licensee transcribes from the STS 531 sets into the same form. Each vector is one of: a block
/// cipher (DES, MISTY1, EA07 with the run's STA tables), a token block's CRC, a decoder key derived by DKGA02/DKGA04, or a
/// token decoded under a decoder key to the fields `prepaid token decode --json` prints (and encoded back to itself).
/// </summary>
internal static class TokenVectors
{
    /// <summary>The vectors of <paramref name="json"/>, run; throws <see cref="FormatException"/> naming the first mistake in the file.</summary>
    public static IReadOnlyList<VectorResult> Run(string json, StaTables tables)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a vector file: {e.Message}", e);
        }

        if (root?["vectors"] is not JsonArray vectors || vectors.Count == 0)
        {
            throw new FormatException("a vector file is a JSON object whose \"vectors\" is a non-empty array");
        }

        var fileSource = Text(root, "source", "") ?? "";
        return [.. vectors.Select((node, i) => One(node as JsonObject ?? throw new FormatException($"vector {i + 1} is not an object"), i + 1, fileSource, tables))];
    }

    private static VectorResult One(JsonObject v, int number, string fileSource, StaTables tables)
    {
        var name = Text(v, "name", $"vector {number}")!;
        var kind = Text(v, "kind", null) ?? throw Mistake(name, "kind", "is missing");
        var source = Text(v, "source", fileSource) ?? "";
        var failure = kind switch
        {
            "cipher" => Cipher(v, name, tables),
            "crc" => Crc(v, name),
            "decoderKey" => DecoderKeyOf(v, name),
            "token" => Token(v, name, tables),
            _ => throw Mistake(name, "kind", $"'{kind}' is not cipher, crc, decoderKey or token"),
        };
        return new VectorResult(name, kind, source, failure);
    }

    private static string? Cipher(JsonObject v, string name, StaTables tables)
    {
        var key = Hex(v, name, "key");
        var plain = Block(v, name, "plaintext");
        var cipher = Block(v, name, "ciphertext");
        IBlockCipher64 engine = Text(v, "algorithm", null) switch
        {
            "DES" => key.Length == 8 ? new DesCipher(key) : throw Mistake(name, "key", "a DES key is 16 hex digits"),
            "MISTY1" => key.Length == Misty1.KeyLength ? new Misty1(key) : throw Mistake(name, "key", "a MISTY1 key is 32 hex digits"),
            "EA07" => key.Length == 8 ? new StandardTransferAlgorithm(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(key), tables) : throw Mistake(name, "key", "an EA07 key is 16 hex digits"),
            var other => throw Mistake(name, "algorithm", $"'{other}' is not DES, MISTY1 or EA07"),
        };
        var encrypted = engine.Encrypt(plain);
        if (encrypted != cipher)
        {
            return $"encrypts {plain:X16} to {encrypted:X16}, not {cipher:X16}";
        }

        var decrypted = engine.Decrypt(cipher);
        return decrypted == plain ? null : $"decrypts {cipher:X16} to {decrypted:X16}, not {plain:X16}";
    }

    private static string? Crc(JsonObject v, string name)
    {
        var tokenClass = Whole(v, name, "class", 0, 3);
        var block = Block(v, name, "block");
        var plain = TokenCrc.Field(tokenClass, block & ~0xFFFFUL);
        var table = TokenCrc.FieldByTable(tokenClass, block & ~0xFFFFUL);
        return plain == (block & 0xFFFF) && table == plain ? null : $"the CRC of {block >> 16:X12} is {plain:X4} (by table {table:X4}), not {block & 0xFFFF:X4}";
    }

    private static string? DecoderKeyOf(JsonObject v, string name)
    {
        var generation = Text(v, "dkga", null) switch
        {
            "02" => KeyGeneration.Dkga02,
            "04" => KeyGeneration.Dkga04,
            var other => throw Mistake(name, "dkga", $"'{other}' is not 02 or 04"),
        };
        var algorithm = Algorithm(v, name, generation == KeyGeneration.Dkga02 ? "07" : null);
        var iin = Text(v, "iin", MeterIdentity.DefaultIin)!;
        var drn = Text(v, "drn", null) ?? throw Mistake(name, "drn", "is missing");
        var keyType = Whole(v, name, "keyType", 0, 3);
        var group = Whole(v, name, "supplyGroup", 0, 999_999);
        var tariff = Whole(v, name, "tariffIndex", 0, 99);
        var revision = Whole(v, name, "keyRevision", 1, 9);
        var expiry = v["keyExpiry"] is null ? 255 : Whole(v, name, "keyExpiry", 0, 255);
        var baseDate = BaseDateOf(v, name);
        if (MeterIdentity.Problem(iin, drn, keyType, group, tariff, revision, expiry) is { } problem)
        {
            throw Mistake(name, "drn", problem);
        }

        var derived = DecoderKeys.Derive(generation, Hex(v, name, "vendingKey"), new MeterIdentity(iin, drn, keyType, group, tariff, revision, baseDate, expiry), algorithm);
        var expected = Convert.ToHexString(Hex(v, name, "decoderKey"));
        return derived.ToHex() == expected ? null : $"derives {derived.ToHex()}, not {expected}";
    }

    private static string? Token(JsonObject v, string name, StaTables tables)
    {
        var algorithm = Algorithm(v, name, null);
        var key = DecoderKey.FromHex(algorithm, Convert.ToHexString(Hex(v, name, "decoderKey")))
            ?? throw Mistake(name, "decoderKey", algorithm == EncryptionAlgorithm.Sta ? "an EA07 decoder key is 16 hex digits" : "an EA11 decoder key is 32 hex digits");
        var number = TokenNumber.Parse(Text(v, "token", null) ?? throw Mistake(name, "token", "is missing"))
            ?? throw Mistake(name, "token", "is not 20 digits of a 66-bit token");
        if (v["decoded"] is not JsonObject expected || expected.Count == 0)
        {
            throw Mistake(name, "decoded", "is missing: the fields the token decodes to, as `prepaid token decode --json` prints them");
        }

        var codec = TokenCodec.ClassOf(number) == TokenClass.InitiateMeterTest ? TokenCodec.ForTestTokens : new TokenCodec(key.Cipher(tables));
        var decoding = codec.Decode(number);
        if (!decoding.Succeeded)
        {
            return $"not decoded: {decoding.Failure}";
        }

        var actual = TokenDescription.Of(decoding.Data!, BaseDateOf(v, name), number);
        var wrong = expected.Where(field => !JsonNode.DeepEquals(field.Value, actual[field.Key]))
            .Select(field => $"{field.Key} is {actual[field.Key]?.ToJsonString() ?? "absent"}, not {field.Value?.ToJsonString()}").ToList();
        if (wrong.Count > 0)
        {
            return string.Join("; ", wrong);
        }

        var again = codec.Encode(decoding.Data!);
        return again == number ? null : $"decodes, but its fields encode to {again}, not {number}";
    }

    private static EncryptionAlgorithm Algorithm(JsonObject v, string name, string? fallback) => Text(v, "ea", fallback) switch
    {
        "07" => EncryptionAlgorithm.Sta,
        "11" => EncryptionAlgorithm.Misty1,
        var other => throw Mistake(name, "ea", $"'{other}' is not 07 or 11"),
    };

    private static BaseDate BaseDateOf(JsonObject v, string name) => v["baseDate"] is null
        ? BaseDate.Year2014
        : BaseDates.Parse(v["baseDate"]!.ToJsonString().Trim('"')) ?? throw Mistake(name, "baseDate", "is 1993, 2014 or 2035");

    private static string? Text(JsonNode node, string member, string? fallback) => node[member] switch
    {
        null => fallback,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var other => throw new FormatException($"\"{member}\" is {other.ToJsonString()}, not a string"),
    };

    private static int Whole(JsonObject v, string name, string member, int least, int most) =>
        v[member] is JsonValue value && value.TryGetValue<int>(out var n) && n >= least && n <= most
            ? n
            : throw Mistake(name, member, string.Create(CultureInfo.InvariantCulture, $"is a whole number from {least} to {most}"));

    private static byte[] Hex(JsonObject v, string name, string member) =>
        Text(v, member, null) is { Length: > 0 } hex && hex.Length % 2 == 0 && hex.All(char.IsAsciiHexDigit)
            ? Convert.FromHexString(hex)
            : throw Mistake(name, member, "is hex digits, an even number of them");

    private static ulong Block(JsonObject v, string name, string member)
    {
        var bytes = Hex(v, name, member);
        return bytes.Length == 8 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes) : throw Mistake(name, member, "is a 64-bit block, 16 hex digits");
    }

    private static FormatException Mistake(string vector, string member, string what) => new($"vector '{vector}': \"{member}\" {what}");
}
