using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.TestPlugins.Probe;

/// <summary>
/// A line policy for tests of the host's order-line hook (on when <c>SmartTrade:Plugins:{id}:LinePolicyMarket</c> names
/// a market): 100 units or more cost 10% less (rounded down to the fen), 13 units are refused, a <c>deliveryDate</c>
/// choice must be a date and is kept; a negotiated price is taken as given.
/// </summary>
/// <param name="marketId">The market it decides.</param>
public sealed class ProbeLinePolicy(string marketId) : IOrderLinePolicy
{
    /// <summary>The problem type of the refused quantity.</summary>
    public const string UnluckyQuantity = "/problems/probe/unlucky-quantity";

    /// <inheritdoc />
    public string MarketId => marketId;

    /// <inheritdoc />
    public ValueTask<OrderLineDecision> DecideAsync(OrderLineRequest line, CancellationToken cancellationToken)
    {
        if (line.Quantity == 13)
        {
            return ValueTask.FromResult(OrderLineDecision.Refuse(UnluckyQuantity, "13 units cannot be bought."));
        }

        Dictionary<string, AttributeValue>? kept = null;
        if (line.Choices.TryGetValue("deliveryDate", out var date))
        {
            if (date.Type != AttributeType.Date)
            {
                return ValueTask.FromResult(OrderLineDecision.Refuse("/problems/validation", "The delivery date must be a date.", 400, "deliveryDate"));
            }

            kept = new Dictionary<string, AttributeValue> { ["deliveryDate"] = date };
        }

        if (line.NegotiatedPrice is { } negotiated)
        {
            return ValueTask.FromResult(OrderLineDecision.Accept(negotiated, kept, "negotiated"));
        }

        return ValueTask.FromResult(line.Quantity >= 100
            ? OrderLineDecision.Accept(new Money(line.Listing.Price.Minor * 9 / 10, line.Listing.Price.Currency), kept, "wholesale from 100")
            : OrderLineDecision.Accept(line.Listing.Price, kept));
    }
}
