using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Payments;
using SmartTrade.Sdk.Payments;
using SmartTrade.Sdk.Security;
using Xunit;

namespace SmartTrade.Host.Tests.Receipts;

/// <summary>
/// The receipt exchange through the running host (<c>/api/v1/receipts/exchange</c>): cash in by card, receipts into
/// trading from the registry, orders, delivery versus payment, settlement back into the registry, bad orders, and a
/// restart that rebuilds everything from the journal.
/// </summary>
public sealed class ExchangeApiTests : IAsyncLifetime, IDisposable
{
    internal const string Seller = "trader@smarttrade.demo";
    internal const string Buyer = "trader2@smarttrade.demo";
    internal const string Operator = "warehouse@smarttrade.demo";
    internal const string Instrument = "PP-T30S";
    internal const long Price = 742_000; // 7,420 yuan per tonne, the instrument's reference price

    private readonly TestFolders _folders = new();
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        _folders.AddProbe("probe-trades");
        _host = new TestHost(_folders);
        await PrepareAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_trade_pays_the_seller_and_delivers_the_receipts_to_the_buyer_in_the_registry()
    {
        var seller = await _host.ClientForAsync(Seller);
        var buyer = await _host.ClientForAsync(Buyer);
        await ReceiptsIntoTradingAsync(_host, seller, 30_000);
        await FundAsync(buyer, 30_000_000);

        var sell = await OrderAsync(seller, "sell", Price, 20_000);
        var buy = await OrderAsync(buyer, "buy", Price, 20_000);

        Assert.Equal(HttpStatusCode.Created, sell.StatusCode);
        Assert.Equal(HttpStatusCode.Created, buy.StatusCode);
        Assert.Equal("filled", (await buy.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        var value = 20 * Price; // 14,840,000 fen
        var fee = value * 5 / 10_000; // 5 basis points a side: 7,420 fen
        var buyerAccount = await AccountAsync(buyer);
        var sellerAccount = await AccountAsync(seller);
        Assert.Equal(30_000_000 - value - fee, buyerAccount["cash"]!.GetValue<long>());
        Assert.Equal(20_000, Position(buyerAccount, Instrument));
        Assert.Equal(value - fee, sellerAccount["cash"]!.GetValue<long>());
        Assert.Equal(10_000, Position(sellerAccount, Instrument));

        var trades = (await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/trades/mine"))!;
        var trade = Assert.Single(trades)!;
        Assert.Equal("T-PP-T30S-000001", trade["tradeRef"]!.GetValue<string>());
        Assert.Equal("buy", trade["side"]!.GetValue<string>());
        Assert.Equal(fee, trade["fee"]!.GetValue<long>());
        var delivered = trade["receipts"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.NotEmpty(delivered);

        // The registry agrees: the buyer owns 20 t (frozen: still in trading), the seller keeps 10 t in trading.
        Assert.Equal((20_000L, 20_000L), await HoldingAsync(buyer, Instrument));
        Assert.Equal((10_000L, 10_000L), await HoldingAsync(seller, Instrument));
        var receipt = (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/receipts/{delivered[0]}"))!;
        Assert.Equal(20_000, receipt["quantityKg"]!.GetValue<long>());
        var verification = (await _host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/receipts/{delivered[0]}/verify"))!;
        Assert.True(verification["intact"]!.GetValue<bool>());

        // Other plugins heard of the trade through the SDK's TradeExecuted notification, once.
        var heard = (await _host.CreateClient().GetFromJsonAsync<string[]>("/api/v1/test-plugins/probe-trades/trades"))!;
        Assert.Equal("PP-T30S-000001 742000 20000", string.Join(' ', Assert.Single(heard).Split(' ')[..3]));

        var ledger = (await (await _host.AdminAsync()).GetFromJsonAsync<JsonObject>("/api/v1/receipts/exchange/ledger"))!;
        Assert.True(ledger["balanced"]!.GetValue<bool>(), ledger["problem"]?.ToString());
        Assert.Equal(1, ledger["tradesSettled"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bought_receipts_can_be_taken_out_of_trading_and_are_then_free_in_the_registry()
    {
        var seller = await _host.ClientForAsync(Seller);
        var buyer = await _host.ClientForAsync(Buyer);
        await ReceiptsIntoTradingAsync(_host, seller, 10_000);
        await FundAsync(buyer, 10_000_000);
        await OrderAsync(seller, "sell", Price, 10_000);
        await OrderAsync(buyer, "buy", Price, 10_000);
        await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/trades/mine");

        var withdrawn = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/withdrawals", new { instrument = Instrument, quantity = 10_000 });
        var again = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/withdrawals", new { instrument = Instrument, quantity = 1_000 });

        Assert.Equal(HttpStatusCode.Created, withdrawn.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.UnprocessableEntity, "insufficient-receipts");
        Assert.Equal(0, Position(await AccountAsync(buyer), Instrument));
        Assert.Equal((10_000L, 0L), await HoldingAsync(buyer, Instrument));
    }

    [Fact]
    public async Task Receipts_cannot_enter_trading_beyond_the_free_registry_quantity_and_nothing_changes()
    {
        var seller = await _host.ClientForAsync(Seller);
        await ReceiptsIntoTradingAsync(_host, seller, 5_000);

        var tooMuch = await seller.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/deposits", new { instrument = Instrument, quantity = 6_000 });
        var offLot = await seller.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/deposits", new { instrument = Instrument, quantity = 500 });
        var unknown = await seller.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/deposits", new { instrument = "PP-NOPE", quantity = 1_000 });

        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        await AssertProblemAsync(offLot, HttpStatusCode.BadRequest, "invalid-quantity");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "unknown-instrument");
        Assert.Equal(5_000, Position(await AccountAsync(seller), Instrument));
        Assert.Equal((5_000L, 5_000L), await HoldingAsync(seller, Instrument));
    }

    [Fact]
    public async Task A_declined_card_funds_nothing_and_a_repeated_deposit_key_pays_once()
    {
        var buyer = await _host.ClientForAsync(Buyer);

        var declined = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/deposits", Deposit(1_000_000, Shopping.DeclinedCard));
        var first = await PostWithKeyAsync(buyer, "/api/v1/receipts/exchange/cash/deposits", Deposit(2_500_000, Shopping.GoodCard), "fund-1");
        var again = await PostWithKeyAsync(buyer, "/api/v1/receipts/exchange/cash/deposits", Deposit(2_500_000, Shopping.GoodCard), "fund-1");
        var reused = await PostWithKeyAsync(buyer, "/api/v1/receipts/exchange/cash/deposits", Deposit(100, Shopping.GoodCard), "fund-1");

        await AssertProblemAsync(declined, HttpStatusCode.PaymentRequired, "payment-declined");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>(), (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>());
        await AssertProblemAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(2_500_000, (await AccountAsync(buyer))["cash"]!.GetValue<long>());
        var movements = (await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/movements"))!;
        Assert.Equal(["completed", "refused"], movements.Select(m => m!["status"]!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task Withdrawing_cash_takes_only_free_cash_and_pays_it_to_the_traders_bank_account()
    {
        var buyer = await _host.ClientForAsync(Buyer);
        await FundAsync(buyer, 8_000_000);
        await OrderAsync(buyer, "buy", Price, 10_000); // freezes 7,420,000 + 3,710 fee

        var tooMuch = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/withdrawals", Withdrawal(1_000_000, SandboxTestBankAccounts.Pays));
        var nowhere = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/withdrawals", new { amount = 500_000 });
        var fine = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/withdrawals", Withdrawal(500_000, SandboxTestBankAccounts.Pays));
        var sameAccountAgain = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/withdrawals", new { amount = 10_000 });

        await AssertProblemAsync(tooMuch, HttpStatusCode.UnprocessableEntity, "insufficient-cash");
        await AssertProblemAsync(nowhere, HttpStatusCode.BadRequest, "payout-account-required");
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
        var paid = (await fine.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("completed", paid["status"]!.GetValue<string>());
        Assert.Equal("中国工商银行 •••• 0001 (Demo Buyer)", paid["paidTo"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, sameAccountAgain.StatusCode);
        var account = await AccountAsync(buyer);
        Assert.Equal(7_490_000, account["cash"]!.GetValue<long>());
        Assert.Equal(7_423_710, account["frozenCash"]!.GetValue<long>());
        await using var scope = _host.Services.CreateAsyncScope();
        var payouts = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<PayoutRecord>().AsNoTracking().OrderBy(p => p.CreatedAt).ToListAsync();
        Assert.Equal([500_000L, 10_000L], payouts.Select(p => p.AmountMinor).ToArray());
        Assert.All(payouts, p => Assert.Equal(PayoutStatus.Paid, p.Status));
    }

    [Fact]
    public async Task A_payout_the_bank_refuses_puts_the_cash_back_and_a_slow_one_is_accepted_while_pending()
    {
        var buyer = await _host.ClientForAsync(Buyer);
        await FundAsync(buyer, 1_000_000);

        var refused = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/withdrawals", Withdrawal(300_000, SandboxTestBankAccounts.DoesNotExist));
        var malformed = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/withdrawals", Withdrawal(300_000, "not-a-bank-account"));
        await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "payout-failed");
        await AssertProblemAsync(malformed, HttpStatusCode.BadRequest, "invalid-payout-account");
        var movements = (await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/movements"))!;
        Assert.Equal("The payout account was not accepted: The destination account must be a bank account number of 8 to 34 digits.", movements[0]!["failure"]!.GetValue<string>());
        Assert.Equal(1_000_000, (await AccountAsync(buyer))["cash"]!.GetValue<long>());

        var slow = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/withdrawals", Withdrawal(300_000, SandboxTestBankAccounts.PaysAfterDelay));
        Assert.Equal(HttpStatusCode.Accepted, slow.StatusCode);
        var pending = (await slow.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("payingOut", pending["status"]!.GetValue<string>());
        Assert.Equal(700_000, (await AccountAsync(buyer))["cash"]!.GetValue<long>());
        var shown = (await buyer.GetFromJsonAsync<JsonObject>(slow.Headers.Location!.ToString()))!;
        Assert.Equal("payingOut", shown["status"]!.GetValue<string>());
        var someoneElses = await (await _host.ClientForAsync(Seller)).GetAsync(slow.Headers.Location);
        await AssertProblemAsync(someoneElses, HttpStatusCode.NotFound, "unknown-movement");
    }

    private static object Withdrawal(long amount, string account)
        => new { amount, payoutAccount = new { accountHolder = "Demo Buyer", account, bank = "中国工商银行" } };

    [Theory]
    [InlineData(742_050, 1_000, HttpStatusCode.BadRequest, "price-off-tick")]
    [InlineData(742_000, 0, HttpStatusCode.BadRequest, "invalid-quantity")]
    [InlineData(742_000, -1_000, HttpStatusCode.BadRequest, "invalid-quantity")]
    [InlineData(742_000, 1_500, HttpStatusCode.BadRequest, "invalid-quantity")]
    [InlineData(800_000, 1_000, HttpStatusCode.UnprocessableEntity, "outside-price-limit")]
    [InlineData(742_000, 2_000_000, HttpStatusCode.UnprocessableEntity, "above-max-order-size")]
    [InlineData(742_000, 50_000, HttpStatusCode.UnprocessableEntity, "insufficient-cash")]
    public async Task A_bad_buy_order_gets_its_stable_code_and_changes_nothing(long price, long quantity, HttpStatusCode status, string code)
    {
        var buyer = await _host.ClientForAsync(Buyer);
        await FundAsync(buyer, 10_000_000);

        var response = await OrderAsync(buyer, "buy", price, quantity);

        await AssertProblemAsync(response, status, code);
        var account = await AccountAsync(buyer);
        Assert.Equal(0, account["frozenCash"]!.GetValue<long>());
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/orders?all=true"))!);
        Assert.Null((await _host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/receipts/exchange/instruments/{Instrument}"))!["market"]!["bids"]!.AsArray().FirstOrDefault());
    }

    [Fact]
    public async Task Selling_without_receipts_in_trading_or_an_unknown_instrument_is_refused()
    {
        var seller = await _host.ClientForAsync(Seller);

        await AssertProblemAsync(await OrderAsync(seller, "sell", Price, 1_000), HttpStatusCode.UnprocessableEntity, "insufficient-receipts");
        await AssertProblemAsync(await seller.PostAsJsonAsync("/api/v1/receipts/exchange/orders", new { instrument = "XX-1", side = "sell", price = Price, quantity = 1_000 }), HttpStatusCode.NotFound, "unknown-instrument");
        var malformed = await seller.PostAsJsonAsync("/api/v1/receipts/exchange/orders", new { instrument = Instrument, side = "hold", price = Price, quantity = 1_000 });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotNull((await malformed.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["side"]);
    }

    [Fact]
    public async Task Someone_elses_order_cannot_be_cancelled_or_amended_or_read()
    {
        var buyer = await _host.ClientForAsync(Buyer);
        var other = await _host.ClientForAsync(Seller);
        await FundAsync(buyer, 10_000_000);
        var order = (await (await OrderAsync(buyer, "buy", Price - 1_000, 5_000)).Content.ReadFromJsonAsync<JsonObject>())!;
        var id = order["orderId"]!.GetValue<long>();

        await AssertProblemAsync(await other.DeleteAsync($"/api/v1/receipts/exchange/orders/{id}"), HttpStatusCode.Forbidden, "not-your-order");
        await AssertProblemAsync(await other.PatchAsJsonAsync($"/api/v1/receipts/exchange/orders/{id}", new { price = Price, quantity = 5_000 }), HttpStatusCode.Forbidden, "not-your-order");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/receipts/exchange/orders/{id}")).StatusCode);
        Assert.Equal("open", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/receipts/exchange/orders/{id}"))!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await buyer.DeleteAsync($"/api/v1/receipts/exchange/orders/{id}")).StatusCode);
        Assert.Equal(0, (await AccountAsync(buyer))["frozenCash"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_order_repeated_with_its_idempotency_key_is_placed_once()
    {
        var buyer = await _host.ClientForAsync(Buyer);
        await FundAsync(buyer, 10_000_000);

        var first = await PostWithKeyAsync(buyer, "/api/v1/receipts/exchange/orders", new { instrument = Instrument, side = "buy", price = Price, quantity = 3_000 }, "order-7");
        var again = await PostWithKeyAsync(buyer, "/api/v1/receipts/exchange/orders", new { instrument = Instrument, side = "buy", price = Price, quantity = 3_000 }, "order-7");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/orders"))!);
        Assert.Equal(3 * Price + (3 * Price * 5 + 9_999) / 10_000, (await AccountAsync(buyer))["frozenCash"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_batch_of_orders_is_answered_order_by_order_and_a_retry_with_its_key_places_nothing_twice()
    {
        var buyer = await _host.ClientForAsync(Buyer);
        await FundAsync(buyer, 10_000_000);
        var batch = new
        {
            orders = new object?[]
            {
                new { instrument = Instrument, side = "buy", price = Price - 1_000, quantity = 2_000 },
                new { instrument = Instrument, side = "buy", price = Price - 1_050, quantity = 1_000 },
                new { instrument = Instrument, side = "hold", price = Price, quantity = 1_000 },
                new { instrument = "XX-1", side = "buy", price = Price, quantity = 1_000 },
                null,
                new { instrument = Instrument, side = "buy", price = Price - 2_000, quantity = 1_000, timeInForce = "day" },
            },
        };

        var first = await PostWithKeyAsync(buyer, "/api/v1/receipts/exchange/orders/batch", batch, "quotes-1");
        var again = await PostWithKeyAsync(buyer, "/api/v1/receipts/exchange/orders/batch", batch, "quotes-1");
        var answer = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        var results = answer["results"]!.AsArray();
        var replayed = (await again.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((2, 4), (answer["placed"]!.GetValue<int>(), answer["refused"]!.GetValue<int>()));
        Assert.Equal([201, 400, 400, 404, 400, 201], results.Select(r => r!["status"]!.GetValue<int>()));
        Assert.Equal(Enumerable.Range(0, 6), results.Select(r => r!["index"]!.GetValue<int>()));
        Assert.Equal("/problems/warehouse-receipts/price-off-tick", results[1]!["problem"]!["type"]!.GetValue<string>());
        Assert.NotNull(results[2]!["problem"]!["errors"]!["side"]);
        Assert.Equal("unknown-instrument", results[3]!["problem"]!["code"]!.GetValue<string>());
        Assert.NotNull(results[4]!["problem"]!["errors"]!["orders[4]"]);
        Assert.Equal(Price - 2_000, results[5]!["order"]!["price"]!.GetValue<long>());
        Assert.Equal([200, 400, 400, 404, 400, 200], replayed.Select(r => r!["status"]!.GetValue<int>()));
        Assert.Equal(results[0]!["order"]!["orderId"]!.GetValue<long>(), replayed[0]!["order"]!["orderId"]!.GetValue<long>());
        Assert.Equal(2, (await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/orders"))!.Count);
    }

    [Fact]
    public async Task Hundreds_of_ioc_orders_entered_at_once_are_each_answered_as_placed_and_closed()
    {
        var buyer = await _host.ClientForAsync(Buyer);
        await FundAsync(buyer, 100_000_000);
        var batch = new { orders = Enumerable.Range(0, 50).Select(i => new { instrument = Instrument, side = "buy", price = Price - 1_000 - (i * 100), quantity = 1_000, timeInForce = "ioc" }) };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => buyer.PostAsJsonAsync("/api/v1/receipts/exchange/orders/batch", batch)));
        var results = new List<JsonNode>();
        foreach (var answer in answers)
        {
            results.AddRange((await answer.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray().Select(r => r!));
        }

        Assert.Equal(400, results.Count);
        Assert.All(results, r => Assert.Equal(201, r["status"]!.GetValue<int>()));
        Assert.All(results, r => Assert.Equal(("cancelled", 0L, 1_000L), (r["order"]!["state"]!.GetValue<string>(), r["order"]!["filled"]!.GetValue<long>(), r["order"]!["quantity"]!.GetValue<long>())));
        Assert.Equal(400, results.Select(r => r["order"]!["orderId"]!.GetValue<long>()).Distinct().Count());
        Assert.Equal(0, (await AccountAsync(buyer))["frozenCash"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"orders\":[]}")]
    [InlineData("{\"orders\":\"buy\"}")]
    public async Task A_batch_without_orders_or_with_more_than_fifty_is_refused_and_places_nothing(string body)
    {
        var buyer = await _host.ClientForAsync(Buyer);
        await FundAsync(buyer, 10_000_000);
        var tooMany = new { orders = Enumerable.Range(0, 51).Select(_ => new { instrument = Instrument, side = "buy", price = Price - 1_000, quantity = 1_000 }) };

        var empty = await buyer.PostAsync("/api/v1/receipts/exchange/orders/batch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var over = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/orders/batch", tooMany);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.NotNull((await over.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["orders"]);
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/orders?all=true"))!);
    }

    [Fact]
    public async Task Trading_needs_a_trader_and_market_data_needs_no_sign_in()
    {
        var anonymous = _host.CreateClient();
        var shopper = await _host.ClientForAsync("buyer@smarttrade.demo");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/receipts/exchange/orders", new { instrument = Instrument, side = "buy", price = Price, quantity = 1_000 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shopper.PostAsJsonAsync("/api/v1/receipts/exchange/cash/withdrawals", new { amount = 1 })).StatusCode);
        var instruments = (await anonymous.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/instruments"))!;
        Assert.Equal(12, instruments.Count);
        var market = instruments.Single(i => i!["instrument"]!.GetValue<string>() == Instrument)!["market"]!;
        Assert.Equal(Price, market["previousSettlement"]!.GetValue<long>());
    }

    [Fact]
    public async Task After_a_restart_books_accounts_and_settled_trades_are_as_they_were_and_nothing_settles_twice()
    {
        var seller = await _host.ClientForAsync(Seller);
        var buyer = await _host.ClientForAsync(Buyer);
        await ReceiptsIntoTradingAsync(_host, seller, 20_000);
        await FundAsync(buyer, 20_000_000);
        await OrderAsync(seller, "sell", Price, 8_000);
        await OrderAsync(seller, "sell", Price + 1_000, 7_000);
        await OrderAsync(buyer, "buy", Price, 8_000);
        await OrderAsync(buyer, "buy", Price - 2_000, 4_000);
        await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/trades/mine");
        var before = (await AccountAsync(buyer)).ToJsonString() + (await AccountAsync(seller)).ToJsonString();
        var bookBefore = (await _host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/receipts/exchange/instruments/{Instrument}"))!["market"]!;

        await _host.DisposeAsync();
        _host = new TestHost(_folders);
        seller = await _host.ClientForAsync(Seller);
        buyer = await _host.ClientForAsync(Buyer);

        Assert.Equal(before, (await AccountAsync(buyer)).ToJsonString() + (await AccountAsync(seller)).ToJsonString());
        var bookAfter = (await _host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/receipts/exchange/instruments/{Instrument}"))!["market"]!;
        Assert.Equal(bookBefore["bids"]!.ToJsonString(), bookAfter["bids"]!.ToJsonString());
        Assert.Equal(bookBefore["asks"]!.ToJsonString(), bookAfter["asks"]!.ToJsonString());
        Assert.Single((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/trades/mine"))!);
        Assert.Equal((8_000L, 8_000L), await HoldingAsync(buyer, Instrument));
        Assert.Equal((12_000L, 12_000L), await HoldingAsync(seller, Instrument));
    }

    [Fact]
    public async Task Outside_the_trading_sessions_orders_are_refused_with_session_closed()
    {
        // Saturday 2026-11-28, 10:00 in Shanghai: no session.
        var saturday = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        using var folders = new TestFolders();
        folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        await using var host = new TestHost(folders, settings: new Dictionary<string, string?> { ["SmartTrade:Plugins:warehouse-receipts:Exchange:AroundTheClock"] = "false" }, time: saturday);
        await PrepareAsync(host);
        var buyer = await host.ClientForAsync(Buyer);
        await FundAsync(buyer, 10_000_000);

        var refused = await OrderAsync(buyer, "buy", Price, 1_000);
        saturday.SetUtcNow(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero)); // Monday 10:00
        buyer = await host.ClientForAsync(Buyer); // the Saturday token has expired
        Assert.Equal(0, (await AccountAsync(buyer))["frozenCash"]!.GetValue<long>());
        var accepted = await OrderAsync(buyer, "buy", Price, 1_000);

        await AssertProblemAsync(refused, HttpStatusCode.Conflict, "session-closed");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    internal static async Task PrepareAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().EnsureDemoAccountAsync(Buyer, "Second trader", [Roles.Trader], TestHost.Password);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var operatorId = (await users.FindByEmailAsync(Operator))!.Id;
        var admin = await host.AdminAsync();
        foreach (var warehouse in new[] { "zs-storage-1" })
        {
            var assigned = await admin.PutAsync($"/api/v1/receipts/warehouses/{warehouse}/operators/{operatorId}", null);
            Assert.True(assigned.IsSuccessStatusCode);
        }
    }

    /// <summary>Issues the trader a receipt of <paramref name="kg"/> at zs-storage-1 and brings it into trading.</summary>
    internal static async Task ReceiptsIntoTradingAsync(TestHost host, HttpClient trader, long kg)
    {
        await IssueReceiptAsync(host, trader, kg);
        var deposited = await trader.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/deposits", new { instrument = Instrument, quantity = kg });
        Assert.Equal(HttpStatusCode.Created, deposited.StatusCode);
    }

    /// <summary>Issues the trader a receipt of <paramref name="kg"/> at zs-storage-1 (declared, issued, accepted); returns its number.</summary>
    internal static async Task<string> IssueReceiptAsync(TestHost host, HttpClient trader, long kg)
    {
        var declared = await trader.PostAsJsonAsync("/api/v1/receipts/load-ins", new
        {
            instrument = Instrument,
            producer = "zhenhai-refining",
            warehouse = "zs-storage-1",
            quantityKg = kg,
            productionDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-20)).ToString("yyyy-MM-dd"),
            batchNumber = "B-1",
        });
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var loadIn = (await declared.Content.ReadFromJsonAsync<JsonObject>())!;
        var issued = await (await host.ClientForAsync(Operator)).PostAsJsonAsync(
            $"/api/v1/receipts/load-ins/{loadIn["id"]}/issue", new { netWeightKg = kg, inspectionCertificate = "ZS202611-0001" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var number = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await trader.PostAsync($"/api/v1/receipts/{number}/accept", null)).StatusCode);
        return number;
    }

    internal static async Task FundAsync(HttpClient trader, long amount)
    {
        var funded = await trader.PostAsJsonAsync("/api/v1/receipts/exchange/cash/deposits", Deposit(amount, Shopping.GoodCard));
        Assert.Equal(HttpStatusCode.Created, funded.StatusCode);
    }

    internal static Task<HttpResponseMessage> OrderAsync(HttpClient trader, string side, long price, long quantity)
        => trader.PostAsJsonAsync("/api/v1/receipts/exchange/orders", new { instrument = Instrument, side, price, quantity });

    internal static async Task<JsonObject> AccountAsync(HttpClient trader)
        => (await trader.GetFromJsonAsync<JsonObject>("/api/v1/receipts/exchange/account"))!;

    internal static long Position(JsonObject account, string instrument)
        => account["positions"]!.AsArray().Where(p => p!["instrument"]!.GetValue<string>() == instrument).Select(p => p!["quantity"]!.GetValue<long>()).SingleOrDefault();

    /// <summary>The trader's registry holding of the instrument: total kg (free + frozen + pledged) and frozen kg.</summary>
    internal static async Task<(long Total, long Frozen)> HoldingAsync(HttpClient trader, string instrument)
    {
        var holding = (await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/holdings"))!.SingleOrDefault(h => h!["instrument"]!.GetValue<string>() == instrument);
        return holding is null ? (0, 0) : (holding["totalKg"]!.GetValue<long>(), holding["frozenKg"]!.GetValue<long>());
    }

    private static object Deposit(long amount, string card) => new { amount, card = new { number = card, expMonth = 12, expYear = 2099, cvc = "123" } };

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/problems/warehouse-receipts/{code}", problem["type"]!.GetValue<string>());
        Assert.Equal(code, problem["code"]!.GetValue<string>());
    }
}
