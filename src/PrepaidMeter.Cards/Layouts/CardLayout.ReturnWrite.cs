using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;

namespace PrepaidMeter.Cards.Layouts;

public sealed partial class CardLayout
{
    /// <summary>
    /// Writes a meter's return-write block into an image of this layout that has just been decoded and
    /// verified: only the return-write fields change, then the MAC and checksums are sealed again. This is
    /// what a meter does (it never rewrites the purchase it read), and it spares re-encoding the whole
    /// record. For an image <see cref="Encode(CardRecord, SupplyGroupKeys?, Span{byte})"/> wrote, the result is
    /// the same bytes as encoding the record with the block in it. On a refusal the image is left as it was.
    /// </summary>
    /// <param name="kind">The decoded card's kind; it must carry a return-write.</param>
    /// <param name="unit">The decoded card's credit unit; the block's remaining credit must be in it.</param>
    /// <param name="macPrefix">What the decode of this image kept (<see cref="Decode(ReadOnlySpan{byte}, SupplyGroupKeys?, MacPrefix?)"/>), or null.</param>
    public CardEncodeResult WriteReturnWrite(Span<byte> image, CardKind kind, CreditUnit unit, ReturnWriteBlock block, SupplyGroupKeys? keys, MacPrefix? macPrefix = null)
    {
        if (image.Length != Size)
        {
            throw new ArgumentException(SizeMismatch(image.Length), nameof(image));
        }

        if (!_supportsKind[(int)kind] || (_plansByCode[_codeByKind[(int)kind]]!.Content & CardContent.ReturnWrite) == 0)
        {
            return CardEncodeResult.Refused("kind", $"{CardKinds.NameOf(kind)} cards of layout '{Id}' carry no return-write");
        }

        if (block.Remaining.Unit != unit)
        {
            return CardEncodeResult.Refused("returnWrite.remaining", $"is in {block.Remaining.Unit} but the card's credit unit is {unit}");
        }

        if (_mac is not null && keys is null)
        {
            return CardEncodeResult.Refused("mac", $"layout '{Id}' is protected by a MAC; give the supply group's secret");
        }

        // Every value is checked before the first byte is written, so a refusal leaves the image as it was.
        var fields = _plansByCode[_codeByKind[(int)kind]]!.ReturnWriteFields;
        Span<long> values = stackalloc long[FieldCount];
        Collect(block, values);
        foreach (var field in fields)
        {
            if (Check(field, values[(int)field.Field]) is { } problem)
            {
                return problem;
            }
        }

        // The card as read, for the fast reseal that moves the checksums by what changed.
        Span<byte> before = Size <= 1024 ? stackalloc byte[Size] : new byte[Size];
        image.CopyTo(before);
        if (_returnWritePresent is { } present)
        {
            FieldBytes.Write(image.Slice(present.Offset, present.Length), present.Encoding, 1);
        }

        foreach (var field in fields)
        {
            WriteField(image, field, values[(int)field.Field]);
        }

        Reseal(image, before, keys, macPrefix);
        return CardEncodeResult.Written;
    }

    /// <summary>
    /// Seals the image again after its return-write fields changed. The plain way is <see cref="Seal"/>: the MAC,
    /// then each checksum, from scratch. The fast way (<see cref="CardIntegrity"/>) starts the MAC from
    /// <paramref name="macPrefix"/> where it was kept for these leading bytes (a return-write changes none of them)
    /// and moves each checksum by the bytes that changed (<see cref="FastChecksums.UpdateDifference"/>). They agree
    /// on a card whose seal was valid, which is what this is given (decoded and verified); on one whose checksums
    /// were wrong the fast way leaves them wrong.
    /// </summary>
    private void Reseal(Span<byte> image, ReadOnlySpan<byte> before, SupplyGroupKeys? keys, MacPrefix? macPrefix)
    {
        if (!CardIntegrity.IsFast)
        {
            Seal(image, keys);
            return;
        }

        WriteMac(image, keys, macPrefix);
        foreach (var checksum in _checksums)
        {
            var difference = 0u;
            foreach (var range in checksum.Covers)
            {
                difference = FastChecksums.UpdateDifference(checksum.Algorithm, difference,
                    before.Slice(range.Offset, range.Length), image.Slice(range.Offset, range.Length));
            }

            var field = image.Slice(checksum.Offset, checksum.Length);
            var stored = FieldBytes.ReadChecksum(field, checksum.LittleEndian);
            FieldBytes.WriteChecksum(field, FastChecksums.ApplyDifference(checksum.Algorithm, stored, difference), checksum.LittleEndian);
        }
    }

    private static void Collect(in ReturnWriteBlock block, Span<long> values)
    {
        values[(int)CardField.ReturnWriteMeterNumber] = (long)block.MeterNumber.Value;
        values[(int)CardField.ReturnWritePurchaseCount] = block.LoadedCount.Value;
        values[(int)CardField.ReturnWriteRemaining] = block.Remaining.Hundredths;
        values[(int)CardField.ReturnWriteCumulativeEnergy] = block.CumulativeEnergy.Hundredths;
        values[(int)CardField.ReturnWriteStatus] = (long)block.Status;
        values[(int)CardField.ReturnWriteTime] = block.WrittenAt.ToUnixTimeSeconds();
    }
}
