using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Codec;

/// <summary>fixtures/cards: every kind on every layout, checked in both directions.</summary>
public sealed class GoldenVectorTests
{
    public static TheoryData<string, string> Vectors()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.GetDirectories(RepoPaths.Fixtures("cards")).Order(StringComparer.Ordinal))
        {
            foreach (var json in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder), Path.GetFileNameWithoutExtension(json));
            }
        }

        return data;
    }

    [Fact]
    public void EveryKind_HasAVector_OnEveryLayout()
    {
        foreach (var layout in CardLayouts.All)
        {
            var kinds = Directory.GetFiles(RepoPaths.Fixtures("cards", layout.Id), "*.json")
                .Select(f => { CardRecordJson.TryRead(File.ReadAllText(f), out var r); return r!.Kind; })
                .ToHashSet();
            kinds.ShouldBe(Enum.GetValues<CardKind>().Where(layout.Supports).ToHashSet(), ignoreOrder: true);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Image_DecodesToItsRecord(string layoutId, string name)
    {
        var (layout, record, image) = Load(layoutId, name);
        var decoded = layout.Decode(image, Some.Keys);
        decoded.Fault.ShouldBeNull();
        decoded.Record.ShouldBe(record);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Record_EncodesToItsImage(string layoutId, string name)
    {
        var (layout, record, image) = Load(layoutId, name);
        layout.Encode(record, Some.Keys, out var encoded).ThrowIfRefused();
        Convert.ToHexString(encoded).ShouldBe(Convert.ToHexString(image));
    }

    private static (CardLayout Layout, CardRecord Record, byte[] Image) Load(string layoutId, string name)
    {
        var layout = CardLayouts.Get(layoutId);
        CardRecordJson.TryRead(File.ReadAllText(RepoPaths.Fixtures("cards", layoutId, name + ".json")), out var record).ShouldBeNull();
        CardImageHex.TryParse(File.ReadAllText(RepoPaths.Fixtures("cards", layoutId, name + ".hex")), out var image).ShouldBeNull();
        return (layout, record!, image);
    }
}
