using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Ciphers;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Cli.Commands.Tokens;

/// <summary>
/// Which meter a token is for and the key it is made under: the meter's STS identity and either the supply group's
/// vending key (the decoder key derived with DKGA02 or DKGA04) or the meter's decoder key itself. `prepaid token` is the
/// engine alone, for labs and vendors checking their own systems; the back office keeps its vending keys to itself.
/// </summary>
internal sealed class TokenKeyOptions(string prefix = "", string about = "")
{
    public Option<string?> Meter { get; } = new($"--{prefix}meter") { Description = $"The meter number (DRN){about}: 11 digits with its Luhn check digit (13 beside a 4-digit IIN)" };

    public Option<string> Iin { get; } = new($"--{prefix}iin") { Description = $"The issuer identification number{about}", DefaultValueFactory = _ => MeterIdentity.DefaultIin };

    public Option<int> SupplyGroup { get; } = new($"--{prefix}sgc") { Description = $"The supply group code{about} (6 digits)" };

    public Option<int> TariffIndex { get; } = new($"--{prefix}ti") { Description = $"The tariff index{about} (0–99)", DefaultValueFactory = _ => 1 };

    public Option<int> KeyRevision { get; } = new($"--{prefix}krn") { Description = $"The key revision number{about} (1–9)", DefaultValueFactory = _ => 1 };

    public Option<int> KeyType { get; } = new($"--{prefix}kt") { Description = $"The key type{about} (0 initialisation, 1 default, 2 credit, 3 common)", DefaultValueFactory = _ => 2 };

    public Option<string> BaseDate { get; } = new($"--{prefix}base-date") { Description = $"The base date of the key's token identifiers{about}: 1993, 2014 or 2035", DefaultValueFactory = _ => "2014" };

    public Option<int> KeyExpiry { get; } = new($"--{prefix}ken") { Description = $"The key expiry number{about} (0–255; 255 never expires)", DefaultValueFactory = _ => 255 };

    public Option<string> Algorithm { get; } = new($"--{prefix}ea") { Description = $"The encryption algorithm{about}: 07 (STA, 64-bit key) or 11 (MISTY1, 128-bit key)", DefaultValueFactory = _ => "07" };

    public Option<string?> Generation { get; } = new($"--{prefix}dkga") { Description = $"The decoder key generation algorithm{about}: 02 (DES; EA07 only) or 04 (HMAC-SHA-256); default 02 for EA07, 04 for EA11" };

    public Option<string?> VendingKey { get; } = new($"--{prefix}vending-key") { Description = $"The supply group's vending key{about} as hex (8 bytes for DKGA02, 16 or more for DKGA04)" };

    public Option<string?> DecoderKey { get; } = new($"--{prefix}decoder-key") { Description = $"The meter's decoder key{about} as hex, instead of a vending key" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Meter, Iin, SupplyGroup, TariffIndex, KeyRevision, KeyType, BaseDate, KeyExpiry, Algorithm, Generation, VendingKey, DecoderKey })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The values given (or defaulted) on the command line.</summary>
    public KeyInputs Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.GetValue(Meter), parse.GetValue(Iin)!, parse.GetValue(SupplyGroup), parse.GetValue(TariffIndex), parse.GetValue(KeyRevision),
            parse.GetValue(KeyType), parse.GetValue(BaseDate)!, parse.GetValue(KeyExpiry), parse.GetValue(Algorithm)!, parse.GetValue(Generation),
            parse.GetValue(VendingKey), parse.GetValue(DecoderKey));
    }

    /// <summary>
    /// <paramref name="under"/> with the values given explicitly here in their place — the new key of a key change, which
    /// keeps the meter and whatever of the current key is not changed. A new vending key replaces a decoder key, and back.
    /// </summary>
    public KeyInputs Over(ParseResult parse, KeyInputs under)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(under);
        T Pick<T>(Option<T> option, T current) => parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option)! : current;
        var newVending = Pick(VendingKey, null);
        var newDecoder = Pick(DecoderKey, null);
        var (vending, decoder) = newVending is null && newDecoder is null ? (under.VendingKey, under.DecoderKey) : (newVending, newDecoder);
        return new(under.Meter, under.Iin, Pick(SupplyGroup, under.SupplyGroup), Pick(TariffIndex, under.TariffIndex), Pick(KeyRevision, under.KeyRevision),
            Pick(KeyType, under.KeyType), Pick(BaseDate, under.BaseDate)!, Pick(KeyExpiry, under.KeyExpiry), Pick(Algorithm, under.Algorithm)!,
            Pick(Generation, under.Generation), vending, decoder);
    }
}

/// <summary>
/// A key as the command line gives it. <see cref="Resolve"/> makes the decoder key: given, or derived from the vending key
/// and the meter; a mistake comes back in one line (exit 1), named by the plain option names.
/// </summary>
internal sealed record KeyInputs(
    string? Meter, string Iin, int SupplyGroup, int TariffIndex, int KeyRevision, int KeyType, string BaseDate, int KeyExpiry,
    string Algorithm, string? Generation, string? VendingKey, string? DecoderKey)
{
    public TokenKey? Resolve(StaTables tables, out string? mistake)
    {
        mistake = null;
        EncryptionAlgorithm? algorithm = Algorithm switch
        {
            "07" or "7" => EncryptionAlgorithm.Sta,
            "11" => EncryptionAlgorithm.Misty1,
            _ => null,
        };
        if (algorithm is not { } ea)
        {
            return Failed(out mistake, $"--ea '{Algorithm}': 07 or 11");
        }

        if (BaseDates.Parse(BaseDate) is not { } baseDate)
        {
            return Failed(out mistake, $"--base-date '{BaseDate}': 1993, 2014 or 2035");
        }

        if ((DecoderKey is null) == (VendingKey is null))
        {
            return Failed(out mistake, "give --vending-key or --decoder-key (one of them)");
        }

        MeterIdentity? meter = null;
        if (Meter is not null)
        {
            mistake = MeterIdentity.Problem(Iin, Meter, KeyType, SupplyGroup, TariffIndex, KeyRevision, KeyExpiry);
            if (mistake is not null)
            {
                return null;
            }

            meter = new MeterIdentity(Iin, Meter, KeyType, SupplyGroup, TariffIndex, KeyRevision, baseDate, KeyExpiry);
        }

        if (DecoderKey is not null)
        {
            return global::PrepaidMeter.Tokens.Keys.DecoderKey.FromHex(ea, DecoderKey) is { } given
                ? new TokenKey(given, meter, baseDate, KeyExpiry, tables)
                : Failed(out mistake, $"--decoder-key: {(ea == EncryptionAlgorithm.Sta ? 16 : 32)} hex digits for EA{(int)ea:D2}");
        }

        return meter is null
            ? Failed(out mistake, "deriving the decoder key from --vending-key needs the meter: --meter and --sgc")
            : Derive(ea, meter, tables, out mistake);
    }

    private TokenKey? Derive(EncryptionAlgorithm ea, MeterIdentity meter, StaTables tables, out string? mistake)
    {
        mistake = null;
        var generation = Generation ?? (ea == EncryptionAlgorithm.Sta ? "02" : "04");
        if (VendingKey!.Length % 2 != 0 || !VendingKey.All(char.IsAsciiHexDigit))
        {
            return Failed(out mistake, "--vending-key: hex digits, two a byte");
        }

        var vending = Convert.FromHexString(VendingKey);
        var key = generation switch
        {
            "02" when ea != EncryptionAlgorithm.Sta => Failed(out mistake, "--dkga 02 makes 64-bit keys: EA07 only (EA11 takes --dkga 04)")?.Key,
            "02" when vending.Length != 8 => Failed(out mistake, $"--vending-key: DKGA02 takes an 8-byte (single DES) vending key, not {vending.Length} bytes")?.Key,
            "02" => Dkga02.Generate(vending, meter),
            "04" when vending.Length < 16 => Failed(out mistake, $"--vending-key: DKGA04 takes a vending key of 16 bytes or more, not {vending.Length}")?.Key,
            "04" => Dkga04.Generate(vending, meter, ea),
            _ => Failed(out mistake, $"--dkga '{generation}': 02 or 04")?.Key,
        };
        return key is null ? null : new TokenKey(key, meter, meter.BaseDate, meter.KeyExpiry, tables);
    }

    private static TokenKey? Failed(out string? mistake, string message)
    {
        mistake = message;
        return null;
    }
}

/// <summary>A resolved key: the decoder key, the meter it belongs to (when named), its base date and expiry, the STA tables.</summary>
internal sealed record TokenKey(DecoderKey Key, MeterIdentity? Meter, BaseDate BaseDate, int KeyExpiry, StaTables Tables)
{
    public TokenCodec Codec() => new(Key.Cipher(Tables));

    public string Describe() => Meter is { } meter
        ? string.Create(CultureInfo.InvariantCulture, $"meter {meter.Iin} {meter.Drn}, SGC {meter.SupplyGroup:D6}, TI {meter.TariffIndex:D2}, KRN {meter.KeyRevision}, KT {meter.KeyType}, EA{(int)Key.Algorithm:D2}")
        : string.Create(CultureInfo.InvariantCulture, $"the given decoder key, EA{(int)Key.Algorithm:D2}");
}
