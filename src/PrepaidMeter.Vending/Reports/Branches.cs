namespace PrepaidMeter.Vending.Reports;

/// <summary>What a branch of the network is: a feeder line or a transformer area, as customers are filed under.</summary>
public enum BranchKind
{
    Line,
    TransformerArea,
}

/// <summary>A branch's summary meter (总表), reading the energy that enters the branch.</summary>
public sealed record BranchMeter(BranchKind Kind, string Branch, string Number);

/// <summary>One reading of a summary meter: its cumulative energy (hundredths of a kWh) at a moment.</summary>
public sealed record BranchReading(string Number, DateTimeOffset At, long CumulativeEnergy);

/// <summary>How reports and commands name a kind of branch.</summary>
public static class BranchKinds
{
    public static string Name(this BranchKind kind) => kind == BranchKind.Line ? "line" : "transformer area";
}
