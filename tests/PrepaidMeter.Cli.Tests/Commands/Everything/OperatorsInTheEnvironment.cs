namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>
/// The tests here log in as operators other than the other CLI tests' admin, through PREPAID_OPERATOR and
/// PREPAID_PASSWORD — variables of the whole test process. xunit runs a collection with parallelization
/// disabled alone, after the parallel ones, so no other test reads them while these change them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OperatorsInTheEnvironment
{
    public const string Name = "operators in the environment";
}
