namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// What the order of a scenario's steps makes impossible, found when the file loads rather than half-way through a
/// run: a step that needs the customer's card before any account is open. (A replay of an image no earlier step
/// kept is caught where the step is read.)
/// </summary>
internal static class StepOrder
{
    /// <summary>Steps that need the account's user card (which opening an account puts in hand).</summary>
    public static bool NeedsAccount(StepKind kind) => kind is StepKind.Sell or StepKind.Correct or StepKind.Cancel or StepKind.ChargeArrears
        or StepKind.Reissue or StepKind.ChangeMeter or StepKind.Swipe or StepKind.KeepImage or StepKind.LoseCard or StepKind.TamperCard
        or StepKind.OverLimitCard or StepKind.Recover;

    /// <summary>Each step the order makes impossible, with why.</summary>
    public static IEnumerable<(ScenarioStep Step, string Problem)> Problems(IReadOnlyList<ScenarioStep> steps)
    {
        var firstOpening = steps.FirstOrDefault(s => s.Kind == StepKind.OpenAccount)?.Number;
        foreach (var step in steps.Where(s => NeedsAccount(s.Kind) && (firstOpening is null || s.Number < firstOpening)))
        {
            yield return (step, firstOpening is { } at
                ? $"needs the customer's card, and no account is open before step {at} ('openAccount')"
                : "needs the customer's card, and no step opens an account ('openAccount')");
        }
    }
}
