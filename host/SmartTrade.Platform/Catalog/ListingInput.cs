using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Platform.Catalog;

/// <summary>A listing as a merchant creates or replaces it. Attribute values are plain JSON, typed by the market's schema.</summary>
public sealed record ListingInput
{
    [JsonPropertyName("marketId")]
    public string? MarketId { get; init; }

    [JsonPropertyName("title")]
    public LocalizedText? Title { get; init; }

    [JsonPropertyName("description")]
    public LocalizedText? Description { get; init; }

    [JsonPropertyName("categoryPath")]
    public string? CategoryPath { get; init; }

    /// <summary>The unit price in minor units (fen).</summary>
    [JsonPropertyName("priceMinor")]
    public long? PriceMinor { get; init; }

    /// <summary>The currency; defaults to the market's.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    [JsonPropertyName("unit")]
    public string? Unit { get; init; }

    [JsonPropertyName("stock")]
    public long? Stock { get; init; }

    [JsonPropertyName("attributes")]
    public Dictionary<string, JsonElement>? Attributes { get; init; }
}

/// <summary>A listing input checked against its market, ready to store.</summary>
public sealed record ValidListing(
    MarketDescriptor Market,
    LocalizedText Title,
    LocalizedText? Description,
    string CategoryPath,
    long PriceMinor,
    string Currency,
    string Unit,
    long Stock,
    IReadOnlyDictionary<string, AttributeValue> Attributes);

/// <summary>Checks a listing against its market's schema: every rule broken is reported against its field.</summary>
public static class ListingValidation
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 5000;
    public const long MaxPriceMinor = 100_000_000_000; // one billion yuan
    public const long MaxStock = 1_000_000_000;

    public static (ValidListing? Listing, Dictionary<string, string[]> Errors) Validate(ListingInput input, Func<string, MarketDescriptor?> markets)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Error(string field, string message) => errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        var market = string.IsNullOrWhiteSpace(input.MarketId) ? null : markets(input.MarketId);
        if (market is null)
        {
            Error("marketId", string.IsNullOrWhiteSpace(input.MarketId) ? "Choose a market." : $"There is no enabled market '{input.MarketId}'.");
            return (null, errors);
        }

        if (input.Title is null || !input.Title.Has(LocalizedText.DefaultCulture))
        {
            Error("title", "A zh-CN title is required.");
        }
        else if (input.Title.Values.Any(t => t.Length > MaxTitleLength))
        {
            Error("title", $"A title is at most {MaxTitleLength} characters.");
        }
        else if (input.Title.Keys.Any(k => k is not (LocalizedText.DefaultCulture or LocalizedText.English)))
        {
            Error("title", "Titles are given in zh-CN and en.");
        }

        if (input.Description is not null && input.Description.Values.Any(t => t.Length > MaxDescriptionLength))
        {
            Error("description", $"A description is at most {MaxDescriptionLength} characters.");
        }

        var category = input.CategoryPath?.Trim('/', ' ') ?? string.Empty;
        if (category.Length == 0)
        {
            Error("categoryPath", "Choose a category.");
        }
        else if (market.Categories.Count > 0 && !CategoryExists(market.Categories, category.Split('/')))
        {
            Error("categoryPath", $"'{category}' is not a category of market '{market.Id}'.");
        }

        if (input.PriceMinor is not { } price || price <= 0 || price > MaxPriceMinor)
        {
            Error("priceMinor", $"The price is a whole number of fen between 1 and {MaxPriceMinor}.");
        }

        var currency = input.Currency ?? market.Currency;
        if (!string.Equals(currency, market.Currency, StringComparison.Ordinal))
        {
            Error("currency", $"Market '{market.Id}' prices in {market.Currency}.");
        }

        var unit = input.Unit ?? market.Units.FirstOrDefault()?.Code;
        if (string.IsNullOrWhiteSpace(unit))
        {
            Error("unit", "Choose a unit.");
        }
        else if (market.Units.Count > 0 && market.Units.All(u => u.Code != unit))
        {
            Error("unit", $"Choose one of: {string.Join(", ", market.Units.Select(u => u.Code))}.");
        }

        if (input.Stock is not { } stock || stock < 0 || stock > MaxStock)
        {
            Error("stock", $"Stock is a whole number between 0 and {MaxStock}.");
        }

        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var given = input.Attributes ?? [];
        foreach (var (key, json) in given)
        {
            var definition = market.Attributes.FirstOrDefault(a => a.Key == key);
            if (definition is null)
            {
                Error($"attributes.{key}", $"Market '{market.Id}' has no attribute '{key}'.");
                continue;
            }

            if (json.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var (value, problem) = Convert(definition, json);
            if (problem is not null)
            {
                Error($"attributes.{key}", problem);
            }
            else
            {
                attributes[key] = value!;
            }
        }

        foreach (var required in market.Attributes.Where(a => a.Required && !attributes.ContainsKey(a.Key)))
        {
            if (!errors.ContainsKey($"attributes.{required.Key}"))
            {
                Error($"attributes.{required.Key}", $"'{required.Names.Get(CultureInfo.InvariantCulture)}' is required.");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidListing(market, input.Title!, input.Description, category, input.PriceMinor!.Value, currency, unit!, input.Stock!.Value, attributes), errors);
    }

    private static (AttributeValue? Value, string? Problem) Convert(AttributeDefinition definition, JsonElement json)
    {
        switch (definition.Type)
        {
            case AttributeType.Integer:
                if (json.ValueKind != JsonValueKind.Number || !json.TryGetInt64(out var number))
                {
                    return (null, $"A whole number{UnitText(definition)} is expected.");
                }

                if (number < (definition.Min ?? long.MinValue) || number > (definition.Max ?? long.MaxValue))
                {
                    return (null, $"The value must be between {definition.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {definition.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}{UnitText(definition)}.");
                }

                return (AttributeValue.Integer(number), null);
            case AttributeType.Boolean:
                return json.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? (AttributeValue.Boolean(json.GetBoolean()), null)
                    : (null, "true or false is expected.");
            case AttributeType.Date:
                return json.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(json.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (AttributeValue.Date(date), null)
                    : (null, "A date as yyyy-MM-dd is expected.");
            case AttributeType.Choice:
                if (json.ValueKind != JsonValueKind.String || definition.AllowedValues.All(v => v.Code != json.GetString()))
                {
                    return (null, $"Choose one of: {string.Join(", ", definition.AllowedValues.Select(v => v.Code))}.");
                }

                return (AttributeValue.Choice(json.GetString()!), null);
            case AttributeType.MultiChoice:
                if (json.ValueKind != JsonValueKind.Array || json.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    return (null, "A list of codes is expected.");
                }

                var codes = json.EnumerateArray().Select(e => e.GetString()!).Distinct(StringComparer.Ordinal).ToList();
                var unknown = codes.Where(c => definition.AllowedValues.All(v => v.Code != c)).ToList();
                return unknown.Count > 0
                    ? (null, $"Unknown values {string.Join(", ", unknown)}; choose from: {string.Join(", ", definition.AllowedValues.Select(v => v.Code))}.")
                    : (AttributeValue.MultiChoice(codes), null);
            default:
                if (json.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(json.GetString()))
                {
                    return (null, "Text is expected.");
                }

                var text = json.GetString()!.Trim();
                var max = definition.MaxLength ?? 500;
                if (text.Length > max)
                {
                    return (null, $"At most {max} characters.");
                }

                return (definition.Type == AttributeType.Keyword ? AttributeValue.Keyword(text) : AttributeValue.Text(text), null);
        }
    }

    private static string UnitText(AttributeDefinition definition) => definition.Unit is null ? string.Empty : $" in {definition.Unit}";

    private static bool CategoryExists(IReadOnlyList<CategoryDefinition> level, ReadOnlySpan<string> path)
    {
        if (path.IsEmpty)
        {
            return true;
        }

        foreach (var node in level)
        {
            if (node.Code == path[0])
            {
                return CategoryExists(node.Children, path[1..]);
            }
        }

        return false;
    }
}
