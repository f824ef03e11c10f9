namespace PrepaidMeter.Lab.Running;

/// <summary>
/// A card a step inserted or changed, before and after, decoded with the site's layout: which card it was
/// ("user card", "meter-change card"), the images as hex, and each field that differs (return-write fields
/// named "returnWrite.remaining" and so on).
/// </summary>
public sealed record CardEvidence(string Card, string BeforeHex, string AfterHex, string Before, string After, IReadOnlyList<FieldChange> Changes);

/// <summary>One field of a card that a step changed: its value before and after (absent when the image did not decode or lacked the field).</summary>
public sealed record FieldChange(string Field, string Before, string After)
{
    public override string ToString() => $"{Field}: {Before} → {After}";
}

/// <summary>One register of the meter after a step, in words.</summary>
public sealed record Register(string Name, string Value);
