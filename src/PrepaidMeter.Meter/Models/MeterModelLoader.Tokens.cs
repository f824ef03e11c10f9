using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Meter.Models;

/// <summary>The media a model takes and its token section (rules TK): every bound checked here, so a file is refused with a message.</summary>
public static partial class MeterModelLoader
{
    private static MeterMedia? Media(MeterModelDescriptor d, CreditUnit? unit, Utility? utility, List<string> errors)
    {
        MeterMedia? media = d.Media switch
        {
            null or "card" => MeterMedia.Card,
            "token" => MeterMedia.Token,
            "both" => MeterMedia.Both,
            _ => null,
        };
        if (media is not { } m)
        {
            errors.Add($"media '{d.Media}' must be 'card', 'token' or 'both'");
            return null;
        }

        if ((m & MeterMedia.Token) == 0)
        {
            if (d.Token is not null)
            {
                errors.Add("token: the model takes no tokens (media is 'card'): contradictory; say media 'token' or 'both'");
            }

            return m;
        }

        if (d.Token is null)
        {
            errors.Add($"token is required: media '{d.Media}' takes keypad tokens");
        }

        if (m == MeterMedia.Token && d.Layouts is { Count: > 0 })
        {
            errors.Add("layouts: a token-only meter (media 'token') reads no cards: contradictory; say media 'both'");
        }

        // Currency tokens carry the CRC_C of IEC 62055-41 6.3.22, whose definition is not public: a token meter counts units.
        if (unit == CreditUnit.Money)
        {
            errors.Add("media: a token meter counts energy or volume (creditUnit 'energy' or 'volume'); currency tokens are not supported");
        }
        else if (unit is { } u && utility is { } kind && (u == CreditUnit.Energy) != (kind == Utility.Electricity))
        {
            errors.Add("media: a token meter's credit unit is its utility's (energy for electricity, volume for water and gas)");
        }

        return m;
    }

    private static TokenRule? Token(TokenDescriptor? t, List<string> errors)
    {
        if (t is null)
        {
            return null;
        }

        var count = errors.Count;
        EncryptionAlgorithm? algorithm = t.EncryptionAlgorithm switch
        {
            "EA07" => EncryptionAlgorithm.Sta,
            "EA11" => EncryptionAlgorithm.Misty1,
            _ => null,
        };
        KeyGeneration? generation = t.KeyGeneration switch
        {
            "DKGA02" => KeyGeneration.Dkga02,
            "DKGA04" => KeyGeneration.Dkga04,
            _ => null,
        };
        if (algorithm is null)
        {
            errors.Add($"token.encryptionAlgorithm '{t.EncryptionAlgorithm}' must be 'EA07' (STA, 64-bit key) or 'EA11' (MISTY1, 128-bit key)");
        }

        if (generation is null)
        {
            errors.Add($"token.keyGeneration '{t.KeyGeneration}' must be 'DKGA02' or 'DKGA04'");
        }

        if (algorithm == EncryptionAlgorithm.Misty1 && generation == KeyGeneration.Dkga02)
        {
            errors.Add("token: EA11 takes a 128-bit key, which only DKGA04 makes; DKGA02 makes 64-bit keys for EA07");
        }

        var sgc = t.SupplyGroupCode is { Length: 6 } text && text.All(char.IsAsciiDigit) ? int.Parse(text, CultureInfo.InvariantCulture) : -1;
        if (sgc < 0)
        {
            errors.Add($"token.supplyGroupCode '{t.SupplyGroupCode}' must be 6 digits");
        }

        foreach (var (name, value) in (ReadOnlySpan<(string, int?)>)[("keyType", t.KeyType), ("tariffIndex", t.TariffIndex), ("keyRevision", t.KeyRevision), ("baseDate", t.BaseDate), ("manufacturerCode", t.ManufacturerCode is null ? null : 0)])
        {
            if (value is null)
            {
                errors.Add($"token.{name} is required");
            }
        }

        var baseDate = t.BaseDate is { } year ? BaseDates.Parse(year.ToString(CultureInfo.InvariantCulture)) : null;
        if (t.BaseDate is not null && baseDate is null)
        {
            errors.Add($"token.baseDate {t.BaseDate} must be 1993, 2014 or 2035");
        }

        var iin = t.Iin ?? MeterIdentity.DefaultIin;
        // The identity's bounds are the engine's; a valid DRN of the IIN's length stands in for the one `meter new` gives.
        if (errors.Count == count && MeterIdentity.Problem(iin, iin.Length == 6 ? "00000000000" : "0000000000000", t.KeyType!.Value, sgc, t.TariffIndex!.Value, t.KeyRevision!.Value, t.KeyExpiry ?? 255) is { } problem)
        {
            errors.Add($"token: {problem}");
        }

        if (t.ManufacturerCode is { } code && (code.Length is not (2 or 4) || !code.All(char.IsAsciiDigit)))
        {
            errors.Add($"token.manufacturerCode '{code}' must be 2 or 4 digits");
        }

        if (t.TidMemory is < 1 or > 1000)
        {
            errors.Add($"token.tidMemory {t.TidMemory} must be 1 to 1000");
        }

        if (t.KeyChangeSeconds is < 1 or > 86_400)
        {
            errors.Add($"token.keyChangeSeconds {t.KeyChangeSeconds} must be 1 to 86400");
        }

        var limit = Amount("token.creditRegisterLimit", t.CreditRegisterLimit, errors);
        if (t.CreditRegisterLimit is not null && limit == 0)
        {
            errors.Add("token.creditRegisterLimit must be above 0");
        }

        var lockout = Lockout(t.Lockout, errors);
        if (errors.Count > count)
        {
            return null;
        }

        return new TokenRule
        {
            Algorithm = algorithm!.Value,
            KeyGeneration = generation!.Value,
            Iin = iin,
            KeyType = t.KeyType!.Value,
            SupplyGroup = sgc,
            TariffIndex = t.TariffIndex!.Value,
            KeyRevision = t.KeyRevision!.Value,
            BaseDate = baseDate!.Value,
            KeyExpiry = t.KeyExpiry ?? 255,
            TidMemory = t.TidMemory ?? 50,
            KeyChangeWindow = TimeSpan.FromSeconds(t.KeyChangeSeconds ?? 600),
            ManufacturerCode = t.ManufacturerCode!,
            CreditRegisterLimit = t.CreditRegisterLimit is null ? 99_999_999 : limit,
            Lockout = lockout ?? KeypadLockoutRule.Default,
        };
    }

    private static KeypadLockoutRule? Lockout(LockoutDescriptor? l, List<string> errors)
    {
        if (l is null)
        {
            return null;
        }

        var after = l.After ?? 3;
        var first = l.Seconds ?? 10;
        var cap = l.CapSeconds ?? 1280;
        if (after is < 1 or > 100 || first is < 1 or > 86_400 || cap < first || cap > 86_400)
        {
            errors.Add("token.lockout: after must be 1 to 100, seconds 1 to 86400, capSeconds from seconds to 86400");
            return null;
        }

        return new(after, TimeSpan.FromSeconds(first), TimeSpan.FromSeconds(cap));
    }
}
