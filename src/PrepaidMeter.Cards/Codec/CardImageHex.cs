using System.Globalization;
using System.Text;

namespace PrepaidMeter.Cards.Codec;

/// <summary>
/// The text form of a card image: hex bytes, any white space, 16 a line when written; '#' starts a
/// comment. A hex file is what the folder reader and `prepaid card` commands read and write.
/// </summary>
public static class CardImageHex
{
    public static string Format(ReadOnlySpan<byte> image, IEnumerable<string>? headerComments = null)
    {
        var text = new StringBuilder();
        foreach (var comment in headerComments ?? [])
        {
            text.Append("# ").Append(comment).Append('\n');
        }

        for (var i = 0; i < image.Length; i += 16)
        {
            var line = image.Slice(i, Math.Min(16, image.Length - i));
            for (var j = 0; j < line.Length; j++)
            {
                text.Append(j == 0 ? "" : " ").Append(line[j].ToString("X2", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads the bytes; a refusal names the line and the text that is not hex.</summary>
    public static string? TryParse(string text, out byte[] image) => TryParse(text, out image, out _);

    /// <summary>Reads the bytes and the "# key: value" header comments.</summary>
    public static string? TryParse(string text, out byte[] image, out IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(text);
        image = [];
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        headers = found;
        var bytes = new List<byte>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var hash = rawLine.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                var comment = rawLine[(hash + 1)..];
                var colon = comment.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    found[comment[..colon].Trim()] = comment[(colon + 1)..].Trim();
                }
            }

            var line = (hash >= 0 ? rawLine[..hash] : rawLine).Replace(" ", "", StringComparison.Ordinal)
                .Replace("\t", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
            if (line.Length % 2 != 0)
            {
                return $"line {lineNumber}: an odd number of hex digits";
            }

            for (var i = 0; i < line.Length; i += 2)
            {
                if (!byte.TryParse(line.AsSpan(i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return $"line {lineNumber}: '{line.Substring(i, 2)}' is not a hex byte";
                }

                bytes.Add(b);
            }
        }

        if (bytes.Count == 0)
        {
            return "no bytes: the file holds no card image";
        }

        image = [.. bytes];
        return null;
    }
}
