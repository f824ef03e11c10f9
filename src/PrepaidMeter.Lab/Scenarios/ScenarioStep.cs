using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// One step of a scenario, already checked: the arguments its kind takes, parsed into values, and what
/// must hold after it. Arguments a kind does not take are null (the parser refuses them in the file).
/// </summary>
public sealed record ScenarioStep
{
    /// <summary>1-based, as a person counts the steps in the file.</summary>
    public required int Number { get; init; }

    public required StepKind Kind { get; init; }

    /// <summary>Free text from the file ("note"): why the step is there.</summary>
    public string? Note { get; init; }

    public PurchaseRequest? Purchase { get; init; }

    public Money? Money { get; init; }

    public MeterNumber? Meter { get; init; }

    public string? Name { get; init; }

    public string? Reason { get; init; }

    public CardKind? ToolKind { get; init; }

    public TimeSpan? Duration { get; init; }

    public LoadProfile? Load { get; init; }

    /// <summary>How the load was written ("2.5kW", "household"), for reports.</summary>
    public string? LoadText { get; init; }

    /// <summary>A flow step's flow through the account's water or gas meter (without its leak).</summary>
    public Meter.Flow.FlowProfile? Flow { get; init; }

    /// <summary>A flow step's leak, litres an hour added from the step's start on; null for none.</summary>
    public int? LeakLitresPerHour { get; init; }

    /// <summary>How the flow was written ("120 L/h", "household water curve"), for reports.</summary>
    public string? FlowText { get; init; }

    /// <summary>Where a swipe cuts the meter's power inside its card handling, down to a byte of its card write; none by default.</summary>
    public PowerCut Cut { get; init; }

    /// <summary>What a swipe's user card does wrong in the meter's reader (<see cref="SwipeCardFault"/>); none by default.</summary>
    public CardFaults CardFault { get; init; }

    /// <summary>Where a counter step's write to the customer's card is cut short; null when it runs whole.</summary>
    public CounterInterruption? Interrupt { get; init; }

    /// <summary>The byte a tamperCard step changes; null for the layout's default (inside its protected data).</summary>
    public int? Offset { get; init; }

    public RemoteCommand? Command { get; init; }

    /// <summary>A makeToken or enterToken step's token and how it is entered.</summary>
    public TokenOrder? Token { get; init; }

    /// <summary>A keyChange step's campaign.</summary>
    public KeyChangeOrder? KeyChange { get; init; }

    /// <summary>A sellToken step's token after the sale: kept, entered, or both.</summary>
    public TokenSaleOrder? TokenSale { get; init; }

    public Expectation Expect { get; init; } = Expectation.None;
}
