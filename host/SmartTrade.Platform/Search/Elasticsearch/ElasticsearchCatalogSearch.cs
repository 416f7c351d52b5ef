using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Search;
using static SmartTrade.Platform.Search.Elasticsearch.ElasticsearchIndexSchema;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace SmartTrade.Platform.Search.Elasticsearch;

/// <summary>
/// The catalog search on an Elasticsearch cluster, through <see cref="ElasticsearchClient"/>'s transport (product
/// check, authentication, gzip, retries) with request bodies written in the query DSL. Same semantics as
/// <see cref="LuceneCatalogSearch"/>: external versioning keeps older listing versions out, facets are multi-select
/// (each facet counts with every filter but its own field's, while the hits use <c>post_filter</c>), sorts end with the
/// listing id, pages continue with <c>search_after</c> in the <see cref="SearchCursor"/> format, and snippets mark
/// matches with <c>&lt;em&gt;</c> in HTML-escaped text.
/// </summary>
public sealed class ElasticsearchCatalogSearch : ICatalogSearch
{
    private readonly ElasticsearchSearchOptions _options;
    private readonly IMarketSchemas _markets;
    private readonly ElasticsearchClient _client;
    private readonly SemaphoreSlim _indexLock = new(1, 1);
    private volatile bool _indexReady;

    public ElasticsearchCatalogSearch(ElasticsearchSearchOptions options, IMarketSchemas markets)
        : this(options, markets, CreateClient(options))
    {
    }

    public ElasticsearchCatalogSearch(ElasticsearchSearchOptions options, IMarketSchemas markets, ElasticsearchClient client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(client);
        _options = options;
        _markets = markets;
        _client = client;
    }

    /// <summary>The client for <paramref name="options"/>.</summary>
    public static ElasticsearchClient CreateClient(ElasticsearchSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new ElasticsearchClientSettings(options.Url)
            .EnableHttpCompression(options.CompressRequests)
            .RequestTimeout(options.RequestTimeout);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            settings = settings.Authentication(new ApiKey(options.ApiKey));
        }
        else if (!string.IsNullOrEmpty(options.Username))
        {
            settings = settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? string.Empty));
        }

        return new ElasticsearchClient(settings);
    }

    private string Index => Uri.EscapeDataString(_options.IndexName);

    public async Task IndexAsync(IReadOnlyList<Listing> listings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        if (listings.Count == 0)
        {
            return;
        }

        // The newest version of each listing in the batch wins; the cluster's external versioning does the rest.
        var latest = new Dictionary<Guid, Listing>();
        foreach (var listing in listings)
        {
            if (!latest.TryGetValue(listing.Id, out var seen) || listing.Version >= seen.Version)
            {
                latest[listing.Id] = listing;
            }
        }

        await EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        var schemas = new Dictionary<string, MarketDescriptor?>(StringComparer.Ordinal);
        var body = new StringBuilder();
        foreach (var listing in latest.Values)
        {
            var meta = new JsonObject
            {
                ["_index"] = _options.IndexName,
                ["_id"] = listing.Id.ToString("D"),
                ["version"] = listing.Version,
                ["version_type"] = "external",
            };
            if (!SearchDocument.IsSearchable(listing))
            {
                AppendLine(body, new JsonObject { ["delete"] = meta });
                continue;
            }

            if (!schemas.TryGetValue(listing.MarketId, out var market))
            {
                market = schemas[listing.MarketId] = _markets.Find(listing.MarketId);
            }

            AppendLine(body, new JsonObject { ["index"] = meta });
            AppendLine(body, Document(SearchDocument.From(listing, market), listing.CategoryPath));
        }

        await BulkAsync(body, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(IReadOnlyList<Guid> listingIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listingIds);
        if (listingIds.Count == 0)
        {
            return;
        }

        await EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        var body = new StringBuilder();
        foreach (var id in listingIds.Distinct())
        {
            AppendLine(body, new JsonObject
            {
                ["delete"] = new JsonObject { ["_index"] = _options.IndexName, ["_id"] = id.ToString("D") },
            });
        }

        await BulkAsync(body, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var stopwatch = Stopwatch.StartNew();
        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        var sort = text is null && query.Sort == SearchSort.Relevance ? SearchSort.Newest : query.Sort;
        var cursor = query.Cursor is null ? null : SearchCursor.Decode(query.Cursor, sort);
        var market = string.IsNullOrEmpty(query.MarketId) ? null : _markets.Find(query.MarketId);
        var pageSize = query.EffectivePageSize;
        var culture = CultureFor(query.Culture);

        await EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        var request = ElasticsearchQueryBuilder.Build(query, text, sort, cursor, market, pageSize, culture, _options.SnippetLength);
        var response = await SendAsync(HttpMethod.POST, $"/{Index}/_search?typed_keys=true", request.ToJsonString(), cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;

        var hitsElement = root.GetProperty("hits");
        long total = 0;
        var exact = true;
        if (hitsElement.TryGetProperty("total", out var totalElement))
        {
            total = totalElement.GetProperty("value").GetInt64();
            exact = !totalElement.TryGetProperty("relation", out var relation) || relation.GetString() == "eq";
        }

        var served = cursor?.Served ?? 0;
        var raw = hitsElement.GetProperty("hits").EnumerateArray().ToList();
        var count = Math.Min(pageSize, raw.Count);
        var hits = new List<SearchHit>(count);
        for (var i = 0; i < count; i++)
        {
            hits.Add(ToHit(raw[i], culture, text is not null, served + i + 1));
        }

        string? next = null;
        if (raw.Count > pageSize)
        {
            next = new SearchCursor(sort, CursorValue(sort, raw[pageSize - 1]), hits[^1].ListingId, served + pageSize).Encode();
        }

        var facets = new List<FacetResult>(query.Facets.Count);
        root.TryGetProperty("aggregations", out var aggregations);
        foreach (var field in query.Facets.Distinct(StringComparer.Ordinal))
        {
            facets.Add(ReadFacet(aggregations, field, market, culture));
        }

        return new SearchResult
        {
            Hits = hits,
            Total = total,
            TotalIsExact = exact,
            Facets = facets,
            NextCursor = next,
            Elapsed = stopwatch.Elapsed,
        };
    }

    private async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if (_indexReady)
        {
            return;
        }

        await _indexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_indexReady)
            {
                return;
            }

            var exists = await _client.Transport.RequestAsync<VoidResponse>(HttpMethod.HEAD, $"/{Index}", cancellationToken).ConfigureAwait(false);
            var status = exists.ApiCallDetails.HttpStatusCode;
            if (status == 404)
            {
                var created = await _client.Transport.RequestAsync<StringResponse>(
                    HttpMethod.PUT, $"/{Index}", PostData.String(IndexDefinition().ToJsonString()), cancellationToken).ConfigureAwait(false);
                if (!created.ApiCallDetails.HasSuccessfulStatusCode
                    && !(created.Body ?? string.Empty).Contains("resource_already_exists_exception", StringComparison.Ordinal))
                {
                    throw Failure("create the index", created);
                }
            }
            else if (status is null or >= 500)
            {
                throw new CatalogSearchUnavailableException($"Elasticsearch did not say whether index '{_options.IndexName}' exists (HTTP {status?.ToString(CultureInfo.InvariantCulture) ?? "none"}).", exists.ApiCallDetails.OriginalException);
            }
            else if (!exists.ApiCallDetails.HasSuccessfulStatusCode)
            {
                throw new InvalidOperationException($"Elasticsearch did not say whether index '{_options.IndexName}' exists (HTTP {status?.ToString(CultureInfo.InvariantCulture) ?? "none"}).", exists.ApiCallDetails.OriginalException);
            }

            _indexReady = true;
        }
        finally
        {
            _indexLock.Release();
        }
    }

    private async Task BulkAsync(StringBuilder body, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.POST, "/_bulk?refresh=wait_for", body.ToString(), cancellationToken, "application/x-ndjson").ConfigureAwait(false);
        using var json = JsonDocument.Parse(response.Body);
        if (!json.RootElement.TryGetProperty("errors", out var errors) || !errors.GetBoolean())
        {
            return;
        }

        var failures = new List<string>();
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            foreach (var action in item.EnumerateObject())
            {
                var status = action.Value.TryGetProperty("status", out var s) ? s.GetInt32() : 0;

                // 409: the index holds this version or a newer one (a replay); 404: deleting what is not there.
                if (status is >= 200 and < 300 or 409 or 404)
                {
                    continue;
                }

                var reason = action.Value.TryGetProperty("error", out var error) ? error.ToString() : "unknown";
                failures.Add($"{action.Name} {(action.Value.TryGetProperty("_id", out var id) ? id.GetString() : "?")}: HTTP {status} {reason}");
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException("Elasticsearch rejected listings: " + string.Join("; ", failures));
        }
    }

    private async Task<StringResponse> SendAsync(HttpMethod method, string path, string body, CancellationToken cancellationToken, string? contentType = null)
    {
        var configuration = contentType is null ? new RequestConfiguration() : new RequestConfiguration { ContentType = contentType, Accept = "application/json" };
        var response = await _client.Transport.RequestAsync<StringResponse>(method, path, PostData.String(body), configuration, cancellationToken).ConfigureAwait(false);
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
        {
            throw Failure($"{method} {path}", response);
        }

        return response;
    }

    // No answer or a failure on the cluster's side may pass (the cluster is down, restarting, overloaded); a 4xx is a
    // mistake in what was sent.
    private static Exception Failure(string what, StringResponse response)
    {
        var status = response.ApiCallDetails.HttpStatusCode;
        var message = $"Elasticsearch could not {what}: HTTP {status?.ToString(CultureInfo.InvariantCulture) ?? "none"} {response.Body}";
        return status is null or >= 500
            ? new CatalogSearchUnavailableException(message, response.ApiCallDetails.OriginalException)
            : new InvalidOperationException(message, response.ApiCallDetails.OriginalException);
    }

    /// <summary>Whether the cluster answers now (for the health check).</summary>
    /// <param name="cancellationToken">Cancelled when the check gives up.</param>
    internal async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        var response = await _client.Transport.RequestAsync<StringResponse>(HttpMethod.GET, "/", cancellationToken).ConfigureAwait(false);
        return response.ApiCallDetails.HasSuccessfulStatusCode;
    }

    private static void AppendLine(StringBuilder body, JsonNode line) => body.Append(line.ToJsonString()).Append('\n');

    private static long CursorValue(SearchSort sort, JsonElement hit)
    {
        var value = hit.GetProperty("sort")[0];
        return sort == SearchSort.Relevance ? BitConverter.DoubleToInt64Bits(value.GetDouble()) : value.GetInt64();
    }

    private SearchHit ToHit(JsonElement hit, CultureInfo culture, bool hasText, long rank)
    {
        var source = JsonNode.Parse(hit.GetProperty("_source").GetRawText())!.AsObject();
        var title = ReadLocalized(source[Title]) ?? new LocalizedText([]);
        var description = ReadLocalized(source[Description]);
        var titleText = title.Get(culture);
        string? snippet = null;
        if (hasText)
        {
            snippet = Highlight(hit, culture)
                ?? WebUtility.HtmlEncode(Truncate(description is null ? titleText : description.Get(culture)));
        }

        return new SearchHit
        {
            ListingId = Guid.Parse(source[ListingId]!.GetValue<string>()),
            MarketId = source[Market]!.GetValue<string>(),
            MerchantId = source[Merchant]!.GetValue<string>(),
            Title = titleText,
            Snippet = snippet,
            Price = new Money(source[Price]!.GetValue<long>(), source[Currency]!.GetValue<string>()),
            Unit = source[Unit]!.GetValue<string>(),
            CategoryPath = source[CategoryPath]?.GetValue<string>(),
            ImageUrl = source[ImageUrl]?.GetValue<string>(),
            Rank = rank,
        };
    }

    private string Truncate(string text) => text.Length > _options.SnippetLength ? text[.._options.SnippetLength] : text;

    /// <summary>The best highlighted passage: the requested language's title, then description, then the other language.</summary>
    private static string? Highlight(JsonElement hit, CultureInfo culture)
    {
        if (!hit.TryGetProperty("highlight", out var highlight))
        {
            return null;
        }

        string[] order = IsChinese(culture.Name)
            ? [TitleZh, DescriptionZh, TitleEn, DescriptionEn]
            : [TitleEn, DescriptionEn, TitleZh, DescriptionZh];
        foreach (var field in order)
        {
            if (highlight.TryGetProperty(field, out var fragments) && fragments.GetArrayLength() > 0)
            {
                return fragments[0].GetString();
            }
        }

        return null;
    }

    private FacetResult ReadFacet(JsonElement aggregations, string field, MarketDescriptor? market, CultureInfo culture)
    {
        var definition = market?.Facets.FirstOrDefault(d => d.Field == field);
        var isRange = definition is { Kind: FacetKind.Range };
        var name = ElasticsearchQueryBuilder.AggregationName(field);
        if (aggregations.ValueKind != JsonValueKind.Object
            || !aggregations.TryGetProperty("filter#" + name, out var wrapper)
            || !wrapper.TryGetProperty((isRange ? "range#" : "sterms#") + name, out var counted))
        {
            return new FacetResult { Field = field, Buckets = EmptyBuckets(definition, culture) };
        }

        var buckets = new List<FacetBucket>();
        if (isRange)
        {
            var counts = counted.GetProperty("buckets").EnumerateArray()
                .ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("doc_count").GetInt64(), StringComparer.Ordinal);
            foreach (var range in definition!.Ranges)
            {
                buckets.Add(new FacetBucket { Key = range.Key, Label = range.Names.Get(culture), Count = counts.GetValueOrDefault(range.Key) });
            }
        }
        else
        {
            var attribute = market?.Attributes.FirstOrDefault(a => a.Key == field);
            foreach (var bucket in counted.GetProperty("buckets").EnumerateArray())
            {
                var keyElement = bucket.TryGetProperty("key_as_string", out var asString) ? asString : bucket.GetProperty("key");
                var key = keyElement.ValueKind == JsonValueKind.String ? keyElement.GetString()! : keyElement.GetRawText();
                buckets.Add(new FacetBucket { Key = key, Label = Label(field, key, market, attribute, culture), Count = bucket.GetProperty("doc_count").GetInt64() });
            }
        }

        return new FacetResult { Field = field, Buckets = buckets };
    }

    private static List<FacetBucket> EmptyBuckets(FacetDefinition? definition, CultureInfo culture)
        => definition is { Kind: FacetKind.Range }
            ? definition.Ranges.Select(r => new FacetBucket { Key = r.Key, Label = r.Names.Get(culture), Count = 0 }).ToList()
            : [];

    private string? Label(string field, string key, MarketDescriptor? market, AttributeDefinition? attribute, CultureInfo culture)
        => FacetLabels.Label(_markets, field, key, market, attribute, culture);

    private static CultureInfo CultureFor(string? culture) => FacetLabels.CultureFor(culture);
}
