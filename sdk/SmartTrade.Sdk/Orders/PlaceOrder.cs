using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using SmartTrade.Sdk.Catalog;

namespace SmartTrade.Sdk.Orders;

/// <summary>A purchase to place: a buyer, a market and lines of listings; lines may come from several merchants.</summary>
public sealed record PlaceOrderRequest
{
    /// <summary>The buyer's user id.</summary>
    [JsonPropertyName("buyerId")]
    public required string BuyerId { get; init; }

    /// <summary>The market every listing must belong to.</summary>
    [JsonPropertyName("marketId")]
    public required string MarketId { get; init; }

    /// <summary>The lines; at least one, each listing at most once.</summary>
    [JsonPropertyName("lines")]
    public IReadOnlyList<PlaceOrderLine> Lines { get; init; } = [];
}

/// <summary>A line of a purchase to place.</summary>
public sealed record PlaceOrderLine
{
    /// <summary>The listing to buy; it must be <see cref="ListingStatus.Active"/> with enough stock.</summary>
    [JsonPropertyName("listingId")]
    public required Guid ListingId { get; init; }

    /// <summary>How many of the listing's units; at least 1.</summary>
    [JsonPropertyName("quantity")]
    public required long Quantity { get; init; }

    /// <summary>
    /// A negotiated unit price (an accepted quote, a contract price) to use instead of the listing's price; the
    /// listing's current price when <see langword="null"/>. Only trusted callers set it: plugins calling
    /// <see cref="IOrderService"/> in-process. The public HTTP API never takes it from a buyer. Its currency must be
    /// the listing's.
    /// </summary>
    [JsonPropertyName("unitPrice")]
    public Money? UnitPrice { get; init; }

    /// <summary>Per-line choices kept on the order line, such as a chosen delivery date.</summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; init; } = ReadOnlyDictionary<string, AttributeValue>.Empty;
}

/// <summary>Why placing orders failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlaceOrderFailureCode>))]
public enum PlaceOrderFailureCode
{
    /// <summary>The request is malformed: no lines, a quantity below 1, a listing twice.</summary>
    Invalid,

    /// <summary>A listing does not exist or is in another market.</summary>
    ListingNotFound,

    /// <summary>A listing is not <see cref="ListingStatus.Active"/>.</summary>
    ListingNotOrderable,

    /// <summary>A listing has fewer units in stock than asked for.</summary>
    InsufficientStock,

    /// <summary>A negotiated price is in another currency than the listing, or is negative.</summary>
    PriceNotAccepted,

    /// <summary>The idempotency key was used before for a different request.</summary>
    IdempotencyKeyReused,

    /// <summary>A request with the same idempotency key is still being processed.</summary>
    IdempotencyInProgress,

    /// <summary>
    /// The market's <see cref="IOrderLinePolicy"/> refused a line (a choice outside its window, a quantity below a
    /// negotiated minimum, a pre-sale that closed); <see cref="PlaceOrderFailure.ProblemType"/> says which rule.
    /// </summary>
    RefusedByMarket,
}

/// <summary>Why placing orders failed, for the caller and for a problem-details response.</summary>
public sealed record PlaceOrderFailure
{
    /// <summary>The kind of failure.</summary>
    [JsonPropertyName("code")]
    public required PlaceOrderFailureCode Code { get; init; }

    /// <summary>A message for developers and logs (not localized).</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>The problem type of a <see cref="PlaceOrderFailureCode.RefusedByMarket"/> failure, from the market's policy.</summary>
    [JsonPropertyName("problemType")]
    public string? ProblemType { get; init; }

    /// <summary>The listing concerned, when the failure is about one line.</summary>
    [JsonPropertyName("listingId")]
    public Guid? ListingId { get; init; }
}

/// <summary>The outcome of <see cref="IOrderService.PlaceAsync"/>: the orders placed, or why none was.</summary>
public sealed record PlaceOrderResult
{
    /// <summary>The orders placed, one per merchant; empty when placing failed.</summary>
    [JsonPropertyName("orders")]
    public IReadOnlyList<Order> Orders { get; init; } = [];

    /// <summary>Why nothing was placed; <see langword="null"/> on success.</summary>
    [JsonPropertyName("failure")]
    public PlaceOrderFailure? Failure { get; init; }

    /// <summary>Whether this is the stored result of an earlier request with the same idempotency key.</summary>
    [JsonPropertyName("replayed")]
    public bool Replayed { get; init; }

    /// <summary>Whether the orders were placed.</summary>
    [JsonIgnore]
    public bool Succeeded => Failure is null;

    /// <summary>A successful result.</summary>
    /// <param name="orders">The orders placed.</param>
    /// <param name="replayed">Whether it replays an earlier request's result.</param>
    public static PlaceOrderResult Success(IReadOnlyList<Order> orders, bool replayed = false)
    {
        ArgumentNullException.ThrowIfNull(orders);
        return new() { Orders = orders, Replayed = replayed };
    }

    /// <summary>A failed result.</summary>
    /// <param name="code">The kind of failure.</param>
    /// <param name="message">A message for developers and logs.</param>
    /// <param name="listingId">The listing concerned, if any.</param>
    public static PlaceOrderResult Failed(PlaceOrderFailureCode code, string message, Guid? listingId = null)
        => new() { Failure = new PlaceOrderFailure { Code = code, Message = message, ListingId = listingId } };
}
