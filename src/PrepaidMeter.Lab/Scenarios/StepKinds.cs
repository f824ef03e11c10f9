namespace PrepaidMeter.Lab.Scenarios;

/// <summary>What each step kind takes and which expectations can name something after it.</summary>
public static class StepKinds
{
    /// <summary>The arguments a kind takes in the file (besides "do", "note" and "expect").</summary>
    public static IReadOnlyList<string> Arguments(StepKind kind) => kind switch
    {
        StepKind.OpenAccount => ["energy", "volume", "money", "meter", "interrupt", "afterBytes"],
        StepKind.Sell or StepKind.Correct => ["energy", "volume", "money", "interrupt", "afterBytes"],
        StepKind.ForgeCard => ["energy", "volume", "money"],
        StepKind.Cancel => ["interrupt", "afterBytes"],
        StepKind.ChargeArrears => ["money", "reason"],
        StepKind.Swipe => ["cut", "cardFault", "afterBytes", "apdu", "sw", "meter"],
        StepKind.KeepImage => ["as"],
        StepKind.Replay => ["image", "meter"],
        StepKind.Reissue => ["reason", "interrupt", "afterBytes"],
        StepKind.ToolCard => ["kind", "meter", "interrupt", "afterBytes"],
        StepKind.ChangeMeter => ["to"],
        StepKind.ForeignCard or StepKind.BlankCard or StepKind.OverLimitCard or StepKind.ReadMeter => ["meter"],
        StepKind.TamperCard => ["offset"],
        StepKind.Consume => ["load", "profile", "powerFactor", "for"],
        StepKind.Flow => ["rate", "profile", "leak", "for"],
        StepKind.Advance => ["for"],
        StepKind.Remote => ["command"],
        StepKind.MakeToken => ["energy", "volume", "management", "value", "test", "manufacturerCode", "forMeter", "meter", "as"],
        StepKind.EnterToken => ["energy", "volume", "management", "value", "test", "manufacturerCode", "token", "keys", "mistype", "forMeter", "backspace", "count", "meter", "as"],
        StepKind.KeyChange => ["rollover", "sections", "keyExpiry", "energy", "volume", "meter"],
        StepKind.SellToken => ["energy", "volume", "money", "meter", "as", "enter"],
        _ => [],
    };

    /// <summary>Steps done at the counter: the back office may refuse them.</summary>
    public static bool AtCounter(StepKind kind) => kind is StepKind.OpenAccount or StepKind.Sell or StepKind.Correct or StepKind.Cancel
        or StepKind.ChargeArrears or StepKind.TakeReading or StepKind.Reissue or StepKind.ToolCard or StepKind.ChangeMeter or StepKind.Recover or StepKind.SellToken;

    /// <summary>Steps that insert one card in a meter: the meter answers with a result code.</summary>
    public static bool InsertsCard(StepKind kind) => kind is StepKind.Swipe or StepKind.Replay or StepKind.ToolCard
        or StepKind.ChangeMeter or StepKind.ForeignCard or StepKind.BlankCard or StepKind.OverLimitCard;

    /// <summary>Steps that enter tokens at a meter's keypad: the meter answers each with a response code (rule TK3).</summary>
    public static bool EntersToken(StepKind kind) => kind is StepKind.EnterToken or StepKind.KeyChange or StepKind.SellToken;

    /// <summary>Steps that make keypad tokens (and need a model that takes them).</summary>
    public static bool IsToken(StepKind kind) => kind is StepKind.MakeToken or StepKind.EnterToken or StepKind.KeyChange or StepKind.SellToken;

    /// <summary>The steps that act on a water or gas meter's parts, each one <see cref="Meter.PartAct"/>.</summary>
    public static Meter.PartAct? PartAct(StepKind kind) => kind switch
    {
        StepKind.ApplyMagnet => Meter.PartAct.ApplyMagnet,
        StepKind.RemoveMagnet => Meter.PartAct.RemoveMagnet,
        StepKind.OpenCase => Meter.PartAct.OpenCase,
        StepKind.CloseCase => Meter.PartAct.CloseCase,
        StepKind.ChangeBattery => Meter.PartAct.ChangeBattery,
        StepKind.SeizeValve => Meter.PartAct.SeizeValve,
        StepKind.FreeValve => Meter.PartAct.FreeValve,
        _ => null,
    };

    public static string NameOf(StepKind kind) => JsonFields.CamelCase(kind.ToString());
}
