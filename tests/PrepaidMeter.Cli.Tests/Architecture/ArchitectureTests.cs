using System.Reflection;
using Xunit.Abstractions;

namespace PrepaidMeter.Cli.Tests.Architecture;

/// <summary>
/// The product's shape, held by its compiled code: which project may use which, and no two namespaces that use each
/// other round a loop. None is tolerated today; a cycle that must be for a while is listed by name in
/// <see cref="KnownCycles"/>, and the test fails on any other, and on a listed one that is gone, so the list only shrinks.
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    /// <summary>The namespace cycles not yet broken, each as its members in order: none since issue 22.</summary>
    private static readonly string[] KnownCycles =
    [
    ];

    /// <summary>The product's projects and the product projects each may reference: one way, the CLI on top.</summary>
    private static readonly Dictionary<string, string[]> MayReference = new(StringComparer.Ordinal)
    {
        ["PrepaidMeter.Core"] = [],
        ["PrepaidMeter.Cards"] = ["PrepaidMeter.Core"],
        ["PrepaidMeter.Meter"] = ["PrepaidMeter.Core", "PrepaidMeter.Cards", "PrepaidMeter.Tokens"],
        ["PrepaidMeter.Hardware"] = ["PrepaidMeter.Core", "PrepaidMeter.Cards", "PrepaidMeter.Meter", "PrepaidMeter.Tokens"],
        ["PrepaidMeter.Devices"] = ["PrepaidMeter.Core", "PrepaidMeter.Cards", "PrepaidMeter.Meter", "PrepaidMeter.Hardware", "PrepaidMeter.Tokens"],
        ["PrepaidMeter.Vending"] = ["PrepaidMeter.Core", "PrepaidMeter.Cards", "PrepaidMeter.Tokens"],
        // The reports as files and charts, by name with their filters: for the CLI and the web console both (MiniExcel and
        // ScottPlot stay out of the back office).
        ["PrepaidMeter.Reporting"] = ["PrepaidMeter.Core", "PrepaidMeter.Cards", "PrepaidMeter.Vending", "PrepaidMeter.Tokens"],
        // The web console's lab plays scenarios and certifies models through the Lab, and so reaches the meter and its devices;
        // the meter display reads virtual meters' NVRAM files (PrepaidMeter.Meter), for display only.
        ["PrepaidMeter.Web"] = ["PrepaidMeter.Core", "PrepaidMeter.Cards", "PrepaidMeter.Vending", "PrepaidMeter.Reporting", "PrepaidMeter.Lab", "PrepaidMeter.Meter", "PrepaidMeter.Hardware", "PrepaidMeter.Devices", "PrepaidMeter.Tokens"],
        // The STS keypad token engine knows neither the back office nor the meter: both use it (issue 28).
        ["PrepaidMeter.Tokens"] = ["PrepaidMeter.Core"],
        ["PrepaidMeter.Lab"] = ["PrepaidMeter.Core", "PrepaidMeter.Cards", "PrepaidMeter.Meter", "PrepaidMeter.Hardware", "PrepaidMeter.Devices", "PrepaidMeter.Vending", "PrepaidMeter.Tokens"],
    };

    private static IEnumerable<string> ProductAssemblies() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "PrepaidMeter.*.dll")
            .Where(f => !Path.GetFileNameWithoutExtension(f).EndsWith(".Tests", StringComparison.Ordinal) && !f.EndsWith("PrepaidMeter.Testing.dll", StringComparison.Ordinal))
            .Append(Path.Combine(AppContext.BaseDirectory, "prepaid.dll"))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Namespaces_UseEachOtherRoundNoLoop_ButTheListedOnes()
    {
        var graph = NamespaceGraph.Read(ProductAssemblies(), "PrepaidMeter.");
        var found = graph.Cycles();
        foreach (var members in found)
        {
            // Which member uses which: where to cut.
            output.WriteLine(string.Join(" ↔ ", members));
            foreach (var member in members)
            {
                output.WriteLine($"  {member} uses {string.Join(", ", graph.UsesOf(member).Intersect(members).Order(StringComparer.Ordinal))}");
            }
        }

        var cycles = found.Select(c => string.Join(" ↔ ", c)).ToList();
        var added = cycles.Except(KnownCycles, StringComparer.Ordinal).ToList();
        var broken = KnownCycles.Except(cycles, StringComparer.Ordinal).ToList();
        added.ShouldBeEmpty($"namespaces that use each other round a loop (break the loop; a type in the wrong room, or a seam missing): {string.Join("; ", added)}");
        broken.ShouldBeEmpty($"cycles listed in {nameof(KnownCycles)} that are gone: take them off the list: {string.Join("; ", broken)}");
    }

    [Fact]
    public void Projects_ReferenceOnlyTheProjectsBelowThem()
    {
        foreach (var (project, allowed) in MayReference)
        {
            var references = Assembly.Load(project).GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("PrepaidMeter.", StringComparison.Ordinal));
            references.Except(allowed, StringComparer.Ordinal).ShouldBeEmpty($"{project} references a project it may not use");
        }
    }

    [Fact]
    public void ProductAssemblies_AreAllInTheTable()
    {
        // A new project gets a row in the table (and so a place in the layering) before it lands.
        var names = ProductAssemblies().Select(Path.GetFileNameWithoutExtension).Where(n => n != "prepaid");
        names.Except(MayReference.Keys, StringComparer.Ordinal).ShouldBeEmpty();
    }
}
