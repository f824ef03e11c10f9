using System.Reflection;

namespace PrepaidMeter.Lab.Certification;

/// <summary>The tool that certified: its version and the commit it was built from (the informational version's <c>+commit</c>).</summary>
public sealed record ToolVersion(string Version, string Commit)
{
    /// <summary>This build, from the Lab assembly (built with the CLI, from the same commit).</summary>
    public static ToolVersion Current { get; } = Parse(
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    /// <summary>"1.0.0+4943081a…" is version 1.0.0 of commit 4943081a…; without a '+' the commit is unknown.</summary>
    public static ToolVersion Parse(string informational)
    {
        ArgumentNullException.ThrowIfNull(informational);
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? new(informational, "unknown") : new(informational[..plus], informational[(plus + 1)..]);
    }
}
