using System.Text;

using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Meter;

/// <summary>
/// Rule TK2: the meter's keypad. Digits go into a 20-digit buffer (a 21st is ignored, as a full display takes no more);
/// backspace takes the last one off; enter hands the buffer to the meter and empties it. Keys as typed in a string:
/// 0–9, 'B' or '&lt;' backspace, '#' or 'E' enter; spaces and dashes are the typist's grouping and are skipped.
/// </summary>
public sealed class Keypad(VirtualMeter meter)
{
    private readonly StringBuilder _buffer = new(PrepaidMeter.Tokens.Data.TokenNumber.Digits);

    /// <summary>What the display shows while typing.</summary>
    public string Buffer => _buffer.ToString();

    public void Digit(char digit)
    {
        if (!char.IsAsciiDigit(digit))
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "a keypad digit is 0-9");
        }

        if (_buffer.Length < PrepaidMeter.Tokens.Data.TokenNumber.Digits)
        {
            _buffer.Append(digit);
        }
    }

    public void Backspace()
    {
        if (_buffer.Length > 0)
        {
            _buffer.Length--;
        }
    }

    /// <summary>The buffer goes to the meter (rules TK3–TK15), however many digits it holds; the buffer is emptied.</summary>
    public TokenOutcome Enter()
    {
        var entry = _buffer.ToString();
        _buffer.Clear();
        return meter.EnterToken(entry);
    }

    /// <summary>Types <paramref name="keys"/>; each enter's outcome in order. Null with the reason when a key is not one of the keypad's.</summary>
    public IReadOnlyList<TokenOutcome>? Type(string keys, out string? problem)
    {
        if (Normalised(keys, out problem) is not { } typed)
        {
            return null;
        }

        var outcomes = new List<TokenOutcome>();
        foreach (var key in typed)
        {
            switch (key)
            {
                case 'B':
                    Backspace();
                    break;
                case '#':
                    outcomes.Add(Enter());
                    break;
                default:
                    Digit(key);
                    break;
            }
        }

        return outcomes;
    }

    /// <summary>
    /// <paramref name="keys"/> as the keys pressed, each as one character: a digit, 'B' backspace, '#' enter (spaces and dashes,
    /// the typist's grouping, left out); null with the reason when a key is not one of the keypad's.
    /// </summary>
    public static string? Normalised(string keys, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var pressed = new StringBuilder(keys.Length);
        foreach (var key in keys)
        {
            switch (key)
            {
                case >= '0' and <= '9':
                    pressed.Append(key);
                    break;
                case 'B' or 'b' or '<':
                    pressed.Append('B');
                    break;
                case '#' or 'E' or 'e':
                    pressed.Append('#');
                    break;
                case ' ' or '-':
                    break;
                default:
                    problem = $"'{key}' is not a keypad key (0-9, B or < backspace, # or E enter)";
                    return null;
            }
        }

        problem = null;
        return pressed.ToString();
    }
}
