using FsCheck;

namespace PrepaidMeter.Testing;

/// <summary>Runs an FsCheck property inside an xUnit theory (one run per layout, model, ...) and fails the test on a counterexample.</summary>
public static class Properties
{
    public static void QuickCheckThrowOnFailure(this Property property, int maxTest) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true), property);
}
