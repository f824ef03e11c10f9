using System.Globalization;
using System.Text;
using System.Text.Json;
using PrepaidMeter.Core;

namespace PrepaidMeter.Cards.Records;

/// <summary>
/// The JSON form of a card record, for people and golden files: amounts as decimal strings, codes as
/// zero-padded digit strings, only the parts the kind carries. Reading refuses anything else, with a
/// message naming the property.
/// </summary>
public static partial class CardRecordJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    public static string Write(CardRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var content = CardContents.Of(record.Kind);
            json.WriteStartObject();
            json.WriteString("kind", CardKinds.NameOf(record.Kind));
            json.WriteString("layout", record.Layout);
            if (content.HasFlag(CardContent.Amounts))
            {
                json.WriteString("creditUnit", record.CreditUnit.Name());
            }

            if (content.HasFlag(CardContent.Header))
            {
                json.WriteString("supplyGroup", record.SupplyGroup.ToString());
                json.WriteString("cardSerial", record.CardSerial.ToString());
            }

            if (content.HasFlag(CardContent.Meter))
            {
                json.WriteString("meterNumber", record.MeterNumber.ToString());
            }

            if (content.HasFlag(CardContent.Customer))
            {
                json.WriteString("customerNumber", record.CustomerNumber.ToString());
            }

            if (content.HasFlag(CardContent.Purchase))
            {
                json.WriteNumber("purchaseCount", record.PurchaseCount.Value);
                json.WriteString("purchase", Amount(record.Purchase.Hundredths));
                if (record.Price is { } price)
                {
                    json.WriteString("price", price.ToString());
                }
            }

            if (content.HasFlag(CardContent.Parameters) && record.Parameters is { } p)
            {
                json.WriteStartObject("parameters");
                json.WriteString("alarm1", Amount(p.Alarm1.Hundredths));
                json.WriteString("alarm2", Amount(p.Alarm2.Hundredths));
                json.WriteString("overdraftLimit", Amount(p.OverdraftLimit.Hundredths));
                json.WriteString("purchaseLimit", Amount(p.PurchaseLimit.Hundredths));
                json.WriteNumber("powerLimitWatts", p.PowerLimitWatts);
                json.WriteEndObject();
            }

            if (content.HasFlag(CardContent.ReturnWrite) && record.ReturnWrite is { } rw)
            {
                json.WriteStartObject("returnWrite");
                json.WriteString("meterNumber", rw.MeterNumber.ToString());
                json.WriteNumber("loadedCount", rw.LoadedCount.Value);
                json.WriteString("remaining", Amount(rw.Remaining.Hundredths));
                json.WriteString("cumulativeEnergy", Amount(rw.CumulativeEnergy.Hundredths));
                WriteStatus(json, rw.Status);
                json.WriteString("writtenAt", rw.WrittenAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Named flags as a list; a status with bits this version does not name is kept exactly, as a number.</summary>
    private static void WriteStatus(Utf8JsonWriter json, ReturnWriteStatus status)
    {
        var named = Enum.GetValues<ReturnWriteStatus>().Aggregate(ReturnWriteStatus.None, (all, flag) => all | flag);
        if ((status & ~named) != 0)
        {
            json.WriteNumber("status", (ushort)status);
            return;
        }

        json.WriteStartArray("status");
        foreach (var flag in Enum.GetValues<ReturnWriteStatus>().Where(f => f != ReturnWriteStatus.None && status.HasFlag(f)))
        {
            json.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(flag.ToString()));
        }

        json.WriteEndArray();
    }

    private static string Amount(long hundredths) => Money.FromHundredths(hundredths).ToString();
}
