using System.Text.Json.Serialization;
using MediatR;

namespace SmartTrade.Sdk.Orders;

/// <summary>
/// Something that happened to an order, published as a MediatR notification after the change is committed
/// (through the outbox: in-process, and over Redis when configured). Delivery is at least once, so handlers must
/// tolerate repeats. Serialized through this base type, JSON carries a <c>type</c> discriminator such as
/// <c>"orderPaid"</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OrderPlaced), "orderPlaced")]
[JsonDerivedType(typeof(OrderPaid), "orderPaid")]
[JsonDerivedType(typeof(OrderShipped), "orderShipped")]
[JsonDerivedType(typeof(OrderDelivered), "orderDelivered")]
[JsonDerivedType(typeof(OrderCompleted), "orderCompleted")]
[JsonDerivedType(typeof(OrderCancelled), "orderCancelled")]
[JsonDerivedType(typeof(OrderRefunded), "orderRefunded")]
public abstract record OrderEvent : INotification
{
    /// <summary>The order.</summary>
    [JsonPropertyName("orderId")]
    public required Guid OrderId { get; init; }

    /// <summary>The order's number.</summary>
    [JsonPropertyName("orderNumber")]
    public required string OrderNumber { get; init; }

    /// <summary>The order's market.</summary>
    [JsonPropertyName("marketId")]
    public required string MarketId { get; init; }

    /// <summary>The order's merchant.</summary>
    [JsonPropertyName("merchantId")]
    public required string MerchantId { get; init; }

    /// <summary>The order's buyer.</summary>
    [JsonPropertyName("buyerId")]
    public required string BuyerId { get; init; }

    /// <summary>When the change was committed.</summary>
    [JsonPropertyName("occurredAt")]
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>An order was placed (<see cref="OrderStatus.PendingPayment"/>) and its stock reserved.</summary>
public sealed record OrderPlaced : OrderEvent
{
    /// <summary>The amount to pay.</summary>
    [JsonPropertyName("total")]
    public required Money Total { get; init; }

    /// <summary>The lines ordered.</summary>
    [JsonPropertyName("lines")]
    public IReadOnlyList<OrderLine> Lines { get; init; } = [];
}

/// <summary>An order was paid in full (<see cref="OrderStatus.Paid"/>).</summary>
public sealed record OrderPaid : OrderEvent
{
    /// <summary>The amount paid.</summary>
    [JsonPropertyName("amount")]
    public required Money Amount { get; init; }

    /// <summary>The payment intent that paid it (<see cref="Payments.PaymentIntent.Id"/>).</summary>
    [JsonPropertyName("paymentId")]
    public required string PaymentId { get; init; }
}

/// <summary>An order was shipped (<see cref="OrderStatus.Shipped"/>).</summary>
public sealed record OrderShipped : OrderEvent
{
    /// <summary>The carrier's tracking number.</summary>
    [JsonPropertyName("trackingNumber")]
    public required string TrackingNumber { get; init; }

    /// <summary>The carrier's name or code, when given.</summary>
    [JsonPropertyName("carrier")]
    public string? Carrier { get; init; }
}

/// <summary>An order was delivered (<see cref="OrderStatus.Delivered"/>).</summary>
public sealed record OrderDelivered : OrderEvent;

/// <summary>An order was completed (<see cref="OrderStatus.Completed"/>).</summary>
public sealed record OrderCompleted : OrderEvent;

/// <summary>
/// An order was cancelled (<see cref="OrderStatus.Cancelled"/>) and its reserved stock returned. When it had been
/// paid, an <see cref="OrderRefunded"/> follows once the payment is returned.
/// </summary>
public sealed record OrderCancelled : OrderEvent
{
    /// <summary>Why: one of <see cref="OrderCancellationReasons"/>, or a plugin's own code.</summary>
    [JsonPropertyName("reason")]
    public required string Reason { get; init; }
}

/// <summary>Money was refunded on an order (<see cref="OrderStatus.Refunded"/> or <see cref="OrderStatus.PartiallyRefunded"/>).</summary>
public sealed record OrderRefunded : OrderEvent
{
    /// <summary>The amount of this refund.</summary>
    [JsonPropertyName("amount")]
    public required Money Amount { get; init; }

    /// <summary>The sum of all refunds on the order so far, this one included.</summary>
    [JsonPropertyName("refundedTotal")]
    public required Money RefundedTotal { get; init; }

    /// <summary>Whether part of the order's total remains paid (the order is <see cref="OrderStatus.PartiallyRefunded"/>).</summary>
    [JsonPropertyName("isPartial")]
    public required bool IsPartial { get; init; }
}

/// <summary>Well-known values of <see cref="OrderCancelled.Reason"/>.</summary>
public static class OrderCancellationReasons
{
    /// <summary>The buyer cancelled.</summary>
    public const string Buyer = "buyer";

    /// <summary>The merchant cancelled, for example because the goods cannot be supplied.</summary>
    public const string Merchant = "merchant";

    /// <summary>The order was not paid before its reservation expired.</summary>
    public const string PaymentExpired = "payment-expired";

    /// <summary>The payment failed and the order was abandoned.</summary>
    public const string PaymentFailed = "payment-failed";

    /// <summary>A market operator cancelled it.</summary>
    public const string Operator = "operator";
}
