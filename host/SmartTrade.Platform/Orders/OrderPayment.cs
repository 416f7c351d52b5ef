using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Platform.Payments;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Payments;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Orders;

/// <summary>What paying an order came to.</summary>
/// <param name="Order">The order after the attempt (null when it was not found).</param>
/// <param name="Payment">The payment intent, when one was made.</param>
/// <param name="Refusal">Why it did not succeed: 404, 409, 402 declined, or a gateway's problem.</param>
/// <param name="Field">The input field at fault, for a validation error.</param>
public sealed record PayOutcome(Order? Order, PaymentIntent? Payment, OrderRefusal? Refusal, string? Field = null);

/// <summary>
/// Pays a pending order: creates the order's one payment intent (idempotency key = the order) and, with the
/// Sandbox gateway, confirms it with the card at once; Stripe confirms in the browser and reports by webhook.
/// A succeeded payment moves the order to Paid exactly once. Used by the API and the storefront.
/// </summary>
public sealed class OrderPayment(PlatformDbContext db, IPaymentGatewayRegistry gateways, OutboxProcessor outbox, TimeProvider time)
{
    public async Task<PayOutcome> PayAsync(string buyerId, Guid orderId, string? gatewayId, OrderPayments.CardInput? card, CancellationToken cancellationToken)
    {
        var order = await db.Set<OrderEntity>().Include(o => o.Lines)
            .FirstOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, cancellationToken);
        if (order is null)
        {
            return new PayOutcome(null, null, new OrderRefusal(404, ProblemTypes.NotFound, $"No order {orderId}."));
        }

        if (order.Status != OrderStatus.PendingPayment)
        {
            return new PayOutcome(order.ToOrder(), null, new OrderRefusal(409, ProblemTypes.Conflict, $"The order is {order.Status}; only a pending order can be paid."));
        }

        var gateway = gatewayId is null ? gateways.Default : gateways.Find(gatewayId);
        if (gateway is null)
        {
            return new PayOutcome(order.ToOrder(), null, new OrderRefusal(400, ProblemTypes.Validation, $"Choose one of: {string.Join(", ", gateways.Gateways.Select(g => g.Id))}."), "gateway");
        }

        if (gateway.Id == PaymentGatewayIds.Sandbox && (card is null || string.IsNullOrWhiteSpace(card.Number) || string.IsNullOrWhiteSpace(card.Cvc)))
        {
            return new PayOutcome(order.ToOrder(), null, new OrderRefusal(400, ProblemTypes.Validation, "Give the card number, expiry month and year, and CVC."), "card");
        }

        try
        {
            var intent = await gateway.CreateIntentAsync(new CreatePaymentIntent
            {
                OrderId = order.Id,
                Amount = new Money(order.TotalMinor, order.Currency),
                Description = $"SmartTrade order {order.Number}",
                IdempotencyKey = $"order-{order.Id:N}",
                Metadata = new Dictionary<string, string> { ["order_number"] = order.Number },
            }, cancellationToken);
            order.PaymentIntentId = intent.Id;

            if (gateway.Id == PaymentGatewayIds.Sandbox)
            {
                intent = await gateway.ConfirmAsync(new ConfirmPayment
                {
                    PaymentIntentId = intent.Id,
                    PaymentMethod = new CardPaymentMethod { Number = card!.Number!, ExpiryMonth = card.ExpMonth, ExpiryYear = card.ExpYear, Cvc = card.Cvc!, HolderName = card.HolderName },
                    IdempotencyKey = $"order-{order.Id:N}-confirm-{Guid.NewGuid():N}",
                }, cancellationToken);
            }

            if (intent.Status == PaymentStatus.Succeeded)
            {
                OrderPayments.MarkPaid(db, order, intent, time.GetUtcNow());
            }

            await db.SaveChangesAsync(cancellationToken);
            outbox.Notify();
            return intent.Status == PaymentStatus.Failed
                ? new PayOutcome(order.ToOrder(), intent, new OrderRefusal(402, "/problems/payments/declined", intent.FailureMessage ?? "The payment was declined."))
                : new PayOutcome(order.ToOrder(), intent, null);
        }
        catch (PaymentException ex)
        {
            return new PayOutcome(order.ToOrder(), null, new OrderRefusal(ex.StatusCode, ex.ProblemType, ex.Message));
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PayOutcome(null, null, new OrderRefusal(409, ProblemTypes.Conflict, "The order changed while paying (it may have expired); read it again."));
        }
    }
}
