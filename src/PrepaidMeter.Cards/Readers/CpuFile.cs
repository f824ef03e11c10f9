using System.Globalization;

namespace PrepaidMeter.Cards.Readers;

/// <summary>When a CPU card lets a file be updated (ISO 7816-4 access conditions, as a layout names them).</summary>
public enum CpuAccess
{
    /// <summary>Always: the meter writes its return-write file without proving anything.</summary>
    Free,

    /// <summary>After EXTERNAL AUTHENTICATE with the key derived from the supply group's write secret.</summary>
    Key,

    /// <summary>Never after personalisation: an issuer's file the layout reads and never writes.</summary>
    Never,
}

/// <summary>
/// One transparent elementary file of a CPU card: its 2-byte file identifier, the name a layout places fields in,
/// its size, its update access condition, and where it sits in the card's image. The tool's image of a CPU card is
/// its files laid end to end in the layout's order, so a field's image offset says which file and where in it.
/// Reading is free on every file: the meters and the back office read a card before they authenticate to it.
/// </summary>
public sealed record CpuFile(ushort Id, string Name, int Start, int Size, CpuAccess Update)
{
    public int End => Start + Size;

    public bool Holds(int address) => address >= Start && address < End;

    /// <summary>"0015:purchase:32:key", the token a card file's "files" header lists.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Id:X4}:{Name}:{Size}:{AccessName(Update)}");

    public static string AccessName(CpuAccess access) => access switch
    {
        CpuAccess.Free => "free",
        CpuAccess.Key => "key",
        _ => "never",
    };

    /// <summary>"free", "key" or "never"; null for anything else.</summary>
    public static CpuAccess? ParseAccess(string? text) => text switch
    {
        "free" => CpuAccess.Free,
        "key" => CpuAccess.Key,
        "never" => CpuAccess.Never,
        _ => null,
    };

    /// <summary>A file identifier as layouts and card files write it: four hex digits, "0015".</summary>
    public static ushort? ParseId(string? text) =>
        text is { Length: 4 } && ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>
    /// Reads a card file's "files" header ("0015:parameters:64:key 0016:purchase:32:key ..."), placing the files end
    /// to end; null with <paramref name="error"/> when a token does not read.
    /// </summary>
    public static IReadOnlyList<CpuFile>? ParseMap(string text, out string? error)
    {
        var files = new List<CpuFile>();
        var start = 0;
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split(':');
            if (parts.Length != 4 || ParseId(parts[0]) is not { } id || parts[1].Length == 0
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 32767
                || ParseAccess(parts[3]) is not { } update)
            {
                error = $"'{token}' is not ID:NAME:SIZE:ACCESS (e.g. 0016:purchase:32:key)";
                return null;
            }

            files.Add(new CpuFile(id, parts[1], start, size, update));
            start += size;
        }

        error = files.Count == 0 ? "it lists no file" : null;
        return error is null ? files : null;
    }
}
