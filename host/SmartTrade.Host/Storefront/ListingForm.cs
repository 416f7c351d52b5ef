using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Http;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Host.Storefront;

/// <summary>
/// The merchant's listing form as typed: every field a string, so a wrong value is shown again as the merchant
/// typed it. Turning it into a <see cref="ListingInput"/> only parses (yuan to fen, whole numbers, the attributes by
/// their schema type); the rules themselves are <see cref="ListingValidation"/>'s, the same as the API's.
/// </summary>
public sealed class ListingForm
{
    /// <summary>The prefix of an attribute's field name: <c>attr.powerWatts</c>.</summary>
    public const string AttributePrefix = "attr.";

    public string? MarketId { get; set; }

    public string? TitleZh { get; set; }

    public string? TitleEn { get; set; }

    public string? DescriptionZh { get; set; }

    public string? DescriptionEn { get; set; }

    public string? CategoryPath { get; set; }

    public string? Unit { get; set; }

    /// <summary>The price in yuan, e.g. <c>129.90</c>.</summary>
    public string? Price { get; set; }

    public string? Stock { get; set; }

    /// <summary>Whether to publish on creation.</summary>
    public bool Publish { get; set; } = true;

    /// <summary>The listing version the form was read at (edit only).</summary>
    public string? Version { get; set; }

    /// <summary>Attribute values by key; several for a multiple choice.</summary>
    public Dictionary<string, string[]> Attributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The attribute's field name in the form.</summary>
    public static string FieldName(string key) => AttributePrefix + key;

    /// <summary>The attribute's element id (no dot, so it is also a plain CSS id).</summary>
    public static string FieldId(string key) => "attr-" + key;

    public static ListingForm Read(IFormCollection form) => new()
    {
        MarketId = Text(form["MarketId"]),
        TitleZh = Text(form["TitleZh"]),
        TitleEn = Text(form["TitleEn"]),
        DescriptionZh = Text(form["DescriptionZh"]),
        DescriptionEn = Text(form["DescriptionEn"]),
        CategoryPath = Text(form["CategoryPath"]),
        Unit = Text(form["Unit"]),
        Price = Text(form["Price"]),
        Stock = Text(form["Stock"]),
        Publish = form["Publish"].Any(v => v == "true"),
        Version = Text(form["Version"]),
        Attributes = form.Keys.Where(k => k.StartsWith(AttributePrefix, StringComparison.Ordinal))
            .ToDictionary(k => k[AttributePrefix.Length..], k => form[k].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToArray(), StringComparer.Ordinal),
    };

    /// <summary>A stored listing as the edit form shows it.</summary>
    public static ListingForm From(Listing listing) => new()
    {
        MarketId = listing.MarketId,
        TitleZh = listing.Title.TryGetValue(LocalizedText.DefaultCulture, out var titleZh) ? titleZh : null,
        TitleEn = listing.Title.TryGetValue(LocalizedText.English, out var titleEn) ? titleEn : null,
        DescriptionZh = listing.Description?.TryGetValue(LocalizedText.DefaultCulture, out var descriptionZh) == true ? descriptionZh : null,
        DescriptionEn = listing.Description?.TryGetValue(LocalizedText.English, out var descriptionEn) == true ? descriptionEn : null,
        CategoryPath = listing.CategoryPath,
        Unit = listing.Unit,
        Price = YuanInput.Format(listing.Price.Minor),
        Stock = listing.Stock.ToString(CultureInfo.InvariantCulture),
        Publish = false,
        Version = listing.Version.ToString(CultureInfo.InvariantCulture),
        Attributes = listing.Attributes.ToDictionary(a => a.Key, a => Strings(a.Value), StringComparer.Ordinal),
    };

    public string[] Values(string key) => Attributes.TryGetValue(key, out var values) ? values : [];

    public string Value(string key) => Values(key).FirstOrDefault() ?? string.Empty;

    /// <summary>
    /// The listing this form asks for, and what could not even be read (a price that is not an amount in yuan, a stock
    /// that is not a whole number), keyed like <see cref="ListingValidation"/>'s errors.
    /// </summary>
    public (ListingInput Input, FieldErrors Unreadable) ToInput(MarketDescriptor market)
    {
        var unreadable = new FieldErrors();
        long? price = null;
        if (YuanInput.TryParse(Price, out var fen))
        {
            price = fen;
        }
        else
        {
            unreadable.Report(
                "priceMinor",
                string.IsNullOrWhiteSpace(Price) ? "请填写价格（元）。" : "请按元填写价格，最多两位小数，例如 129.90。",
                string.IsNullOrWhiteSpace(Price) ? "Enter the price in yuan." : "Enter the price in yuan with at most two decimals, e.g. 129.90.");
        }

        long? stock = null;
        if (long.TryParse(Stock, NumberStyles.None, CultureInfo.InvariantCulture, out var units))
        {
            stock = units;
        }
        else
        {
            unreadable.Report("stock", "库存须是不小于 0 的整数。", "Stock is a whole number, 0 or more.");
        }

        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var definition in market.Attributes)
        {
            var values = Values(definition.Key);
            if (values.Length == 0)
            {
                continue;
            }

            attributes[definition.Key] = definition.Type switch
            {
                // Anything else stays text, which the schema check then refuses with its own message.
                AttributeType.Integer when long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    => JsonSerializer.SerializeToElement(number),
                AttributeType.Boolean when values[0] is "true" or "false" => JsonSerializer.SerializeToElement(values[0] == "true"),
                AttributeType.MultiChoice => JsonSerializer.SerializeToElement(values),
                _ => JsonSerializer.SerializeToElement(values[0]),
            };
        }

        var input = new ListingInput
        {
            MarketId = MarketId,
            Title = new LocalizedText(TitleZh ?? string.Empty, TitleEn ?? string.Empty),
            Description = new LocalizedText(DescriptionZh ?? string.Empty, DescriptionEn ?? string.Empty) is { Count: > 0 } description ? description : null,
            CategoryPath = CategoryPath,
            PriceMinor = price,
            Unit = Unit,
            Stock = stock,
            Attributes = attributes,
        };
        return (input, unreadable);
    }

    private static string? Text(StringValues values) => values.ToString() is { Length: > 0 } text ? text.Trim() : null;

    private static string[] Strings(AttributeValue value) => value.Type switch
    {
        AttributeType.Integer => [value.IntegerValue!.Value.ToString(CultureInfo.InvariantCulture)],
        AttributeType.Boolean => [value.BooleanValue == true ? "true" : "false"],
        AttributeType.Date => [value.DateValue!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
        AttributeType.Choice or AttributeType.MultiChoice => [.. value.Codes],
        _ => [value.StringValue ?? string.Empty],
    };
}
