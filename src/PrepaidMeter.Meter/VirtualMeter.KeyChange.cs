using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Meter;

public sealed partial class VirtualMeter
{
    private static readonly int[] TwoSections = [(int)ManagementKind.SetFirstSectionDecoderKey, (int)ManagementKind.SetSecondSectionDecoderKey];

    private static readonly int[] FourSections = [.. TwoSections, (int)ManagementKind.SetThirdSectionDecoderKey, (int)ManagementKind.SetFourthSectionDecoderKey];

    /// <summary>
    /// Rules TK10–TK12: a key change section waits, in any order, for the rest of its set (two for a 64-bit EA07 key, four
    /// for a 128-bit EA11 one) for the model's key change window; the last one of the set applies them all together.
    /// </summary>
    private TokenVerdict KeySection(TokenRule rule, TokenData section)
    {
        var wide = TokenState.Algorithm == EncryptionAlgorithm.Misty1;
        var name = SectionName(section.Subclass);
        if (!wide && section is ThirdKeySection or FourthKeySection)
        {
            return new(TokenResponse.Reject, name, "a 3rd or 4th key section, and this meter's key (EA07) has two");
        }

        if (section is FirstKeySection { Reserved: true })
        {
            return new(TokenResponse.Reject, name, "the 1st section's reserved bit (50) is set; the standard writes it 0");
        }

        var now = _registers.Clock;
        var pending = TokenState.Pending
            .Where(p => now - p.At < rule.KeyChangeWindow && p.Subclass != section.Subclass)
            .Append(new PendingSection(section.Subclass, section.Fields, now))
            .OrderBy(p => Array.IndexOf(FourSections, p.Subclass))
            .ToImmutableArray();
        var needed = wide ? FourSections : TwoSections;
        var missing = needed.Where(s => !pending.Any(p => p.Subclass == s)).ToList();
        if (missing.Count > 0)
        {
            TokenState = TokenState with { Pending = pending };
            var next = SectionName(missing[0]);
            return new(TokenResponse.KeyChangePending, name, $"kept until {(now + rule.KeyChangeWindow):yyyy-MM-dd HH:mm:ss}Z; enter the {string.Join(", ", missing.Select(SectionName))}",
                Display: $"PLS {next.Split(' ')[0]}");
        }

        TokenState = TokenState with { Pending = [] };
        return ApplyKeyChange(name, pending.Select(p => p.Data).ToList());
    }

    /// <summary>Rule TK12: the new key, KRN, KT, TI and KEN together (and the SGC for a 128-bit key); rollover moves the base date and clears the TID memory; credit is kept.</summary>
    private TokenVerdict ApplyKeyChange(string name, IReadOnlyList<TokenData> set)
    {
        var first = set.OfType<FirstKeySection>().Single();
        var second = set.OfType<SecondKeySection>().Single();
        var third = set.OfType<ThirdKeySection>().SingleOrDefault();
        var fourth = set.OfType<FourthKeySection>().SingleOrDefault();
        var memory = TokenState;
        var expiry = (first.ExpiryHigh << 4) | second.ExpiryLow;
        var group = third is not null && fourth is not null ? (fourth.SupplyGroupHigh << 12) | third.SupplyGroupLow : memory.SupplyGroup;
        if (MeterIdentity.Problem(memory.Iin, memory.Drn, first.KeyType, group, second.TariffIndex, first.KeyRevision, expiry) is { } problem)
        {
            return new(TokenResponse.Reject, name, $"the key change set is not one this meter can take: {problem}");
        }

        var key = new byte[third is null ? 8 : 16];
        BinaryPrimitives.WriteUInt32BigEndian(key, first.NewKeyHigh);
        if (third is not null && fourth is not null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(4), third.NewKeyMiddle2);
            BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(8), fourth.NewKeyMiddle1);
        }

        BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(key.Length - 4), second.NewKeyLow);

        // A set that installs the key the meter holds changes nothing a meter may take from it — and with the rollover bit
        // it would empty the TID memory under the same key, so every token ever taken could be taken again.
        if (key.AsSpan().SequenceEqual(memory.Key.AsSpan()))
        {
            return new(TokenResponse.Reject, name, "the key change set carries the key this meter already holds");
        }

        var baseDate = memory.BaseDate;
        if (first.Rollover)
        {
            if (baseDate.Next() is not { } next)
            {
                return new(TokenResponse.Reject, name, "the key change asks to roll over, and 2035 is the last base date");
            }

            baseDate = next;
        }


        TokenState = memory with
        {
            Key = [.. key],
            KeyRevision = first.KeyRevision,
            KeyType = first.KeyType,
            TariffIndex = second.TariffIndex,
            KeyExpiry = expiry,
            SupplyGroup = group,
            BaseDate = baseDate,
            Tids = first.Rollover ? [] : memory.Tids,
        };
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"key changed: KRN {first.KeyRevision}, KT {first.KeyType}, TI {second.TariffIndex:D2}, KEN {expiry}, SGC {group:D6}{(first.Rollover ? $"; rolled over to base date {(int)baseDate}, TID memory cleared" : "")}");
        AddEvent(MeterEventKind.KeyChanged, detail);
        return new(TokenResponse.Accepted, name, detail);
    }

    private static string SectionName(int subclass) => (ManagementKind)subclass switch
    {
        ManagementKind.SetFirstSectionDecoderKey => "1st key section",
        ManagementKind.SetSecondSectionDecoderKey => "2nd key section",
        ManagementKind.SetThirdSectionDecoderKey => "3rd key section",
        ManagementKind.SetFourthSectionDecoderKey => "4th key section",
        _ => throw new ArgumentOutOfRangeException(nameof(subclass), subclass, "not a key change section"),
    };
}
