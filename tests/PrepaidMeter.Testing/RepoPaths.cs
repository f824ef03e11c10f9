namespace PrepaidMeter.Testing;

/// <summary>Finds the repository's folders from a test's output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PrepaidMeter.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PrepaidMeter.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Fixtures(params string[] parts) => Path.Combine([Root, "fixtures", .. parts]);
}
