using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartTrade.Sdk.Localization;

/// <summary>
/// Text in several cultures, keyed by culture name (<c>zh-CN</c>, <c>en</c>). Serializes as a JSON object
/// such as <c>{"zh-CN":"电水壶","en":"Electric kettle"}</c>.
/// </summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText : IReadOnlyDictionary<string, string>
{
    /// <summary>The default culture of SmartTrade, <c>zh-CN</c>.</summary>
    public const string DefaultCulture = "zh-CN";

    /// <summary>The English culture name, <c>en</c>.</summary>
    public const string English = "en";

    private readonly Dictionary<string, string> _values;

    /// <summary>Creates localized text from culture/text pairs; empty values are dropped.</summary>
    /// <param name="values">Text keyed by culture name.</param>
    public LocalizedText(IEnumerable<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (culture, text) in values)
        {
            if (!string.IsNullOrWhiteSpace(culture) && !string.IsNullOrWhiteSpace(text))
            {
                _values[culture] = text;
            }
        }
    }

    /// <summary>Creates localized text in Simplified Chinese and English.</summary>
    /// <param name="zhCn">The Simplified Chinese text.</param>
    /// <param name="en">The English text.</param>
    public LocalizedText(string zhCn, string en)
        : this([new(DefaultCulture, zhCn), new(English, en)])
    {
    }

    /// <summary>
    /// The text for a culture: an exact match, then the parent culture (<c>en-GB</c> falls back to <c>en</c>),
    /// then <c>zh-CN</c>, then any text there is; an empty string when there is none.
    /// </summary>
    /// <param name="culture">The culture wanted; the current UI culture when <see langword="null"/>.</param>
    public string Get(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (_values.TryGetValue(c.Name, out var text))
            {
                return text;
            }
        }

        if (_values.TryGetValue(DefaultCulture, out var fallback))
        {
            return fallback;
        }

        foreach (var value in _values.Values)
        {
            return value;
        }

        return string.Empty;
    }

    /// <summary>Whether text exists for exactly this culture name.</summary>
    /// <param name="culture">A culture name such as <c>en</c>.</param>
    public bool Has(string culture) => _values.ContainsKey(culture);

    /// <inheritdoc />
    public string this[string key] => _values[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<string> Values => _values.Values;

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => Get();
}

/// <summary>Reads and writes <see cref="LocalizedText"/> as a JSON object of culture/text pairs.</summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    /// <inheritdoc />
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            // A bare string is taken as the default culture's text.
            return new LocalizedText([new(LocalizedText.DefaultCulture, reader.GetString()!)]);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Localized text must be a JSON object of culture/text pairs.");
        }

        var values = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var culture = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Localized text for '{culture}' must be a string.");
            }

            values.Add(new(culture, reader.GetString()!));
        }

        return new LocalizedText(values);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (culture, text) in value)
        {
            writer.WriteString(culture, text);
        }

        writer.WriteEndObject();
    }
}
