using System.Diagnostics.CodeAnalysis;

namespace PrepaidMeter.Web.Meters;

/// <summary>
/// One meter file as the console last read it: its display, and why the latest read failed if it did. A file that could not be
/// read this time but was whole before keeps its last display (<see cref="Display"/> with a <see cref="Problem"/>): the page
/// says so rather than showing nothing.
/// </summary>
/// <param name="Path">The file's full path.</param>
public sealed record MeterFileReading(string Path, MeterDisplay? Display, string? Problem)
{
    [MemberNotNullWhen(true, nameof(Display))]
    public bool Shown => Display is not null;
}
