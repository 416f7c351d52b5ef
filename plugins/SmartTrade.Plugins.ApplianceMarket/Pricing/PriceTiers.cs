using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.ApplianceMarket.Data;
using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Sdk.Catalog;

namespace SmartTrade.Plugins.ApplianceMarket.Pricing;

/// <summary>A listing's price schedule: retail price, minimum order quantity and wholesale breaks.</summary>
/// <param name="ListingId">The listing.</param>
/// <param name="Unit">The unit quantities are counted in.</param>
/// <param name="RetailPriceMinor">The listing's price for single units, in fen.</param>
/// <param name="MinimumOrderQuantity">The smallest line the merchant sells.</param>
/// <param name="Tiers">The wholesale breaks, smallest quantity first.</param>
public sealed record ListingTiers(Guid ListingId, string Unit, long RetailPriceMinor, long MinimumOrderQuantity, IReadOnlyList<TierPrice> Tiers);

/// <summary>Reads and replaces listings' wholesale price breaks; only a listing's merchant may change them.</summary>
public sealed class PriceTiers(ApplianceMarketDbContext db, ICatalog catalog)
{
    /// <summary>A listing's breaks, smallest quantity first.</summary>
    /// <param name="listingId">The listing.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<List<TierPrice>> OfAsync(Guid listingId, CancellationToken cancellationToken)
        => ReadAsync(db, listingId, cancellationToken);

    /// <summary>A listing's breaks from the plugin's tables, smallest quantity first; needs no host service.</summary>
    /// <param name="db">The plugin's context.</param>
    /// <param name="listingId">The listing.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static Task<List<TierPrice>> ReadAsync(ApplianceMarketDbContext db, Guid listingId, CancellationToken cancellationToken)
        => db.PriceTiers.AsNoTracking().Where(t => t.ListingId == listingId).OrderBy(t => t.MinQuantity)
            .Select(t => new TierPrice(t.MinQuantity, t.UnitPriceMinor)).ToListAsync(cancellationToken);

    /// <summary>How many breaks each of these listings has.</summary>
    /// <param name="listingIds">The listings.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<Dictionary<Guid, int>> CountsAsync(IReadOnlyCollection<Guid> listingIds, CancellationToken cancellationToken)
        => await db.PriceTiers.AsNoTracking().Where(t => listingIds.Contains(t.ListingId)).GroupBy(t => t.ListingId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>A listing's schedule as buyers see it, or <see langword="null"/> when it is not an appliance listing.</summary>
    /// <param name="listing">The listing.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ListingTiers?> ScheduleAsync(Listing listing, CancellationToken cancellationToken)
        => listing.MarketId != ApplianceMarketDescriptor.MarketId
            ? null
            : new ListingTiers(listing.Id, listing.Unit, listing.Price.Minor, MinimumOrderQuantity(listing), await OfAsync(listing.Id, cancellationToken));

    /// <summary>
    /// Replaces a listing's breaks with <paramref name="tiers"/> (none removes them all). The merchant must own the
    /// listing; quantities are in the listing's unit (<paramref name="unit"/>, when given, must name it).
    /// </summary>
    /// <param name="merchantId">The merchant asking.</param>
    /// <param name="listingId">The listing.</param>
    /// <param name="unit">The unit the quantities are in, or <see langword="null"/> for the listing's.</param>
    /// <param name="tiers">The new breaks.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public async Task<ApplianceResult<ListingTiers>> ReplaceAsync(string merchantId, Guid listingId, string? unit, IReadOnlyList<TierPrice>? tiers, CancellationToken cancellationToken)
    {
        var listing = await catalog.GetAsync(listingId, cancellationToken);
        if (listing is null || listing.MarketId != ApplianceMarketDescriptor.MarketId)
        {
            return new ApplianceRefusal(404, ApplianceProblems.ListingNotFound, $"There is no appliance listing {listingId}.");
        }

        if (listing.MerchantId != merchantId)
        {
            return new ApplianceRefusal(403, ApplianceProblems.NotYourListing, "Only the listing's merchant may set its price breaks.");
        }

        if (unit is not null && unit != listing.Unit)
        {
            return new ApplianceRefusal(400, ApplianceProblems.WrongUnit, $"The listing is sold by the {listing.Unit}; quantities must be in {listing.Unit}.", "unit");
        }

        tiers ??= [];
        if (TierSchedule.Check(listing.Price.Minor, tiers) is { } problem)
        {
            return new ApplianceRefusal(400, problem.Code, problem.Detail, "tiers");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PriceTiers.RemoveRange(await db.PriceTiers.Where(t => t.ListingId == listingId).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        db.PriceTiers.AddRange(tiers.Select(t => new PriceTier { ListingId = listingId, MerchantId = merchantId, MinQuantity = t.MinQuantity, UnitPriceMinor = t.UnitPriceMinor }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ListingTiers(listing.Id, listing.Unit, listing.Price.Minor, MinimumOrderQuantity(listing), tiers.OrderBy(t => t.MinQuantity).ToList());
    }

    /// <summary>The listing's minimum order quantity attribute; 1 when it has none.</summary>
    /// <param name="listing">The listing.</param>
    public static long MinimumOrderQuantity(Listing listing)
        => listing.Attributes.TryGetValue("minimumOrderQuantity", out var moq) && moq.IntegerValue is > 1 and long value ? value : 1;
}
