using System.Text.Json;
using System.Text.Json.Serialization;
using PrepaidMeter.Cli.Printing;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using Spectre.Console;

namespace PrepaidMeter.Cli.Commands.Vend.Call;

/// <summary>
/// How `prepaid vend` prints results: --json prints the JSON (values as their printed text, so
/// amounts keep their two decimals); otherwise one object prints as aligned name/value lines and a
/// list as a table. One serialisation feeds both, so the two never disagree.
/// </summary>
internal static class VendOutput
{
    public static readonly JsonSerializerOptions Json = WithTokenKeys(new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters =
        {
            new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower),
            new AsText<Money>(), new AsText<Energy>(), new AsText<MeterNumber>(), new AsText<CustomerNumber>(), new AsText<CardSerial>(),
            new AsText<PurchaseCount>(), new AsText<SupplyGroupCode>(), new AsText<CreditAmount>(), new AsText<UnitPrice>(),
        },
    });

    /// <summary>The token key converters go before the general enum converter, which would otherwise take their enums.</summary>
    private static JsonSerializerOptions WithTokenKeys(JsonSerializerOptions options)
    {
        foreach (var converter in TokenKeyJson.Converters.Reverse())
        {
            options.Converters.Insert(0, converter);
        }

        return options;
    }

    public static void Print<T>(TextWriter output, T value, bool json)
    {
        var text = JsonSerializer.Serialize(value, Json);
        if (json)
        {
            output.WriteLine(text);
            return;
        }

        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            output.WriteLine(document.RootElement.ValueKind == JsonValueKind.Object ? RecordText.Readable(text) : document.RootElement.ToString());
            return;
        }

        var rows = document.RootElement.EnumerateArray().ToList();
        if (rows.Count == 0)
        {
            output.WriteLine("(none)");
            return;
        }

        var columns = rows[0].ValueKind == JsonValueKind.Object ? rows[0].EnumerateObject().Select(p => p.Name).ToList() : ["value"];
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        foreach (var row in rows)
        {
            table.AddRow([.. columns.Select(c => Markup.Escape(row.ValueKind == JsonValueKind.Object && row.TryGetProperty(c, out var cell) ? Cell(cell) : row.ToString()))]);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        console.Write(table);
    }

    private static string Cell(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.Object or JsonValueKind.Array => cell.GetRawText(),
        _ => cell.ToString(),
    };

    private sealed class AsText<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("prepaid only writes this JSON.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value?.ToString());
    }
}
