using System.Globalization;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Platform.Search;

/// <summary>
/// A listing flattened for a search engine, the same for every provider: exact-match values per field
/// (built-in fields and keyword, choice, boolean and date attributes), integer values per field (price and
/// integer attributes), and the text to search in each language.
/// </summary>
public sealed record SearchDocument
{
    /// <summary>The listing's id.</summary>
    public required Guid ListingId { get; init; }

    /// <summary>The listing's version; an older version never replaces a newer one in the index.</summary>
    public required long Version { get; init; }

    /// <summary>The market.</summary>
    public required string MarketId { get; init; }

    /// <summary>The merchant.</summary>
    public required string MerchantId { get; init; }

    /// <summary>The title by culture.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The description by culture.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>The unit price in minor units.</summary>
    public required long PriceMinor { get; init; }

    /// <summary>The price's currency.</summary>
    public required string Currency { get; init; }

    /// <summary>The sale unit.</summary>
    public required string Unit { get; init; }

    /// <summary>The first image's URL.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>When the listing was created (for sorting by newest).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Exact values per field: <c>market</c>, <c>merchant</c>, <c>category</c> (the path and each of its ancestors,
    /// so filtering on an inner node finds everything under it), and every keyword, choice, multi-choice, boolean
    /// (<c>true</c>/<c>false</c>) and date (<c>yyyy-MM-dd</c>) attribute.
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Terms { get; init; }

    /// <summary>Integer values per field: <c>price</c> and every integer attribute.</summary>
    public required IReadOnlyDictionary<string, long> Numbers { get; init; }

    /// <summary>
    /// Extra text to search beside title and description: text attributes, and the codes and names of keyword and
    /// choice attributes marked searchable (brand, model, grade code).
    /// </summary>
    public required string Keywords { get; init; }

    /// <summary>Whether a listing in this status belongs in the index (only Active listings are found).</summary>
    public static bool IsSearchable(Listing listing) => listing.Status == ListingStatus.Active;

    /// <summary>Flattens a listing, using its market's schema to name the searchable attributes.</summary>
    /// <param name="listing">The listing.</param>
    /// <param name="market">Its market's descriptor, when the market is enabled.</param>
    public static SearchDocument From(Listing listing, MarketDescriptor? market)
    {
        var terms = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [BuiltInFields.Market] = [listing.MarketId],
            [BuiltInFields.Merchant] = [listing.MerchantId],
            [BuiltInFields.Category] = CategoryAncestors(listing.CategoryPath),
        };
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal) { [BuiltInFields.Price] = listing.Price.Minor };
        var keywords = new List<string>();
        foreach (var (key, value) in listing.Attributes)
        {
            var definition = market?.Attributes.FirstOrDefault(a => a.Key == key);
            switch (value.Type)
            {
                case AttributeType.Integer:
                    numbers[key] = value.IntegerValue!.Value;
                    break;
                case AttributeType.Text:
                    keywords.Add(value.StringValue!);
                    break;
                case AttributeType.Boolean:
                    terms[key] = [value.BooleanValue!.Value ? "true" : "false"];
                    break;
                case AttributeType.Date:
                    terms[key] = [value.DateValue!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
                    break;
                case AttributeType.MultiChoice:
                    terms[key] = value.Codes.ToList();
                    break;
                default:
                    terms[key] = [value.StringValue!];
                    break;
            }

            if (definition?.Searchable == true && value.Type is AttributeType.Keyword or AttributeType.Choice or AttributeType.MultiChoice)
            {
                foreach (var code in terms[key])
                {
                    keywords.Add(code);
                    if (definition.AllowedValues.FirstOrDefault(v => v.Code == code) is { } allowed)
                    {
                        keywords.AddRange(allowed.Names.Values);
                    }
                }
            }
        }

        return new SearchDocument
        {
            ListingId = listing.Id,
            Version = listing.Version,
            MarketId = listing.MarketId,
            MerchantId = listing.MerchantId,
            Title = listing.Title,
            Description = listing.Description,
            PriceMinor = listing.Price.Minor,
            Currency = listing.Price.Currency,
            Unit = listing.Unit,
            ImageUrl = listing.Images.Count > 0 ? listing.Images[0].Url : null,
            CreatedAt = listing.CreatedAt,
            Terms = terms,
            Numbers = numbers,
            Keywords = string.Join(' ', keywords),
        };
    }

    private static List<string> CategoryAncestors(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new List<string>(parts.Length);
        for (var i = 1; i <= parts.Length; i++)
        {
            result.Add(string.Join('/', parts[..i]));
        }

        return result;
    }
}
