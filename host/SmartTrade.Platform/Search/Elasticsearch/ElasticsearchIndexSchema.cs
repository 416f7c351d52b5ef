using System.Globalization;
using System.Text.Json.Nodes;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Platform.Search.Elasticsearch;

/// <summary>
/// The index layout: exact values under <c>terms.*</c> (keyword), integers under <c>numbers.*</c> (long), text per
/// language (<c>cjk</c> analyzer for Chinese, <c>english</c> for the rest), a lowercase-normalized keyword field
/// for exact codes, and the stored fields a hit shows.
/// </summary>
internal static class ElasticsearchIndexSchema
{
    public const string ListingId = "listingId";
    public const string Version = "version";
    public const string Market = "market";
    public const string Merchant = "merchant";
    public const string CreatedAt = "createdAt";
    public const string TitleZh = "title_zh";
    public const string TitleEn = "title_en";
    public const string DescriptionZh = "description_zh";
    public const string DescriptionEn = "description_en";
    public const string Keywords = "keywords";
    public const string Codes = "codes";
    public const string Title = "title";
    public const string Description = "description";
    public const string Price = "price";
    public const string Currency = "currency";
    public const string Unit = "unit";
    public const string CategoryPath = "categoryPath";
    public const string ImageUrl = "imageUrl";

    public static string TermField(string field) => "terms." + field;

    public static string NumberField(string field) => "numbers." + field;

    /// <summary>The body of the create-index request.</summary>
    public static JsonObject IndexDefinition() => new()
    {
        ["settings"] = new JsonObject
        {
            ["analysis"] = new JsonObject
            {
                ["normalizer"] = new JsonObject
                {
                    ["lowercase_code"] = new JsonObject
                    {
                        ["type"] = "custom",
                        ["filter"] = new JsonArray("lowercase", "asciifolding"),
                    },
                },
            },
        },
        ["mappings"] = new JsonObject
        {
            ["dynamic"] = "strict",
            ["dynamic_templates"] = new JsonArray(
                new JsonObject
                {
                    ["terms"] = new JsonObject
                    {
                        ["path_match"] = "terms.*",
                        ["mapping"] = new JsonObject { ["type"] = "keyword" },
                    },
                },
                new JsonObject
                {
                    ["numbers"] = new JsonObject
                    {
                        ["path_match"] = "numbers.*",
                        ["mapping"] = new JsonObject { ["type"] = "long" },
                    },
                }),
            ["properties"] = new JsonObject
            {
                [ListingId] = Keyword(),
                [Version] = new JsonObject { ["type"] = "long" },
                [Market] = Keyword(),
                [Merchant] = Keyword(),
                [CreatedAt] = new JsonObject { ["type"] = "date" },
                ["terms"] = new JsonObject { ["type"] = "object", ["dynamic"] = true },
                ["numbers"] = new JsonObject { ["type"] = "object", ["dynamic"] = true },
                [TitleZh] = Text("cjk"),
                [TitleEn] = Text("english"),
                [DescriptionZh] = Text("cjk"),
                [DescriptionEn] = Text("english"),
                [Keywords] = Text("standard"),
                [Codes] = new JsonObject { ["type"] = "keyword", ["normalizer"] = "lowercase_code" },
                [Title] = Stored(),
                [Description] = Stored(),
                [Price] = new JsonObject { ["type"] = "long" },
                [Currency] = Keyword(),
                [Unit] = Keyword(),
                [CategoryPath] = Keyword(),
                [ImageUrl] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false },
            },
        },
    };

    /// <summary>The indexed form of a listing.</summary>
    public static JsonObject Document(SearchDocument source, string categoryPath)
    {
        var terms = new JsonObject();
        foreach (var (field, values) in source.Terms)
        {
            terms[field] = new JsonArray(values.Distinct(StringComparer.Ordinal).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        var numbers = new JsonObject();
        foreach (var (field, value) in source.Numbers)
        {
            numbers[field] = value;
        }

        // Codes are the keywords and the titles word by word, so "T30S" or a brand code matches exactly.
        var codes = source.Title.Values.Prepend(source.Keywords)
            .SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (JsonNode?)JsonValue.Create(c))
            .ToArray();

        var document = new JsonObject
        {
            [ListingId] = source.ListingId.ToString("D"),
            [Version] = source.Version,
            [Market] = source.MarketId,
            [Merchant] = source.MerchantId,
            [CreatedAt] = source.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["terms"] = terms,
            ["numbers"] = numbers,
            [Keywords] = source.Keywords,
            [Codes] = new JsonArray(codes),
            [Title] = Localized(source.Title),
            [Price] = source.PriceMinor,
            [Currency] = source.Currency,
            [Unit] = source.Unit,
            [CategoryPath] = categoryPath,
        };
        AddText(document, source.Title, TitleZh, TitleEn);
        if (source.Description is not null)
        {
            document[Description] = Localized(source.Description);
            AddText(document, source.Description, DescriptionZh, DescriptionEn);
        }

        if (source.ImageUrl is not null)
        {
            document[ImageUrl] = source.ImageUrl;
        }

        return document;
    }

    /// <summary>Whether a culture's text goes to the Chinese fields.</summary>
    public static bool IsChinese(string culture) => culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static LocalizedText? ReadLocalized(JsonNode? node)
    {
        if (node is not JsonObject values)
        {
            return null;
        }

        return new LocalizedText(values
            .Where(p => p.Value is JsonValue)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value!.GetValue<string>())));
    }

    private static void AddText(JsonObject document, LocalizedText text, string zhField, string enField)
    {
        var zh = text.Where(p => IsChinese(p.Key)).Select(p => (JsonNode?)JsonValue.Create(p.Value)).ToArray();
        var other = text.Where(p => !IsChinese(p.Key)).Select(p => (JsonNode?)JsonValue.Create(p.Value)).ToArray();
        if (zh.Length > 0)
        {
            document[zhField] = new JsonArray(zh);
        }

        if (other.Length > 0)
        {
            document[enField] = new JsonArray(other);
        }
    }

    private static JsonObject Localized(LocalizedText text)
    {
        var result = new JsonObject();
        foreach (var (culture, value) in text)
        {
            result[culture] = value;
        }

        return result;
    }

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    private static JsonObject Text(string analyzer) => new() { ["type"] = "text", ["analyzer"] = analyzer };

    private static JsonObject Stored() => new() { ["type"] = "object", ["enabled"] = false };
}
