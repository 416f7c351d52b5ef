using Microsoft.AspNetCore.Http;
using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Plugins.ApplianceMarket.Browse;

/// <summary>A parsed browse: the search to run and the filters chosen, by query parameter.</summary>
/// <param name="Query">The catalog search.</param>
/// <param name="Chosen">The chosen values per query parameter (category, brand, power, price, certification, moq).</param>
public sealed record BrowseRequest(SearchQuery Query, IReadOnlyDictionary<string, IReadOnlyList<string>> Chosen);

/// <summary>
/// Browsing the appliance market by its facets: category, brand, power range, price range, certification and minimum
/// order quantity, each a query parameter (repeat it for several values). The same parser serves the API and the
/// storefront, so a link from one works in the other.
/// </summary>
public static class ApplianceBrowse
{
    /// <summary>The market's descriptor, built once.</summary>
    public static MarketDescriptor Market { get; } = ApplianceMarketDescriptor.Create();

    /// <summary>Query parameters and the facet field each filters.</summary>
    public static IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["category"] = BuiltInFields.Category,
        ["brand"] = "brand",
        ["power"] = "powerWatts",
        ["price"] = BuiltInFields.Price,
        ["certification"] = "certifications",
        ["moq"] = "minimumOrderQuantity",
    };

    private static readonly HashSet<string> Others = new(StringComparer.Ordinal) { "q", "sort", "cursor", "culture" };

    /// <summary>Every category path of the market (parents and children).</summary>
    public static IReadOnlyList<(string Path, CategoryDefinition Category)> Categories { get; } = Flatten(Market.Categories, null).ToList();

    /// <summary>
    /// Reads a browse from the query string, or says which parameter is wrong: an unknown parameter is an unknown
    /// attribute; an unknown category, bucket or sort is invalid input.
    /// </summary>
    /// <param name="query">The query string.</param>
    /// <param name="culture">The culture to search and label in.</param>
    /// <param name="pageSize">Hits per page.</param>
    public static ApplianceResult<BrowseRequest> Parse(IQueryCollection query, string culture, int pageSize = 24)
    {
        var filters = new List<SearchFilter>();
        var chosen = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (Others.Contains(name))
            {
                continue;
            }

            if (!Parameters.TryGetValue(name, out var field))
            {
                return new ApplianceRefusal(400, ApplianceProblems.UnknownAttribute, $"The appliance market has no filter '{name}'; use {string.Join(", ", Parameters.Keys)}.", name);
            }

            var picked = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (picked.Count == 0)
            {
                continue;
            }

            var facet = Market.Facets.First(f => f.Field == field);
            if (facet.Kind == FacetKind.Range)
            {
                var ranges = new List<FacetRange>();
                foreach (var key in picked)
                {
                    if (facet.Ranges.FirstOrDefault(r => r.Key == key) is not { } range)
                    {
                        return new ApplianceRefusal(400, ApplianceProblems.InvalidInput, $"'{key}' is not a {name} range; use {string.Join(", ", facet.Ranges.Select(r => r.Key))}.", name);
                    }

                    ranges.Add(range);
                }

                // Several ranges of one facet widen the filter only when they touch; otherwise the first one applies.
                var ordered = ranges.OrderBy(r => r.From ?? long.MinValue).ToList();
                var contiguous = ordered.Zip(ordered.Skip(1)).All(p => p.First.To == p.Second.From);
                filters.Add(contiguous
                    ? new RangeFilter(field, ordered[0].From, ordered[^1].To)
                    : new RangeFilter(field, ranges[0].From, ranges[0].To));
                chosen[name] = contiguous ? picked : [ranges[0].Key];
            }
            else
            {
                if (name == "category" && picked.FirstOrDefault(p => Categories.All(c => c.Path != p)) is { } unknown)
                {
                    return new ApplianceRefusal(400, ApplianceProblems.InvalidInput, $"'{unknown}' is not an appliance category.", name);
                }

                if (name == "certification" && picked.FirstOrDefault(p => Market.Attributes.First(a => a.Key == field).AllowedValues.All(v => v.Code != p)) is { } unknownCode)
                {
                    return new ApplianceRefusal(400, ApplianceProblems.InvalidInput, $"'{unknownCode}' is not a certification; use CCC, CE, CB or UL.", name);
                }

                filters.Add(new TermsFilter(field, picked));
                chosen[name] = picked;
            }
        }

        SearchSort? sort = query["sort"].ToString() switch
        {
            "" or "relevance" => SearchSort.Relevance,
            "price-asc" => SearchSort.PriceAscending,
            "price-desc" => SearchSort.PriceDescending,
            "newest" => SearchSort.Newest,
            _ => null,
        };
        if (sort is null)
        {
            return new ApplianceRefusal(400, ApplianceProblems.InvalidInput, "sort is relevance, price-asc, price-desc or newest.", "sort");
        }

        var text = query["q"].ToString().Trim();
        if (text.Length > 200)
        {
            return new ApplianceRefusal(400, ApplianceProblems.InvalidInput, "The search text is at most 200 characters.", "q");
        }

        return new BrowseRequest(
            new SearchQuery
            {
                MarketId = ApplianceMarketDescriptor.MarketId,
                Text = text.Length == 0 ? null : text,
                Filters = filters,
                Facets = Market.Facets.Select(f => f.Field).ToList(),
                Sort = text.Length == 0 && sort == SearchSort.Relevance ? SearchSort.Newest : sort.Value,
                Cursor = query["cursor"].ToString() is { Length: > 0 } cursor ? cursor : null,
                PageSize = pageSize,
                Culture = culture,
            },
            chosen);
    }

    /// <summary>The name of a sale unit in the current language (件, 箱), or its code.</summary>
    /// <param name="code">A unit code such as <c>piece</c>.</param>
    public static string UnitName(string code) => Market.Units.FirstOrDefault(u => u.Code == code)?.Names.Get() ?? code;

    /// <summary>The name of a category path in the current language, or the path itself.</summary>
    /// <param name="path">A category path such as <c>kitchen/kettle</c>.</param>
    public static string CategoryName(string? path)
        => Categories.FirstOrDefault(c => c.Path == path).Category?.Names.Get() ?? path ?? string.Empty;

    private static IEnumerable<(string, CategoryDefinition)> Flatten(IEnumerable<CategoryDefinition> categories, string? parent)
    {
        foreach (var category in categories)
        {
            var path = parent is null ? category.Code : $"{parent}/{category.Code}";
            yield return (path, category);
            foreach (var child in Flatten(category.Children, path))
            {
                yield return child;
            }
        }
    }
}
