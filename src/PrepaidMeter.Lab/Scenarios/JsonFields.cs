using System.Globalization;
using System.Text.Json;
using PrepaidMeter.Core;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// Reads the fields of one JSON object for the scenario parser: each read either returns a value or adds
/// one error naming where (the object's place) and what is wrong; unknown field names are errors too,
/// because a misspelt expectation silently checking nothing is worse than a refused file.
/// </summary>
internal sealed class JsonFields
{
    private readonly JsonElement _element;
    private readonly string _where;
    private readonly List<string> _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public JsonFields(JsonElement element, string where, List<string> errors)
    {
        _element = element;
        _where = where;
        _errors = errors;
    }

    public string Where => _where;

    public bool Has(string name) => _element.TryGetProperty(name, out _);

    public bool IsEmpty => !_element.EnumerateObject().Any();

    public void Error(string message) => _errors.Add($"{_where}: {message}");

    /// <summary>The member's value; absent is null, and so is a JSON null, which is also a mistake: the format has no null values.</summary>
    public JsonElement? Element(string name)
    {
        _read.Add(name);
        if (!_element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            Error($"'{name}' is null: give it a value or leave it out");
            return null;
        }

        return value;
    }

    public string? Text(string name, bool required = false)
    {
        if (Element(name) is not { } value)
        {
            if (required)
            {
                Error($"'{name}' is missing");
            }

            return null;
        }

        // Numbers are taken as written ("50" and 50 alike), so amounts need no quotes.
        if (value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        }

        Error($"'{name}' must be a string or a number, not {Describe(value)}");
        return null;
    }

    public T? Parsed<T>(string name, Func<string, ParseResult<T>> parse, bool required = false)
        where T : struct
    {
        if (Text(name, required) is not { } text)
        {
            return null;
        }

        var parsed = parse(text);
        if (parsed.TryGetValue(out var value))
        {
            return value;
        }

        Error($"'{name}': {parsed.Error}");
        return null;
    }

    /// <summary>true or false, as JSON writes them.</summary>
    public bool? Flag(string name)
    {
        if (Element(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Error($"'{name}' must be true or false, not {Describe(value)}");
        return null;
    }

    public long? Hundredths(string name, bool required = false) =>
        Parsed(name, text => Energy.Parse(text) is { Success: true } e && e.TryGetValue(out var v)
            ? ParseResult<long>.ForValue(v.Hundredths)
            : ParseResult<long>.ForError($"'{text}' is not an amount with at most two decimals"), required);

    public uint? Count(string name) =>
        Parsed(name, text => uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? ParseResult<uint>.ForValue(n)
            : ParseResult<uint>.ForError($"'{text}' is not a whole number"));

    /// <summary>A whole number that fits an <see cref="int"/> (a byte offset, a count of receipts); larger is a mistake in the file.</summary>
    public int? SmallCount(string name) =>
        Parsed(name, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? ParseResult<int>.ForValue(n)
            : ParseResult<int>.ForError($"'{text}' is not a whole number from 0 to {int.MaxValue}"));

    /// <summary>An enum value named in camelCase or any case ("loaded", "Loaded"); the error lists the names.</summary>
    public TEnum? Named<TEnum>(string name, bool required = false)
        where TEnum : struct, Enum =>
        Parsed(name, ParseName<TEnum>, required);

    public static ParseResult<TEnum> ParseName<TEnum>(string text)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !text.Contains(',', StringComparison.Ordinal)
            && !char.IsDigit(text.TrimStart('-')[0])
            ? ParseResult<TEnum>.ForValue(value)
            : ParseResult<TEnum>.ForError($"'{text}' is not one of {NamesOf<TEnum>()}");

    public static string NamesOf<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>().Select(CamelCase));

    public static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public IReadOnlyList<JsonElement>? Array(string name, bool required = false)
    {
        if (Element(name) is not { } value)
        {
            if (required)
            {
                Error($"'{name}' is missing");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error($"'{name}' must be a list, not {Describe(value)}");
            return null;
        }

        return [.. value.EnumerateArray()];
    }

    public JsonFields? Object(string name)
    {
        if (Element(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error($"'{name}' must be an object, not {Describe(value)}");
            return null;
        }

        return new JsonFields(value, $"{_where}, {name}", _errors);
    }

    /// <summary>Adds an error for every field that no read asked for.</summary>
    public void RefuseUnread(string takes)
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!_read.Contains(property.Name))
            {
                Error($"unknown field '{property.Name}'; {takes}");
            }
        }
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };
}
