using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;
using SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Accounts;

/// <summary>
/// Cash withdrawals leave through the payment gateway: the exchange debits the cash first, then the gateway pays it to
/// the trader's account under the movement's key; refused payouts put the cash back, pending ones complete when the
/// gateway reports them paid, and a payout whose answer was lost is asked for again and paid once.
/// </summary>
public sealed class WithdrawalPayoutTests : IAsyncLifetime
{
    private const long Funded = 100_000_00;
    private static readonly PayoutDestination Pays = new() { AccountHolder = "张三", Account = "6222 0200 0000 0001", Bank = "中国工商银行" };
    private static readonly PayoutDestination Refuses = Pays with { Account = "6222 0200 0000 0002" };
    private static readonly PayoutDestination Waits = Pays with { Account = "6222 0200 0000 0003" };
    private readonly PayoutGateway _gateway = new();
    private MovementsHarness _harness = null!;
    private RegistryDatabase _db = null!;
    private ExchangeService _exchange = null!;

    public async Task InitializeAsync()
    {
        _harness = await MovementsHarness.StartAsync();
        (_db, _exchange) = (_harness.Db, _harness.Exchange);
        var funded = await _exchange.Sequencer.SubmitAsync(ExchangeCommand.Deposit(MovementsHarness.TraderId, Funded, reference: 1_000_000));
        Assert.True(funded.Reply.Succeeded);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_withdrawal_is_paid_to_the_account_once_even_when_repeated_with_its_key()
    {
        var first = await WithdrawAsync(30_000_00, Pays, "key-1");
        var repeat = await WithdrawAsync(30_000_00, Pays, "key-1");

        Assert.True(first.Succeeded, first.Detail);
        Assert.Equal(MovementStatus.Completed, first.Movement!.Status);
        Assert.NotNull(first.Movement.PayoutId);
        Assert.True(repeat.Replayed);
        var payout = Assert.Single(_gateway.Requests);
        Assert.Equal(Money.FromFen(30_000_00), payout.Amount);
        Assert.Equal("6222 0200 0000 0001", payout.Destination.Account);
        Assert.Equal("张三", payout.Destination.AccountHolder);
        Assert.Equal(Funded - 30_000_00, await CashAsync());
        Assert.Equal("中国工商银行 •••• 0001 (张三)", TradingAccountEndpoints.PaidTo(first.Movement));
    }

    [Fact]
    public async Task A_refused_payout_puts_the_cash_back_and_refuses_the_withdrawal()
    {
        var outcome = await WithdrawAsync(30_000_00, Refuses, "key-1");

        Assert.Equal(422, outcome.Status);
        Assert.Equal("payout-failed", outcome.Code);
        Assert.Contains("no_account", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(MovementStatus.Refused, await StatusAsync(outcome.Movement!.Id));
        Assert.Equal(Funded, await CashAsync());
        var ledger = await _exchange.Sequencer.ReadAsync(state => (state.DepositedTotal, state.WithdrawnTotal));
        Assert.Equal(Funded + 30_000_00, ledger.DepositedTotal);
        Assert.Equal(30_000_00, ledger.WithdrawnTotal);

        // Settling again later (a restart, the periodic check) credits nothing twice.
        await SettleAsync();
        await ReconcileAsync();
        Assert.Equal(Funded, await CashAsync());
    }

    [Fact]
    public async Task A_pending_payout_completes_when_the_gateway_reports_it_paid()
    {
        var outcome = await WithdrawAsync(30_000_00, Waits, "key-1");

        Assert.True(outcome.Succeeded);
        Assert.Equal(MovementStatus.PayingOut, outcome.Movement!.Status);
        Assert.Equal(Funded - 30_000_00, await CashAsync());
        Assert.Equal(1, await SettleAsync());
        Assert.Equal(MovementStatus.PayingOut, await StatusAsync(outcome.Movement.Id));

        _gateway.Settle(outcome.Movement.PayoutId!, PayoutStatus.Paid);
        Assert.Equal(0, await SettleAsync());
        Assert.Equal(MovementStatus.Completed, await StatusAsync(outcome.Movement.Id));
        Assert.Equal(Funded - 30_000_00, await CashAsync());
        Assert.Single(_gateway.Requests);
    }

    [Fact]
    public async Task The_exchange_owner_completes_a_pending_payout_at_its_next_check_without_a_restart()
    {
        var services = new ServiceCollection()
            .AddScoped(_ => _db.Context())
            .AddScoped(sp => Movements(sp.GetRequiredService<Data.WarehouseReceiptsDbContext>()))
            .AddSingleton<IPaymentGateway>(_gateway)
            .BuildServiceProvider();
        await using var reconciliation = new MovementReconciliation(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<MovementReconciliation>.Instance, _db.Time);
        await reconciliation.BecomeOwnerAsync(_exchange.Sequencer, CancellationToken.None);
        await reconciliation.Running;
        var outcome = await WithdrawAsync(30_000_00, Waits, "key-1");
        _gateway.Settle(outcome.Movement!.PayoutId!, PayoutStatus.Paid);

        var check = reconciliation.NextCheck;
        _db.Time.Advance(TradingMovements.PayoutCheckInterval - TimeSpan.FromSeconds(1));
        Assert.False(check.IsCompleted);
        _db.Time.Advance(TimeSpan.FromSeconds(1));
        await check;

        Assert.Equal(MovementStatus.Completed, await StatusAsync(outcome.Movement.Id));

        // A host that stood down checks no more.
        await reconciliation.StandByAsync(CancellationToken.None);
        var after = reconciliation.NextCheck;
        _db.Time.Advance(TradingMovements.PayoutCheckInterval * 3);
        Assert.False(after.IsCompleted);
    }

    [Fact]
    public async Task A_pending_payout_that_fails_later_puts_the_cash_back()
    {
        var outcome = await WithdrawAsync(30_000_00, Waits, "key-1");
        _gateway.Settle(outcome.Movement!.PayoutId!, PayoutStatus.Failed);

        await SettleAsync();

        Assert.Equal(MovementStatus.Refused, await StatusAsync(outcome.Movement.Id));
        Assert.Equal(Funded, await CashAsync());
    }

    [Fact]
    public async Task A_payout_whose_answer_was_lost_is_asked_for_again_under_its_key_and_paid_once()
    {
        _gateway.LoseAnswers = true;
        var outcome = await WithdrawAsync(30_000_00, Pays, "key-1");
        Assert.True(outcome.Succeeded);
        Assert.Equal(MovementStatus.PayingOut, outcome.Movement!.Status);
        Assert.Null(outcome.Movement.PayoutId);

        _gateway.LoseAnswers = false;
        await ReconcileAsync();

        Assert.Equal(MovementStatus.Completed, await StatusAsync(outcome.Movement.Id));
        Assert.Single(_gateway.Paid);
        Assert.Equal(2, _gateway.Requests.Count);
        Assert.Equal(Funded - 30_000_00, await CashAsync());
    }

    [Fact]
    public async Task A_withdrawal_interrupted_before_its_debit_is_debited_and_paid_once_on_start()
    {
        long id;
        await using (var db = _db.Context())
        {
            var movement = new TradingMovement
            {
                TraderId = MovementsHarness.TraderId, UserId = RegistryDatabase.Trader, Kind = MovementKind.CashWithdrawal, Amount = 20_000_00,
                Status = MovementStatus.Pending, GatewayId = _gateway.Id, CreatedAt = _db.Time.GetUtcNow(),
                PayoutAccountHolder = Pays.AccountHolder, PayoutAccount = Pays.Account, PayoutBank = Pays.Bank,
            };
            db.TradingMovements.Add(movement);
            await db.SaveChangesAsync();
            id = movement.Id;
        }

        await ReconcileAsync();
        await ReconcileAsync();

        Assert.Equal(MovementStatus.Completed, await StatusAsync(id));
        Assert.Single(_gateway.Paid);
        Assert.Equal(Funded - 20_000_00, await CashAsync());
    }

    [Fact]
    public async Task A_withdrawal_beyond_free_cash_or_without_an_account_pays_nothing_and_changes_nothing()
    {
        var tooMuch = await WithdrawAsync(Funded + 1, Pays, "key-1");
        var nowhere = await WithdrawAsync(10_00, null, "key-2");
        var nameless = await WithdrawAsync(10_00, Pays with { AccountHolder = " " }, "key-3");

        Assert.Equal("insufficient-cash", tooMuch.Code);
        Assert.Equal(MovementStatus.Refused, tooMuch.Movement!.Status);
        Assert.Equal((400, "payout-account-required"), (nowhere.Status, nowhere.Code));
        Assert.Equal((400, "invalid-payout-account"), (nameless.Status, nameless.Code));
        Assert.Empty(_gateway.Requests);
        Assert.Equal(Funded, await CashAsync());
    }

    [Fact]
    public async Task A_later_withdrawal_without_an_account_pays_to_the_account_of_the_last_paid_one()
    {
        await WithdrawAsync(10_00, Refuses, "key-1");
        Assert.Equal("payout-account-required", (await WithdrawAsync(10_00, null, "key-2")).Code);
        await WithdrawAsync(10_00, Pays, "key-3");

        var again = await WithdrawAsync(20_00, null, "key-4");

        Assert.Equal(MovementStatus.Completed, again.Movement!.Status);
        Assert.Equal(Pays.Account, _gateway.Requests[^1].Destination.Account);
    }

    [Fact]
    public async Task A_gateway_that_cannot_pay_out_refuses_withdrawals_before_anything_moves()
    {
        _gateway.Payouts = false;

        var outcome = await WithdrawAsync(10_00, Pays, "key-1");

        Assert.Equal((503, "payouts-unavailable"), (outcome.Status, outcome.Code));
        Assert.Equal(Funded, await CashAsync());
        await using var db = _db.Context();
        Assert.False(await db.TradingMovements.AnyAsync());
    }

    private Task<MovementOutcome> WithdrawAsync(long amount, PayoutDestination? to, string key)
        => _harness.RunAsync(m => m.WithdrawCashAsync(RegistryDatabase.Trader, amount, to, _gateway, key, CancellationToken.None));

    private Task ReconcileAsync() => _harness.RunAsync(m => m.ReconcileAsync([_gateway], CancellationToken.None));

    private Task<int> SettleAsync() => _harness.RunAsync(m => m.SettlePayoutsAsync([_gateway], CancellationToken.None));

    private TradingMovements Movements(Data.WarehouseReceiptsDbContext db) => _harness.Movements(db);

    private Task<MovementStatus> StatusAsync(long id) => _harness.StatusAsync(id);

    private Task<long> CashAsync() => _harness.CashAsync();

    /// <summary>
    /// A gateway that pays out by account number: ending 0001 pays, 0002 is refused (<c>no_account</c>), 0003 stays
    /// pending until <see cref="Settle"/>. Payouts are kept by idempotency key, as real gateways do.
    /// </summary>
    private sealed class PayoutGateway : IPaymentGateway
    {
        private readonly Dictionary<string, Payout> _byKey = [];

        public List<CreatePayout> Requests { get; } = [];

        public IEnumerable<Payout> Paid => _byKey.Values.Where(p => p.Status == PayoutStatus.Paid);

        public bool LoseAnswers { get; set; }

        public bool Payouts { get; set; } = true;

        public string Id => "payout-test";

        public LocalizedText DisplayName => new("测试出金", "Test payouts");

        public bool SupportsPayouts => Payouts;

        public Task<Payout> PayOutAsync(CreatePayout request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            if (!_byKey.TryGetValue(request.IdempotencyKey, out var payout))
            {
                var account = request.Destination.Account.Replace(" ", string.Empty, StringComparison.Ordinal);
                payout = new Payout
                {
                    Id = $"po_{_byKey.Count + 1}", GatewayId = Id, Reference = request.Reference, Amount = request.Amount,
                    Destination = request.Destination.MaskedAccount, IdempotencyKey = request.IdempotencyKey, CreatedAt = DateTimeOffset.UnixEpoch,
                    Status = account.EndsWith("0002", StringComparison.Ordinal) ? PayoutStatus.Failed : account.EndsWith("0003", StringComparison.Ordinal) ? PayoutStatus.Pending : PayoutStatus.Paid,
                    FailureCode = account.EndsWith("0002", StringComparison.Ordinal) ? "no_account" : null,
                    FailureMessage = account.EndsWith("0002", StringComparison.Ordinal) ? "The bank account does not exist." : null,
                };
                _byKey[request.IdempotencyKey] = payout;
            }

            return LoseAnswers ? throw new HttpRequestException("The connection dropped before the answer.") : Task.FromResult(payout);
        }

        public Task<Payout?> GetPayoutAsync(string payoutId, CancellationToken cancellationToken = default)
            => Task.FromResult(_byKey.Values.FirstOrDefault(p => p.Id == payoutId));

        public void Settle(string payoutId, PayoutStatus status)
        {
            var key = _byKey.Single(p => p.Value.Id == payoutId).Key;
            _byKey[key] = _byKey[key] with { Status = status, FailureCode = status == PayoutStatus.Failed ? "account_closed" : null };
        }

        public Task<PaymentIntent> CreateIntentAsync(CreatePaymentIntent request, CancellationToken cancellationToken = default) => throw new InvalidOperationException("Withdrawals never take payments.");

        public Task<PaymentIntent> ConfirmAsync(ConfirmPayment request, CancellationToken cancellationToken = default) => throw new InvalidOperationException("Withdrawals never charge cards.");

        public Task<PaymentRefund> RefundAsync(RefundPayment request, CancellationToken cancellationToken = default) => throw new InvalidOperationException("Withdrawals never refund.");

        public Task<PaymentWebhookResult> HandleWebhookAsync(PaymentWebhook webhook, CancellationToken cancellationToken = default) => throw new InvalidOperationException("No webhooks here.");
    }
}
