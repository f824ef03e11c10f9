using System.Text;

namespace PrepaidMeter.Cards.Layouts;

/// <summary>
/// A vendor's file (layout, model, scenario) as text, byte for byte: UTF-8 decoded with a byte-order mark kept as
/// U+FEFF rather than dropped, so the SHA-256 a report gives of the text is the one `sha256sum` gives of the file
/// (an editor on Windows saves the mark). The loaders read past the mark.
/// </summary>
public static class FileText
{
    public static string Read(string path) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(File.ReadAllBytes(path));
}
