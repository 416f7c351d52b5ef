using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Outbox;
using SmartTrade.Platform.Payments;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Payments;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform.Orders;

/// <summary>
/// Paying an order: <c>POST /api/v1/orders/{id}/pay</c> creates the order's one payment intent (idempotency key =
/// the order) and, with the Sandbox gateway, confirms it with the test card at once; Stripe confirms in the browser
/// and tells us through its signed webhook. A succeeded payment moves the order to Paid exactly once.
/// </summary>
public static class OrderPayments
{
    public sealed record CardInput(
        [property: JsonPropertyName("number")] string? Number,
        [property: JsonPropertyName("expMonth")] int ExpMonth,
        [property: JsonPropertyName("expYear")] int ExpYear,
        [property: JsonPropertyName("cvc")] string? Cvc,
        [property: JsonPropertyName("holderName")] string? HolderName);

    public sealed record PayInput(
        [property: JsonPropertyName("gateway")] string? Gateway,
        [property: JsonPropertyName("card")] CardInput? Card);

    public sealed record PayResult(Order Order, PaymentIntent Payment);

    public static IEndpointRouteBuilder MapOrderPaymentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/orders/{id:guid}/pay", PayAsync)
            .WithTags("Orders")
            .WithName("PayOrder")
            .WithSummary("Pays a pending order: Sandbox with a test card (4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined), or Stripe's browser step.")
            .RequireAuthorization(Roles.Buyer);
        endpoints.MapPost("/api/v1/payments/webhooks/stripe", StripeWebhookAsync)
            .WithTags("Payments")
            .WithName("StripeWebhook")
            .WithSummary("Receives Stripe's signed events; a bad or stale signature is 400 and changes nothing.")
            .AllowAnonymous()
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> PayAsync(Guid id, PayInput input, ClaimsPrincipal user, OrderPayment payment, CancellationToken cancellationToken)
    {
        var outcome = await payment.PayAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, id, input.Gateway, input.Card, cancellationToken);
        if (outcome.Field is { } field)
        {
            return Problems.Validation(new() { [field] = [outcome.Refusal!.Detail] });
        }

        if (outcome.Refusal is { } refusal)
        {
            return refusal.Status == 402
                ? TypedResults.Problem(
                    statusCode: 402,
                    type: refusal.Type,
                    title: "Payment declined",
                    detail: refusal.Detail,
                    extensions: new Dictionary<string, object?> { ["code"] = outcome.Payment?.FailureCode, ["orderStatus"] = outcome.Order?.Status.ToString() })
                : Problems.Status(refusal.Status, refusal.Type, refusal.Detail);
        }

        return TypedResults.Ok(new PayResult(outcome.Order!, outcome.Payment!));
    }

    private static async Task<IResult> StripeWebhookAsync(HttpRequest request, IPaymentGatewayRegistry gateways, PlatformDbContext db, OrderRefunds refunds, OutboxProcessor outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        if (gateways.Find(PaymentGatewayIds.Stripe) is not { } stripe)
        {
            return Problems.Status(404, ProblemTypes.FeatureDisabled, "Stripe is not configured on this host.");
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var result = await stripe.HandleWebhookAsync(new PaymentWebhook
        {
            Body = body,
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            ReceivedAt = time.GetUtcNow(),
        }, cancellationToken);
        if (!result.Accepted)
        {
            return Problems.Status(400, "/problems/payments/webhook-rejected", result.RejectionReason ?? "The event was rejected.");
        }

        if (!result.Duplicate && result.PaymentIntentId is { } intentId
            && await db.Set<OrderEntity>().Include(o => o.Lines).FirstOrDefaultAsync(o => o.PaymentIntentId == intentId, cancellationToken) is { } order)
        {
            if (result.NewStatus == PaymentStatus.Succeeded && order.Status == OrderStatus.PendingPayment)
            {
                MarkPaid(db, order, new PaymentIntent
                {
                    Id = intentId,
                    GatewayId = stripe.Id,
                    OrderId = order.Id,
                    Amount = new Money(order.TotalMinor, order.Currency),
                    Status = PaymentStatus.Succeeded,
                    IdempotencyKey = $"order-{order.Id:N}",
                    CreatedAt = time.GetUtcNow(),
                }, time.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                outbox.Notify();
            }

            // A refund made at Stripe (its dashboard, or ours before a crash) reaches the order here.
            await refunds.CatchUpAsync(order, cancellationToken);
        }

        return TypedResults.Ok(new { received = true, duplicate = result.Duplicate });
    }

    internal static void MarkPaid(PlatformDbContext db, OrderEntity order, PaymentIntent intent, DateTimeOffset now)
    {
        if (!order.TryMove(OrderStatus.Paid, now))
        {
            return;
        }

        db.Enqueue<OrderEvent>(Checkout.OrderEventType, new OrderPaid
        {
            OrderId = order.Id,
            OrderNumber = order.Number,
            MarketId = order.MarketId,
            MerchantId = order.MerchantId,
            BuyerId = order.BuyerId,
            OccurredAt = now,
            Amount = intent.Amount,
            PaymentId = intent.Id,
        }, now);
    }
}
