using System.Security.Cryptography;
using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;

namespace PrepaidMeter.Cards.Layouts;

public sealed partial class CardLayout
{
    private const int FieldCount = (int)CardField.ReturnWriteTime + 1;
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>
    /// Reads a card image. Never throws on bad bytes: a refused image comes back as a fault naming the
    /// field or range at fault. Order: size, layout tag, kind, blank check, checksums, MAC, fields —
    /// so corruption is reported as such before any field is trusted.
    /// </summary>
    /// <param name="image">The whole card image.</param>
    /// <param name="keys">The supply group's keys; required when the layout has a MAC.</param>
    public CardDecodeResult Decode(ReadOnlySpan<byte> image, SupplyGroupKeys? keys = null) => Decode(image, keys, null);

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{byte}, SupplyGroupKeys?)"/>, keeping in <paramref name="macPrefix"/> (on the
    /// fast path, <see cref="CardIntegrity"/>) the MAC's state over the bytes a return-write never changes, for a
    /// <see cref="WriteReturnWrite(Span{byte}, CardKind, CreditUnit, ReturnWriteBlock, SupplyGroupKeys?, MacPrefix?)"/>
    /// onto the same card (a meter's insertion).
    /// </summary>
    public CardDecodeResult Decode(ReadOnlySpan<byte> image, SupplyGroupKeys? keys, MacPrefix? macPrefix)
    {
        if (image.Length != Size)
        {
            // Both lengths, and which way it is off: "truncated" for a longer image sends people looking for a short read.
            return Refuse(image.Length < Size ? CardFaultKind.Truncated : CardFaultKind.TooLong, null, null, SizeMismatch(image.Length));
        }

        var code = image[_kindField.Offset];
        var plan = _plansByCode[code];
        if (plan is { Kind: CardKind.Blank })
        {
            return DecodeBlank(image, plan);
        }

        if (!image.Slice(_tagField.Offset, _tagField.Length).SequenceEqual(_tag))
        {
            return Refuse(CardFaultKind.WrongLayout, _tagField.Name, _tagField.Offset,
                $"tag {Convert.ToHexString(image.Slice(_tagField.Offset, _tagField.Length))} is not '{Id}' ({Convert.ToHexString(_tag)})");
        }

        if (plan is null)
        {
            return Refuse(CardFaultKind.WrongKind, _kindField.Name, _kindField.Offset, $"kind code 0x{code:X2} is not a kind layout '{Id}' carries");
        }

        if (VerifyChecksums(image) is { } checksumFault)
        {
            return CardDecodeResult.Refused(checksumFault);
        }

        if (_mac is not null && VerifyMac(image, keys, macPrefix) is { } macFault)
        {
            return CardDecodeResult.Refused(macFault);
        }

        Span<long> values = stackalloc long[FieldCount];
        if (ReadFields(image, plan.Fields, values) is { } fieldFault)
        {
            return CardDecodeResult.Refused(fieldFault);
        }

        var hasReturnWrite = false;
        if (_returnWritePresent is { } present && (plan.Content & CardContent.ReturnWrite) != 0)
        {
            if (values[(int)CardField.ReturnWritePresent] > 1)
            {
                return Refuse(CardFaultKind.FieldOutOfRange, present.Name, present.Offset, "must be 0 (not yet written) or 1");
            }

            hasReturnWrite = values[(int)CardField.ReturnWritePresent] == 1;
            if (hasReturnWrite && ReadFields(image, plan.ReturnWriteFields, values) is { } returnFault)
            {
                return CardDecodeResult.Refused(returnFault);
            }
        }

        return Assemble(plan, values, hasReturnWrite);
    }

    private CardDecodeResult DecodeBlank(ReadOnlySpan<byte> image, KindPlan plan)
    {
        var area = image.Slice(DataArea.Offset, DataArea.Length);
        var kindIndex = _kindField.Offset - DataArea.Offset;
        for (var i = 0; i < area.Length; i++)
        {
            if (i != kindIndex && area[i] != Fill)
            {
                return Refuse(CardFaultKind.CorruptBlank, null, DataArea.Offset + i,
                    $"kind code 0x{plan.Code:X2} says blank, but byte {DataArea.Offset + i} holds 0x{area[i]:X2}, not the fill 0x{Fill:X2}");
            }
        }

        return CardDecodeResult.Decoded(CardRecord.Blank(Id));
    }

    private CardFault? VerifyChecksums(ReadOnlySpan<byte> image)
    {
        foreach (var checksum in _checksums)
        {
            var computed = ComputeChecksum(image, checksum);
            var stored = FieldBytes.ReadChecksum(image.Slice(checksum.Offset, checksum.Length), checksum.LittleEndian);
            if (computed != stored)
            {
                return new CardFault(CardFaultKind.Checksum, checksum.Name, checksum.Offset,
                    $"'{checksum.Name}' over {checksum.Span} does not match (stored 0x{stored:X}, computed 0x{computed:X})");
            }
        }

        return null;
    }

    private CardFault? VerifyMac(ReadOnlySpan<byte> image, SupplyGroupKeys? keys, MacPrefix? prefix)
    {
        if (keys is null)
        {
            return new CardFault(CardFaultKind.KeyRequired, "mac", _mac!.Offset, $"layout '{Id}' is protected by a MAC; give the supply group's secret");
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        ComputeMac(image, keys, mac, prefix);
        if (!CryptographicOperations.FixedTimeEquals(mac[.._mac!.Length], image.Slice(_mac.Offset, _mac.Length)))
        {
            return new CardFault(CardFaultKind.Mac, "mac", _mac.Offset,
                $"the MAC over {_mac.Span} does not match: a forged card, or one of another supply group");
        }

        return null;
    }

    private static CardFault? ReadFields(ReadOnlySpan<byte> image, CompiledField[] fields, Span<long> values)
    {
        foreach (var field in fields)
        {
            var bytes = image.Slice(field.Offset, field.Length);
            long stored;
            bool valid;
            if (field.Encoding == FieldEncoding.BcdDateTime)
            {
                valid = FieldBytes.TryReadBcdDateTime(bytes, out stored);
            }
            else
            {
                valid = FieldBytes.TryRead(bytes, field.Encoding, out stored);
            }

            if (!valid)
            {
                return new CardFault(CardFaultKind.FieldOutOfRange, field.Name, field.Offset,
                    $"'{field.Name}' holds {Convert.ToHexString(bytes)}, not valid {FieldEncodings.NameOf(field.Encoding)}");
            }

            if (field.Rescales)
            {
                // record = stored / up * down; a stored value finer than the record's unit is refused.
                if (stored % field.ScaleUp != 0)
                {
                    return new CardFault(CardFaultKind.FieldOutOfRange, field.Name, field.Offset,
                        $"'{field.Name}' holds {stored}, finer than the record's resolution");
                }

                stored = stored / field.ScaleUp * field.ScaleDown;
            }

            values[(int)field.Field] = stored;
        }

        return null;
    }

    private CardDecodeResult Assemble(KindPlan plan, ReadOnlySpan<long> values, bool hasReturnWrite)
    {
        var content = plan.Content;
        var unit = CreditUnit.Energy;
        if ((content & CardContent.Amounts) != 0)
        {
            var rawUnit = values[(int)CardField.CreditUnit];
            if (rawUnit is < 0 or > byte.MaxValue || !CreditUnits.IsDefined((byte)rawUnit))
            {
                return RefuseField(CardField.CreditUnit, $"is {rawUnit}; it must be 0 (energy), 1 (money) or 2 (volume)");
            }

            unit = (CreditUnit)rawUnit;
        }

        if (!InDigits(values, CardField.SupplyGroup, SupplyGroupCode.MaxDigits) || !InDigits(values, CardField.CardSerial, CardSerial.MaxDigits)
            || !InDigits(values, CardField.MeterNumber, MeterNumber.MaxDigits) || !InDigits(values, CardField.CustomerNumber, CustomerNumber.MaxDigits)
            || !InDigits(values, CardField.ReturnWriteMeterNumber, MeterNumber.MaxDigits))
        {
            return RefuseField(FirstOutOfDigits(values), "has more digits than the record allows");
        }

        foreach (var count in (ReadOnlySpan<CardField>)[CardField.PurchaseCount, CardField.ReturnWritePurchaseCount])
        {
            if (values[(int)count] > PurchaseCount.MaxCount)
            {
                return RefuseField(count, $"is above the largest purchase count {PurchaseCount.MaxCount}");
            }
        }

        foreach (var amount in (ReadOnlySpan<CardField>)[CardField.PurchaseAmount, CardField.Alarm1, CardField.Alarm2, CardField.OverdraftLimit,
                     CardField.PurchaseLimit, CardField.ReturnWriteRemaining, CardField.ReturnWriteCumulativeEnergy])
        {
            if (Math.Abs(values[(int)amount]) > Energy.MaxHundredths)
            {
                return RefuseField(amount, "is beyond the largest amount");
            }
        }

        if (values[(int)CardField.Price] > UnitPrice.MaxTenThousandths || values[(int)CardField.PowerLimitWatts] > uint.MaxValue
            || values[(int)CardField.ReturnWriteStatus] > ushort.MaxValue)
        {
            return RefuseField(values[(int)CardField.Price] > UnitPrice.MaxTenThousandths ? CardField.Price
                : values[(int)CardField.PowerLimitWatts] > uint.MaxValue ? CardField.PowerLimitWatts : CardField.ReturnWriteStatus, "is out of range");
        }

        if (values[(int)CardField.ReturnWriteTime] > MaxUnixSeconds)
        {
            return RefuseField(CardField.ReturnWriteTime, "is after the year 9999");
        }

        var record = new CardRecord
        {
            Kind = plan.Kind,
            Layout = Id,
            CreditUnit = unit,
            SupplyGroup = SupplyGroupCode.From((ulong)values[(int)CardField.SupplyGroup]),
            CardSerial = CardSerial.From((ulong)values[(int)CardField.CardSerial]),
            MeterNumber = MeterNumber.From((ulong)values[(int)CardField.MeterNumber]),
            CustomerNumber = CustomerNumber.From((ulong)values[(int)CardField.CustomerNumber]),
            PurchaseCount = PurchaseCount.From((uint)values[(int)CardField.PurchaseCount]),
            Purchase = new(unit, values[(int)CardField.PurchaseAmount]),
            Price = values[(int)CardField.Price] == 0 ? null : UnitPrice.FromTenThousandths(values[(int)CardField.Price]),
            Parameters = (content & CardContent.Parameters) == 0 ? null : new MeterParameters(
                new(unit, values[(int)CardField.Alarm1]),
                new(unit, values[(int)CardField.Alarm2]),
                new(unit, values[(int)CardField.OverdraftLimit]),
                new(unit, values[(int)CardField.PurchaseLimit]),
                (uint)values[(int)CardField.PowerLimitWatts]),
            ReturnWrite = hasReturnWrite ? new ReturnWriteBlock(
                MeterNumber.From((ulong)values[(int)CardField.ReturnWriteMeterNumber]),
                PurchaseCount.From((uint)values[(int)CardField.ReturnWritePurchaseCount]),
                new CreditAmount(unit, values[(int)CardField.ReturnWriteRemaining]),
                Energy.FromHundredths(values[(int)CardField.ReturnWriteCumulativeEnergy]),
                (ReturnWriteStatus)values[(int)CardField.ReturnWriteStatus],
                DateTimeOffset.FromUnixTimeSeconds(values[(int)CardField.ReturnWriteTime])) : null,
        };
        return CardDecodeResult.Decoded(record);
    }

    private static bool InDigits(ReadOnlySpan<long> values, CardField field, int digits) =>
        values[(int)field] <= digits switch
        {
            6 => 999_999L,
            8 => 99_999_999L,
            12 => 999_999_999_999L,
            _ => FieldEncodings.PowerOfTen(digits) - 1,
        };

    private static CardField FirstOutOfDigits(ReadOnlySpan<long> values) =>
        !InDigits(values, CardField.SupplyGroup, SupplyGroupCode.MaxDigits) ? CardField.SupplyGroup
        : !InDigits(values, CardField.CardSerial, CardSerial.MaxDigits) ? CardField.CardSerial
        : !InDigits(values, CardField.MeterNumber, MeterNumber.MaxDigits) ? CardField.MeterNumber
        : !InDigits(values, CardField.CustomerNumber, CustomerNumber.MaxDigits) ? CardField.CustomerNumber
        : CardField.ReturnWriteMeterNumber;

    private CardDecodeResult RefuseField(CardField field, string detail)
    {
        var compiled = _fields.GetValueOrDefault(field);
        var name = CardFieldInfo.Of(field).Name;
        return Refuse(CardFaultKind.FieldOutOfRange, name, compiled?.Offset, $"'{name}' {detail}");
    }

    private static CardDecodeResult Refuse(CardFaultKind kind, string? field, int? offset, string detail) =>
        CardDecodeResult.Refused(new CardFault(kind, field, offset, detail));

    private static uint ComputeChecksum(ReadOnlySpan<byte> image, CompiledChecksum checksum)
    {
        var state = Checksums.Initial(checksum.Algorithm);
        foreach (var range in checksum.Covers)
        {
            state = Checksums.Update(checksum.Algorithm, state, image.Slice(range.Offset, range.Length));
        }

        return Checksums.Finish(checksum.Algorithm, state);
    }

    /// <summary>
    /// The card MAC: HMAC-SHA256 under the supply group's MAC key over the bytes the MAC covers, its ranges taken in
    /// order as one message. <paramref name="prefix"/>, where a meter keeps the state over the bytes a return-write
    /// leaves alone, is for the fast path only; the MAC is the same without it.
    /// </summary>
    private void ComputeMac(ReadOnlySpan<byte> image, SupplyGroupKeys keys, Span<byte> destination, MacPrefix? prefix)
    {
        var mac = _mac!;
        if (mac.Covers.Length == 1)
        {
            var covered = image.Slice(mac.Covers[0].Offset, mac.Covers[0].Length);
            if (prefix is not null && _macPrefixLength > 0)
            {
                keys.ComputeMac(covered, destination, prefix, _macPrefixLength);
            }
            else
            {
                keys.ComputeMac(covered, destination);
            }

            return;
        }

        // Several ranges: gathered on the stack (an image is at most 8 KiB) into one message.
        Span<byte> gathered = mac.CoveredBytes <= 1024 ? stackalloc byte[mac.CoveredBytes] : new byte[mac.CoveredBytes];
        var at = 0;
        foreach (var range in mac.Covers)
        {
            image.Slice(range.Offset, range.Length).CopyTo(gathered[at..]);
            at += range.Length;
        }

        keys.ComputeMac(gathered, destination);
    }
}
