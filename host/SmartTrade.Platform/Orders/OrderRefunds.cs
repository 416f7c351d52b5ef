using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Platform.Payments;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Payments;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Orders;

/// <summary>
/// Returns money through the gateway that took the payment, then brings the order in line with what the gateway
/// has refunded. The gateway's refunded total (kept on its <see cref="PaymentIntentRecord"/>) is the truth: the order
/// follows it, so a crash between the gateway's refund and the order's update is caught up on the next refund or
/// cancellation, and nothing is refunded or counted twice.
/// </summary>
public sealed class OrderRefunds(PlatformDbContext db, IPaymentGatewayRegistry gateways, OutboxProcessor outbox, TimeProvider time)
{
    private const int ConcurrencyRetries = 3;

    /// <summary>Reasons given to the gateway.</summary>
    public const string CancellationReason = "order-cancelled";

    /// <summary>
    /// Refunds <paramref name="amountMinor"/> of a paid order (the rest of it when null): the order becomes
    /// <see cref="OrderStatus.PartiallyRefunded"/>, or <see cref="OrderStatus.Refunded"/> when nothing is left; a full
    /// refund of an order that never shipped puts its stock back.
    /// </summary>
    /// <returns>The order as it now is, or why the refund was refused.</returns>
    public async Task<(OrderEntity Order, OrderRefusal? Refusal)> RefundAsync(OrderEntity order, long? amountMinor, string? reason, CancellationToken cancellationToken)
    {
        order = await CatchUpAsync(order, cancellationToken);
        if (!OrderTransitions.CanTransition(order.ToOrder(), OrderStatus.Refunded))
        {
            return (order, new OrderRefusal(409, ProblemTypes.Conflict, $"An order that is {order.Status} cannot be refunded."));
        }

        var remaining = order.TotalMinor - order.RefundedMinor;
        var amount = amountMinor ?? remaining;
        if (amount <= 0 || amount > remaining)
        {
            return (order, new OrderRefusal(422, ProblemTypes.BusinessRule, $"A refund is between 1 and {remaining} (minor units of {order.Currency}) on this order."));
        }

        // The key names the order's refund state, so a retry after a crash asks the gateway for the same refund
        // again (and gets it back) instead of refunding twice; a different request at the same state is refused.
        var refusal = await ReturnPaymentAsync(order, amount, reason, $"order-{order.Id:N}-refund-{order.RefundedMinor}-{amount}", cancellationToken);
        if (refusal is not null)
        {
            return (order, refusal);
        }

        return (await CatchUpAsync(order, cancellationToken), null);
    }

    /// <summary>Asks the order's gateway to return <paramref name="amountMinor"/>; the order itself is not changed.</summary>
    internal async Task<OrderRefusal?> ReturnPaymentAsync(OrderEntity order, long amountMinor, string? reason, string idempotencyKey, CancellationToken cancellationToken)
    {
        var gatewayId = order.PaymentIntentId is null
            ? null
            : await db.Set<PaymentIntentRecord>().AsNoTracking()
                .Where(i => i.Id == order.PaymentIntentId).Select(i => i.GatewayId).SingleOrDefaultAsync(cancellationToken);
        if (gatewayId is null || gateways.Find(gatewayId) is not { } gateway)
        {
            return new OrderRefusal(409, ProblemTypes.Conflict, "The payment of this order is not known to any gateway configured on this host.");
        }

        try
        {
            var refund = await gateway.RefundAsync(new RefundPayment
            {
                PaymentIntentId = order.PaymentIntentId!,
                Amount = new Money(amountMinor, order.Currency),
                Reason = reason,
                IdempotencyKey = idempotencyKey,
            }, cancellationToken);
            return refund.Status is RefundStatus.Failed or RefundStatus.Cancelled
                ? new OrderRefusal(402, "/problems/payments/refund-failed", $"The gateway did not refund: {refund.FailureCode ?? refund.Status.ToString()}.")
                : null;
        }
        catch (PaymentException ex)
        {
            return new OrderRefusal(ex.StatusCode, ex.ProblemType, ex.Message);
        }
    }

    /// <summary>
    /// Moves the order to what its gateway has refunded, if that is more than the order knows, raising
    /// <see cref="OrderRefunded"/>. Safe to call at any time; returns the order as stored afterwards.
    /// </summary>
    internal async Task<OrderEntity> CatchUpAsync(OrderEntity order, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ApplyGatewayTotalAsync(order, cancellationToken);
                return order;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConcurrencyRetries)
            {
                db.ChangeTracker.Clear();
                order = await db.Set<OrderEntity>().Include(o => o.Lines).SingleAsync(o => o.Id == order.Id, cancellationToken);
            }
        }
    }

    private async Task ApplyGatewayTotalAsync(OrderEntity order, CancellationToken cancellationToken)
    {
        if (order.PaymentIntentId is null)
        {
            return;
        }

        var refundedTotal = await db.Set<PaymentIntentRecord>().AsNoTracking()
            .Where(i => i.Id == order.PaymentIntentId).Select(i => i.RefundedMinor).SingleOrDefaultAsync(cancellationToken);
        if (refundedTotal <= order.RefundedMinor)
        {
            return;
        }

        var now = time.GetUtcNow();
        var delta = refundedTotal - order.RefundedMinor;
        var full = refundedTotal >= order.TotalMinor;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (order.Status == OrderStatus.Cancelled || order.TryMove(full ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded, now))
        {
            // A cancelled order's refund is part of its cancellation: the amount is recorded, the status stays.
            order.RefundedMinor = refundedTotal;
            if (order.Status == OrderStatus.Cancelled)
            {
                order.Version++;
            }
            else
            {
                if (full && order.ShippedAt is null)
                {
                    await Checkout.ReleaseStockAsync(db, order, now, cancellationToken);
                }

                db.Enqueue<OrderEvent>(Checkout.OrderEventType, new OrderRefunded
                {
                    OrderId = order.Id,
                    OrderNumber = order.Number,
                    MarketId = order.MarketId,
                    MerchantId = order.MerchantId,
                    BuyerId = order.BuyerId,
                    OccurredAt = now,
                    Amount = new Money(delta, order.Currency),
                    RefundedTotal = new Money(refundedTotal, order.Currency),
                    IsPartial = !full,
                }, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
    }
}
