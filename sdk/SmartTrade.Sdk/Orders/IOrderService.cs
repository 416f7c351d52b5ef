namespace SmartTrade.Sdk.Orders;

/// <summary>
/// Orders for plugins: read them and place them (for example a plugin turning an accepted quote into an order).
/// The host implements it and exposes it to plugins. Placing validates listings and stock, reserves the stock,
/// and publishes <see cref="OrderPlaced"/> per order.
/// </summary>
/// <remarks>Members added in later minor versions of the SDK come with default implementations.</remarks>
public interface IOrderService
{
    /// <summary>Gets an order, or <see langword="null"/> when there is none with this id.</summary>
    /// <param name="orderId">The order's identifier.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<Order?> GetAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Places orders for the request's lines, one per merchant. Either every order is placed or none is.
    /// Business failures (unknown listing, not enough stock…) come back in <see cref="PlaceOrderResult.Failure"/>
    /// rather than as exceptions.
    /// </summary>
    /// <param name="request">Who buys what.</param>
    /// <param name="idempotencyKey">
    /// The caller's key for this purchase: a repeat with the same key (per buyer) returns the first result, marked
    /// <see cref="PlaceOrderResult.Replayed"/>, and places nothing; the same key with a different request fails with
    /// <see cref="PlaceOrderFailureCode.IdempotencyKeyReused"/>. No protection when <see langword="null"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the request before it commits.</param>
    Task<PlaceOrderResult> PlaceAsync(PlaceOrderRequest request, string? idempotencyKey, CancellationToken cancellationToken = default);
}
