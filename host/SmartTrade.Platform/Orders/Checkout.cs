using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.Platform.Orders;

/// <summary>A line to place: a listing and quantity, with a negotiated unit price and per-line choices when given.</summary>
public sealed record PlacementLine(Guid ListingId, long Quantity, long? UnitPriceMinor = null, IReadOnlyDictionary<string, AttributeValue>? Attributes = null);

/// <summary>
/// Why an order operation (checkout, cancel, refund) was refused: a problem-details status, type and detail, and the
/// request field at fault when there is one (such as <c>choices.deliveryDate</c>).
/// </summary>
public sealed record OrderRefusal(int Status, string Type, string Detail, string? Field = null)
{
    /// <summary>The detail with the field it concerns in front, for API answers and logs.</summary>
    public string Explanation => Field is null ? Detail : $"{Field}: {Detail}";
}

/// <summary>
/// Turns a buyer's cart into one order per merchant in one transaction: stock is reserved by a conditional
/// decrement (never below zero, whatever the concurrency), prices and titles are snapshotted, the cart is emptied,
/// and OrderPlaced events go to the outbox. Unpaid orders expire after <see cref="OrderOptions.ReservationTime"/>.
/// </summary>
public sealed class Checkout(PlatformDbContext db, OutboxProcessor outbox, OrderLinePricing pricing, TimeProvider time, IOptions<OrderOptions> options)
{
    public const string OrderEventType = "OrderEvent";

    /// <summary>The problem type of a line whose listing has not enough stock (or is not for sale) at placement.</summary>
    public const string OutOfStockType = "/problems/out-of-stock";

    /// <summary>Places the buyer's cart and empties it.</summary>
    public async Task<(IReadOnlyList<Order>? Orders, OrderRefusal? Refusal)> PlaceAsync(string buyerId, CancellationToken cancellationToken)
    {
        var cart = await db.Set<CartLineEntity>().AsNoTracking().Where(c => c.BuyerId == buyerId).ToListAsync(cancellationToken);
        if (cart.Count == 0)
        {
            return (null, new OrderRefusal(422, "/problems/cart-empty", "The cart is empty."));
        }

        return await PlaceLinesAsync(buyerId, cart.Select(c => new PlacementLine(c.ListingId, c.Quantity, Attributes: c.Choices)).ToList(), emptyCart: true, cancellationToken);
    }

    /// <summary>
    /// Places lines for a buyer, one order per merchant, in one transaction: stock reserved, prices snapshotted (or
    /// the line's negotiated price), OrderPlaced raised. With <paramref name="emptyCart"/> the buyer's cart is emptied
    /// in the same transaction.
    /// </summary>
    public async Task<(IReadOnlyList<Order>? Orders, OrderRefusal? Refusal)> PlaceLinesAsync(string buyerId, IReadOnlyList<PlacementLine> cart, bool emptyCart, CancellationToken cancellationToken)
    {
        // Each market's line policy prices the lines (tiers, negotiated prices) and checks the buyer's choices before
        // anything is written; the reservation below still guards stock against every concurrent buyer.
        var lineIds = cart.Select(c => c.ListingId).ToList();
        var current = await db.Set<ListingEntity>().AsNoTracking().Where(l => lineIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        var priced = new Dictionary<Guid, PricedLine>();
        foreach (var line in cart)
        {
            if (!current.TryGetValue(line.ListingId, out var listing) || listing.Status != ListingStatus.Active || listing.MerchantId == buyerId)
            {
                continue; // refused by the reservation below with the usual answer
            }

            var (price, refusal) = await pricing.PriceAsync(listing, buyerId, line.Quantity, line.Attributes, line.UnitPriceMinor, OrderLineStage.Placement, cancellationToken);
            if (refusal is not null)
            {
                return (null, refusal);
            }

            priced[line.ListingId] = price!;
        }

        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // The first statement writes, so the transaction holds the write lock before reading what it snapshots.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var line in cart.OrderBy(c => c.ListingId))
            {
                var quantity = line.Quantity;
                var reserved = await db.Set<ListingEntity>()
                    .Where(l => l.Id == line.ListingId && l.Status == ListingStatus.Active && l.Stock >= quantity && l.MerchantId != buyerId)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(l => l.Stock, l => l.Stock - quantity)
                        .SetProperty(l => l.Status, l => l.Stock - quantity == 0 ? ListingStatus.SoldOut : l.Status)
                        .SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
                if (reserved == 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return (null, new OrderRefusal(409, OutOfStockType, $"Listing {line.ListingId} is not available in quantity {quantity}."));
                }
            }

            var ids = cart.Select(c => c.ListingId).ToList();
            var listings = await db.Set<ListingEntity>().AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
            var orders = new List<OrderEntity>();
            foreach (var group in cart.GroupBy(c => (listings[c.ListingId].MerchantId, listings[c.ListingId].MarketId, listings[c.ListingId].Currency)))
            {
                var order = new OrderEntity
                {
                    Id = Guid.CreateVersion7(now),
                    Number = NewNumber(now),
                    BuyerId = buyerId,
                    MerchantId = group.Key.MerchantId,
                    MarketId = group.Key.MarketId,
                    Currency = group.Key.Currency,
                    CreatedAt = now,
                    ExpiresAt = now + options.Value.ReservationTime,
                    Version = 1,
                };
                var position = 0;
                foreach (var line in group)
                {
                    var listing = listings[line.ListingId];
                    var price = priced[line.ListingId];
                    var unitPrice = price.UnitPriceMinor;
                    order.Lines.Add(new OrderLineEntity
                    {
                        Position = position++,
                        ListingId = listing.Id,
                        TitleJson = listing.TitleJson,
                        UnitPriceMinor = unitPrice,
                        Quantity = line.Quantity,
                        Unit = listing.Unit,
                        Attributes = price.Attributes,
                    });
                    order.TotalMinor = checked(order.TotalMinor + (unitPrice * line.Quantity));
                }

                db.Add(order);
                orders.Add(order);
                var placed = order.ToOrder();
                db.Enqueue<OrderEvent>(OrderEventType, new OrderPlaced
                {
                    OrderId = order.Id,
                    OrderNumber = order.Number,
                    MarketId = order.MarketId,
                    MerchantId = order.MerchantId,
                    BuyerId = buyerId,
                    OccurredAt = now,
                    Total = placed.Total,
                    Lines = placed.Lines,
                }, now);
            }

            foreach (var listing in listings.Values)
            {
                db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.Updated, now), now);
            }

            if (emptyCart)
            {
                await db.Set<CartLineEntity>().Where(c => c.BuyerId == buyerId).ExecuteDeleteAsync(cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.Notify();
            return ((IReadOnlyList<Order>?)orders.Select(o => o.ToOrder()).ToList(), (OrderRefusal?)null);
        });
    }

    /// <summary>Puts an order's reserved stock back (on cancellation or expiry), inside the caller's transaction.</summary>
    public static async Task ReleaseStockAsync(PlatformDbContext db, OrderEntity order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var line in order.Lines)
        {
            var quantity = line.Quantity;
            await db.Set<ListingEntity>()
                .Where(l => l.Id == line.ListingId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Stock, l => l.Stock + quantity)
                    .SetProperty(l => l.Status, l => l.Status == ListingStatus.SoldOut ? ListingStatus.Active : l.Status)
                    .SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
            db.Enqueue(ListingEndpoints.ListingChangedType, new ListingChanged
            {
                ListingId = line.ListingId,
                MarketId = order.MarketId,
                MerchantId = order.MerchantId,
                ChangeKind = ListingChangeKind.Updated,
                Version = 0,
                OccurredAt = now,
            }, now);
        }
    }

    private static string NewNumber(DateTimeOffset now)
        => $"SO{now:yyyyMMdd}{Convert.ToHexString(RandomNumberGenerator.GetBytes(5))}";
}
