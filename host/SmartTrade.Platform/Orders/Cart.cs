using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Markets;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Orders;

/// <summary>
/// A line of the cart as the buyer sees it, with its current unit price (the market's policy may price by quantity)
/// and stock; <paramref name="Refusal"/> says why the line cannot be bought now, when it cannot. <paramref name="Choices"/>
/// are the buyer's per-line choices (the market's <see cref="SmartTrade.Sdk.Markets.MarketDescriptor.LineChoices"/>).
/// </summary>
public sealed record CartLineView(Guid ListingId, string Title, long UnitPriceMinor, string Currency, long Quantity, long LineTotalMinor, string Status, long Stock, string Unit, string MerchantId, string? PriceNote = null, string? Refusal = null, string? MarketId = null, IReadOnlyDictionary<string, AttributeValue>? Choices = null);

/// <summary>The buyer's cart: lines of listings and quantities, priced when shown and snapshotted at checkout.</summary>
public sealed class Cart(PlatformDbContext db, OrderLinePricing pricing, MarketDirectory markets, TimeProvider time)
{
    /// <summary>The largest quantity of one line.</summary>
    public const long MaxLineQuantity = 1_000_000;

    /// <summary>The cart's lines with current prices, oldest first.</summary>
    public async Task<IReadOnlyList<CartLineView>> LinesAsync(string buyerId, CancellationToken cancellationToken)
    {
        var lines = await db.Set<CartLineEntity>().AsNoTracking().Where(c => c.BuyerId == buyerId).ToListAsync(cancellationToken);
        var ids = lines.Select(l => l.ListingId).ToList();
        var listings = await db.Set<ListingEntity>().AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        var views = new List<CartLineView>(lines.Count);
        foreach (var l in lines.Where(l => listings.ContainsKey(l.ListingId)).OrderBy(l => l.AddedAt))
        {
            var listing = listings[l.ListingId];
            var choices = l.Choices;
            var (price, refusal) = await pricing.PriceAsync(listing, buyerId, l.Quantity, choices, null, OrderLineStage.CartView, cancellationToken);
            var unitPrice = price?.UnitPriceMinor ?? listing.PriceMinor;
            views.Add(new CartLineView(l.ListingId, listing.Title.Get(), unitPrice, listing.Currency, l.Quantity, checked(unitPrice * l.Quantity), listing.Status.ToString(), listing.Stock, listing.Unit, listing.MerchantId, price?.PriceNote, refusal?.Detail, listing.MarketId, choices));
        }

        return views;
    }

    /// <summary>
    /// Sets a line's quantity (0 removes it) and, when <paramref name="choices"/> is given, its per-line choices (an
    /// empty set clears them; null keeps those already made), checked against the listing's status and stock, the
    /// market's declared line choices and its line policy.
    /// </summary>
    /// <returns>Null when done, else why not (400 quantity or choice, 404 not for sale, 422 own listing, 409 stock, or the policy's refusal).</returns>
    public async Task<OrderRefusal?> SetLineAsync(string buyerId, Guid listingId, long quantity, IReadOnlyDictionary<string, JsonElement>? choices, CancellationToken cancellationToken)
    {
        if (quantity is < 0 or > MaxLineQuantity)
        {
            return new OrderRefusal(400, ProblemTypes.Validation, $"The quantity is between 0 and {MaxLineQuantity}.");
        }

        var line = await db.Set<CartLineEntity>().FirstOrDefaultAsync(c => c.BuyerId == buyerId && c.ListingId == listingId, cancellationToken);
        if (quantity == 0)
        {
            if (line is not null)
            {
                db.Remove(line);
                await db.SaveChangesAsync(cancellationToken);
            }

            return null;
        }

        var listing = await db.Set<ListingEntity>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null || listing.Status != ListingStatus.Active)
        {
            return new OrderRefusal(404, ProblemTypes.NotFound, $"Listing {listingId} is not for sale.");
        }

        if (listing.MerchantId == buyerId)
        {
            return new OrderRefusal(422, ProblemTypes.BusinessRule, "You cannot buy your own listing.");
        }

        if (quantity > listing.Stock)
        {
            return new OrderRefusal(409, "/problems/out-of-stock", $"Only {listing.Stock} {listing.Unit} in stock.");
        }

        IReadOnlyDictionary<string, AttributeValue> chosen = line?.Choices ?? new Dictionary<string, AttributeValue>();
        if (choices is not null)
        {
            var (read, invalid) = ReadChoices(markets.Find(listing.MarketId)?.LineChoices ?? [], choices);
            if (invalid is not null)
            {
                return invalid;
            }

            chosen = read;
        }

        var (_, refusal) = await pricing.PriceAsync(listing, buyerId, quantity, chosen, null, OrderLineStage.Cart, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (line is null)
        {
            db.Add(new CartLineEntity { BuyerId = buyerId, ListingId = listingId, Quantity = quantity, AddedAt = time.GetUtcNow(), Choices = chosen });
        }
        else
        {
            line.Quantity = quantity;
            line.Choices = chosen;
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The choices as the market declares them: a key it does not declare, or a value of the wrong type, is refused.</summary>
    private static (Dictionary<string, AttributeValue> Choices, OrderRefusal? Refusal) ReadChoices(IReadOnlyList<SmartTrade.Sdk.Markets.AttributeDefinition> declared, IReadOnlyDictionary<string, JsonElement> given)
    {
        var read = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var (key, json) in given)
        {
            var definition = declared.FirstOrDefault(d => d.Key == key);
            if (definition is null)
            {
                return (read, new OrderRefusal(400, ProblemTypes.Validation, $"This market takes no choice '{key}'.", $"choices.{key}"));
            }

            if (json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || (json.ValueKind == JsonValueKind.String && json.GetString()!.Length == 0))
            {
                continue;
            }

            var (value, problem) = ListingValidation.Convert(definition, json);
            if (problem is not null)
            {
                return (read, new OrderRefusal(400, ProblemTypes.Validation, problem.Get(System.Globalization.CultureInfo.GetCultureInfo(LocalizedText.English)), $"choices.{key}"));
            }

            read[key] = value!;
        }

        return (read, null);
    }
}
