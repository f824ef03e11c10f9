namespace PrepaidMeter.Web.Console;

/// <summary>A page with the amount fields of a sale (Shared/_Amount.cshtml): by energy, money or volume, and how much.</summary>
public interface IAmountForm
{
    /// <summary>"energy", "money" or "volume" (<see cref="Vending.Domain.PurchaseRequest.Units"/>).</summary>
    string Unit { get; }

    /// <summary>The amount as typed (the invariant text the parsers read).</summary>
    string Amount { get; }
}
