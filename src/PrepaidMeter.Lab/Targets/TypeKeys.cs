using System.Text;
using PrepaidMeter.Core;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// One entry at a token meter's keypad: <see cref="Keys"/> as the bench normalised them (digits, 'B' backspace, '#' enter,
/// which ends them), said as a person types them — a whole token as its 20 digits in groups of four, any other entry key by
/// key. The bench then asks what the display shows (<see cref="IBenchOperator.ReadDisplayAsync"/>).
/// </summary>
public sealed record TypeKeys(MeterNumber Meter, string Keys)
    : BenchInstruction(Meter, Say(Meter, Keys), Confirm: false)
{
    /// <summary>
    /// <paramref name="keys"/> (rule TK2's keys: 0–9, 'B' or '&lt;' backspace, '#' or 'E' enter, spaces and dashes skipped) as the
    /// entries a person makes, each up to and including its enter. Keys after the last enter are left out: the meter would
    /// never see them, and a fresh keypad forgets them (as the virtual target's does).
    /// </summary>
    /// <exception cref="ArgumentException">A key the keypad has not.</exception>
    public static IReadOnlyList<string> Entries(string keys)
    {
        var pressed = PrepaidMeter.Meter.Keypad.Normalised(keys, out var problem) ?? throw new ArgumentException(problem, nameof(keys));
        var entries = pressed.Split('#');
        return entries[..^1].Select(entry => entry + "#").ToList();
    }

    private static string Say(MeterNumber meter, string keys)
    {
        if (keys.Length == PrepaidMeter.Tokens.Data.TokenNumber.Digits + 1 && keys[..^1].All(char.IsAsciiDigit) && keys[^1] == '#')
        {
            return $"At meter {meter}'s keypad type the token {Grouped(keys[..^1])} and press Enter";
        }

        if (keys == "#")
        {
            return $"At meter {meter}'s keypad press Enter with nothing typed";
        }

        // Runs of digits in fours, the other keys by name: "1234 5678 909, Backspace, 1234 5678 90, Enter".
        var said = new List<string>();
        var run = new StringBuilder();
        foreach (var key in keys)
        {
            if (char.IsAsciiDigit(key))
            {
                run.Append(key);
                continue;
            }

            if (run.Length > 0)
            {
                said.Add(Grouped(run.ToString()));
                run.Clear();
            }

            said.Add(key == 'B' ? "Backspace" : "Enter");
        }

        return $"At meter {meter}'s keypad press, in this order: {string.Join(", ", said)}";
    }

    private static string Grouped(string digits) =>
        string.Join(' ', Enumerable.Range(0, (digits.Length + 3) / 4).Select(i => digits.Substring(i * 4, Math.Min(4, digits.Length - (i * 4)))));
}
