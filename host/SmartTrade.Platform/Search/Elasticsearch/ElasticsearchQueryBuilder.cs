using System.Globalization;
using System.Text.Json.Nodes;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Search;
using static SmartTrade.Platform.Search.Elasticsearch.ElasticsearchIndexSchema;

namespace SmartTrade.Platform.Search.Elasticsearch;

/// <summary>
/// Writes the search request body: the text and the filters on fields without a facet in <c>query</c>, the filters
/// on faceted fields in <c>post_filter</c>, and each facet as a <c>filter</c> aggregation (every filter but the
/// facet's own) around a <c>terms</c> or <c>range</c> aggregation.
/// </summary>
internal static class ElasticsearchQueryBuilder
{
    private const int MaxWords = 16;

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of",
        "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    };

    /// <summary>The aggregation name of a facet field (typed keys put a type prefix before it).</summary>
    public static string AggregationName(string field) => field;

    public static JsonObject Build(
        SearchQuery query, string? text, SearchSort sort, SearchCursor? cursor, MarketDescriptor? market, int pageSize, CultureInfo culture, int snippetLength)
    {
        var facetFields = new HashSet<string>(query.Facets, StringComparer.Ordinal);
        var filters = query.Filters.Where(f => f is not null).ToList();
        var plain = new JsonArray();
        if (!string.IsNullOrEmpty(query.MarketId))
        {
            plain.Add(Term(Market, query.MarketId));
        }

        foreach (var filter in filters.Where(f => !facetFields.Contains(f.Field)))
        {
            plain.Add(Filter(filter));
        }

        var posted = filters.Where(f => facetFields.Contains(f.Field)).ToList();
        var boolQuery = new JsonObject
        {
            ["must"] = new JsonArray(text is null ? new JsonObject { ["match_all"] = new JsonObject() } : TextQuery(text)),
        };
        if (plain.Count > 0)
        {
            boolQuery["filter"] = plain;
        }

        var body = new JsonObject
        {
            ["size"] = pageSize + 1,
            ["track_total_hits"] = true,
            ["query"] = new JsonObject { ["bool"] = boolQuery },
        };
        if (posted.Count > 0)
        {
            body["post_filter"] = AllOf(posted);
        }

        if (query.Facets.Count > 0)
        {
            var aggregations = new JsonObject();
            foreach (var field in query.Facets.Distinct(StringComparer.Ordinal))
            {
                var definition = market?.Facets.FirstOrDefault(d => d.Field == field);
                var name = AggregationName(field);
                aggregations[name] = new JsonObject
                {
                    ["filter"] = AllOf(posted.Where(f => f.Field != field).ToList()),
                    ["aggs"] = new JsonObject { [name] = Counting(field, definition) },
                };
            }

            body["aggs"] = aggregations;
        }

        body["sort"] = Sort(sort);
        if (cursor is not null)
        {
            body["search_after"] = new JsonArray(
                sort == SearchSort.Relevance ? JsonValue.Create(BitConverter.Int64BitsToDouble(cursor.Value)) : JsonValue.Create(cursor.Value),
                JsonValue.Create(cursor.ListingId.ToString("D")));
        }

        if (text is not null)
        {
            var fields = new JsonObject();
            string[] order = IsChinese(culture.Name) ? [TitleZh, DescriptionZh, TitleEn, DescriptionEn] : [TitleEn, DescriptionEn, TitleZh, DescriptionZh];
            foreach (var field in order)
            {
                fields[field] = field.StartsWith("title", StringComparison.Ordinal)
                    ? new JsonObject { ["number_of_fragments"] = 0 }
                    : new JsonObject { ["fragment_size"] = snippetLength, ["number_of_fragments"] = 1 };
            }

            body["highlight"] = new JsonObject
            {
                ["pre_tags"] = new JsonArray("<em>"),
                ["post_tags"] = new JsonArray("</em>"),
                ["encoder"] = "html",
                ["require_field_match"] = false,
                ["fields"] = fields,
            };
        }

        return body;
    }

    /// <summary>
    /// Like the Lucene provider: the text is split on white space and each word must match in at least one field,
    /// as a phrase of its tokens (so "电水壶" or "MK-1720" stand together), or exactly as a code. English stop words
    /// help ranking but are not required.
    /// </summary>
    private static JsonObject TextQuery(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(MaxWords).ToArray();
        var must = new JsonArray();
        var should = new JsonArray();
        foreach (var word in words)
        {
            var clause = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["should"] = new JsonArray(
                        new JsonObject
                        {
                            ["multi_match"] = new JsonObject
                            {
                                ["query"] = word,
                                ["type"] = "phrase",
                                ["fields"] = new JsonArray($"{TitleZh}^3", $"{TitleEn}^3", DescriptionZh, DescriptionEn, Keywords),
                            },
                        },
                        new JsonObject { ["term"] = new JsonObject { [Codes] = new JsonObject { ["value"] = word, ["boost"] = 2.0 } } }),
                    ["minimum_should_match"] = 1,
                },
            };
            (StopWords.Contains(word) ? should : must).Add(clause);
        }

        var query = new JsonObject { ["must"] = must };
        if (should.Count > 0)
        {
            query["should"] = should;
        }

        return new JsonObject { ["bool"] = query };
    }

    private static JsonArray Sort(SearchSort sort)
    {
        var byId = new JsonObject { [ListingId] = new JsonObject { ["order"] = "asc" } };
        JsonObject first = sort switch
        {
            SearchSort.PriceAscending => new JsonObject { [NumberField(BuiltInFields.Price)] = new JsonObject { ["order"] = "asc", ["unmapped_type"] = "long" } },
            SearchSort.PriceDescending => new JsonObject { [NumberField(BuiltInFields.Price)] = new JsonObject { ["order"] = "desc", ["unmapped_type"] = "long" } },
            SearchSort.Newest => new JsonObject { [CreatedAt] = new JsonObject { ["order"] = "desc", ["format"] = "epoch_millis" } },
            _ => new JsonObject { ["_score"] = new JsonObject { ["order"] = "desc" } },
        };
        return new JsonArray(first, byId);
    }

    private static JsonObject Counting(string field, FacetDefinition? definition)
    {
        if (definition is { Kind: FacetKind.Range })
        {
            var ranges = new JsonArray();
            foreach (var range in definition.Ranges)
            {
                var bucket = new JsonObject { ["key"] = range.Key };
                if (range.From is { } from)
                {
                    bucket["from"] = from;
                }

                if (range.To is { } to)
                {
                    bucket["to"] = to;
                }

                ranges.Add(bucket);
            }

            return new JsonObject { ["range"] = new JsonObject { ["field"] = NumberField(field), ["keyed"] = false, ["ranges"] = ranges } };
        }

        var size = definition?.Size is > 0 and var s ? s : 20;
        return new JsonObject
        {
            ["terms"] = new JsonObject
            {
                ["field"] = TermField(field),
                ["size"] = size,
                ["order"] = new JsonArray(new JsonObject { ["_count"] = "desc" }, new JsonObject { ["_key"] = "asc" }),
            },
        };
    }

    private static JsonObject AllOf(List<SearchFilter> filters)
    {
        if (filters.Count == 0)
        {
            return new JsonObject { ["match_all"] = new JsonObject() };
        }

        return new JsonObject { ["bool"] = new JsonObject { ["filter"] = new JsonArray(filters.Select(f => (JsonNode?)Filter(f)).ToArray()) } };
    }

    private static JsonObject Term(string field, string value) => new() { ["term"] = new JsonObject { [field] = value } };

    private static JsonObject Filter(SearchFilter filter)
    {
        switch (filter)
        {
            case TermsFilter terms:
                return new JsonObject
                {
                    ["terms"] = new JsonObject
                    {
                        [TermField(terms.Field)] = new JsonArray((terms.Values ?? []).Where(v => v is not null).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                    },
                };

            case RangeFilter range:
            {
                // Integers are numbers; dates are yyyy-MM-dd terms, so day-number bounds also become a term range.
                var should = new JsonArray(new JsonObject { ["range"] = new JsonObject { [NumberField(range.Field)] = Bounds(range.From, range.To) } });
                if (IsDayNumber(range.From) && IsDayNumber(range.To))
                {
                    should.Add(new JsonObject { ["range"] = new JsonObject { [TermField(range.Field)] = Bounds(Day(range.From), Day(range.To)) } });
                }

                return new JsonObject { ["bool"] = new JsonObject { ["should"] = should, ["minimum_should_match"] = 1 } };
            }

            default:
                throw new ArgumentException($"Filters of kind {filter.GetType().Name} are not supported.", nameof(filter));
        }
    }

    private static JsonObject Bounds(long? from, long? to)
    {
        var bounds = new JsonObject();
        if (from is { } f)
        {
            bounds["gte"] = f;
        }

        if (to is { } t)
        {
            bounds["lt"] = t;
        }

        return bounds;
    }

    private static JsonObject Bounds(string? from, string? to)
    {
        var bounds = new JsonObject();
        if (from is not null)
        {
            bounds["gte"] = from;
        }

        if (to is not null)
        {
            bounds["lt"] = to;
        }

        return bounds;
    }

    private static bool IsDayNumber(long? day) => day is null || day.Value is >= 0 and <= 3_652_058;

    private static string? Day(long? day)
        => day is { } d ? DateOnly.FromDayNumber((int)d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}
