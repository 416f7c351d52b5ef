namespace SmartTrade.Platform.Search.Lucene;

/// <summary>Settings of the embedded Lucene.NET catalog index.</summary>
public sealed class LuceneSearchOptions
{
    /// <summary>The folder holding the index (the host passes <c>&lt;DataDirectory&gt;/search/lucene</c>).</summary>
    public required string IndexDirectory { get; init; }

    /// <summary>The longest snippet returned in a hit, in characters.</summary>
    public int SnippetLength { get; init; } = 120;

    /// <summary>How many words of a query text are used at most; the rest are ignored.</summary>
    public int MaxQueryWords { get; init; } = 16;
}
