using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Orders;

/// <summary>A line of the cart as the buyer sees it, with the listing's current price and stock.</summary>
public sealed record CartLineView(Guid ListingId, string Title, long UnitPriceMinor, string Currency, long Quantity, long LineTotalMinor, string Status, long Stock, string Unit, string MerchantId);

/// <summary>The buyer's cart: lines of listings and quantities, priced when shown and snapshotted at checkout.</summary>
public sealed class Cart(PlatformDbContext db, TimeProvider time)
{
    /// <summary>The largest quantity of one line.</summary>
    public const long MaxLineQuantity = 1_000_000;

    /// <summary>The cart's lines with current prices, oldest first.</summary>
    public async Task<IReadOnlyList<CartLineView>> LinesAsync(string buyerId, CancellationToken cancellationToken)
    {
        var lines = await db.Set<CartLineEntity>().AsNoTracking().Where(c => c.BuyerId == buyerId).ToListAsync(cancellationToken);
        var ids = lines.Select(l => l.ListingId).ToList();
        var listings = await db.Set<ListingEntity>().AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        return lines.Where(l => listings.ContainsKey(l.ListingId)).OrderBy(l => l.AddedAt).Select(l =>
        {
            var listing = listings[l.ListingId];
            return new CartLineView(l.ListingId, listing.Title.Get(), listing.PriceMinor, listing.Currency, l.Quantity, checked(listing.PriceMinor * l.Quantity), listing.Status.ToString(), listing.Stock, listing.Unit, listing.MerchantId);
        }).ToList();
    }

    /// <summary>Sets a line's quantity (0 removes it), checked against the listing's status and stock.</summary>
    /// <returns>Null when done, else why not (400 quantity, 404 not for sale, 422 own listing, 409 stock).</returns>
    public async Task<OrderRefusal?> SetLineAsync(string buyerId, Guid listingId, long quantity, CancellationToken cancellationToken)
    {
        if (quantity is < 0 or > MaxLineQuantity)
        {
            return new OrderRefusal(400, ProblemTypes.Validation, $"The quantity is between 0 and {MaxLineQuantity}.");
        }

        var line = await db.Set<CartLineEntity>().FirstOrDefaultAsync(c => c.BuyerId == buyerId && c.ListingId == listingId, cancellationToken);
        if (quantity == 0)
        {
            if (line is not null)
            {
                db.Remove(line);
                await db.SaveChangesAsync(cancellationToken);
            }

            return null;
        }

        var listing = await db.Set<ListingEntity>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null || listing.Status != ListingStatus.Active)
        {
            return new OrderRefusal(404, ProblemTypes.NotFound, $"Listing {listingId} is not for sale.");
        }

        if (listing.MerchantId == buyerId)
        {
            return new OrderRefusal(422, ProblemTypes.BusinessRule, "You cannot buy your own listing.");
        }

        if (quantity > listing.Stock)
        {
            return new OrderRefusal(409, "/problems/out-of-stock", $"Only {listing.Stock} {listing.Unit} in stock.");
        }

        if (line is null)
        {
            db.Add(new CartLineEntity { BuyerId = buyerId, ListingId = listingId, Quantity = quantity, AddedAt = time.GetUtcNow() });
        }
        else
        {
            line.Quantity = quantity;
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
