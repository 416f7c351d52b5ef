using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Plugins.ApplianceMarket.Pricing;
using SmartTrade.Plugins.ApplianceMarket.Quotes;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.ApplianceMarket.Demo;

/// <summary>
/// Demo wholesale and quotation data for a Development host: price breaks on most demo appliances (on every bulk
/// listing and on two retail listings in three), and quote requests from two demo shops, some waiting for an answer
/// and one already quoted. Made through the same services as merchants' and buyers' own, so it obeys their rules.
/// </summary>
/// <remarks>A listing that has breaks keeps them, and the shops' requests are made once, so a second run adds nothing.</remarks>
public sealed class ApplianceDemoData(PriceTiers tiers, QuoteDesk desk, ICatalog catalog) : IDemoDataSeeder
{
    /// <summary>The demo shop owner who asks for quotes (besides the host's demo buyer).</summary>
    public const string ShopEmail = "shop@appliances.demo";

    private sealed record Ask(string Seller, string Category, long Quantity, int DeliveryInDays, string Note, bool Quote);

    private static readonly Ask[] Asks =
    [
        new("ruifeng@appliances.demo", "kitchen/kettle", 500, 30, "门店开业备货，需带中文说明书。", Quote: true),
        new("minghui@appliances.demo", "climate/fan", 800, 45, "夏季促销，分两批到货可以。", Quote: false),
        new("nuanfeng@appliances.demo", "climate/heater", 300, 60, "冬季备货，请报含税价。", Quote: false),
        new("jiayi@appliances.demo", "kitchen/air-fryer", 200, 40, "需要贴牌，logo 另附。", Quote: false),
        new("kangmei@appliances.demo", "personal-care/hair-dryer", 1000, 50, "出口东南亚，需 CB 证书。", Quote: false),
    ];

    /// <inheritdoc />
    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var bySeller = new Dictionary<string, (string Id, List<Listing> Listings)>(StringComparer.Ordinal);
        foreach (var seller in ApplianceDemoCatalog.Sellers)
        {
            var id = await context.EnsureAccountAsync(seller.Email, seller.DisplayName, [Roles.Merchant], cancellationToken);
            bySeller[seller.Email] = (id, (await catalog.AppliancesOfAsync(id, cancellationToken)).OrderBy(l => l.Id).ToList());
        }

        foreach (var (merchantId, listings) in bySeller.Values)
        {
            var counts = await tiers.CountsAsync(listings.Select(l => l.Id).ToList(), cancellationToken);
            for (var i = 0; i < listings.Count; i++)
            {
                var listing = listings[i];
                var moq = PriceTiers.MinimumOrderQuantity(listing);
                if (counts.ContainsKey(listing.Id) || (moq == 1 && i % 3 == 2))
                {
                    continue;
                }

                await tiers.ReplaceAsync(merchantId, listing.Id, listing.Unit, Breaks(listing.Price.Minor, moq), cancellationToken);
            }
        }

        var shop = await context.EnsureAccountAsync(ShopEmail, "宁波海曙惠民家电批发部 Haishu Huimin Appliance Wholesale", [Roles.Buyer], cancellationToken);
        var buyer = await context.EnsureAccountAsync("buyer@smarttrade.demo", "王女士 Ms Wang", [Roles.Buyer], cancellationToken);
        if ((await desk.OfBuyerAsync(shop, cancellationToken)).Count > 0)
        {
            return;
        }

        for (var i = 0; i < Asks.Length; i++)
        {
            var ask = Asks[i];
            var (merchantId, listings) = bySeller[ask.Seller];
            if (listings.FirstOrDefault(l => l.CategoryPath == ask.Category && l.Status == ListingStatus.Active) is not { } listing)
            {
                continue;
            }

            var (who, company) = i == 1 ? (buyer, "王女士的小家电店") : (shop, "宁波海曙惠民家电批发部");
            var request = await desk.RequestAsync(who, new QuoteRequestForm(listing.Id, ask.Quantity, listing.Unit, desk.Today.AddDays(ask.DeliveryInDays).ToString("yyyy-MM-dd"), company, ask.Note), cancellationToken);
            if (ask.Quote && request.Value is { } asked)
            {
                var price = (TierSchedule.PriceFor(listing.Price.Minor, await tiers.OfAsync(listing.Id, cancellationToken), ask.Quantity).UnitPriceMinor * 95 / 100 / 100) * 100;
                await desk.QuoteAsync(merchantId, asked.Id, new QuoteForm(price, desk.Today.AddDays(7).ToString("yyyy-MM-dd"), "含税含运费到宁波，整箱发货。"), cancellationToken);
            }
        }
    }

    /// <summary>Three breaks below the retail price: 5%, 10% and 15% off, rounded down to the yuan.</summary>
    private static List<TierPrice> Breaks(long retailMinor, long moq)
    {
        var first = moq > 1 ? moq * 2 : 10;
        return
        [
            new TierPrice(first, retailMinor * 95 / 100 / 100 * 100),
            new TierPrice(first * 5, retailMinor * 90 / 100 / 100 * 100),
            new TierPrice(first * 20, retailMinor * 85 / 100 / 100 * 100),
        ];
    }
}
