using System.Text;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Meter.State;

/// <summary>
/// The model block of an NVRAM image (version 2, rule N1): the model file's text, the number of its layouts, and
/// each layout's text in the order the model names them — every text a u32 byte length (little-endian) and its
/// UTF-8. A meter keeps the model it was made from as a real meter keeps its firmware's parameters, so it loads
/// after the model's files are gone. A damaged block is a refusal saying what is wrong, never an exception.
/// </summary>
internal static class NvramModel
{
    // No model file or layout descriptor comes near this; a longer length is a damaged one, refused before it allocates.
    private const int MaxTextBytes = 1 << 20;

    // A block with no model text keeps no layouts ("no model kept"); a kept model has at least one layout unless it takes
    // keypad tokens only (media "token"), which the model text it rebuilds from then says.
    private const ushort MaxLayouts = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes the block of <paramref name="model"/>: its text and its layouts' texts; an empty block (no text, no
    /// layouts) for a model built in code, which has no text to keep (<see cref="Keeps"/>).
    /// </summary>
    public static void Write(BinaryWriter w, MeterModel model)
    {
        if (!Keeps(model))
        {
            w.Write(0u);
            w.Write((ushort)0);
            return;
        }

        WriteText(w, model.SourceText);
        w.Write(checked((ushort)model.Layouts.Count));
        foreach (var layout in model.Layouts)
        {
            WriteText(w, layout.SourceText);
        }
    }

    /// <summary>
    /// Whether the image keeps <paramref name="model"/> whole. A model built in code (tests build them) has no source
    /// text, and a layout compiled from a descriptor object none either: such a model is named by id only, as in a
    /// version 1 image, and looked up by id when the image is read.
    /// </summary>
    public static bool Keeps(MeterModel model) => model.SourceText.Length > 0 && model.Layouts.All(l => l.SourceText.Length > 0);

    /// <summary>
    /// Reads the block and rebuilds the model from its texts alone; <paramref name="model"/> is null when the block is
    /// empty (a model built in code). A refusal says what is wrong, from "model block" on (Nvram names the NVRAM).
    /// </summary>
    public static string? TryRead(BinaryReader r, out MeterModel? model)
    {
        model = null;
        if (TryReadText(r, "model text", out var modelText) is { } textError)
        {
            return textError;
        }

        if (Remaining(r) < 2)
        {
            return "model block is damaged: it ends before its layout count";
        }

        var count = r.ReadUInt16();
        if (modelText.Length == 0)
        {
            return count == 0 ? null : $"model block is damaged: it keeps {count} layouts but no model text";
        }

        if (count > MaxLayouts)
        {
            return $"model block is damaged: a layout count of {count} (a model reads 0 to {MaxLayouts} layouts)";
        }

        var layoutTexts = new string[count];
        for (var i = 0; i < count; i++)
        {
            if (TryReadText(r, $"text of layout {i + 1}", out layoutTexts[i]) is { } layoutError)
            {
                return layoutError;
            }
        }

        return Rebuild(modelText, layoutTexts, out model);
    }

    private static string? Rebuild(string modelText, string[] layoutTexts, out MeterModel? model)
    {
        // The shipped model the block was written from, when it is one: the same texts are the same model, and the
        // shipped instance is already compiled (meters of shipped models load as fast as they did by id).
        model = MeterModels.ShippedWithTexts(modelText, layoutTexts);
        if (model is not null)
        {
            return null;
        }

        var next = 0;
        var loaded = MeterModelLoader.Load(modelText, "the kept model", name => next < layoutTexts.Length
            ? LayoutCompiler.Load(layoutTexts[next++], $"the kept layout '{name}'")
            : LayoutLoadResult.Refused($"the kept layout '{name}'", ["the model block keeps fewer layouts than the model names"]));
        if (!loaded.Success)
        {
            return $"model block does not load: {string.Join("; ", loaded.Errors)}";
        }

        if (next != layoutTexts.Length)
        {
            return $"model block is damaged: it keeps {layoutTexts.Length} layouts but the model names {next}";
        }

        model = loaded.Model;
        return null;
    }

    private static void WriteText(BinaryWriter w, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        w.Write(checked((uint)bytes.Length));
        w.Write(bytes);
    }

    private static string? TryReadText(BinaryReader r, string what, out string text)
    {
        text = "";
        if (Remaining(r) < 4)
        {
            return $"model block is damaged: it ends before the length of its {what}";
        }

        var length = r.ReadUInt32();
        if (length > MaxTextBytes || length > Remaining(r))
        {
            return $"model block is damaged: the {what} claims {length} bytes, more than the image holds";
        }

        try
        {
            text = StrictUtf8.GetString(r.ReadBytes((int)length));
            return null;
        }
        catch (DecoderFallbackException)
        {
            return $"model block is damaged: the {what} is not UTF-8";
        }
    }

    private static long Remaining(BinaryReader r) => r.BaseStream.Length - r.BaseStream.Position;
}
