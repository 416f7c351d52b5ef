using System.Collections.ObjectModel;
using SmartTrade.Sdk.Catalog;

namespace SmartTrade.Sdk.Orders;

/// <summary>
/// A market's rules for one line of a purchase: what a unit costs at this quantity (wholesale tiers), which per-line
/// choices the buyer must or may make (a delivery date inside a window) and whether the line may be bought at all
/// (a pre-sale that closed, a perishable batch past its shelf life). The host asks the policy of the listing's market
/// when a line is put in the cart, when the cart is shown and when it is placed (checkout and
/// <see cref="IOrderService"/>); markets without a policy sell at the listing's price.
/// </summary>
/// <remarks>
/// Register one per market in <c>ConfigureServices</c> (<c>services.AddSingleton&lt;IOrderLinePolicy, MyPolicy&gt;()</c>
/// or scoped). The host reserves stock after the policy accepted, so a policy does not reserve anything itself; it must
/// not write to the host's database.
/// </remarks>
public interface IOrderLinePolicy
{
    /// <summary>The market whose lines this policy decides.</summary>
    string MarketId { get; }

    /// <summary>Decides a line: its unit price and the choices kept on it, or why it cannot be bought.</summary>
    /// <param name="line">The line, its listing and the buyer's choices.</param>
    /// <param name="cancellationToken">Cancels the decision.</param>
    ValueTask<OrderLineDecision> DecideAsync(OrderLineRequest line, CancellationToken cancellationToken);
}

/// <summary>When the host asks an <see cref="IOrderLinePolicy"/>.</summary>
public enum OrderLineStage
{
    /// <summary>The buyer puts the line in the cart or changes it; a refusal keeps it out of the cart.</summary>
    Cart,

    /// <summary>The cart is shown: the decision prices the line; a refusal marks it as not orderable.</summary>
    CartView,

    /// <summary>The line is being placed as an order; a refusal fails the whole placement and changes nothing.</summary>
    Placement,
}

/// <summary>A line for an <see cref="IOrderLinePolicy"/> to decide.</summary>
public sealed record OrderLineRequest
{
    /// <summary>The listing, as it is now.</summary>
    public required Listing Listing { get; init; }

    /// <summary>The buyer's user id.</summary>
    public required string BuyerId { get; init; }

    /// <summary>How many of the listing's units; at least 1.</summary>
    public required long Quantity { get; init; }

    /// <summary>The buyer's per-line choices (such as <c>deliveryDate</c>), as given; empty when none.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Choices { get; init; } = ReadOnlyDictionary<string, AttributeValue>.Empty;

    /// <summary>
    /// A negotiated unit price set by a trusted in-process caller of <see cref="IOrderService"/> (an accepted quote);
    /// <see langword="null"/> for a buyer's own cart.
    /// </summary>
    public Money? NegotiatedPrice { get; init; }

    /// <summary>When the host asks.</summary>
    public required OrderLineStage Stage { get; init; }

    /// <summary>The host's clock at the time of asking.</summary>
    public required DateTimeOffset Now { get; init; }
}

/// <summary>An <see cref="IOrderLinePolicy"/>'s answer: a unit price and the choices to keep, or a refusal.</summary>
public sealed record OrderLineDecision
{
    private OrderLineDecision()
    {
    }

    /// <summary>The unit price for the line when accepted, in the listing's currency.</summary>
    public Money? UnitPrice { get; private init; }

    /// <summary>The choices kept on the order line (normalised, such as a date in ISO form); when accepted.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; private init; } = ReadOnlyDictionary<string, AttributeValue>.Empty;

    /// <summary>A short note shown beside the price when accepted (e.g. "wholesale from 100"); optional.</summary>
    public string? PriceNote { get; private init; }

    /// <summary>The problem type of a refusal (<c>/problems/{plugin-id}/{code}</c>); <see langword="null"/> when accepted.</summary>
    public string? ProblemType { get; private init; }

    /// <summary>The HTTP status of a refusal: 400 for a malformed choice, 409 for a state conflict, 422 for a business rule.</summary>
    public int Status { get; private init; }

    /// <summary>What is wrong with the line, for people; when refused.</summary>
    public string? Detail { get; private init; }

    /// <summary>The field of a refusal when it concerns one choice (for example <c>deliveryDate</c>); optional.</summary>
    public string? Field { get; private init; }

    /// <summary>Whether the line may be bought.</summary>
    public bool Accepted => ProblemType is null;

    /// <summary>Accepts the line at a unit price, keeping the given choices on the order line.</summary>
    /// <param name="unitPrice">The price of one unit, in the listing's currency, not negative.</param>
    /// <param name="attributes">The choices to keep on the line; none when <see langword="null"/>.</param>
    /// <param name="priceNote">A short note shown with the price; optional.</param>
    public static OrderLineDecision Accept(Money unitPrice, IReadOnlyDictionary<string, AttributeValue>? attributes = null, string? priceNote = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unitPrice.Minor);
        return new OrderLineDecision { UnitPrice = unitPrice, Attributes = attributes ?? ReadOnlyDictionary<string, AttributeValue>.Empty, PriceNote = priceNote };
    }

    /// <summary>Refuses the line.</summary>
    /// <param name="problemType">A stable problem type, <c>/problems/{plugin-id}/{code}</c>.</param>
    /// <param name="detail">What is wrong, for people.</param>
    /// <param name="status">400, 404, 409 or 422.</param>
    /// <param name="field">The choice concerned, if any.</param>
    public static OrderLineDecision Refuse(string problemType, string detail, int status = 422, string? field = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problemType);
        if (status is < 400 or > 499)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A refusal is a 4xx status.");
        }

        return new OrderLineDecision { ProblemType = problemType, Detail = detail, Status = status, Field = field };
    }
}
