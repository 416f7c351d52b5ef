using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Orders;

/// <summary>
/// Where an order is. The allowed moves between statuses are given by <see cref="OrderTransitions"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    /// <summary>Placed; stock is reserved until <see cref="Order.ExpiresAt"/> while the buyer pays.</summary>
    PendingPayment,

    /// <summary>Paid in full; the merchant prepares the shipment.</summary>
    Paid,

    /// <summary>Handed to a carrier.</summary>
    Shipped,

    /// <summary>Received by the buyer.</summary>
    Delivered,

    /// <summary>Closed after delivery; final.</summary>
    Completed,

    /// <summary>Called off before shipping (by the buyer, the merchant, or expiry of an unpaid order); any payment is returned. Final.</summary>
    Cancelled,

    /// <summary>Everything paid was refunded; final.</summary>
    Refunded,

    /// <summary>Part of the payment was refunded; fulfilment of the rest carries on.</summary>
    PartiallyRefunded,
}

/// <summary>
/// An order: what one buyer bought from one merchant in one market at fixed prices. Checkout of a cart with
/// lines from several merchants makes one order per merchant.
/// </summary>
public sealed record Order
{
    /// <summary>The order's identifier.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>The order number shown to people, unique and stable (e.g. <c>20250301-000123</c>).</summary>
    [JsonPropertyName("number")]
    public required string Number { get; init; }

    /// <summary>The buyer's user id.</summary>
    [JsonPropertyName("buyerId")]
    public required string BuyerId { get; init; }

    /// <summary>The merchant selling every line of the order.</summary>
    [JsonPropertyName("merchantId")]
    public required string MerchantId { get; init; }

    /// <summary>The market the order was placed in.</summary>
    [JsonPropertyName("marketId")]
    public required string MarketId { get; init; }

    /// <summary>The lines, with price snapshots.</summary>
    [JsonPropertyName("lines")]
    public IReadOnlyList<OrderLine> Lines { get; init; } = [];

    /// <summary>The amount to pay: the sum of the lines' <see cref="OrderLine.LineTotal"/>.</summary>
    [JsonPropertyName("total")]
    public required Money Total { get; init; }

    /// <summary>The order's status.</summary>
    [JsonPropertyName("status")]
    public OrderStatus Status { get; init; } = OrderStatus.PendingPayment;

    /// <summary>When the order was placed.</summary>
    [JsonPropertyName("createdAt")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// When the stock reservation of an unpaid order runs out (by default 15 minutes after placing); the order is
    /// then cancelled and its stock returns. <see langword="null"/> once paid.
    /// </summary>
    [JsonPropertyName("expiresAt")]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the payment succeeded.</summary>
    [JsonPropertyName("paidAt")]
    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>When the order was shipped.</summary>
    [JsonPropertyName("shippedAt")]
    public DateTimeOffset? ShippedAt { get; init; }

    /// <summary>When the order was delivered.</summary>
    [JsonPropertyName("deliveredAt")]
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When the order reached a final status (<see cref="OrderStatus.Completed"/>, <see cref="OrderStatus.Cancelled"/> or <see cref="OrderStatus.Refunded"/>).</summary>
    [JsonPropertyName("closedAt")]
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The carrier's tracking number, once shipped.</summary>
    [JsonPropertyName("trackingNumber")]
    public string? TrackingNumber { get; init; }

    /// <summary>The carrier's name or code, once shipped, when given.</summary>
    [JsonPropertyName("carrier")]
    public string? Carrier { get; init; }

    /// <summary>The sum of refunds so far, in the order's currency; never more than <see cref="Total"/>.</summary>
    [JsonPropertyName("refundedTotal")]
    public required Money RefundedTotal { get; init; }

    /// <summary>The concurrency version: 1 when placed, incremented by every change.</summary>
    [JsonPropertyName("version")]
    public long Version { get; init; }
}

/// <summary>
/// A line of an order. Title and unit price are snapshots taken when the order was placed: later changes to the
/// listing do not change the order.
/// </summary>
public sealed record OrderLine
{
    /// <summary>The listing bought.</summary>
    [JsonPropertyName("listingId")]
    public required Guid ListingId { get; init; }

    /// <summary>The listing's title when the order was placed.</summary>
    [JsonPropertyName("title")]
    public required LocalizedText Title { get; init; }

    /// <summary>The price of one unit when the order was placed (or the agreed price of a negotiated line).</summary>
    [JsonPropertyName("unitPrice")]
    public required Money UnitPrice { get; init; }

    /// <summary>How many units; at least 1.</summary>
    [JsonPropertyName("quantity")]
    public required long Quantity { get; init; }

    /// <summary>The unit counted, e.g. <c>piece</c> or <c>kg</c>.</summary>
    [JsonPropertyName("unit")]
    public required string Unit { get; init; }

    /// <summary>The line's amount: <see cref="UnitPrice"/> × <see cref="Quantity"/>.</summary>
    [JsonPropertyName("lineTotal")]
    public required Money LineTotal { get; init; }

    /// <summary>
    /// Attribute values that define what was bought: a snapshot of the listing's attributes that matter to the
    /// buyer, and per-line choices such as a delivery date.
    /// </summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; init; } = ReadOnlyDictionary<string, AttributeValue>.Empty;
}
