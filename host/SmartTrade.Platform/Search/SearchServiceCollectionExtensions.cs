using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Search;

/// <summary>Registers the catalog search providers.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded Lucene.NET index in <paramref name="indexDirectory"/> as the <see cref="ICatalogSearch"/>,
    /// reading market schemas from the enabled plugins.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="indexDirectory">The index folder, e.g. <c>&lt;DataDirectory&gt;/search/lucene</c>.</param>
    public static IServiceCollection AddLuceneCatalogSearch(this IServiceCollection services, string indexDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(indexDirectory);
        services.AddSingleton(new LuceneSearchOptions { IndexDirectory = indexDirectory });
        services.TryAddSingleton<IMarketSchemas, MarketDirectorySchemas>();
        services.AddSingleton<LuceneCatalogSearch>();
        services.AddSingleton<ICatalogSearch>(sp => sp.GetRequiredService<LuceneCatalogSearch>());
        return services;
    }
}
