using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Cli.Commands.Lab;

/// <summary>
/// The person at the bench, on the terminal: each instruction printed (on stderr, so stdout keeps the
/// results), Enter when it needs confirming, and the meter's display read as a number or a name from the
/// list — after a card its result code, after a token's enter the words it shows. The end of the input means the operator has gone, which stops the run rather than guessing.
/// </summary>
internal sealed class ConsoleBenchOperator(TextReader input, TextWriter output) : IBenchOperator
{
    private const int Attempts = 5;

    public async Task DoAsync(BenchInstruction instruction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        await output.WriteLineAsync($"bench ▶ {instruction.Text}{(instruction.Confirm ? "; press Enter when done" : "")}");
        if (instruction.Confirm)
        {
            await ReadLineAsync(cancellationToken);
        }
    }

    public async Task<MeterResult> ReadResultAsync(MeterNumber meter, IReadOnlyList<MeterResult> choices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var list = string.Join("  ", choices.Select((c, i) => $"{i + 1} {c}"));
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await output.WriteLineAsync($"bench ? What did meter {meter} show for the card? {list}");
            var answer = (await ReadLineAsync(cancellationToken)).Trim();
            if (int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count)
            {
                return choices[number - 1];
            }

            if (choices.Where(c => c.ToString().Equals(answer, StringComparison.OrdinalIgnoreCase)).Select(c => (MeterResult?)c).FirstOrDefault() is { } named)
            {
                return named;
            }

            await output.WriteLineAsync($"bench: '{answer}' is none of them: give its number or its name");
        }

        throw new LabTargetException($"no result read off meter {meter} after {Attempts} tries");
    }

    /// <summary>The display after a token's enter: its number in the list or its words ("Key Exp", "blank"), asked again when it is neither.</summary>
    public async Task<TokenDisplay> ReadDisplayAsync(MeterNumber meter, IReadOnlyList<TokenDisplay> choices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var list = string.Join("  ", choices.Select((c, i) => $"{i + 1} {c.Label}"));
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await output.WriteLineAsync($"bench ? What does meter {meter}'s display show after Enter? {list}");
            var answer = (await ReadLineAsync(cancellationToken)).Trim();
            if (TokenDisplay.Read(answer, choices) is { } read)
            {
                return read;
            }

            await output.WriteLineAsync($"bench: '{answer}' is none of them: give its number or the display's words (\"blank\" when it shows nothing)");
        }

        throw new LabTargetException($"no display read off meter {meter} after {Attempts} tries");
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken) =>
        await input.ReadLineAsync(cancellationToken) ?? throw new LabTargetException("the bench's operator input ended: the bench target needs someone at the keyboard");
}
