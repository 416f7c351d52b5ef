using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Markets;
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

/// <summary>
/// Checks a listing against its market's schema: every rule broken is reported against its field, in zh-CN and en
/// (the storefront shows the user's language, the API English).
/// </summary>
public static class ListingValidation
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 5000;
    public const long MaxPriceMinor = 100_000_000_000; // one billion yuan
    public const long MaxStock = 1_000_000_000;

    public static (ValidListing? Listing, FieldErrors Errors) Validate(ListingInput input, Func<string, MarketDescriptor?> markets)
    {
        var errors = new FieldErrors();
        var market = string.IsNullOrWhiteSpace(input.MarketId) ? null : markets(input.MarketId);
        if (market is null)
        {
            if (string.IsNullOrWhiteSpace(input.MarketId))
            {
                errors.Report("marketId", "请选择市场。", "Choose a market.");
            }
            else
            {
                errors.Report("marketId", $"没有启用的市场“{input.MarketId}”。", $"There is no enabled market '{input.MarketId}'.");
            }

            return (null, errors);
        }

        if (input.Title is null || !input.Title.Has(LocalizedText.DefaultCulture))
        {
            errors.Report("title", "请填写中文标题。", "A zh-CN title is required.");
        }
        else if (input.Title.Values.Any(t => t.Length > MaxTitleLength))
        {
            errors.Report("title", $"标题最多 {MaxTitleLength} 个字符。", $"A title is at most {MaxTitleLength} characters.");
        }
        else if (input.Title.Keys.Any(k => k is not (LocalizedText.DefaultCulture or LocalizedText.English)))
        {
            errors.Report("title", "标题只能用中文（zh-CN）和英文（en）填写。", "Titles are given in zh-CN and en.");
        }

        if (input.Description is not null && input.Description.Values.Any(t => t.Length > MaxDescriptionLength))
        {
            errors.Report("description", $"描述最多 {MaxDescriptionLength} 个字符。", $"A description is at most {MaxDescriptionLength} characters.");
        }

        var category = input.CategoryPath?.Trim('/', ' ') ?? string.Empty;
        if (category.Length == 0)
        {
            errors.Report("categoryPath", "请选择品类。", "Choose a category.");
        }
        else if (market.Categories.Count > 0 && !CategoryExists(market.Categories, category.Split('/')))
        {
            errors.Report("categoryPath", $"“{category}”不是这个市场的品类。", $"'{category}' is not a category of market '{market.Id}'.");
        }

        if (input.PriceMinor is not { } price || price <= 0 || price > MaxPriceMinor)
        {
            errors.Report(
                "priceMinor",
                $"价格须在 0.01 到 {MaxPriceMinor / 100:N0} 元之间。",
                $"The price is a whole number of fen between 1 and {MaxPriceMinor}.");
        }

        var currency = input.Currency ?? market.Currency;
        if (!string.Equals(currency, market.Currency, StringComparison.Ordinal))
        {
            errors.Report("currency", $"这个市场以 {market.Currency} 计价。", $"Market '{market.Id}' prices in {market.Currency}.");
        }

        var unit = input.Unit ?? market.Units.FirstOrDefault()?.Code;
        if (string.IsNullOrWhiteSpace(unit))
        {
            errors.Report("unit", "请选择计量单位。", "Choose a unit.");
        }
        else if (market.Units.Count > 0 && market.Units.All(u => u.Code != unit))
        {
            errors.Report(
                "unit",
                $"请从这些单位中选择：{string.Join("、", market.Units.Select(u => u.Names.Get(Chinese)))}。",
                $"Choose one of: {string.Join(", ", market.Units.Select(u => u.Code))}.");
        }

        if (input.Stock is not { } stock || stock < 0 || stock > MaxStock)
        {
            errors.Report("stock", $"库存须是 0 到 {MaxStock:N0} 之间的整数。", $"Stock is a whole number between 0 and {MaxStock}.");
        }

        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var given = input.Attributes ?? [];
        foreach (var (key, json) in given)
        {
            var definition = market.Attributes.FirstOrDefault(a => a.Key == key);
            if (definition is null)
            {
                errors.Report($"attributes.{key}", $"这个市场没有属性“{key}”。", $"Market '{market.Id}' has no attribute '{key}'.");
                continue;
            }

            if (json.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var (value, problem) = Convert(definition, json);
            if (problem is not null)
            {
                errors.Report($"attributes.{key}", problem);
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
                errors.Report(
                    $"attributes.{required.Key}",
                    $"请填写“{required.Names.Get(Chinese)}”。",
                    $"'{required.Names.Get(English)}' is required.");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidListing(market, input.Title!, input.Description, category, input.PriceMinor!.Value, currency, unit!, input.Stock!.Value, attributes), errors);
    }

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo(LocalizedText.DefaultCulture);

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo(LocalizedText.English);

    /// <summary>Reads a bare JSON value as an attribute of <paramref name="definition"/>'s type and rules, or says what is wrong.</summary>
    internal static (AttributeValue? Value, LocalizedText? Problem) Convert(AttributeDefinition definition, JsonElement json)
    {
        switch (definition.Type)
        {
            case AttributeType.Integer:
                if (json.ValueKind != JsonValueKind.Number || !json.TryGetInt64(out var number))
                {
                    return (null, new($"请填写整数{UnitText(definition, Chinese, "（单位：{0}）")}。", $"A whole number{EnglishUnit(definition)} is expected."));
                }

                if (number < (definition.Min ?? long.MinValue) || number > (definition.Max ?? long.MaxValue))
                {
                    var min = definition.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞";
                    var max = definition.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞";
                    return (null, new(
                        $"须在 {min} 到 {max} 之间{UnitText(definition, Chinese, "（单位：{0}）")}。",
                        $"The value must be between {min} and {max}{EnglishUnit(definition)}."));
                }

                return (AttributeValue.Integer(number), null);
            case AttributeType.Boolean:
                return json.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? (AttributeValue.Boolean(json.GetBoolean()), null)
                    : (null, new("请选择“是”或“否”。", "true or false is expected."));
            case AttributeType.Date:
                return json.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(json.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (AttributeValue.Date(date), null)
                    : (null, new("请按 yyyy-MM-dd 填写日期。", "A date as yyyy-MM-dd is expected."));
            case AttributeType.Choice:
                if (json.ValueKind != JsonValueKind.String || definition.AllowedValues.All(v => v.Code != json.GetString()))
                {
                    return (null, new(
                        $"请从这些值中选择：{string.Join("、", definition.AllowedValues.Select(v => v.Names.Get(Chinese)))}。",
                        $"Choose one of: {string.Join(", ", definition.AllowedValues.Select(v => v.Code))}."));
                }

                return (AttributeValue.Choice(json.GetString()!), null);
            case AttributeType.MultiChoice:
                if (json.ValueKind != JsonValueKind.Array || json.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                {
                    return (null, new("请从列表中选择。", "A list of codes is expected."));
                }

                var codes = json.EnumerateArray().Select(e => e.GetString()!).Distinct(StringComparer.Ordinal).ToList();
                var unknown = codes.Where(c => definition.AllowedValues.All(v => v.Code != c)).ToList();
                return unknown.Count > 0
                    ? (null, new(
                        $"未知的值 {string.Join("、", unknown)}；请从这些值中选择：{string.Join("、", definition.AllowedValues.Select(v => v.Names.Get(Chinese)))}。",
                        $"Unknown values {string.Join(", ", unknown)}; choose from: {string.Join(", ", definition.AllowedValues.Select(v => v.Code))}."))
                    : (AttributeValue.MultiChoice(codes), null);
            default:
                if (json.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(json.GetString()))
                {
                    return (null, new("请填写文字。", "Text is expected."));
                }

                var text = json.GetString()!.Trim();
                var maxLength = definition.MaxLength ?? 500;
                if (text.Length > maxLength)
                {
                    return (null, new($"最多 {maxLength} 个字符。", $"At most {maxLength} characters."));
                }

                return (definition.Type == AttributeType.Keyword ? AttributeValue.Keyword(text) : AttributeValue.Text(text), null);
        }
    }

    private static string UnitText(AttributeDefinition definition, CultureInfo culture, string format)
        => definition.Unit is null ? string.Empty : string.Format(CultureInfo.InvariantCulture, format, UnitNames.Name(definition.Unit, culture));

    // The API's English names the unit by its code, as the market schema does.
    private static string EnglishUnit(AttributeDefinition definition) => definition.Unit is null ? string.Empty : $" in {definition.Unit}";

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
