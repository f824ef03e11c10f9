using System.Text.Json.Serialization;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>A set, clear, zero, check or test card for a supply group.</summary>
/// <param name="Kind">Which; by name in the JSON, so the settle reads the same whatever the enum's order.</param>
internal sealed record ToolCardWrite(string GroupCode, [property: JsonConverter(typeof(JsonStringEnumConverter<CardKind>))] CardKind Kind, string MeterNumber, string Summary)
    : IssuedToolCard(GroupCode, MeterNumber, Summary)
{
    internal override string Name => "tool-card";

    internal override string ToolKind => Rows.Lower(Kind);
}
