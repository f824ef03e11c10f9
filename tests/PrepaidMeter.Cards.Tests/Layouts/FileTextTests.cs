using System.Security.Cryptography;
using System.Text;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Layouts;

/// <summary>A layout file's SHA-256, as reports give it, is the one `sha256sum` gives of the file — a byte-order mark included.</summary>
public sealed class FileTextTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LayoutFile_ItsSha256_IsTheFilesBytes(bool byteOrderMark)
    {
        using var folder = new TempFolder();
        var path = folder.File("acme.json");
        File.WriteAllText(path, File.ReadAllText(RepoPaths.Fixtures("vendor-layouts", "acme-cpu.json")).Replace("\n", "\r\n", StringComparison.Ordinal), new UTF8Encoding(byteOrderMark));

        var layout = CardLayouts.Resolve(path).GetLayoutOrThrow();

        layout.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }
}
