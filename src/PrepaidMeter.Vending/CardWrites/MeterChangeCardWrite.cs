namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// The card that takes a meter's credit at a meter change. Recorded as a tool card: the change stays open, and the
/// account refuses sales, until the transfer completes it (<see cref="TransferSaleWrite"/>) or the card is recycled.
/// </summary>
internal sealed record MeterChangeCardWrite(string GroupCode, string MeterNumber, string Summary) : IssuedToolCard(GroupCode, MeterNumber, Summary)
{
    internal override string Name => "meter-change-card";

    // As Rows.OpenChangeCard and the transfer look for it.
    internal override string ToolKind => "meter-change";
}
