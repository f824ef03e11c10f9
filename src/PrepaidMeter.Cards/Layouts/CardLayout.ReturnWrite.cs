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
    public CardEncodeResult WriteReturnWrite(Span<byte> image, CardKind kind, CreditUnit unit, ReturnWriteBlock block, SupplyGroupKeys? keys)
    {
        if (image.Length != Size)
        {
            throw new ArgumentException($"The image has {image.Length} bytes; layout '{Id}' has {Size}.", nameof(image));
        }

        if (!_supportsKind[(int)kind] || (_plansByCode[_codeByKind[(int)kind]]!.Content & CardContent.ReturnWrite) == 0)
        {
            return CardEncodeResult.Refused("kind", $"{LayoutCompiler.KindName(kind)} cards of layout '{Id}' carry no return-write");
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
        foreach (var field in fields)
        {
            if (Check(field, ValueOf(field.Field, block)) is { } problem)
            {
                return problem;
            }
        }

        if (_returnWritePresent is { } present)
        {
            FieldBytes.Write(image.Slice(present.Offset, present.Length), present.Encoding, 1);
        }

        foreach (var field in fields)
        {
            WriteField(image, field, ValueOf(field.Field, block));
        }

        Seal(image, keys);
        return CardEncodeResult.Written;
    }

    private static long ValueOf(CardField field, in ReturnWriteBlock block) => field switch
    {
        CardField.ReturnWriteMeterNumber => (long)block.MeterNumber.Value,
        CardField.ReturnWritePurchaseCount => block.LoadedCount.Value,
        CardField.ReturnWriteRemaining => block.Remaining.Hundredths,
        CardField.ReturnWriteCumulativeEnergy => block.CumulativeEnergy.Hundredths,
        CardField.ReturnWriteStatus => (long)block.Status,
        CardField.ReturnWriteTime => block.WrittenAt.ToUnixTimeSeconds(),
        _ => throw new InvalidOperationException($"{field} is not a return-write field."),
    };
}
