using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Readings;

/// <summary>What a reading round polls: the meters of a line, of a transformer area, or a list.</summary>
public enum RoundScopeKind
{
    Line,
    Area,
    List,
}

/// <summary>
/// The meters a reading round polls. A line or an area: the electricity meters with an open account whose customer is
/// filed under it (as line loss counts them). A list: the meters named, each in the books and an electricity meter.
/// </summary>
public sealed record RoundScope
{
    private RoundScope(RoundScopeKind kind, string name, IReadOnlyList<MeterNumber> meters)
    {
        Kind = kind;
        Name = name;
        Meters = meters;
    }

    public RoundScopeKind Kind { get; }

    /// <summary>The line's or area's name; for a list, its numbers joined by commas.</summary>
    public string Name { get; }

    /// <summary>A list's meters, in the order given; empty for a line or an area.</summary>
    public IReadOnlyList<MeterNumber> Meters { get; }

    public static RoundScope Line(string name) => new(RoundScopeKind.Line, name?.Trim() ?? "", []);

    public static RoundScope Area(string name) => new(RoundScopeKind.Area, name?.Trim() ?? "", []);

    public static RoundScope List(IReadOnlyList<MeterNumber> meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        return new(RoundScopeKind.List, string.Join(',', meters), meters);
    }

    /// <summary>"line L01", "area T001", "meters 000900000001,000900000002".</summary>
    public override string ToString() => Kind switch
    {
        RoundScopeKind.Line => $"line {Name}",
        RoundScopeKind.Area => $"area {Name}",
        _ => $"meters {Name}",
    };
}
