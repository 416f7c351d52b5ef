using SmartTrade.Sdk.Catalog;

namespace SmartTrade.Plugins.ApplianceMarket.Market;

/// <summary>Reading a merchant's appliance listings from the host's catalog.</summary>
public static class ApplianceCatalog
{
    /// <summary>Every appliance listing of a merchant (any status), page after page, up to <paramref name="limit"/>.</summary>
    /// <param name="catalog">The host's catalog.</param>
    /// <param name="merchantId">The merchant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="limit">The most listings to read.</param>
    public static async Task<List<Listing>> AppliancesOfAsync(this ICatalog catalog, string merchantId, CancellationToken cancellationToken, int limit = 2_000)
    {
        var listings = new List<Listing>();
        string? cursor = null;
        do
        {
            var page = await catalog.ListByMerchantAsync(
                new MerchantListingsQuery { MerchantId = merchantId, MarketId = ApplianceMarketDescriptor.MarketId, Cursor = cursor, PageSize = MerchantListingsQuery.MaxPageSize },
                cancellationToken);
            listings.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && listings.Count < limit);

        return listings;
    }
}
