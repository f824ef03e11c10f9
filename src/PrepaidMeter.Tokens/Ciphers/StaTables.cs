using System.Text.Json;

namespace PrepaidMeter.Tokens.Ciphers;

/// <summary>
/// The Standard Transfer Algorithm's tables: two 4-bit substitutions and a 64-bit permutation. IEC 62055-41 prints
/// <see cref="Sample"/> tables for tests; meters in the field use the real tables, which the STS Association issues to its
/// members under licence and which this project does not ship — load them from the licensee's file with <see cref="Read"/>.
/// Tokens made with the sample tables are refused by every field meter.
/// </summary>
public sealed class StaTables
{
    private StaTables(string name, int[] substitution1, int[] substitution2, int[] permutation)
    {
        Name = name;
        Substitution1 = substitution1;
        Substitution2 = substitution2;
        Permutation = permutation;
        Inverse1 = Invert(substitution1);
        Inverse2 = Invert(substitution2);
        InversePermutation = Invert(permutation);
    }

    /// <summary>The sample tables of IEC 62055-41 (6.5.4; the same values in two independent public implementations).</summary>
    public static StaTables Sample { get; } = new(
        "sample",
        [12, 10, 8, 4, 3, 15, 0, 2, 14, 1, 5, 13, 6, 9, 7, 11],
        [6, 9, 7, 4, 3, 10, 12, 14, 2, 13, 1, 15, 0, 11, 8, 5],
        [29, 27, 34, 9, 16, 62, 55, 2, 40, 49, 38, 25, 33, 61, 30, 23, 1, 41, 21, 57, 42, 15, 5, 58, 19, 53, 22, 17, 48, 28, 24, 39,
         3, 60, 36, 14, 11, 52, 54, 12, 31, 51, 10, 26, 0, 45, 37, 43, 44, 6, 59, 4, 7, 35, 56, 50, 13, 18, 32, 47, 46, 63, 20, 8]);

    /// <summary>"sample", or the file the tables came from.</summary>
    public string Name { get; }

    /// <summary>The substitution for a data nibble whose key nibble's top bit is 0.</summary>
    public IReadOnlyList<int> Substitution1 { get; }

    /// <summary>The substitution for a data nibble whose key nibble's top bit is 1.</summary>
    public IReadOnlyList<int> Substitution2 { get; }

    /// <summary>Bit i of the substituted block (0 the least significant) becomes bit Permutation[i].</summary>
    public IReadOnlyList<int> Permutation { get; }

    internal int[] Inverse1 { get; }

    internal int[] Inverse2 { get; }

    internal int[] InversePermutation { get; }

    /// <summary>
    /// Tables from a JSON file <c>{"substitution1": [16 values], "substitution2": [16], "permutation": [64]}</c>; each must be a
    /// permutation of 0..n−1. Throws <see cref="FormatException"/> naming what is wrong.
    /// </summary>
    public static StaTables Read(string name, string json)
    {
        TableFile? file;
        try
        {
            file = JsonSerializer.Deserialize<TableFile>(json, FileOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name}: not a table file ({e.Message})", e);
        }

        if (file is null)
        {
            throw new FormatException($"{name}: not a table file");
        }

        return new StaTables(
            name,
            Checked(name, "substitution1", file.Substitution1, 16),
            Checked(name, "substitution2", file.Substitution2, 16),
            Checked(name, "permutation", file.Permutation, 64));
    }

    private static int[] Checked(string name, string table, int[]? values, int length)
    {
        if (values is null || values.Length != length || values.Order().Where((v, i) => v != i).Any())
        {
            throw new FormatException($"{name}: \"{table}\" must hold each of 0..{length - 1} once");
        }

        return values;
    }

    private static int[] Invert(int[] table)
    {
        var inverse = new int[table.Length];
        for (var i = 0; i < table.Length; i++)
        {
            inverse[table[i]] = i;
        }

        return inverse;
    }

    private static readonly JsonSerializerOptions FileOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record TableFile(int[]? Substitution1, int[]? Substitution2, int[]? Permutation);
}
