using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Markets;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Search;

/// <summary>
/// <c>GET /api/v1/search</c>: text, market, filters, facets, sort and cursor in the query string.
/// Terms filters are <c>f.{field}=a,b</c> (any of the values); ranges are <c>min.{field}</c> (inclusive) and
/// <c>max.{field}</c> (exclusive), e.g. <c>?q=电水壶&amp;market=appliances&amp;f.brand=Midea&amp;min.price=5000&amp;sort=price_asc&amp;facets=brand,price</c>.
/// </summary>
public static class SearchEndpoints
{
    private const int MaxTextLength = 200;

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/search", SearchAsync)
            .WithTags("Search")
            .WithName("Search")
            .WithSummary("Searches active listings with filters, facet counts, sorting and cursor paging. Terms filters: f.{field}=a,b; ranges: min.{field}, max.{field}.");
        return endpoints;
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, ICatalogSearch search, MarketDirectory markets, CancellationToken cancellationToken)
    {
        var (query, errors) = Parse(request.Query, markets, Culture(request));
        if (query is null)
        {
            return Problems.Validation(errors);
        }

        try
        {
            return TypedResults.Ok(await search.SearchAsync(query, cancellationToken));
        }
        catch (ArgumentException ex)
        {
            // Invalid cursors and filters the engine cannot apply are the caller's mistake.
            return Problems.Validation(new() { [ex.ParamName ?? "query"] = [ex.Message] });
        }
    }

    /// <summary>
    /// Reads a search from query-string parameters (<c>q</c>, <c>market</c>, <c>f.{field}</c>, <c>min.{field}</c>,
    /// <c>max.{field}</c>, <c>sort</c>, <c>facets</c>, <c>cursor</c>, <c>pageSize</c>), the same for the API and the
    /// storefront. Without <c>facets</c>, a market's own facets are counted.
    /// </summary>
    /// <returns>The query, or null with the errors by parameter.</returns>
    public static (SearchQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection queryString, MarketDirectory markets, string culture)
    {
        var errors = new Dictionary<string, string[]>();
        var text = queryString["q"].ToString();
        if (text.Length > MaxTextLength)
        {
            errors["q"] = [$"Search text is at most {MaxTextLength} characters."];
        }

        var market = queryString["market"].ToString() is { Length: > 0 } m ? m : null;
        if (market is not null && markets.Find(market) is null)
        {
            errors["market"] = [$"There is no enabled market '{market}'."];
        }

        var sort = queryString["sort"].ToString() switch
        {
            "" or "relevance" => SearchSort.Relevance,
            "price_asc" => SearchSort.PriceAscending,
            "price_desc" => SearchSort.PriceDescending,
            "newest" => SearchSort.Newest,
            var other => Invalid(errors, "sort", $"'{other}' is not a sort; use relevance, price_asc, price_desc or newest."),
        };

        var pageSize = SearchQuery.DefaultPageSize;
        if (queryString["pageSize"].ToString() is { Length: > 0 } size
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > SearchQuery.MaxPageSize))
        {
            errors["pageSize"] = [$"The page size is between 1 and {SearchQuery.MaxPageSize}."];
        }

        var filters = new List<SearchFilter>();
        var ranges = new Dictionary<string, (long? From, long? To)>(StringComparer.Ordinal);
        foreach (var (key, values) in queryString)
        {
            if (key.StartsWith("f.", StringComparison.Ordinal) && key.Length > 2)
            {
                var terms = values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
                if (terms.Count > 0)
                {
                    filters.Add(new TermsFilter(key[2..], terms));
                }
            }
            else if ((key.StartsWith("min.", StringComparison.Ordinal) || key.StartsWith("max.", StringComparison.Ordinal)) && key.Length > 4)
            {
                if (values.ToString().Length == 0)
                {
                    continue; // an empty box in a form means no bound
                }

                if (!long.TryParse(values.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
                {
                    errors[key] = ["A whole number is expected."];
                    continue;
                }

                var field = key[4..];
                var range = ranges.GetValueOrDefault(field);
                ranges[field] = key[0] == 'm' && key[1] == 'i' ? (bound, range.To) : (range.From, bound);
            }
        }

        filters.AddRange(ranges.Select(r => new RangeFilter(r.Key, r.Value.From, r.Value.To)));
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var facets = queryString["facets"].ToString() is { Length: > 0 } requested
            ? requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : market is not null ? markets.Find(market)!.Facets.Select(f => f.Field).ToList() : [];
        return (new SearchQuery
        {
            Text = string.IsNullOrWhiteSpace(text) ? null : text,
            MarketId = market,
            Filters = filters,
            Facets = facets,
            Sort = sort,
            Cursor = queryString["cursor"].ToString() is { Length: > 0 } cursor ? cursor : null,
            PageSize = pageSize,
            Culture = culture,
        }, errors);
    }

    private static string Culture(HttpRequest request)
    {
        var lang = request.Query["lang"].ToString();
        if (lang.Length == 0)
        {
            lang = request.Headers.AcceptLanguage.ToString();
        }

        return lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? LocalizedText.English : LocalizedText.DefaultCulture;
    }

    private static SearchSort Invalid(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return SearchSort.Relevance;
    }
}
