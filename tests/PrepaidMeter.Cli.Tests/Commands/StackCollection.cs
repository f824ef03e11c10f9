namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// The tests that hold vpcd's two slots for minutes (every shipped scenario, whole certifications on the stack):
/// one after another rather than side by side, since the slots' lock would make them wait for each other anyway
/// and a waiter gives up after its patience.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StackCollection
{
    public const string Name = "vpcd stack";
}
