using System.Text.Json.Serialization;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;

namespace PrepaidMeter.Cards.Records;

/// <summary>
/// The canonical card record: what any card says, independent of bytes. A layout decides where each
/// part lives in an image; <see cref="CardContent"/> decides which parts a kind carries. Parts a kind
/// does not carry are left at their defaults, so two records are equal exactly when their cards say
/// the same thing.
/// </summary>
public sealed record CardRecord
{
    private readonly long _purchaseHundredths;

    public required CardKind Kind { get; init; }

    /// <summary>The layout id, such as "pm-ref-v1".</summary>
    public required string Layout { get; init; }

    public CreditUnit CreditUnit { get; init; }

    public SupplyGroupCode SupplyGroup { get; init; }

    /// <summary>The meter a card is for; zero on a tool card means "any meter of the group".</summary>
    public MeterNumber MeterNumber { get; init; }

    public CustomerNumber CustomerNumber { get; init; }

    public CardSerial CardSerial { get; init; }

    public PurchaseCount PurchaseCount { get; init; }

    // Where `vend card inspect --json` has always shown the raw purchase, beside the typed one (Purchase, below).
    [JsonInclude]
    [JsonPropertyName("purchaseHundredths")]
    private long PurchaseHundredths => _purchaseHundredths;

    /// <summary>The price at the sale, on layouts that carry one; null when none.</summary>
    public UnitPrice? Price { get; init; }

    /// <summary>What a set card writes into the meter.</summary>
    public MeterParameters? Parameters { get; init; }

    /// <summary>What the meter wrote back; null until a meter has seen the card.</summary>
    public ReturnWriteBlock? ReturnWrite { get; init; }

    /// <summary>
    /// The purchase a user card carries, always in <see cref="CreditUnit"/>: only its hundredths are kept, so
    /// two records that say the same purchase are equal. Set <see cref="CreditUnit"/> first.
    /// </summary>
    /// <exception cref="ArgumentException">The amount is not in <see cref="CreditUnit"/>.</exception>
    public CreditAmount Purchase
    {
        get => new(CreditUnit, _purchaseHundredths);
        init
        {
            if (value.Unit != CreditUnit)
            {
                throw new ArgumentException($"a purchase in {value.Unit} on a card whose credit unit is {CreditUnit}", nameof(value));
            }

            _purchaseHundredths = value.Hundredths;
        }
    }

    public static CardRecord Blank(string layout) => new() { Kind = CardKind.Blank, Layout = layout };
}
