using SmartTrade.Plugins.ApplianceMarket.Data;
using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Orders;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Plugins.ApplianceMarket.Pricing;

/// <summary>
/// Prices appliance lines in the cart, the cart view and at placement: a line below the listing's minimum order
/// quantity is refused, otherwise it costs the price of the largest wholesale break it reaches (the retail price below
/// every break). A negotiated price (an accepted quote) is taken as agreed. Per-line choices are kept as given, as in a
/// market without a policy.
/// </summary>
/// <remarks>
/// The host resolves it from a plugin scope of its own, outside any plugin request, so it reads the plugin's tables
/// directly and takes no host service beyond the listing it is given.
/// </remarks>
public sealed class WholesaleLinePolicy(ApplianceMarketDbContext db) : IOrderLinePolicy
{
    /// <inheritdoc />
    public string MarketId => ApplianceMarketDescriptor.MarketId;

    /// <inheritdoc />
    public async ValueTask<OrderLineDecision> DecideAsync(OrderLineRequest line, CancellationToken cancellationToken)
    {
        if (line.NegotiatedPrice is { } negotiated)
        {
            return OrderLineDecision.Accept(negotiated, line.Choices, priceNote: T("询价成交价", "Quoted price"));
        }

        var minimum = PriceTiers.MinimumOrderQuantity(line.Listing);
        if (line.Quantity < minimum)
        {
            return OrderLineDecision.Refuse(
                ApplianceProblems.TypeOf(ApplianceProblems.BelowMinimumOrder),
                T($"该商品 {minimum} 件起订。", $"This listing sells from {minimum} units."),
                422,
                "quantity");
        }

        var (price, tier) = TierSchedule.PriceFor(line.Listing.Price.Minor, await PriceTiers.ReadAsync(db, line.Listing.Id, cancellationToken), line.Quantity);
        return OrderLineDecision.Accept(
            new Money(price, line.Listing.Price.Currency),
            line.Choices,
            priceNote: tier is null ? null : T($"批发价（{tier.MinQuantity} 件起）", $"Wholesale from {tier.MinQuantity}"));
    }
}
