using System.Security.Cryptography;
using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Records;

namespace PrepaidMeter.Cards.Layouts;

public sealed partial class CardLayout
{
    /// <summary>
    /// Writes <paramref name="record"/> into <paramref name="image"/>: the data area is rewritten
    /// (fill, fields, MAC, checksums); bytes outside it — a memory card's protected prefix — are kept.
    /// On a refusal the image is left exactly as it was.
    /// </summary>
    public CardEncodeResult Encode(CardRecord record, SupplyGroupKeys? keys, Span<byte> image)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (image.Length != Size)
        {
            throw new ArgumentException(SizeMismatch(image.Length), nameof(image));
        }

        if (record.Layout != Id)
        {
            return CardEncodeResult.Refused("layout", $"the record is for layout '{record.Layout}', not '{Id}'");
        }

        if (!_supportsKind[(int)record.Kind])
        {
            return CardEncodeResult.Refused("kind", $"layout '{Id}' does not carry {CardKinds.NameOf(record.Kind)} cards");
        }

        if (_mac is not null && keys is null && record.Kind != CardKind.Blank)
        {
            return CardEncodeResult.Refused("mac", $"layout '{Id}' is protected by a MAC; give the supply group's secret");
        }

        // Build in a scratch copy so a refusal half-way leaves the caller's image untouched.
        Span<byte> scratch = Size <= 1024 ? stackalloc byte[Size] : new byte[Size];
        image.CopyTo(scratch);
        scratch.Slice(DataArea.Offset, DataArea.Length).Fill(Fill);
        var plan = _plansByCode[_codeByKind[(int)record.Kind]]!;
        scratch[_kindField.Offset] = plan.Code;
        if (record.Kind != CardKind.Blank)
        {
            if (WriteBody(record, plan, scratch) is { } problem)
            {
                return problem;
            }

            Seal(scratch, keys);
        }

        scratch.CopyTo(image);
        return CardEncodeResult.Written;
    }

    /// <summary>Encodes onto a factory-new image (all fill).</summary>
    public CardEncodeResult Encode(CardRecord record, SupplyGroupKeys? keys, out byte[] image)
    {
        image = NewImage();
        return Encode(record, keys, image.AsSpan());
    }

    private CardEncodeResult? WriteBody(CardRecord record, KindPlan plan, Span<byte> image)
    {
        if (record.Price is not null && _priceField is null && record.Kind == CardKind.User)
        {
            return CardEncodeResult.Refused("price", $"layout '{Id}' has no price field");
        }

        if (CheckUnits(record) is { } unitProblem)
        {
            return unitProblem;
        }

        _tag.CopyTo(image[_tagField.Offset..]);
        Span<long> values = stackalloc long[FieldCount];
        Collect(record, values);
        if (WriteFields(image, plan.Fields, values) is { } problem)
        {
            return problem;
        }

        if (record.ReturnWrite is not null && (plan.Content & CardContent.ReturnWrite) != 0)
        {
            return WriteFields(image, plan.ReturnWriteFields, values);
        }

        return null;
    }

    private static CardEncodeResult? CheckUnits(CardRecord record)
    {
        // A unit cast from a stray number would be written as a byte no meter reads as any unit.
        if (!Enum.IsDefined(record.CreditUnit))
        {
            return CardEncodeResult.Refused("creditUnit", $"is {(byte)record.CreditUnit}; it must be energy, money or volume");
        }

        if (record.ReturnWrite is { } rw && rw.Remaining.Unit != record.CreditUnit)
        {
            return CardEncodeResult.Refused("returnWrite.remaining", $"is in {rw.Remaining.Unit} but the card's credit unit is {record.CreditUnit}");
        }

        if (record.Parameters is { } p && (p.Alarm1.Unit != record.CreditUnit || p.Alarm2.Unit != record.CreditUnit
            || p.OverdraftLimit.Unit != record.CreditUnit || p.PurchaseLimit.Unit != record.CreditUnit))
        {
            return CardEncodeResult.Refused("parameters", $"every amount must be in the card's credit unit ({record.CreditUnit})");
        }

        return null;
    }

    private static void Collect(CardRecord record, Span<long> values)
    {
        values[(int)CardField.CreditUnit] = (long)record.CreditUnit;
        values[(int)CardField.SupplyGroup] = record.SupplyGroup.Value;
        values[(int)CardField.CardSerial] = record.CardSerial.Value;
        values[(int)CardField.MeterNumber] = (long)record.MeterNumber.Value;
        values[(int)CardField.CustomerNumber] = (long)record.CustomerNumber.Value;
        values[(int)CardField.PurchaseCount] = record.PurchaseCount.Value;
        values[(int)CardField.PurchaseAmount] = record.Purchase.Hundredths;
        values[(int)CardField.Price] = record.Price?.TenThousandths ?? 0;
        if (record.Parameters is { } p)
        {
            values[(int)CardField.Alarm1] = p.Alarm1.Hundredths;
            values[(int)CardField.Alarm2] = p.Alarm2.Hundredths;
            values[(int)CardField.OverdraftLimit] = p.OverdraftLimit.Hundredths;
            values[(int)CardField.PurchaseLimit] = p.PurchaseLimit.Hundredths;
            values[(int)CardField.PowerLimitWatts] = p.PowerLimitWatts;
        }

        values[(int)CardField.ReturnWritePresent] = record.ReturnWrite is null ? 0 : 1;
        if (record.ReturnWrite is { } rw)
        {
            Collect(rw, values);
        }
    }

    private static CardEncodeResult? WriteFields(Span<byte> image, CompiledField[] fields, ReadOnlySpan<long> values)
    {
        foreach (var field in fields)
        {
            var value = values[(int)field.Field];
            if (Check(field, value) is { } problem)
            {
                return problem;
            }

            WriteField(image, field, value);
        }

        return null;
    }

    /// <summary>Whether <paramref name="field"/> can hold <paramref name="value"/>; the refusal when it cannot.</summary>
    private static CardEncodeResult? Check(CompiledField field, long value)
    {
        if (field.Encoding == FieldEncoding.BcdDateTime)
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(value);
            return time.Year is < 2000 or > 2099
                ? CardEncodeResult.Refused(field.Name, $"{time:O} is outside 2000-2099, the years bcd-datetime holds")
                : null;
        }

        var stored = value;
        if (field.Rescales)
        {
            if (value % field.ScaleDown != 0)
            {
                return CardEncodeResult.Refused(field.Name, $"{value} hundredths cannot be stored at this field's scale (steps of {field.ScaleDown})");
            }

            stored = value / field.ScaleDown;
        }

        if (Math.Abs(stored) > field.MaxRecordStored)
        {
            return CardEncodeResult.Refused(field.Name, $"{value} does not fit in {field.Length} bytes of {FieldEncodings.NameOf(field.Encoding)}");
        }

        return stored < 0 && !field.Signed
            ? CardEncodeResult.Refused(field.Name, $"{value} is negative but the field is unsigned")
            : null;
    }

    /// <summary>Writes a value <see cref="Check"/> accepted.</summary>
    private static void WriteField(Span<byte> image, CompiledField field, long value)
    {
        var bytes = image.Slice(field.Offset, field.Length);
        if (field.Encoding == FieldEncoding.BcdDateTime)
        {
            FieldBytes.WriteBcdDateTime(bytes, DateTimeOffset.FromUnixTimeSeconds(value));
            return;
        }

        var stored = field.Rescales ? value / field.ScaleDown * field.ScaleUp : value;
        FieldBytes.Write(bytes, field.Encoding, stored);
    }

    /// <summary>The MAC first, then the checksums in order, which may cover it (see the compiler's rules).</summary>
    internal void Seal(Span<byte> image, SupplyGroupKeys? keys)
    {
        WriteMac(image, keys, null);

        foreach (var checksum in _checksums)
        {
            FieldBytes.WriteChecksum(image.Slice(checksum.Offset, checksum.Length), ComputeChecksum(image, checksum), checksum.LittleEndian);
        }
    }

    /// <summary>Computes the MAC (through <paramref name="prefix"/> where given) and writes it into its field.</summary>
    private void WriteMac(Span<byte> image, SupplyGroupKeys? keys, MacPrefix? prefix)
    {
        if (_mac is not null)
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            ComputeMac(image, keys!, mac, prefix);
            mac[.._mac.Length].CopyTo(image[_mac.Offset..]);
        }
    }
}
