using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Search.Elasticsearch;

/// <summary>Registers the Elasticsearch catalog search provider.</summary>
public static class ElasticsearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers an Elasticsearch index as the <see cref="ICatalogSearch"/>, reading market schemas from the
    /// enabled plugins (unless an <see cref="IMarketSchemas"/> is registered already).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="options">The cluster and index.</param>
    public static IServiceCollection AddElasticsearchCatalogSearch(this IServiceCollection services, ElasticsearchSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Url);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.IndexName);
        services.AddSingleton(options);
        services.TryAddSingleton<IMarketSchemas, MarketDirectorySchemas>();
        services.AddSingleton<ElasticsearchCatalogSearch>();
        services.AddSingleton<ICatalogSearch>(sp => sp.GetRequiredService<ElasticsearchCatalogSearch>());
        return services;
    }
}
