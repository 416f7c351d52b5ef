using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Http;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Orders;

/// <summary>The order after a fulfilment step, or why it was refused (with the fields at fault for a 400).</summary>
public sealed record FulfilmentOutcome(OrderEntity? Order, OrderRefusal? Refusal, FieldErrors? Errors = null)
{
    public static implicit operator FulfilmentOutcome(OrderRefusal refusal) => new(null, refusal);
}

/// <summary>
/// The merchant's side of an order after payment, the same for the API and the storefront's pages: ship with a
/// tracking number, report delivery, refund in full or in part (an admin may refund any order). Only the order's
/// merchant acts on it; the buyer gets 403, anyone else 404.
/// </summary>
public sealed class OrderFulfilment(PlatformDbContext db, OrderLifecycle lifecycle, OrderRefunds refunds)
{
    public const int MaxTrackingLength = 64;
    public const int MaxCarrierLength = 64;
    public const int MaxReasonLength = 500;

    public async Task<FulfilmentOutcome> ShipAsync(string merchantId, Guid orderId, string? trackingNumber, string? carrier, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var tracking = trackingNumber?.Trim() ?? string.Empty;
        if (tracking.Length is 0 or > MaxTrackingLength)
        {
            errors.Report("trackingNumber", $"请填写物流单号（1 到 {MaxTrackingLength} 个字符）。", $"A tracking number of 1 to {MaxTrackingLength} characters is required.");
        }

        var carrierName = string.IsNullOrWhiteSpace(carrier) ? null : carrier.Trim();
        if (carrierName is { Length: > MaxCarrierLength })
        {
            errors.Report("carrier", $"物流公司最多 {MaxCarrierLength} 个字符。", $"A carrier is at most {MaxCarrierLength} characters.");
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var (order, refusal) = await LoadAsync(merchantId, isAdmin: false, orderId, "Only the order's merchant ships it.", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await TransitionAsync(order!, "shipped", () => lifecycle.ShipAsync(order!, tracking, carrierName, cancellationToken));
    }

    public async Task<FulfilmentOutcome> DeliverAsync(string merchantId, Guid orderId, CancellationToken cancellationToken)
    {
        var (order, refusal) = await LoadAsync(merchantId, isAdmin: false, orderId, "Only the order's merchant reports delivery.", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await TransitionAsync(order!, "delivered", () => lifecycle.DeliverAsync(order!, cancellationToken));
    }

    /// <summary>Refunds <paramref name="amountMinor"/> (the rest of the order when null) through the gateway that took the payment.</summary>
    public async Task<FulfilmentOutcome> RefundAsync(string userId, bool isAdmin, Guid orderId, long? amountMinor, string? reason, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (amountMinor is <= 0)
        {
            errors.Report("amountMinor", "退款金额须大于零；不填则退还全部剩余金额。", "A refund is a positive amount in minor units; leave it out to refund the rest.");
        }

        if (reason is { Length: > MaxReasonLength })
        {
            errors.Report("reason", $"原因最多 {MaxReasonLength} 个字符。", $"At most {MaxReasonLength} characters.");
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var (order, refusal) = await LoadAsync(userId, isAdmin, orderId, "Only the order's merchant or an admin refunds; a buyer asks the merchant.", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        try
        {
            var (current, refused) = await refunds.RefundAsync(order!, amountMinor, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), cancellationToken);
            return new(current, refused);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }
    }

    private async Task<(OrderEntity? Order, OrderRefusal? Refusal)> LoadAsync(string userId, bool isAdmin, Guid orderId, string forbidden, CancellationToken cancellationToken)
    {
        var order = await db.Set<OrderEntity>().Include(o => o.Lines)
            .FirstOrDefaultAsync(o => o.Id == orderId && (isAdmin || o.MerchantId == userId || o.BuyerId == userId), cancellationToken);
        if (order is null)
        {
            return (null, new OrderRefusal(404, ProblemTypes.NotFound, $"No order {orderId}."));
        }

        return isAdmin || order.MerchantId == userId ? (order, null) : (null, new OrderRefusal(403, ProblemTypes.Forbidden, forbidden));
    }

    private static async Task<FulfilmentOutcome> TransitionAsync(OrderEntity order, string wanted, Func<Task<bool>> transition)
    {
        try
        {
            return await transition()
                ? new FulfilmentOutcome(order, null)
                : new OrderRefusal(409, ProblemTypes.Conflict, $"An order that is {order.Status} cannot be {wanted}.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return Changed;
        }
    }

    private static readonly OrderRefusal Changed = new(409, ProblemTypes.Conflict, "The order changed meanwhile; read it again.");

    private static FulfilmentOutcome Invalid(FieldErrors errors)
        => new(null, new OrderRefusal(400, ProblemTypes.Validation, "The request is not valid."), errors);
}
