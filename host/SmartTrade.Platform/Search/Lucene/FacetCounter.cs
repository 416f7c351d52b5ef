using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Platform.Search.Lucene;

/// <summary>What one facet counts: distinct terms of a field, or integer ranges.</summary>
internal sealed class FacetRequest(string field, FacetDefinition? definition)
{
    public string Field { get; } = field;

    public FacetDefinition? Definition { get; } = definition;

    public bool IsRange => Definition is { Kind: FacetKind.Range };

    /// <summary>Term counts by value (terms facets).</summary>
    public Dictionary<string, long> TermCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts per range of <see cref="FacetDefinition.Ranges"/>, in order (range facets).</summary>
    public long[] RangeCounts { get; } = new long[definition?.Ranges.Count ?? 0];
}

/// <summary>
/// Counts facets over the documents a query matches, segment by segment, from the facet fields' values held in
/// arrays by <see cref="FacetValueCache"/>: term ordinals counted per segment in an array (turned into strings once
/// per segment), integer values sorted into ranges. It can run beside the collector of the hits
/// (<see cref="MultiCollector"/>), so that hits and facets come from one pass over the matches. Lucene.Net.Facet is
/// not available here, and this is all the storefront needs.
/// </summary>
internal sealed class FacetCounter : ICollector
{
    private readonly IReadOnlyList<FacetRequest> _facets;
    private readonly FacetValueCache _cache;
    private readonly SegmentOrdinals?[] _ordinals;
    private readonly int[]?[] _ordinalCounts;
    private readonly SegmentNumbers?[] _numbers;
    private readonly (long From, long To, bool Bounded)[][] _ranges;
    private AtomicReader? _reader;

    public FacetCounter(IReadOnlyList<FacetRequest> facets, FacetValueCache cache)
    {
        _facets = facets;
        _cache = cache;
        _ordinals = new SegmentOrdinals?[facets.Count];
        _ordinalCounts = new int[]?[facets.Count];
        _numbers = new SegmentNumbers?[facets.Count];

        // An open lower bound is the smallest long; an open upper bound is flagged (every value is below it).
        _ranges = facets
            .Select(f => f.IsRange ? f.Definition!.Ranges.Select(r => (r.From ?? long.MinValue, r.To ?? 0, r.To is not null)).ToArray() : [])
            .ToArray();
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        var reader = _reader = context.AtomicReader;
        for (var i = 0; i < _facets.Count; i++)
        {
            var facet = _facets[i];
            if (facet.IsRange)
            {
                _numbers[i] = _cache.Numbers(reader, LuceneIndexSchema.NumberField(facet.Field));
            }
            else
            {
                var ordinals = _ordinals[i] = _cache.Ordinals(reader, LuceneIndexSchema.TermField(facet.Field));
                _ordinalCounts[i] = ordinals is null ? null : new int[ordinals.ValueCount];
            }
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _ordinals.Length; i++)
        {
            if (_ordinals[i] is { } ordinals)
            {
                var counts = _ordinalCounts[i]!;
                if (ordinals.Starts is not { } starts)
                {
                    var ord = ordinals.Ordinals[doc];
                    if (ord >= 0)
                    {
                        counts[ord]++;
                    }
                }
                else
                {
                    for (var k = starts[doc]; k < starts[doc + 1]; k++)
                    {
                        counts[ordinals.Ordinals[k]]++;
                    }
                }
            }
            else if (_numbers[i] is { } numbers && numbers.Present.Get(doc))
            {
                var value = numbers.Values[doc];
                var ranges = _ranges[i];
                var rangeCounts = _facets[i].RangeCounts;
                for (var r = 0; r < ranges.Length; r++)
                {
                    if (value >= ranges[r].From && (!ranges[r].Bounded || value < ranges[r].To))
                    {
                        rangeCounts[r]++;
                    }
                }
            }
        }
    }

    /// <summary>Adds the last segment's ordinal counts; call once after the search.</summary>
    public void Finish() => FlushSegment();

    private void FlushSegment()
    {
        if (_reader is not { } reader)
        {
            return;
        }

        var term = new BytesRef();
        for (var i = 0; i < _facets.Count; i++)
        {
            if (_ordinalCounts[i] is not { } counts)
            {
                continue;
            }

            SortedSetDocValues? values = null;
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0)
                {
                    continue;
                }

                values ??= reader.GetSortedSetDocValues(LuceneIndexSchema.TermField(_facets[i].Field));
                values.LookupOrd(ord, term);
                var key = term.Utf8ToString();
                _facets[i].TermCounts[key] = _facets[i].TermCounts.GetValueOrDefault(key) + counts[ord];
            }

            _ordinals[i] = null;
            _ordinalCounts[i] = null;
        }

        _reader = null;
    }
}
