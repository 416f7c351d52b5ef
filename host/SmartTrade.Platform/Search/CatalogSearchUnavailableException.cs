namespace SmartTrade.Platform.Search;

/// <summary>
/// The search engine (the Elasticsearch cluster) could not be reached or failed on its side: nothing is wrong with the
/// request, which may succeed shortly. A request that meets it is answered 503 with problem details; the outbox keeps
/// the changes it could not index and indexes them once the cluster answers again.
/// </summary>
/// <param name="message">What could not be done.</param>
/// <param name="inner">The transport's own failure, if any.</param>
public sealed class CatalogSearchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
