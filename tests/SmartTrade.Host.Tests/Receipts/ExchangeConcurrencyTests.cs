using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Identity;
using SmartTrade.Sdk.Security;
using Xunit;
using static SmartTrade.Host.Tests.Receipts.ExchangeApiTests;

namespace SmartTrade.Host.Tests.Receipts;

/// <summary>
/// A thousand traders at once over HTTP: 20 sellers each try to sell their 50 t twice while 980 buyers each bid for
/// 2 t at the same price. No receipt is sold twice, every tonne in trading is sold exactly once, every buyer's cash
/// matches its fills, and the exchange's ledger and the registry agree.
/// </summary>
public sealed class ExchangeConcurrencyTests : IAsyncLifetime, IDisposable
{
    private const int Sellers = 20;
    private const int Buyers = 980;
    private const long SellerKg = 50_000;
    private const long BuyKg = 2_000;
    private const long Funding = 2_000_000; // fen: enough for 2 t at 7,420 yuan/t with the fee

    private readonly TestFolders _folders = new();
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        _host = new TestHost(_folders);
        await PrepareAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_thousand_concurrent_traders_never_sell_a_receipt_twice_and_the_ledger_balances()
    {
        var sellers = await TradersAsync(_host, "seller", Sellers);
        var buyers = await TradersAsync(_host, "buyer", Buyers);
        foreach (var seller in sellers)
        {
            await ReceiptsIntoTradingAsync(_host, seller, SellerKg);
        }

        await Parallel.ForEachAsync(buyers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (buyer, _) => await FundAsync(buyer, Funding));

        // Everyone at once: each seller sends its whole position twice, each buyer one bid.
        var sells = sellers.SelectMany(s => new[] { s, s }).Select(s => Task.Run(() => OrderAsync(s, "sell", Price, SellerKg)));
        var buys = buyers.Select(b => Task.Run(() => OrderAsync(b, "buy", Price, BuyKg)));
        var responses = await Task.WhenAll(sells.Concat(buys));

        var sellStatuses = responses.Take(Sellers * 2).Select(r => r.StatusCode).ToList();
        Assert.Equal(Sellers, sellStatuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(Sellers, sellStatuses.Count(s => s == HttpStatusCode.UnprocessableEntity));
        Assert.All(responses.Skip(Sellers * 2), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        // Demand (1,960 t) exceeds supply (1,000 t) at one price, so every tonne in trading is sold exactly once.
        long bought = 0;
        foreach (var buyer in buyers)
        {
            var account = await AccountAsync(buyer);
            var kg = Position(account, Instrument);
            var value = kg * Price / 1_000;
            var fee = (value * 5) / 10_000;
            var restingValue = (BuyKg - kg) * Price / 1_000;
            Assert.Equal(Funding - value - fee, account["cash"]!.GetValue<long>());
            Assert.Equal(restingValue == 0 ? 0 : restingValue + ((restingValue * 5) + 9_999) / 10_000, account["frozenCash"]!.GetValue<long>());
            bought += kg;
        }

        Assert.Equal(Sellers * SellerKg, bought);
        foreach (var seller in sellers)
        {
            Assert.Equal(0, Position(await AccountAsync(seller), Instrument));
        }

        var ledger = (await (await _host.AdminAsync()).GetFromJsonAsync<JsonObject>("/api/v1/receipts/exchange/ledger"))!;
        Assert.True(ledger["balanced"]!.GetValue<bool>(), ledger["problem"]?.ToString());
        var instrument = ledger["instruments"]!.AsArray().Single(i => i!["instrument"]!.GetValue<string>() == Instrument)!;
        Assert.Equal(Sellers * SellerKg, instrument["inTrading"]!.GetValue<long>());
        Assert.Equal(Sellers * SellerKg, instrument["frozenInRegistry"]!.GetValue<long>());
    }

    /// <summary>Accounts (traders unless <paramref name="role"/> says otherwise) with bearer tokens minted like the token endpoint does (no password hashing for a thousand).</summary>
    internal static async Task<List<HttpClient>> TradersAsync(TestHost host, string prefix, int count, string role = Roles.Trader)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PlatformUser>>();
        var bearer = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var clients = new List<HttpClient>(count);
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}-{i:0000}@traders.test";
            var user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            var principal = await signIn.CreateUserPrincipalAsync(user);
            var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, $"{IdentityConstants.BearerScheme}:AccessToken");
            var client = host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer.BearerTokenProtector.Protect(ticket));
            clients.Add(client);
        }

        return clients;
    }
}
