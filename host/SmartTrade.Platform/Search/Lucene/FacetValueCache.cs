using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace SmartTrade.Platform.Search.Lucene;

/// <summary>A segment's term ordinals of one facet field, in arrays: doc → ordinals.</summary>
internal sealed class SegmentOrdinals(int[]? starts, int[] ordinals, long valueCount)
{
    /// <summary>For multi-valued fields, where each doc's ordinals start in <see cref="Ordinals"/> (maxDoc + 1 entries); null when single-valued.</summary>
    public int[]? Starts { get; } = starts;

    /// <summary>Single-valued: the doc's ordinal, -1 without a value. Multi-valued: all ordinals, doc after doc.</summary>
    public int[] Ordinals { get; } = ordinals;

    /// <summary>The number of distinct values in the segment.</summary>
    public long ValueCount { get; } = valueCount;
}

/// <summary>A segment's values of one integer facet field: doc → value, and which docs have one.</summary>
internal sealed class SegmentNumbers(long[] values, FixedBitSet present)
{
    public long[] Values { get; } = values;

    public FixedBitSet Present { get; } = present;
}

/// <summary>
/// Facet fields' doc values copied into arrays, per index segment and field, on the first search that counts them.
/// Lucene 4's default doc-values format reads every value through the file on each access, which made counting
/// facets the larger part of a search over many hits; arrays make it a plain memory read. A segment never changes
/// once written (deletes only hide documents), so its arrays stay right for its whole life; they are keyed by the
/// segment's core and go when no reader holds the segment any more. Memory: 4 bytes per document per terms facet
/// field (plus 4 per extra value), 8 per document per range facet field, for the fields that searches ask to count.
/// </summary>
internal sealed class FacetValueCache
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Lazy<object?>>> _segments = [];

    /// <summary>The ordinals of a terms field in a segment, or null when the segment has no such field.</summary>
    public SegmentOrdinals? Ordinals(AtomicReader reader, string field)
        => (SegmentOrdinals?)Get(reader, "t|" + field, () => LoadOrdinals(reader, field));

    /// <summary>The values of an integer field in a segment, or null when the segment has no such field.</summary>
    public SegmentNumbers? Numbers(AtomicReader reader, string field)
        => (SegmentNumbers?)Get(reader, "n|" + field, () => LoadNumbers(reader, field));

    private object? Get(AtomicReader reader, string key, Func<object?> load)
    {
        var fields = _segments.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, Lazy<object?>>(StringComparer.Ordinal));
        return fields.GetOrAdd(key, _ => new Lazy<object?>(load, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private static SegmentOrdinals? LoadOrdinals(AtomicReader reader, string field)
    {
        var set = reader.GetSortedSetDocValues(field);
        if (set is null)
        {
            return null;
        }

        var maxDoc = reader.MaxDoc;
        if (DocValues.UnwrapSingleton(set) is { } single)
        {
            var ordinals = new int[maxDoc];
            for (var doc = 0; doc < maxDoc; doc++)
            {
                ordinals[doc] = single.GetOrd(doc);
            }

            return new SegmentOrdinals(null, ordinals, set.ValueCount);
        }

        var starts = new int[maxDoc + 1];
        var all = new List<int>(maxDoc);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            starts[doc] = all.Count;
            set.SetDocument(doc);
            for (var ord = set.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = set.NextOrd())
            {
                all.Add((int)ord);
            }
        }

        starts[maxDoc] = all.Count;
        return new SegmentOrdinals(starts, [.. all], set.ValueCount);
    }

    private static SegmentNumbers? LoadNumbers(AtomicReader reader, string field)
    {
        var numbers = reader.GetNumericDocValues(field);
        var has = reader.GetDocsWithField(field);
        if (numbers is null || has is null)
        {
            return null;
        }

        var maxDoc = reader.MaxDoc;
        var values = new long[maxDoc];
        var present = new FixedBitSet(maxDoc);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (has.Get(doc))
            {
                values[doc] = numbers.Get(doc);
                present.Set(doc);
            }
        }

        return new SegmentNumbers(values, present);
    }
}
