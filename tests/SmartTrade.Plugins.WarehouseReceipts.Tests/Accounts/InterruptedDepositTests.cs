using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;
using SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Accounts;

/// <summary>
/// A card deposit whose host died between the card payment and its record is settled on the next start by what the
/// gateway says: paid ones are credited exactly once, declined or never-charged ones are refused, and the rest wait.
/// </summary>
public sealed class InterruptedDepositTests : IAsyncLifetime
{
    private const long TraderId = MovementsHarness.TraderId;
    private readonly FakeGateway _gateway = new();
    private MovementsHarness _harness = null!;
    private RegistryDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _harness = await MovementsHarness.StartAsync();
        _db = _harness.Db;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_deposit_paid_before_the_crash_is_credited_once_and_unpaid_ones_are_refused()
    {
        var paid = await InterruptedAsync(50_000_00, "pi_paid", PaymentStatus.Succeeded);
        var declined = await InterruptedAsync(20_000_00, "pi_declined", PaymentStatus.Failed);
        var neverConfirmed = await InterruptedAsync(30_000_00, "pi_open", PaymentStatus.RequiresPaymentMethod);
        var beforeIntent = await InterruptedAsync(40_000_00, null, null);
        var unknownToGateway = await InterruptedAsync(60_000_00, "pi_lost", null);
        var processing = await InterruptedAsync(70_000_00, "pi_processing", PaymentStatus.Processing);
        _db.Time.Advance(TradingMovements.DepositSettleTime + TimeSpan.FromSeconds(1));
        var recent = await InterruptedAsync(80_000_00, "pi_recent", PaymentStatus.Succeeded);

        await ReconcileAsync();
        await ReconcileAsync();

        Assert.Equal(50_000_00, await CashAsync());
        Assert.Equal(MovementStatus.Completed, await StatusAsync(paid));
        Assert.Equal(MovementStatus.Refused, await StatusAsync(declined));
        Assert.Equal(MovementStatus.Refused, await StatusAsync(neverConfirmed));
        Assert.Equal(MovementStatus.Refused, await StatusAsync(beforeIntent));
        Assert.Equal(MovementStatus.Refused, await StatusAsync(unknownToGateway));
        Assert.Equal(MovementStatus.Pending, await StatusAsync(processing));
        Assert.Equal(MovementStatus.Pending, await StatusAsync(recent));
        Assert.DoesNotContain("pi_recent", _gateway.Read);
    }

    [Fact]
    public async Task A_deposit_whose_gateway_cannot_be_reached_waits_for_the_next_start()
    {
        var paid = await InterruptedAsync(50_000_00, "pi_paid", PaymentStatus.Succeeded);
        _db.Time.Advance(TradingMovements.DepositSettleTime + TimeSpan.FromSeconds(1));
        _gateway.Unreachable = true;

        await ReconcileAsync();
        Assert.Equal(MovementStatus.Pending, await StatusAsync(paid));
        Assert.Equal(0, await CashAsync());

        _gateway.Unreachable = false;
        await ReconcileAsync();
        Assert.Equal(MovementStatus.Completed, await StatusAsync(paid));
        Assert.Equal(50_000_00, await CashAsync());
    }

    private async Task<long> InterruptedAsync(long amount, string? intentId, PaymentStatus? status)
    {
        if (intentId is not null && status is { } known)
        {
            _gateway.Intents[intentId] = known;
        }

        await using var db = _db.Context();
        var movement = new TradingMovement
        {
            TraderId = TraderId,
            UserId = RegistryDatabase.Trader,
            Kind = MovementKind.CashDeposit,
            Amount = amount,
            Status = MovementStatus.Pending,
            PaymentIntentId = intentId,
            GatewayId = intentId is null ? null : _gateway.Id,
            CreatedAt = _db.Time.GetUtcNow(),
        };
        db.TradingMovements.Add(movement);
        await db.SaveChangesAsync();
        return movement.Id;
    }

    private Task ReconcileAsync() => _harness.RunAsync(m => m.ReconcileAsync([_gateway], CancellationToken.None));

    private Task<MovementStatus> StatusAsync(long id) => _harness.StatusAsync(id);

    private Task<long> CashAsync() => _harness.CashAsync();

    /// <summary>A gateway that only answers what became of an intent (all a restart may ask).</summary>
    private sealed class FakeGateway : IPaymentGateway
    {
        public Dictionary<string, PaymentStatus> Intents { get; } = [];

        public List<string> Read { get; } = [];

        public bool Unreachable { get; set; }

        public string Id => "card-test";

        public LocalizedText DisplayName => new("测试卡", "Test card");

        public Task<PaymentIntent?> GetIntentAsync(string paymentIntentId, CancellationToken cancellationToken = default)
        {
            Read.Add(paymentIntentId);
            if (Unreachable)
            {
                throw new HttpRequestException("The gateway does not answer.");
            }

            return Task.FromResult(Intents.TryGetValue(paymentIntentId, out var status)
                ? new PaymentIntent
                {
                    Id = paymentIntentId, GatewayId = Id, OrderId = Guid.Empty, Amount = Money.FromFen(1), Status = status,
                    IdempotencyKey = paymentIntentId, CreatedAt = DateTimeOffset.UnixEpoch,
                    FailureMessage = status == PaymentStatus.Failed ? "Your card was declined." : null,
                }
                : null);
        }

        public Task<PaymentIntent> CreateIntentAsync(CreatePaymentIntent request, CancellationToken cancellationToken = default) => throw new InvalidOperationException("A restart never creates a payment.");

        public Task<PaymentIntent> ConfirmAsync(ConfirmPayment request, CancellationToken cancellationToken = default) => throw new InvalidOperationException("A restart never charges a card.");

        public Task<PaymentRefund> RefundAsync(RefundPayment request, CancellationToken cancellationToken = default) => throw new InvalidOperationException("A restart never refunds.");

        public Task<PaymentWebhookResult> HandleWebhookAsync(PaymentWebhook webhook, CancellationToken cancellationToken = default) => throw new InvalidOperationException("No webhooks here.");
    }
}
