namespace SmartTrade.Platform.Search.Elasticsearch;

/// <summary>Where the Elasticsearch catalog index lives and how to reach it.</summary>
public sealed class ElasticsearchSearchOptions
{
    /// <summary>The cluster's URL, e.g. <c>http://localhost:9200</c>.</summary>
    public required Uri Url { get; init; }

    /// <summary>The index holding the listings.</summary>
    public string IndexName { get; init; } = "smarttrade-listings";

    /// <summary>An API key (the encoded form), when the cluster needs one.</summary>
    public string? ApiKey { get; init; }

    /// <summary>A user name for basic authentication, with <see cref="Password"/>.</summary>
    public string? Username { get; init; }

    /// <summary>The password for <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>Whether request bodies are sent gzip-compressed.</summary>
    public bool CompressRequests { get; init; } = true;

    /// <summary>How many characters a description snippet holds.</summary>
    public int SnippetLength { get; init; } = 120;

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
