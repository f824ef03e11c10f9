namespace PrepaidMeter.Cards.Records;

/// <summary>What makes a set of meter parameters consistent, for model defaults and set cards alike.</summary>
public static class MeterParameterRules
{
    public static string? Problem(MeterParameters p)
    {
        if (p.Alarm2.Hundredths > p.Alarm1.Hundredths)
        {
            return $"alarm2 ({p.Alarm2}) is above alarm1 ({p.Alarm1}): alarm 2 is the lower, later level";
        }

        if (p.PurchaseLimit.Hundredths > 0 && p.PurchaseLimit.Hundredths <= p.Alarm1.Hundredths)
        {
            return $"purchaseLimit ({p.PurchaseLimit}) must be above alarm1 ({p.Alarm1})";
        }

        return null;
    }
}
