using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Sdk.Catalog;

/// <summary>
/// The value of one attribute of a listing, of one of the <see cref="AttributeType"/>s a market schema allows.
/// Immutable, compared by value, and without floating point: numbers are integers in the attribute's unit.
/// </summary>
/// <remarks>
/// JSON names the type beside the value, so a value reads back exactly as written:
/// <c>{"type":"Integer","value":1800}</c>, <c>{"type":"Keyword","value":"T30S"}</c>,
/// <c>{"type":"Date","value":"2025-03-01"}</c>, <c>{"type":"MultiChoice","value":["CCC","CE"]}</c>.
/// A bare JSON value is read too, by its JSON type (string as <see cref="AttributeType.Text"/>, integer number as
/// <see cref="AttributeType.Integer"/>, <c>true</c>/<c>false</c> as <see cref="AttributeType.Boolean"/>, array of
/// strings as <see cref="AttributeType.MultiChoice"/>); the host converts such values to the schema's type when it
/// validates a listing.
/// </remarks>
[JsonConverter(typeof(AttributeValueJsonConverter))]
public sealed class AttributeValue : IEquatable<AttributeValue>
{
    private readonly string? _string;
    private readonly long _integer;
    private readonly IReadOnlyList<string> _codes;

    private AttributeValue(AttributeType type, string? stringValue = null, long integer = 0, IReadOnlyList<string>? codes = null)
    {
        Type = type;
        _string = stringValue;
        _integer = integer;
        _codes = codes ?? [];
    }

    /// <summary>The value's type.</summary>
    public AttributeType Type { get; }

    /// <summary>The text of a <see cref="AttributeType.Text"/> or <see cref="AttributeType.Keyword"/> value, or the code of a <see cref="AttributeType.Choice"/>; otherwise <see langword="null"/>.</summary>
    public string? StringValue => Type is AttributeType.Text or AttributeType.Keyword or AttributeType.Choice ? _string : null;

    /// <summary>The number of an <see cref="AttributeType.Integer"/> value; otherwise <see langword="null"/>.</summary>
    public long? IntegerValue => Type == AttributeType.Integer ? _integer : null;

    /// <summary>The truth of a <see cref="AttributeType.Boolean"/> value; otherwise <see langword="null"/>.</summary>
    public bool? BooleanValue => Type == AttributeType.Boolean ? _integer != 0 : null;

    /// <summary>The date of a <see cref="AttributeType.Date"/> value; otherwise <see langword="null"/>.</summary>
    public DateOnly? DateValue => Type == AttributeType.Date ? DateOnly.FromDayNumber((int)_integer) : null;

    /// <summary>The chosen codes: one for <see cref="AttributeType.Choice"/>, any number for <see cref="AttributeType.MultiChoice"/>; empty otherwise.</summary>
    public IReadOnlyList<string> Codes => _codes;

    /// <summary>Free text, searched as words.</summary>
    /// <param name="text">The text; must not be <see langword="null"/>.</param>
    public static AttributeValue Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(AttributeType.Text, text);
    }

    /// <summary>A code matched exactly, such as a model number.</summary>
    /// <param name="keyword">The code; must not be empty.</param>
    public static AttributeValue Keyword(string keyword)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyword);
        return new(AttributeType.Keyword, keyword);
    }

    /// <summary>An integer in the attribute's unit.</summary>
    /// <param name="value">The number.</param>
    public static AttributeValue Integer(long value) => new(AttributeType.Integer, integer: value);

    /// <summary>True or false.</summary>
    /// <param name="value">The truth value.</param>
    public static AttributeValue Boolean(bool value) => new(AttributeType.Boolean, integer: value ? 1 : 0);

    /// <summary>A calendar date.</summary>
    /// <param name="value">The date.</param>
    public static AttributeValue Date(DateOnly value) => new(AttributeType.Date, integer: value.DayNumber);

    /// <summary>One code from the attribute's allowed values.</summary>
    /// <param name="code">The chosen code; must not be empty.</param>
    public static AttributeValue Choice(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return new(AttributeType.Choice, code, codes: [code]);
    }

    /// <summary>Any number of codes from the attribute's allowed values, in the order given, without duplicates.</summary>
    /// <param name="codes">The chosen codes; none may be empty.</param>
    public static AttributeValue MultiChoice(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var list = new List<string>();
        foreach (var code in codes)
        {
            ArgumentException.ThrowIfNullOrEmpty(code, nameof(codes));
            if (!list.Contains(code, StringComparer.Ordinal))
            {
                list.Add(code);
            }
        }

        return new(AttributeType.MultiChoice, codes: list.AsReadOnly());
    }

    /// <summary>Whether two values have the same type and the same value (codes compared in order).</summary>
    /// <param name="other">The value to compare with.</param>
    public bool Equals(AttributeValue? other)
        => other is not null
            && Type == other.Type
            && _integer == other._integer
            && string.Equals(_string, other._string, StringComparison.Ordinal)
            && _codes.SequenceEqual(other._codes, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AttributeValue);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Type);
        hash.Add(_integer);
        hash.Add(_string, StringComparer.Ordinal);
        foreach (var code in _codes)
        {
            hash.Add(code, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Whether two values are equal.</summary>
    public static bool operator ==(AttributeValue? left, AttributeValue? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two values differ.</summary>
    public static bool operator !=(AttributeValue? left, AttributeValue? right) => !(left == right);

    /// <summary>
    /// The value in invariant form: the text or code, the integer, <c>true</c>/<c>false</c>, the date as
    /// <c>yyyy-MM-dd</c>, or the codes joined with commas.
    /// </summary>
    public override string ToString() => Type switch
    {
        AttributeType.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        AttributeType.Boolean => _integer != 0 ? "true" : "false",
        AttributeType.Date => DateValue!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        AttributeType.MultiChoice => string.Join(',', _codes),
        _ => _string ?? string.Empty,
    };
}

/// <summary>Reads and writes <see cref="AttributeValue"/> as <c>{"type":…,"value":…}</c>; reads bare JSON values too.</summary>
public sealed class AttributeValueJsonConverter : JsonConverter<AttributeValue>
{
    private const string TypeProperty = "type";
    private const string ValueProperty = "value";

    /// <inheritdoc />
    public override AttributeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return AttributeValue.Text(reader.GetString()!);
            case JsonTokenType.Number:
                return AttributeValue.Integer(ReadInteger(ref reader));
            case JsonTokenType.True:
            case JsonTokenType.False:
                return AttributeValue.Boolean(reader.GetBoolean());
            case JsonTokenType.StartArray:
                return AttributeValue.MultiChoice(ReadCodes(ref reader));
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException($"An attribute value cannot be read from {reader.TokenType}.");
        }

        AttributeType? type = null;
        var value = default(JsonElement);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, TypeProperty, StringComparison.OrdinalIgnoreCase))
            {
                type = Enum.TryParse<AttributeType>(reader.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new JsonException($"Unknown attribute type '{reader.GetString()}'.");
            }
            else if (string.Equals(name, ValueProperty, StringComparison.OrdinalIgnoreCase))
            {
                value = JsonElement.ParseValue(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        if (type is null || value.ValueKind == JsonValueKind.Undefined)
        {
            throw new JsonException("An attribute value object needs a 'type' and a 'value'.");
        }

        try
        {
            return type switch
            {
                AttributeType.Text => AttributeValue.Text(value.GetString()!),
                AttributeType.Keyword => AttributeValue.Keyword(value.GetString()!),
                AttributeType.Integer => AttributeValue.Integer(value.GetInt64()),
                AttributeType.Boolean => AttributeValue.Boolean(value.GetBoolean()),
                AttributeType.Date => AttributeValue.Date(DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                AttributeType.Choice => AttributeValue.Choice(value.GetString()!),
                AttributeType.MultiChoice => AttributeValue.MultiChoice(value.EnumerateArray().Select(e => e.GetString()!).ToList()),
                _ => throw new JsonException($"Unknown attribute type '{type}'."),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new JsonException($"The value does not fit attribute type '{type}': {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(TypeProperty, value.Type.ToString());
        writer.WritePropertyName(ValueProperty);
        switch (value.Type)
        {
            case AttributeType.Integer:
                writer.WriteNumberValue(value.IntegerValue!.Value);
                break;
            case AttributeType.Boolean:
                writer.WriteBooleanValue(value.BooleanValue!.Value);
                break;
            case AttributeType.MultiChoice:
                writer.WriteStartArray();
                foreach (var code in value.Codes)
                {
                    writer.WriteStringValue(code);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }

        writer.WriteEndObject();
    }

    private static long ReadInteger(ref Utf8JsonReader reader)
        => reader.TryGetInt64(out var number)
            ? number
            : throw new JsonException("An attribute number must be an integer (no fractions, no floating point).");

    private static List<string> ReadCodes(ref Utf8JsonReader reader)
    {
        var codes = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            codes.Add(reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException("Attribute codes must be strings."));
        }

        return codes;
    }
}
