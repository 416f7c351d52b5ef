using System.Collections.Concurrent;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Security;

namespace Acme.Freight.Shipments;

/// <summary>A shipment waiting to be collected for an order.</summary>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="MarketId">The market the order was placed in.</param>
/// <param name="MerchantId">Who ships it.</param>
/// <param name="BookedAt">When the order was placed.</param>
public sealed record Shipment(string OrderNumber, string MarketId, string MerchantId, DateTimeOffset BookedAt);

/// <summary>
/// The shipments booked since the plugin started, one per order (kept in memory to keep the template short; a real
/// plugin keeps them in its own tables with SmartTrade.Sdk.Data).
/// </summary>
public sealed class ShipmentBook
{
    private readonly ConcurrentDictionary<Guid, Shipment> _shipments = new();

    /// <summary>Books a shipment for an order; booking the same order twice keeps the first.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="shipment">The shipment.</param>
    /// <returns>Whether it was booked now.</returns>
    public bool Book(Guid orderId, Shipment shipment) => _shipments.TryAdd(orderId, shipment);

    /// <summary>Every shipment, oldest first.</summary>
    /// <returns>The shipments.</returns>
    public IReadOnlyList<Shipment> All() => _shipments.Values.OrderBy(s => s.BookedAt).ThenBy(s => s.OrderNumber, StringComparer.Ordinal).ToList();
}

/// <summary>
/// An SDK event handler: the host publishes <see cref="OrderPlaced"/> for every order in every market, and calls
/// each enabled plugin's handlers for it.
/// </summary>
/// <param name="book">The shipment book.</param>
public sealed class BookShipmentWhenOrderPlaced(ShipmentBook book) : INotificationHandler<OrderPlaced>
{
    /// <inheritdoc />
    public Task Handle(OrderPlaced notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        book.Book(notification.OrderId, new Shipment(notification.OrderNumber, notification.MarketId, notification.MerchantId, notification.OccurredAt));
        return Task.CompletedTask;
    }
}

/// <summary><c>GET /api/v1/acme-freight/shipments</c>: the booked shipments, for administrators.</summary>
public static class ShipmentEndpoints
{
    /// <summary>Maps the shipment list.</summary>
    /// <param name="endpoints">The plugin's route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapShipments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/acme-freight/shipments", (ShipmentBook book) => TypedResults.Ok(book.All()))
            .WithTags("Acme.Freight")
            .WithName("ListAcmeFreightShipments")
            .WithSummary("Lists the shipments booked for placed orders, oldest first.")
            .RequireAuthorization(Roles.Admin);
        return endpoints;
    }
}
