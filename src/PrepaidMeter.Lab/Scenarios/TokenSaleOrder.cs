namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// A sellToken step's token after the sale (docs/scenarios.md, "Keypad tokens"): kept under a name for a later enterToken
/// step, typed in at the meter at once, or both. The purchase itself is the step's <see cref="ScenarioStep.Purchase"/>.
/// </summary>
/// <param name="KeepAs">The name a later enterToken step gives as "token"; null when the token is not kept.</param>
/// <param name="Enter">Whether the customer types the token in at the meter's keypad right after the sale.</param>
public sealed record TokenSaleOrder(string? KeepAs, bool Enter);
