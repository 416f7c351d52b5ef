using System.Collections.ObjectModel;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Plugins;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.Platform.Orders;

/// <summary>A priced line: the unit price and the choices kept on the order line.</summary>
public sealed record PricedLine(long UnitPriceMinor, IReadOnlyDictionary<string, AttributeValue>? Attributes, string? PriceNote);

/// <summary>
/// Prices lines through the <see cref="IOrderLinePolicy"/> of each listing's market (wholesale tiers, delivery-date
/// choices, pre-sale windows); a market without a policy sells at the listing's price, or at a trusted caller's
/// negotiated price, and keeps the caller's choices as given.
/// </summary>
public sealed class OrderLinePricing(PluginRuntime runtime, TimeProvider time) : IAsyncDisposable
{
    private readonly List<AsyncServiceScope> scopes = [];
    private Dictionary<string, IOrderLinePolicy>? byMarket;

    /// <summary>Releases the plugin scopes the policies were resolved from.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }

        scopes.Clear();
    }

    /// <summary>Prices one line of a listing, or says why it cannot be bought.</summary>
    public async Task<(PricedLine? Line, OrderRefusal? Refusal)> PriceAsync(
        ListingEntity listing,
        string buyerId,
        long quantity,
        IReadOnlyDictionary<string, AttributeValue>? choices,
        long? negotiatedUnitPriceMinor,
        OrderLineStage stage,
        CancellationToken cancellationToken)
    {
        if (!Policies().TryGetValue(listing.MarketId, out var policy))
        {
            return (new PricedLine(negotiatedUnitPriceMinor ?? listing.PriceMinor, choices, null), null);
        }

        var decision = await policy.DecideAsync(
            new OrderLineRequest
            {
                Listing = listing.ToListing(),
                BuyerId = buyerId,
                Quantity = quantity,
                Choices = choices ?? ReadOnlyDictionary<string, AttributeValue>.Empty,
                NegotiatedPrice = negotiatedUnitPriceMinor is { } minor ? new Money(minor, listing.Currency) : null,
                Stage = stage,
                Now = time.GetUtcNow(),
            },
            cancellationToken);
        if (!decision.Accepted)
        {
            return (null, new OrderRefusal(decision.Status, decision.ProblemType!, decision.Detail ?? "This line cannot be bought.", decision.Field is null ? null : $"choices.{decision.Field}"));
        }

        var price = decision.UnitPrice!.Value;
        if (!string.Equals(price.Currency, listing.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The order-line policy of market {listing.MarketId} priced listing {listing.Id} in {price.Currency}, not in the listing's {listing.Currency}.");
        }

        return (new PricedLine(price.Minor, decision.Attributes.Count == 0 ? null : decision.Attributes, decision.PriceNote), null);
    }

    // Policies live in the enabled plugins' containers; each is resolved from a scope of its plugin that lasts as long
    // as this (request-scoped) pricing, so a scoped policy gets its plugin's scoped services.
    private Dictionary<string, IOrderLinePolicy> Policies()
    {
        if (byMarket is not null)
        {
            return byMarket;
        }

        byMarket = new Dictionary<string, IOrderLinePolicy>(StringComparer.Ordinal);
        foreach (var services in runtime.EnabledPluginServices())
        {
            if (services.GetService<IServiceProviderIsService>()?.IsService(typeof(IOrderLinePolicy)) != true)
            {
                continue;
            }

            var scope = services.CreateAsyncScope();
            scopes.Add(scope);
            foreach (var policy in scope.ServiceProvider.GetServices<IOrderLinePolicy>())
            {
                byMarket.TryAdd(policy.MarketId, policy);
            }
        }

        return byMarket;
    }
}
