using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Http;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Idempotency;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.RateLimiting;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform.Orders;

/// <summary>The buyer's cart (<c>/api/v1/cart</c>) and orders (<c>/api/v1/orders</c>): checkout, cancel, ship.</summary>
public static class OrderEndpoints
{
    /// <summary>A cart line: the quantity, and the per-line choices the market declares (such as <c>deliveryDate</c>); choices left out keep those made before.</summary>
    public sealed record CartLineInput(
        [property: JsonPropertyName("quantity")] long Quantity,
        [property: JsonPropertyName("choices")] Dictionary<string, System.Text.Json.JsonElement>? Choices = null);

    public sealed record ShipInput([property: JsonPropertyName("trackingNumber")] string? TrackingNumber, [property: JsonPropertyName("carrier")] string? Carrier);

    public sealed record RefundInput([property: JsonPropertyName("amountMinor")] long? AmountMinor, [property: JsonPropertyName("reason")] string? Reason);

    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cart = endpoints.MapGroup("/api/v1/cart").WithTags("Cart").RequireAuthorization(Roles.Buyer);
        cart.MapGet("/", GetCartAsync).WithName("GetCart").WithSummary("Shows the buyer's cart with current prices.");
        cart.MapPut("/lines/{listingId:guid}", SetLineAsync).WithName("SetCartLine").WithSummary("Sets the quantity of a listing in the cart (0 removes it) and the buyer's per-line choices, such as a delivery date.");
        cart.MapDelete("/lines/{listingId:guid}", RemoveLineAsync).WithName("RemoveCartLine").WithSummary("Removes a listing from the cart.");

        var orders = endpoints.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization();
        orders.MapPost("/checkout", CheckoutAsync).RequireAuthorization(Roles.Buyer).WithIdempotency().WithRateLimit(RateLimitPolicies.Orders)
            .WithName("Checkout").WithSummary("Places one order per merchant from the cart, reserving stock for 15 minutes until payment.");
        orders.MapGet("/", ListAsync).WithName("ListOrders").WithSummary("The buyer's orders, or with as=merchant the orders for the merchant's listings.");
        orders.MapGet("/{id:guid}", GetAsync).WithName("GetOrder").WithSummary("One order, to its buyer or merchant.");
        orders.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelOrder").WithSummary("Cancels an order that has not shipped; its stock is released.");
        orders.MapPost("/{id:guid}/ship", ShipAsync).RequireAuthorization(Roles.Merchant).WithName("ShipOrder").WithSummary("Marks a paid order shipped with a tracking number.");
        orders.MapPost("/{id:guid}/deliver", DeliverAsync).RequireAuthorization(Roles.Merchant).WithName("DeliverOrder").WithSummary("The merchant reports a shipped order delivered.");
        orders.MapPost("/{id:guid}/confirm-receipt", ConfirmReceiptAsync).RequireAuthorization(Roles.Buyer).WithName("ConfirmReceipt")
            .WithSummary("The buyer confirms receipt of a shipped or delivered order, which completes it.");
        orders.MapPost("/{id:guid}/refunds", RefundAsync).WithIdempotency().WithName("RefundOrder")
            .WithSummary("The merchant (or an admin) refunds a paid order in full or in part through the gateway that took the payment.");
        return endpoints;
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static async Task<IResult> GetCartAsync(ClaimsPrincipal user, Cart cart, CancellationToken cancellationToken)
    {
        var lines = await cart.LinesAsync(UserId(user), cancellationToken);
        return TypedResults.Ok(new { lines, totalMinor = lines.Sum(v => v.LineTotalMinor) });
    }

    private static async Task<IResult> SetLineAsync(Guid listingId, CartLineInput input, ClaimsPrincipal user, Cart cart, CancellationToken cancellationToken)
    {
        var refusal = await cart.SetLineAsync(UserId(user), listingId, input.Quantity, input.Choices, cancellationToken);
        return refusal switch
        {
            null => TypedResults.NoContent(),
            { Status: 400, Type: ProblemTypes.Validation } => Problems.Validation(new() { [refusal.Field ?? "quantity"] = [refusal.Detail] }),
            _ => Problems.Status(refusal.Status, refusal.Type, refusal.Explanation),
        };
    }

    private static async Task<IResult> RemoveLineAsync(Guid listingId, ClaimsPrincipal user, PlatformDbContext db, CancellationToken cancellationToken)
    {
        var buyer = UserId(user);
        await db.Set<CartLineEntity>().Where(c => c.BuyerId == buyer && c.ListingId == listingId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CheckoutAsync(ClaimsPrincipal user, Checkout checkout, CancellationToken cancellationToken)
    {
        var (orders, refusal) = await checkout.PlaceAsync(UserId(user), cancellationToken);
        return refusal is not null
            ? Problems.Status(refusal.Status, refusal.Type, refusal.Explanation)
            : TypedResults.Created("/api/v1/orders", orders);
    }

    private static async Task<IResult> ListAsync(string? @as, ClaimsPrincipal user, PlatformDbContext db, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        var query = db.Set<OrderEntity>().AsNoTracking().Include(o => o.Lines).AsQueryable();
        query = @as == "merchant" ? query.Where(o => o.MerchantId == me) : query.Where(o => o.BuyerId == me);
        var orders = await query.OrderByDescending(o => o.Id).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(orders.Select(o => o.ToOrder()).ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, PlatformDbContext db, CancellationToken cancellationToken)
    {
        var order = await FindVisibleAsync(id, user, db, tracking: false, cancellationToken);
        return order is null ? NotFound(id) : TypedResults.Ok(order.ToOrder());
    }

    private static async Task<IResult> CancelAsync(Guid id, ClaimsPrincipal user, PlatformDbContext db, OrderLifecycle lifecycle, CancellationToken cancellationToken)
    {
        var order = await FindVisibleAsync(id, user, db, tracking: true, cancellationToken);
        if (order is null)
        {
            return NotFound(id);
        }

        var reason = order.BuyerId == UserId(user) ? OrderCancellationReasons.Buyer : OrderCancellationReasons.Merchant;
        try
        {
            return await lifecycle.CancelAsync(order, reason, cancellationToken) is { } refusal
                ? Problems.Status(refusal.Status, refusal.Type, refusal.Detail)
                : TypedResults.Ok(order.ToOrder());
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Status(409, ProblemTypes.Conflict, "The order changed meanwhile; read it again.");
        }
    }

    private static async Task<IResult> ShipAsync(Guid id, ShipInput input, ClaimsPrincipal user, OrderFulfilment fulfilment, CancellationToken cancellationToken)
        => Answer(await fulfilment.ShipAsync(UserId(user), id, input.TrackingNumber, input.Carrier, cancellationToken));

    private static async Task<IResult> DeliverAsync(Guid id, ClaimsPrincipal user, OrderFulfilment fulfilment, CancellationToken cancellationToken)
        => Answer(await fulfilment.DeliverAsync(UserId(user), id, cancellationToken));

    private static async Task<IResult> ConfirmReceiptAsync(Guid id, ClaimsPrincipal user, PlatformDbContext db, OrderLifecycle lifecycle, CancellationToken cancellationToken)
    {
        var order = await FindVisibleAsync(id, user, db, tracking: true, cancellationToken);
        if (order is null)
        {
            return NotFound(id);
        }

        if (order.BuyerId != UserId(user))
        {
            return Problems.Status(403, ProblemTypes.Forbidden, "Only the order's buyer confirms receipt.");
        }

        return await TransitionAsync(order, "completed", () => lifecycle.ConfirmReceiptAsync(order, cancellationToken));
    }

    private static async Task<IResult> RefundAsync(Guid id, RefundInput input, ClaimsPrincipal user, OrderFulfilment fulfilment, CancellationToken cancellationToken)
        => Answer(await fulfilment.RefundAsync(UserId(user), user.IsInRole(Roles.Admin), id, input.AmountMinor, input.Reason, cancellationToken));

    private static IResult Answer(FulfilmentOutcome outcome) => outcome switch
    {
        { Errors.Count: > 0 } => Problems.Validation(outcome.Errors.InEnglish()),
        { Refusal: { } refusal } => Problems.Status(refusal.Status, refusal.Type, refusal.Detail),
        _ => TypedResults.Ok(outcome.Order!.ToOrder()),
    };

    private static async Task<IResult> TransitionAsync(OrderEntity order, string wanted, Func<Task<bool>> transition)
    {
        try
        {
            return await transition()
                ? TypedResults.Ok(order.ToOrder())
                : Problems.Status(409, ProblemTypes.Conflict, $"An order that is {order.Status} cannot be {wanted}.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Status(409, ProblemTypes.Conflict, "The order changed meanwhile; read it again.");
        }
    }

    /// <summary>The order when the user is its buyer or its merchant.</summary>
    public static async Task<OrderEntity?> FindVisibleAsync(Guid id, ClaimsPrincipal user, PlatformDbContext db, bool tracking, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        var query = db.Set<OrderEntity>().Include(o => o.Lines).Where(o => o.Id == id && (o.BuyerId == me || o.MerchantId == me));
        return await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
    }

    private static IResult NotFound(Guid id) => Problems.Status(404, ProblemTypes.NotFound, $"No order {id}.");
}
