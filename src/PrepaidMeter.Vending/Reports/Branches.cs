using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Reports;

/// <summary>What a branch of the network is: a feeder line or a transformer area, as customers are filed under.</summary>
public enum BranchKind
{
    Line,
    TransformerArea,
}

/// <summary>A branch's summary meter (总表), reading the energy — or, as a water or gas main, the m³ — that enters the branch.</summary>
public sealed record BranchMeter(BranchKind Kind, string Branch, string Number)
{
    /// <summary>What it measures: the electricity summary meter, or the branch's water or gas main.</summary>
    public Utility Utility { get; init; }
}

/// <summary>One reading of a summary meter: its cumulative register (hundredths of a kWh, or of a m³ for a main) at a moment.</summary>
public sealed record BranchReading(string Number, DateTimeOffset At, long CumulativeEnergy);

/// <summary>How reports and commands name a kind of branch.</summary>
public static class BranchKinds
{
    public static string Name(this BranchKind kind) => kind == BranchKind.Line ? "line" : "transformer area";
}
