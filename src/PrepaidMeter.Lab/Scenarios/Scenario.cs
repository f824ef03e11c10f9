using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>A field story or edge case, as data: the meter model, the site it is sold from, and the steps.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Where it was read from, for messages ("fixtures/scenarios/x.json", "library:x").</summary>
    public required string Source { get; init; }

    public required MeterModel Model { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required SiteSetup Site { get; init; }

    public required IReadOnlyList<ScenarioStep> Steps { get; init; }
}

/// <summary>The back office's set-up for a scenario: one supply group, one price, one customer, meters in stock.</summary>
public sealed record SiteSetup
{
    public static readonly byte[] DefaultSecret = Convert.FromHexString("5052455041494430");

    public SupplyGroupCode Group { get; init; } = SupplyGroupCode.From(100001);

    public byte[] Secret { get; init; } = DefaultSecret;

    /// <summary>Meter parameters the group's set cards carry; null takes the model's default.</summary>
    public long? Alarm1 { get; init; }

    public long? Alarm2 { get; init; }

    public long? Overdraft { get; init; }

    public long? PurchaseLimit { get; init; }

    public uint? PowerLimitWatts { get; init; }

    /// <summary>
    /// The price definition as the back office takes it (JSON: flat, tiered, time-of-use, composite); null takes the default
    /// for the model's utility (<see cref="DefaultPrice"/>): per kWh for electricity, per m³ for water and gas.
    /// </summary>
    public string? Price { get; init; }

    /// <summary>The price a site without one sells at: 0.50 a kWh, 3.50 a m³ of water, 2.80 a m³ of gas.</summary>
    public static string DefaultPrice(Utility utility) => utility switch
    {
        Utility.Water => """{"kind":"flat","price":"3.5000"}""",
        Utility.Gas => """{"kind":"flat","price":"2.8000"}""",
        _ => """{"kind":"flat","price":"0.5000"}""",
    };

    public string CustomerName { get; init; } = "Li Wei";

    public string CustomerAddress { get; init; } = "1 River Road";

    /// <summary>Meters in stock; the first is where the account is opened unless a step says otherwise.</summary>
    public IReadOnlyList<MeterNumber> Meters { get; init; } = [MeterNumber.From(12345678), MeterNumber.From(12345679)];
}
