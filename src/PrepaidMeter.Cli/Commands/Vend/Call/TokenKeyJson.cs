using System.Text.Json;
using System.Text.Json.Serialization;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Cli.Commands.Vend.Call;

/// <summary>
/// A token key's parameters in `vend token ... --json` as the standard and the text output name them: the base date as its
/// year (2014), the algorithms as EA07/EA11 and DKGA02/DKGA04 — not the engine's enum names (year2014, sta, dkga02).
/// </summary>
internal static class TokenKeyJson
{
    public static IEnumerable<JsonConverter> Converters => [new BaseDateAsYear(), new AsName<EncryptionAlgorithm>(Name), new AsName<KeyGeneration>(Name)];

    /// <summary>EA07 or EA11: the enum's value is the algorithm's number, as the text output prints it.</summary>
    public static string Name(EncryptionAlgorithm algorithm) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"EA{(int)algorithm:D2}");

    /// <summary>DKGA02 or DKGA04.</summary>
    public static string Name(KeyGeneration generation) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"DKGA{(int)generation:D2}");

    private sealed class BaseDateAsYear : JsonConverter<BaseDate>
    {
        public override BaseDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var year) && Enum.IsDefined((BaseDate)year)
                ? (BaseDate)year
                : throw new JsonException("a base date is 1993, 2014 or 2035");

        public override void Write(Utf8JsonWriter writer, BaseDate value, JsonSerializerOptions options) => writer.WriteNumberValue((int)value);
    }

    /// <summary>An enum written as <paramref name="name"/> names its values, and read back by the same names.</summary>
    private sealed class AsName<T>(Func<T, string> name) : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return Enum.GetValues<T>().Where(value => name(value) == text).Select(value => (T?)value).FirstOrDefault()
                ?? throw new JsonException($"'{text}' is not {string.Join(" or ", Enum.GetValues<T>().Select(name))}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(name(value));
    }
}
