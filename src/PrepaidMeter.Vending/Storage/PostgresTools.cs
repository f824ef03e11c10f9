namespace PrepaidMeter.Vending.Storage;

/// <summary>Finds PostgreSQL's client programs: on PATH, or in Debian's versioned folder (/usr/lib/postgresql/N/bin).</summary>
public static class PostgresTools
{
    public static string Find(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(Version).Select(folder => Path.Combine(folder, "bin", tool))
            : [];
        // Debian's own folder first: /usr/bin holds wrappers that need a cluster configured for them.
        return debian.Concat(onPath).FirstOrDefault(File.Exists)
            ?? throw new VendingStorageException($"{tool} is not installed (Debian: apt-get install postgresql-client)");
    }

    private static int Version(string folder) => int.TryParse(Path.GetFileName(folder), out var version) ? version : 0;
}
