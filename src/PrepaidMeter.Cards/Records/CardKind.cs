namespace PrepaidMeter.Cards.Records;

/// <summary>What a card is for. Each kind carries its own part of the canonical record.</summary>
public enum CardKind
{
    /// <summary>A new or recycled card: nothing on it.</summary>
    Blank,

    /// <summary>用户卡 / 购电卡: the customer's card with the last purchase and, after a swipe, the return-write.</summary>
    User,

    /// <summary>设置卡: writes parameters and the supply group into a meter.</summary>
    Set,

    /// <summary>清空卡: wipes a meter back to new, except its clock.</summary>
    Clear,

    /// <summary>清零卡: like clear, but keeps cumulative energy.</summary>
    Zero,

    /// <summary>检查卡 / 抄表卡: the meter writes its registers onto it.</summary>
    Check,

    /// <summary>测试卡: makes the meter cycle the relay and show its display test.</summary>
    Test,

    /// <summary>换表卡: the old meter writes its remaining credit onto it for the new meter.</summary>
    MeterChange,
}

/// <summary>The name each kind has in layout descriptors and card record JSON: one spelling for both.</summary>
public static class CardKinds
{
    private static readonly (string Name, CardKind Kind)[] Names =
    [
        ("blank", CardKind.Blank), ("user", CardKind.User), ("set", CardKind.Set), ("clear", CardKind.Clear),
        ("zero", CardKind.Zero), ("check", CardKind.Check), ("test", CardKind.Test), ("meterChange", CardKind.MeterChange),
    ];

    public static IEnumerable<string> AllNames => Names.Select(n => n.Name);

    public static string NameOf(CardKind kind) => Array.Find(Names, n => n.Kind == kind).Name;

    public static CardKind? Parse(string? name) =>
        Array.FindIndex(Names, n => n.Name == name) is var i and >= 0 ? Names[i].Kind : null;
}
