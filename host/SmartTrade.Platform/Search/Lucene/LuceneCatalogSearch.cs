using System.Diagnostics;
using System.Globalization;
using System.Net;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Search;
using static SmartTrade.Platform.Search.Lucene.LuceneIndexSchema;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SmartTrade.Platform.Search.Lucene;

/// <summary>
/// The embedded catalog search: a Lucene.NET index on local disk. One <see cref="IndexWriter"/> takes every write;
/// writes are serialised (the version check and the update must not interleave), committed and made visible
/// through a <see cref="SearcherManager"/> before they return. Searches run concurrently on acquired searchers.
/// </summary>
/// <remarks>
/// Facet counts take every filter into account except filters on the facet's own field (multi-select facets,
/// like Elasticsearch's post_filter): a buyer who ticked brand A still sees how many listings brand B has.
/// An unreadable <see cref="SearchQuery.Cursor"/> throws <see cref="InvalidSearchCursorException"/>.
/// </remarks>
public sealed class LuceneCatalogSearch : ICatalogSearch, IDisposable, IAsyncDisposable
{
    private readonly LuceneSearchOptions _options;
    private readonly IMarketSchemas _markets;
    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly Analyzer _chinese = new ChineseTextAnalyzer();
    private readonly Analyzer _english = TextAnalysis.English();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly LuceneQueryBuilder _queries;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly FacetValueCache _facetValues = new();

    /// <summary>
    /// Versions newer than their document's, seen for listings whose document did not need writing again (same
    /// content): they keep the rule "an older version never replaces a newer one" exact for writers that index
    /// snapshots read earlier, such as the admin reindex racing the outbox. Guarded by the write lock. Kept in memory
    /// only: a snapshot read before a restart is never written after it. Past <see cref="MaxUnchangedVersions"/>
    /// entries, unchanged documents are simply written again.
    /// </summary>
    private readonly Dictionary<Guid, long> _unchangedVersions = [];
    private bool _disposed;

    private const int MaxUnchangedVersions = 100_000;

    private static readonly ISet<string> StoredVersionFields = new HashSet<string> { LuceneIndexSchema.Version, Fingerprint };

    public LuceneCatalogSearch(LuceneSearchOptions options, IMarketSchemas markets)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(markets);
        _options = options;
        _markets = markets;
        System.IO.Directory.CreateDirectory(options.IndexDirectory);
        _directory = FSDirectory.Open(options.IndexDirectory);
        _analyzer = CreateAnalyzer();
        _writer = new IndexWriter(_directory, new IndexWriterConfig(TextAnalysis.Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
        });
        _writer.Commit();
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
        _queries = new LuceneQueryBuilder(_analyzer, options.MaxQueryWords);
    }

    public async Task IndexAsync(IReadOnlyList<Listing> listings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        if (listings.Count == 0)
        {
            return;
        }

        // The newest version of each listing in the batch wins.
        var latest = new Dictionary<Guid, Listing>();
        foreach (var listing in listings)
        {
            if (!latest.TryGetValue(listing.Id, out var seen) || listing.Version >= seen.Version)
            {
                latest[listing.Id] = listing;
            }
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var schemas = new Dictionary<string, MarketDescriptor?>(StringComparer.Ordinal);
            var written = 0;
            var searcher = _searchers.Acquire();
            try
            {
                foreach (var listing in latest.Values)
                {
                    var id = new Term(Id, IdText(listing.Id));
                    var indexed = Indexed(searcher, id, listing.Id);
                    if (indexed.Version > listing.Version)
                    {
                        continue;
                    }

                    SearchDocument? source = null;
                    string fingerprint;
                    if (SearchDocument.IsSearchable(listing))
                    {
                        if (!schemas.TryGetValue(listing.MarketId, out var market))
                        {
                            market = schemas[listing.MarketId] = _markets.Find(listing.MarketId);
                        }

                        source = SearchDocument.From(listing, market);
                        fingerprint = FingerprintOf(source, listing.CategoryPath);
                    }
                    else
                    {
                        fingerprint = KindTombstone;
                    }

                    if (fingerprint == indexed.Fingerprint && _unchangedVersions.Count < MaxUnchangedVersions)
                    {
                        // The document would come out the same (a stock-only change, say): keep it, remember the version.
                        _unchangedVersions[listing.Id] = listing.Version;
                        continue;
                    }

                    _writer.UpdateDocument(id, source is null ? Tombstone(listing.Id, listing.Version) : Build(source, listing.CategoryPath, fingerprint));
                    _unchangedVersions.Remove(listing.Id);
                    written++;
                }
            }
            finally
            {
                _searchers.Release(searcher);
            }

            if (written > 0)
            {
                CommitAndRefresh();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task DeleteAsync(IReadOnlyList<Guid> listingIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listingIds);
        if (listingIds.Count == 0)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.DeleteDocuments(listingIds.Select(id => new Term(Id, IdText(id))).ToArray());
            CommitAndRefresh();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var stopwatch = Stopwatch.StartNew();
        var sort = string.IsNullOrWhiteSpace(query.Text) && query.Sort == SearchSort.Relevance ? SearchSort.Newest : query.Sort;
        var cursor = query.Cursor is null ? null : SearchCursor.Decode(query.Cursor, sort);
        var market = string.IsNullOrEmpty(query.MarketId) ? null : _markets.Find(query.MarketId);
        var text = _queries.Text(query.Text);
        var filtered = _queries.Build(query, text);

        var searcher = _searchers.Acquire();
        try
        {
            var pageSize = query.EffectivePageSize;
            var luceneSort = SortFor(sort);

            // One pass over the matches collects the page and counts the facets that have no filter of their own;
            // facets on a filtered field are counted in a pass of their own without that filter.
            var (facetRequests, mainPassFacets, otherFacetPasses) = PlanFacets(query, market);
            TopDocs top;
            long total;
            if (cursor is not null && searcher.IndexReader.MaxDoc == 0)
            {
                top = new TopFieldDocs(0, [], luceneSort.GetSort(), float.NaN);
                total = 0;
            }
            else
            {
                var hitsCollector = TopFieldCollector.Create(
                    luceneSort,
                    pageSize + 1,
                    cursor is null ? null : After(cursor, searcher),
                    fillFields: true,
                    trackDocScores: sort == SearchSort.Relevance,
                    trackMaxScore: false,
                    docsScoredInOrder: true);
                var facetCounter = mainPassFacets.Count == 0 ? null : new FacetCounter(mainPassFacets, _facetValues);
                searcher.Search(filtered, facetCounter is null ? hitsCollector : MultiCollector.Wrap(hitsCollector, facetCounter));
                facetCounter?.Finish();
                top = hitsCollector.GetTopDocs();
                total = hitsCollector.TotalHits;
            }

            var served = cursor?.Served ?? 0;
            var count = Math.Min(pageSize, top.ScoreDocs.Length);
            var hits = new List<SearchHit>(count);
            // Highlights mark every query term found in the text. QueryScorer would mark the pieces of a Chinese word
            // (a phrase of SmartCn tokens) only where they stand together, but checks that by indexing each snippet
            // text in a MemoryIndex: that was over a third of a Chinese search's time.
            var highlighter = text is null ? null : new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new MarkupEncoder(), new QueryTermScorer(text))
            {
                TextFragmenter = new SimpleFragmenter(_options.SnippetLength),
            };
            for (var i = 0; i < count; i++)
            {
                hits.Add(ToHit(searcher.Doc(top.ScoreDocs[i].Doc), query.Culture, highlighter, served + i + 1));
            }

            string? next = null;
            if (top.ScoreDocs.Length > pageSize)
            {
                var last = (FieldDoc)top.ScoreDocs[pageSize - 1];
                next = new SearchCursor(sort, CursorValue(sort, last), hits[^1].ListingId, served + pageSize).Encode();
            }

            var facets = CountFacets(searcher, query, text, market, facetRequests, otherFacetPasses);
            return Task.FromResult(new SearchResult
            {
                Hits = hits,
                Total = total,
                Facets = facets,
                NextCursor = next,
                Elapsed = stopwatch.Elapsed,
            });
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _searchers.Dispose();
            _writer.Dispose();
            _directory.Dispose();
            _analyzer.Dispose();
            _chinese.Dispose();
            _english.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The newest version of a listing the index has seen (its document's, or a newer one whose content was the same)
    /// and the fingerprint of its document; no version and no fingerprint when it has none.
    /// </summary>
    private (long? Version, string? Fingerprint) Indexed(IndexSearcher searcher, Term id, Guid listingId)
    {
        long? version = null;
        string? fingerprint = null;
        var top = searcher.Search(new TermQuery(id), 1);
        if (top.ScoreDocs.Length > 0)
        {
            var stored = searcher.Doc(top.ScoreDocs[0].Doc, StoredVersionFields);
            version = stored.GetField(LuceneIndexSchema.Version).GetInt64Value();
            fingerprint = stored.Get(Fingerprint);
        }

        if (_unchangedVersions.TryGetValue(listingId, out var unchanged) && (version is null || unchanged > version))
        {
            version = unchanged;
        }

        return (version, fingerprint);
    }

    private void CommitAndRefresh()
    {
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
    }

    private static Sort SortFor(SearchSort sort)
    {
        var byId = new SortField(Id, SortFieldType.STRING);
        return sort switch
        {
            SearchSort.PriceAscending => new Sort(new SortField(NumberField(BuiltInFields.Price), SortFieldType.INT64), byId),
            SearchSort.PriceDescending => new Sort(new SortField(NumberField(BuiltInFields.Price), SortFieldType.INT64, reverse: true), byId),
            SearchSort.Newest => new Sort(new SortField(Created, SortFieldType.INT64, reverse: true), byId),
            _ => new Sort(SortField.FIELD_SCORE, byId),
        };
    }

    // Lucene.NET boxes sort values as J2N numbers (Java's boxed types), not as .NET primitives.
    private static long CursorValue(SearchSort sort, FieldDoc last)
        => sort == SearchSort.Relevance
            ? BitConverter.SingleToInt32Bits(((J2N.Numerics.Number)last.Fields[0]).ToSingle())
            : ((J2N.Numerics.Number)last.Fields[0]).ToInt64();

    private static FieldDoc After(SearchCursor cursor, IndexSearcher searcher)
    {
        object value = cursor.Sort == SearchSort.Relevance
            ? J2N.Numerics.Single.GetInstance(BitConverter.Int32BitsToSingle((int)cursor.Value))
            : J2N.Numerics.Int64.GetInstance(cursor.Value);

        // The id makes every sort key unique, so a hit equal to the cursor on all fields is the last one served;
        // the largest doc number makes Lucene skip it whatever its doc number is now.
        var after = new FieldDoc(searcher.IndexReader.MaxDoc - 1, float.NaN, [value, new BytesRef(IdText(cursor.ListingId))]);
        return after;
    }

    private SearchHit ToHit(Document document, string culture, Highlighter? highlighter, long rank)
    {
        var title = ReadText(document.Get(TitleJson)) ?? new LocalizedText([]);
        var description = ReadText(document.Get(DescriptionJson));
        var titleText = Localize(title, culture);
        return new SearchHit
        {
            ListingId = Guid.Parse(document.Get(Id)),
            MarketId = document.Get(StoredMarket),
            MerchantId = document.Get(StoredMerchant),
            Title = titleText,
            Snippet = highlighter is null ? null : Snippet(highlighter, titleText, description is null ? null : Localize(description, culture)),
            Price = new Money(document.GetField(StoredPrice).GetInt64Value() ?? 0, document.Get(StoredCurrency)),
            Unit = document.Get(StoredUnit),
            CategoryPath = document.Get(StoredCategory),
            ImageUrl = document.Get(StoredImage),
            Rank = rank,
        };
    }

    private string Snippet(Highlighter highlighter, string title, string? description)
    {
        foreach (var text in description is null ? [title] : new[] { title, description })
        {
            var analyzer = TextAnalysis.HasCjk(text) ? _chinese : _english;
            try
            {
                if (highlighter.GetBestFragment(analyzer, "snippet", text) is { Length: > 0 } fragment)
                {
                    return fragment;
                }
            }
            catch (InvalidTokenOffsetsException)
            {
                // Fall through to the next text, or the plain title.
            }
        }

        var plain = description ?? title;
        return WebUtility.HtmlEncode(plain.Length > _options.SnippetLength ? plain[.._options.SnippetLength] : plain);
    }

    /// <summary>The text in a culture with the fallback of <see cref="LocalizedText.Get"/>, also for unknown culture names.</summary>
    private static string Localize(LocalizedText text, string? culture)
    {
        try
        {
            return text.Get(CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(culture) ? LocalizedText.DefaultCulture : culture));
        }
        catch (CultureNotFoundException)
        {
            return text.Get(CultureInfo.GetCultureInfo(LocalizedText.DefaultCulture));
        }
    }

    /// <summary>
    /// The facets asked for, split into those counted in the main pass (their field has no filter, so they count the
    /// same matches as the hits) and groups by filtered field, each needing a pass without its own field's filters.
    /// </summary>
    private static (List<FacetRequest> All, List<FacetRequest> MainPass, List<IGrouping<string, FacetRequest>> OwnPasses) PlanFacets(SearchQuery query, MarketDescriptor? market)
    {
        var requests = query.Facets.Select(f => new FacetRequest(f, market?.Facets.FirstOrDefault(d => d.Field == f))).ToList();
        var filteredFields = query.Filters.Where(f => f is not null).Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
        var mainPass = requests.Where(r => !filteredFields.Contains(r.Field)).ToList();
        var ownPasses = requests.Where(r => filteredFields.Contains(r.Field)).GroupBy(r => r.Field, StringComparer.Ordinal).ToList();
        return (requests, mainPass, ownPasses);
    }

    private List<FacetResult> CountFacets(IndexSearcher searcher, SearchQuery query, Query? text, MarketDescriptor? market, List<FacetRequest> requests, List<IGrouping<string, FacetRequest>> ownPasses)
    {
        var results = new List<FacetResult>(requests.Count);
        if (requests.Count == 0)
        {
            return results;
        }

        foreach (var group in ownPasses)
        {
            var counter = new FacetCounter(group.ToList(), _facetValues);
            searcher.Search(_queries.Build(query, text, group.Key), counter);
            counter.Finish();
        }

        var culture = CultureFor(query.Culture);
        foreach (var request in requests)
        {
            results.Add(new FacetResult { Field = request.Field, Buckets = Buckets(request, market, culture) });
        }

        return results;
    }

    private List<FacetBucket> Buckets(FacetRequest request, MarketDescriptor? market, CultureInfo culture)
    {
        if (request.IsRange)
        {
            var ranges = request.Definition!.Ranges;
            var buckets = new List<FacetBucket>(ranges.Count);
            for (var i = 0; i < ranges.Count; i++)
            {
                buckets.Add(new FacetBucket { Key = ranges[i].Key, Label = ranges[i].Names.Get(culture), Count = request.RangeCounts[i] });
            }

            return buckets;
        }

        var size = request.Definition?.Size is > 0 and var s ? s : 20;
        var attribute = market?.Attributes.FirstOrDefault(a => a.Key == request.Field);
        return request.TermCounts
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(size)
            .Select(c => new FacetBucket { Key = c.Key, Label = Label(request.Field, c.Key, market, attribute, culture), Count = c.Value })
            .ToList();
    }

    private string? Label(string field, string key, MarketDescriptor? market, AttributeDefinition? attribute, CultureInfo culture)
        => FacetLabels.Label(_markets, field, key, market, attribute, culture);

    private static CultureInfo CultureFor(string? culture) => FacetLabels.CultureFor(culture);
}
