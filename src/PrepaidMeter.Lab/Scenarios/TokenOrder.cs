using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>Which token a makeToken or enterToken step makes (docs/scenarios.md, "Keypad tokens").</summary>
public enum TokenWhat
{
    /// <summary>Credit of the meter's utility: electricity for an energy meter, water or gas for a volume one.</summary>
    Credit,

    /// <summary>A class 2 management token (set maximum power limit, clear credit, ...).</summary>
    Management,

    /// <summary>A class 1 test/display token with the model's manufacturer code (or the step's).</summary>
    Test,

    /// <summary>A token an earlier step kept ("as"), entered again.</summary>
    Kept,

    /// <summary>Keys typed as written: digits, B backspace, # enter.</summary>
    Keys,
}

/// <summary>
/// What a token step makes and how it is entered: the token (made by the lab's vending side with the engine, for the step's meter
/// under the key the lab last gave it), and the ways a person gets it wrong — one digit changed, a token made for another
/// meter, typed key by key with a slip taken back by backspace — and how many of it.
/// </summary>
public sealed record TokenOrder
{
    public required TokenWhat What { get; init; }

    /// <summary>A credit token's amount, hundredths of the model's unit (a token carries tenths: a multiple of 10).</summary>
    public long? Credit { get; init; }

    /// <summary>How the credit was given: 'energy' or 'volume' (checked against the model's unit).</summary>
    public CreditUnit? CreditUnit { get; init; }

    /// <summary>Credit of this kind instead of the meter's own utility (certification's TK8: water credit to an electricity meter); not in the file.</summary>
    public CreditKind? OtherKind { get; init; }

    public ManagementKind? Management { get; init; }

    /// <summary>A management token's value: watts for a power limit, the register for clear credit (65535 all), else the raw field.</summary>
    public long? Value { get; init; }

    /// <summary>A test token's control bits (docs/meter-rules.md TK13; 0 all tests).</summary>
    public ulong? TestControl { get; init; }

    /// <summary>A test token's manufacturer code when not the model's (a "Mfr Err" test).</summary>
    public string? ManufacturerCode { get; init; }

    /// <summary>The kept token's name (<see cref="TokenWhat.Kept"/>).</summary>
    public string? Kept { get; init; }

    /// <summary>The keys typed as written (<see cref="TokenWhat.Keys"/>).</summary>
    public string? Keys { get; init; }

    /// <summary>The digit (1–20, from the left) typed one more than it is (9 becomes 0): a mistyped token.</summary>
    public int? Mistype { get; init; }

    /// <summary>The token is made for this meter's DRN and key (same vending key), then entered at the step's meter.</summary>
    public MeterNumber? ForMeter { get; init; }

    /// <summary>Typed key by key, a wrong digit typed after the tenth and taken back with backspace.</summary>
    public bool WithBackspace { get; init; }

    /// <summary>How many such tokens are made and entered, one after another (each a new TID: the same-minute bump).</summary>
    public int Count { get; init; } = 1;

    /// <summary>The name the (last) token is kept under, for a later step to enter again.</summary>
    public string? KeepAs { get; init; }
}

/// <summary>
/// A key change campaign at one meter (rules TK10–TK12): the lab's vending side makes the key change set for the next key
/// revision (and, with <see cref="Rollover"/>, the next base date) under the meter's current key, the sections are entered in
/// <see cref="Sections"/>' order, and with <see cref="Credit"/> a credit token under the new key follows.
/// </summary>
public sealed record KeyChangeOrder
{
    public bool Rollover { get; init; }

    /// <summary>The sections entered, 1-based, in this order; null for all of the set in order (2 for EA07, 4 for EA11).</summary>
    public IReadOnlyList<int>? Sections { get; init; }

    /// <summary>The new key's expiry number (KEN); null keeps the meter's.</summary>
    public int? KeyExpiry { get; init; }

    /// <summary>A credit token under the new key entered after the set, hundredths of the model's unit; null for none.</summary>
    public long? Credit { get; init; }

    /// <summary>How the credit was given: 'energy' or 'volume'.</summary>
    public CreditUnit? CreditUnit { get; init; }
}
