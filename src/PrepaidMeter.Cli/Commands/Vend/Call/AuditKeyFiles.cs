using System.CommandLine;
using PrepaidMeter.Vending.Audit;

namespace PrepaidMeter.Cli.Commands.Vend.Call;

/// <summary>
/// Where `prepaid vend` finds the site's audit key, first match wins: <c>--audit-key FILE</c>; the key itself in
/// <c>PREPAID_AUDIT_KEY</c> (64 hex digits, for a service whose secrets come from its environment);
/// <c>PREPAID_AUDIT_KEY_FILE</c>; else the file named after the key's id under the user's configuration folder,
/// <c>$XDG_CONFIG_HOME/prepaid/audit-keys/ID.key</c> (<c>~/.config/...</c> without it) — away from the database
/// and readable only by its owner. <c>vend init</c> writes the key there (or to the file the first two name).
/// </summary>
internal static class AuditKeyFiles
{
    public static readonly Option<string> Option = new("--audit-key")
    {
        Description = "The site's audit key file (default: $PREPAID_AUDIT_KEY, $PREPAID_AUDIT_KEY_FILE, else ~/.config/prepaid/audit-keys/ID.key)",
        Recursive = true,
    };

    /// <summary>A key found, or why not; <see cref="Problem"/> is set only when a key was named and cannot be used.</summary>
    public sealed record Found(AuditKey? Key, string? Source, string? Problem, string? Warning);

    /// <summary>The key the command line or the environment names explicitly, if any; null when none is named.</summary>
    public static Found? Named(ParseResult parse)
    {
        if (parse.GetValue(Option) is { Length: > 0 } file)
        {
            return Load(file);
        }

        if (Environment.GetEnvironmentVariable("PREPAID_AUDIT_KEY") is { Length: > 0 } hex)
        {
            var key = AuditKey.Parse(hex, out var problem);
            return new Found(key, "PREPAID_AUDIT_KEY", problem is null ? null : $"PREPAID_AUDIT_KEY: {problem}", null);
        }

        return Environment.GetEnvironmentVariable("PREPAID_AUDIT_KEY_FILE") is { Length: > 0 } named ? Load(named) : null;
    }

    /// <summary>The key for a site keyed with <paramref name="keyId"/>: the one named, else the default file; a missing default file is no problem (the books are then read-only).</summary>
    public static Found Find(ParseResult parse, string keyId)
    {
        if (Named(parse) is { } named)
        {
            return named;
        }

        var path = DefaultPath(keyId);
        return File.Exists(path) ? Load(path) : new Found(null, null, null, null);
    }

    /// <summary>Where a new key goes: the file named, else the default for its id; null when the key comes from the environment itself.</summary>
    public static string? Destination(ParseResult parse, AuditKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (parse.GetValue(Option) is { Length: > 0 } file)
        {
            return Path.GetFullPath(file);
        }

        if (Environment.GetEnvironmentVariable("PREPAID_AUDIT_KEY") is { Length: > 0 })
        {
            return null;
        }

        return Environment.GetEnvironmentVariable("PREPAID_AUDIT_KEY_FILE") is { Length: > 0 } named ? Path.GetFullPath(named) : DefaultPath(key.Id);
    }

    public static string DefaultPath(string keyId)
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "prepaid", "audit-keys", keyId + ".key");
    }

    /// <summary>Writes a new key file readable and writable by its owner only; never over an existing file.</summary>
    public static void Save(string path, AuditKey key, string siteDescription)
    {
        ArgumentNullException.ThrowIfNull(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write($"# prepaid audit key {key.Id} of {siteDescription}\n# Keep a copy away from the database: without it the books are read-only and cannot be authenticated.\n{key.Hex}\n");
    }

    private static Found Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return new Found(null, full, $"the audit key file {full} is a folder, not a file", null);
        }

        if (!File.Exists(full))
        {
            return new Found(null, full, $"no audit key file {full}", null);
        }

        var text = string.Join('\n', File.ReadAllLines(full).Where(line => !line.TrimStart().StartsWith('#')));
        var key = AuditKey.Parse(text, out var problem);
        string? warning = null;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            warning = $"the audit key file {full} can be read by others; make it readable only by its owner (chmod 600)";
        }

        return new Found(key, full, problem is null ? null : $"{full}: {problem}", warning);
    }
}
