using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Certification;

/// <summary>
/// The card protocol's security as the forged-card clause found it. A forgeable protocol is a finding about
/// the model's layout, not a failure of the meter: the clause passes when the meter behaves as its layout
/// allows, and the report's header says FORGEABLE in red whatever the verdict (docs/scenarios.md).
/// </summary>
public sealed record CardProtocol(bool Forgeable, string Headline, string Detail)
{
    public const string ForgeryTitle = "A card forged without the group's secret (purchase edited, checksums recomputed) is judged by the layout's MAC";

    public static CardProtocol Judge(CertificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Model.Layouts.Count == 0)
        {
            return new(false, "card protocol: none (a keypad-only meter: no card reader)", "the model takes STS tokens only; rule TK16 says every card is refused");
        }

        var layout = result.Model.Layouts[0];
        var mac = layout.HasMac ? "MAC" : "no MAC";
        var run = result.Clauses.FirstOrDefault(c => c.Clause.Forgery).Result;
        var swipe = run?.Steps.LastOrDefault(s => s.MeterResult is not null);
        return swipe?.MeterResult switch
        {
            null => new(!layout.HasMac, $"card protocol: not tested ({layout.Id}, {mac})", "the forged-card clause did not run"),
            MeterResult.Loaded => new(true, $"card protocol: FORGEABLE ({layout.Id}, {mac})",
                $"a card whose purchase was edited and whose checksums were recomputed without the group's secret was loaded: {swipe.Summary}"),
            MeterResult.BadCard => new(false, $"card protocol: forged card refused ({layout.Id}, {mac})", swipe.Summary),
            { } other => new(false, $"card protocol: forged card answered {other} ({layout.Id}, {mac})", swipe.Summary),
        };
    }
}
