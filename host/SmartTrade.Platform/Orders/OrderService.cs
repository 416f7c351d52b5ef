using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Idempotency;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.Platform.Orders;

/// <summary>
/// The SDK's <see cref="IOrderService"/> for plugins: reads orders, and places them directly (an accepted quote, a
/// pre-sale with a chosen delivery date) through the same placement as checkout, so stock, snapshots and events are
/// the same. A repeated idempotency key returns the first result.
/// </summary>
internal sealed class OrderService(PlatformDbContext db, Checkout checkout, IIdempotencyStore idempotency, TimeProvider time) : IOrderService
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(1);

    public async Task<Order?> GetAsync(Guid orderId, CancellationToken cancellationToken = default)
        => (await db.Set<OrderEntity>().AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken))?.ToOrder();

    public async Task<PlaceOrderResult> PlaceAsync(PlaceOrderRequest request, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (idempotencyKey is null)
        {
            return await PlaceOnceAsync(request, cancellationToken);
        }

        var scope = $"sdk-orders:{request.BuyerId}";
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, JsonSerializerOptions.Web))));
        var now = time.GetUtcNow();
        var earlier = await idempotency.TryBeginAsync(new IdempotencyRecord
        {
            Scope = scope,
            Key = idempotencyKey,
            Fingerprint = fingerprint,
            CreatedAt = now,
            ExpiresAt = now + TimeSpan.FromMinutes(1), // the claim's lock; extended to a day on completion
        }, cancellationToken);
        if (earlier is not null)
        {
            return earlier switch
            {
                { Fingerprint: var f } when f != fingerprint => Failed(PlaceOrderFailureCode.IdempotencyKeyReused, "The idempotency key was used for a different request."),
                { Completed: false } => Failed(PlaceOrderFailureCode.IdempotencyInProgress, "A request with this idempotency key is still being processed."),
                _ => JsonSerializer.Deserialize<PlaceOrderResult>(earlier.Body!, JsonSerializerOptions.Web)! with { Replayed = true },
            };
        }

        try
        {
            var result = await PlaceOnceAsync(request, cancellationToken);
            await idempotency.CompleteAsync(new IdempotencyRecord
            {
                Scope = scope,
                Key = idempotencyKey,
                Fingerprint = fingerprint,
                Completed = true,
                StatusCode = result.Succeeded ? 201 : 422,
                ContentType = "application/json",
                Body = JsonSerializer.SerializeToUtf8Bytes(result, JsonSerializerOptions.Web),
                CreatedAt = now,
                ExpiresAt = time.GetUtcNow() + KeyLifetime,
            }, cancellationToken);
            return result;
        }
        catch
        {
            await idempotency.AbandonAsync(scope, idempotencyKey, CancellationToken.None);
            throw;
        }
    }

    private async Task<PlaceOrderResult> PlaceOnceAsync(PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        if (request.Lines.Count == 0 || request.Lines.Any(l => l.Quantity < 1 || l.Quantity > Cart.MaxLineQuantity)
            || request.Lines.Select(l => l.ListingId).Distinct().Count() != request.Lines.Count || string.IsNullOrEmpty(request.BuyerId))
        {
            return Failed(PlaceOrderFailureCode.Invalid, "A purchase has a buyer and at least one line, each listing once, each quantity from 1 to 1,000,000.");
        }

        var ids = request.Lines.Select(l => l.ListingId).ToList();
        var listings = await db.Set<ListingEntity>().AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        foreach (var line in request.Lines)
        {
            if (!listings.TryGetValue(line.ListingId, out var listing) || listing.MarketId != request.MarketId)
            {
                return Failed(PlaceOrderFailureCode.ListingNotFound, $"No listing {line.ListingId} in market {request.MarketId}.", line.ListingId);
            }

            if (listing.Status != ListingStatus.Active || listing.MerchantId == request.BuyerId)
            {
                return Failed(PlaceOrderFailureCode.ListingNotOrderable, $"Listing {line.ListingId} is not for sale to this buyer.", line.ListingId);
            }

            if (line.UnitPrice is { } price && (price.Currency != listing.Currency || price.Minor < 0))
            {
                return Failed(PlaceOrderFailureCode.PriceNotAccepted, $"A negotiated price for listing {line.ListingId} must be a non-negative amount in {listing.Currency}.", line.ListingId);
            }

            if (listing.Stock < line.Quantity)
            {
                return Failed(PlaceOrderFailureCode.InsufficientStock, $"Only {listing.Stock} {listing.Unit} of listing {line.ListingId} in stock.", line.ListingId);
            }
        }

        var (orders, refusal) = await checkout.PlaceLinesAsync(
            request.BuyerId,
            request.Lines.Select(l => new PlacementLine(l.ListingId, l.Quantity, l.UnitPrice?.Minor, l.Attributes)).ToList(),
            emptyCart: false,
            cancellationToken);
        if (refusal is null)
        {
            return PlaceOrderResult.Success(orders!);
        }

        return refusal.Type == Checkout.OutOfStockType
            ? Failed(PlaceOrderFailureCode.InsufficientStock, refusal.Detail) // stock taken between the check and the reservation
            : new() { Failure = new PlaceOrderFailure { Code = PlaceOrderFailureCode.RefusedByMarket, Message = refusal.Explanation, ProblemType = refusal.Type } };
    }

    private static PlaceOrderResult Failed(PlaceOrderFailureCode code, string message, Guid? listingId = null)
        => new() { Failure = new PlaceOrderFailure { Code = code, Message = message, ListingId = listingId } };
}
