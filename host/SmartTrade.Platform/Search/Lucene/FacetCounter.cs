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
/// Counts facets over the documents a query matches, reading doc values segment by segment: sorted-set ordinals
/// for terms (counted per segment in an array, turned into strings once per segment) and numeric values for
/// ranges. Lucene.Net.Facet is not available here, and this is all the storefront needs.
/// </summary>
internal sealed class FacetCounter(IReadOnlyList<FacetRequest> facets) : ICollector
{
    private readonly SortedSetDocValues?[] _sets = new SortedSetDocValues?[facets.Count];
    private readonly long[]?[] _ordinalCounts = new long[]?[facets.Count];
    private readonly NumericDocValues?[] _numbers = new NumericDocValues?[facets.Count];
    private readonly IBits?[] _hasNumber = new IBits?[facets.Count];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        var reader = context.AtomicReader;
        for (var i = 0; i < facets.Count; i++)
        {
            var facet = facets[i];
            if (facet.IsRange)
            {
                var field = LuceneIndexSchema.NumberField(facet.Field);
                _numbers[i] = reader.GetNumericDocValues(field);
                _hasNumber[i] = reader.GetDocsWithField(field);
            }
            else
            {
                var set = reader.GetSortedSetDocValues(LuceneIndexSchema.TermField(facet.Field));
                _sets[i] = set;
                _ordinalCounts[i] = set is null ? null : new long[set.ValueCount];
            }
        }
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < facets.Count; i++)
        {
            if (_sets[i] is { } set)
            {
                var counts = _ordinalCounts[i]!;
                set.SetDocument(doc);
                for (var ord = set.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = set.NextOrd())
                {
                    counts[ord]++;
                }
            }
            else if (_numbers[i] is { } numbers && _hasNumber[i] is { } has && has.Get(doc))
            {
                var value = numbers.Get(doc);
                var ranges = facets[i].Definition!.Ranges;
                var rangeCounts = facets[i].RangeCounts;
                for (var r = 0; r < ranges.Count; r++)
                {
                    if ((ranges[r].From is not { } from || value >= from) && (ranges[r].To is not { } to || value < to))
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
        var term = new BytesRef();
        for (var i = 0; i < facets.Count; i++)
        {
            if (_sets[i] is not { } set || _ordinalCounts[i] is not { } counts)
            {
                continue;
            }

            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0)
                {
                    continue;
                }

                set.LookupOrd(ord, term);
                var key = term.Utf8ToString();
                facets[i].TermCounts[key] = facets[i].TermCounts.GetValueOrDefault(key) + counts[ord];
            }

            _sets[i] = null;
            _ordinalCounts[i] = null;
        }
    }
}
