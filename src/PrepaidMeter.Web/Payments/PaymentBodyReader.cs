using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PrepaidMeter.Web.Payments;

/// <summary>
/// Reads a payment's JSON body by hand rather than by model binding, so that each way a body can be wrong gets its own
/// sentence: not JSON, not an object, a member given twice (a binder keeps the last one silently — with two amounts,
/// which one did the partner mean?), or a member of the wrong JSON type (an amount as a JSON number may have lost its
/// cents in the partner's own float before it reached us). Member names match regardless of case, as the binder's did;
/// members the API does not know are skipped, and a null member is an absent one.
/// </summary>
internal static class PaymentBodyReader
{
    private static readonly JsonReaderOptions Strict = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 16 };

    /// <summary>The body, or the sentence saying what is wrong with it.</summary>
    public static (PaymentApi.PaymentBody? Body, string? Error) Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return ReadObject(json);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not valid JSON: {e.Message}");
        }
    }

    private static (PaymentApi.PaymentBody? Body, string? Error) ReadObject(ReadOnlySpan<byte> json)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, "the body is empty: send a JSON object such as {\"customer\": \"1\", \"amount\": \"20.00\", \"reference\": \"teller 3\"}");
        }

        var reader = new Utf8JsonReader(json, Strict);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, $"the body must be a JSON object, not {Describe(ref reader)}");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? customer = null, amount = null, reference = null;
        long? account = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name))
            {
                return (null, $"the body gives \"{name}\" more than once: give each member once");
            }

            reader.Read();
            string? problem = null;
            switch (name.ToLowerInvariant())
            {
                case "customer":
                    problem = Text(ref reader, name, "the customer number, such as \"1\"", out customer);
                    break;
                case "amount":
                    problem = Text(ref reader, name, "a decimal string such as \"20.00\"", out amount);
                    break;
                case "reference":
                    problem = Text(ref reader, name, "the partner's own reference", out reference);
                    break;
                case "account":
                    problem = AccountId(ref reader, name, out account);
                    break;
                default:
                    reader.Skip();
                    break;
            }

            if (problem is not null)
            {
                return (null, problem);
            }
        }

        // Anything after the object's end is refused by the reader itself (one JSON value a body), as a JsonException.
        reader.Read();
        return (new PaymentApi.PaymentBody(customer, account, amount, reference), null);
    }

    private static string? Text(ref Utf8JsonReader reader, string name, string what, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? null : $"\"{name}\" must be a JSON string, {what}, not {Describe(ref reader)}";
    }

    /// <summary>An account id: a JSON integer, or the same digits as a string (as the binder used to allow).</summary>
    private static string? AccountId(ref Utf8JsonReader reader, string name, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            value = number;
            return null;
        }

        if (reader.TokenType == JsonTokenType.String && long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            value = digits;
            return null;
        }

        return $"\"{name}\" must be an account id, a whole number such as 12, not {Describe(ref reader)}";
    }

    /// <summary>The value the reader is on, as a refusal names it: "the number 20", "the string \"x\"", "an array".</summary>
    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => $"the string \"{reader.GetString()}\"",
        JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };
}
