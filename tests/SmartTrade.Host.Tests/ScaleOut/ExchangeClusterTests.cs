using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmartTrade.Host.Tests.PostgreSql;
using SmartTrade.Host.Tests.Receipts;
using Xunit;
using Xunit.Abstractions;

namespace SmartTrade.Host.Tests.ScaleOut;

/// <summary>
/// Three host processes on their own ports sharing one PostgreSQL database and one Redis: the receipt exchange in
/// cluster mode. The first host up owns the exchange; the others follow its journal and forward orders to it. Trading
/// accounts are made through an in-process host on the same database and Redis that loads no plugin (it only signs
/// tokens, which every host accepts).
/// </summary>
public sealed class ExchangeClusterFixture : IAsyncLifetime
{
    private readonly List<TestFolders> _folders = [];
    private TestFolders? _identityFolders;

    internal PostgreSqlTestDatabase Database { get; private set; } = null!;

    internal RedisServer Redis { get; private set; } = null!;

    internal List<HostProcess> Hosts { get; } = [];

    internal TestHost Identity { get; private set; } = null!;

    /// <summary>Hosts that have not been killed.</summary>
    internal IEnumerable<HostProcess> Live => Hosts.Where(h => !h.HasExited);

    public async Task InitializeAsync()
    {
        Database = await PostgreSqlTestDatabase.CreateAsync();
        Redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["SmartTrade__Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__SmartTrade"] = Database.ConnectionString,
            ["ConnectionStrings__Redis"] = Redis.Configuration,
            ["SmartTrade__Demo__SeedCatalog"] = "true",
            ["SmartTrade__RateLimits__Enabled"] = "false",
            ["SmartTrade__Plugins__warehouse-receipts__Exchange__DemoHistoryDays"] = "0",
        };

        // One after the other, as in a rolling deployment: the first migrates the database, writes the data-protection
        // key and takes the exchange; the others read the key and follow.
        for (var i = 0; i < 3; i++)
        {
            var folders = new TestFolders();
            folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
            _folders.Add(folders);
            Hosts.Add(await HostProcess.StartAsync(folders, HostProcess.FreePort(), settings));
        }

        _identityFolders = new TestFolders();
        Identity = new TestHost(_identityFolders, settings: new Dictionary<string, string?>
        {
            ["SmartTrade:Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:SmartTrade"] = Database.ConnectionString,
            ["ConnectionStrings:Redis"] = Redis.Configuration,
        });
        _ = Identity.Services;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            host.Dispose();
        }

        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }

        Redis?.Dispose();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        foreach (var folders in _folders)
        {
            folders.Dispose();
        }

        _identityFolders?.Dispose();
    }
}

/// <summary>
/// The receipt exchange run by several hosts as one system (issue 9): orders entered through every host meet in one
/// book, the owner's death is survived without losing an acknowledged order, and every host serves the same market.
/// </summary>
public sealed class ExchangeClusterTests(ExchangeClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ExchangeClusterFixture>
{
    private const string Instrument = ExchangeApiTests.Instrument;
    private const string Orders = "/api/v1/receipts/exchange/orders";
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_order_book_fed_through_every_host_at_once_sells_no_receipt_twice_balances_and_looks_the_same_on_every_host()
    {
        const long SellerKg = 20_000;
        const long BuyKg = 4_000;
        const int Buyers = 12;
        var hosts = cluster.Live.ToList();
        var sellers = new List<HttpClient>();
        foreach (var email in new[] { "trader@smarttrade.demo", ExchangeApiTests.Buyer })
        {
            var seller = await HostProcess.ClientForAsync(hosts[sellers.Count % hosts.Count].Port, email);
            await DemoReceiptsAsync(seller, SellerKg);
            await AssertCreatedAsync(await seller.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/deposits", new { instrument = Instrument, quantity = SellerKg }));
            sellers.Add(seller);
        }

        var buyers = await TradersAsync("cluster-book", Buyers, hosts);
        foreach (var buyer in buyers)
        {
            await ExchangeApiTests.FundAsync(buyer, 5_000_000);
        }

        var price = (await MarketAsync(hosts[0]))["previousSettlement"]!.GetValue<long>();

        // Everyone at once, round-robin over the hosts: each seller offers its whole position twice, each buyer bids;
        // demand (48 t) exceeds supply (40 t).
        var sells = sellers.SelectMany(s => new[] { s, s }).Select((s, i) => Task.Run(() => OrderAsync(Via(s, hosts[i % hosts.Count]), "sell", price, SellerKg)));
        var buys = buyers.Select((b, i) => Task.Run(() => OrderAsync(Via(b, hosts[(i + 1) % hosts.Count]), "buy", price, BuyKg)));
        var responses = await Task.WhenAll(sells.Concat(buys));

        var sellStatuses = responses.Take(sellers.Count * 2).Select(r => r.StatusCode).ToList();
        Assert.Equal(sellers.Count, sellStatuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(sellers.Count, sellStatuses.Count(s => s == HttpStatusCode.UnprocessableEntity));
        Assert.All(responses.Skip(sellers.Count * 2), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        // What the buyers hold, each read on its own host (a bid filled later by a sell on another host reaches a
        // follower's replica a moment after the owner answered the sell).
        long bought = 0;
        var deadline = DateTime.UtcNow + Bounded;
        do
        {
            bought = 0;
            foreach (var buyer in buyers)
            {
                bought += ExchangeApiTests.Position(await ExchangeApiTests.AccountAsync(buyer), Instrument);
            }
        }
        while (bought != sellers.Count * SellerKg && DateTime.UtcNow < deadline);

        Assert.Equal(sellers.Count * SellerKg, bought);
        foreach (var host in hosts)
        {
            await AssertLedgerBalancedAsync(host);
        }

        // Every host's replica reaches the same book: same sequence, same levels each side, same last trade.
        deadline = DateTime.UtcNow + Bounded;
        List<string> books;
        do
        {
            books = [];
            foreach (var host in hosts)
            {
                var market = await MarketAsync(host);
                books.Add($"{market["sequence"]} {market["last"]} {market["bids"]!.ToJsonString()} {market["asks"]!.ToJsonString()}");
            }
        }
        while (books.Distinct().Count() > 1 && DateTime.UtcNow < deadline);

        Assert.Single(books.Distinct());
        var rest = (await MarketAsync(hosts[0]))["bids"]!.AsArray().Single(l => l!["price"]!.GetValue<long>() == price)!;
        Assert.Equal((Buyers * BuyKg) - (sellers.Count * SellerKg), rest["quantity"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_live_market_stream_on_a_follower_sees_a_trade_made_through_the_owner()
    {
        var owner = await OwnerAsync();
        var follower = cluster.Live.First(h => h != owner);
        var traders = await TradersAsync("cluster-stream", 2, [owner]);
        var (seller, buyer) = (await HostProcess.ClientForAsync(owner.Port, "trader@smarttrade.demo"), traders[0]);
        await DemoReceiptsAsync(seller, 1_000);
        await AssertCreatedAsync(await seller.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/deposits", new { instrument = Instrument, quantity = 1_000 }));
        await ExchangeApiTests.FundAsync(buyer, 2_000_000);
        var market = await MarketAsync(owner);
        var price = market["upperLimit"]!.GetValue<long>();

        using var watcher = new HttpClient { BaseAddress = Url(follower), Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await watcher.GetAsync($"/api/v1/receipts/exchange/instruments/{Instrument}/stream", HttpCompletionOption.ResponseHeadersRead);
        stream.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(seller, "sell", price, 1_000)).StatusCode);
        var buy = await OrderAsync(buyer, "buy", price, 1_000);
        Assert.Equal(HttpStatusCode.Created, buy.StatusCode);

        var trade = JsonNode.Parse(await NextEventAsync(reader, "trade"))!;
        Assert.Equal(price, trade["price"]!.GetValue<long>());
        Assert.Equal(1_000, trade["quantity"]!.GetValue<long>());
    }

    [Fact]
    public async Task Killing_the_owner_while_orders_stream_in_hands_the_exchange_to_another_host_within_seconds_and_loses_no_acknowledged_order()
    {
        var owner = await OwnerAsync();
        var survivors = cluster.Live.Where(h => h != owner).ToList();
        var hosts = cluster.Live.ToList();
        var buyers = await TradersAsync("cluster-kill", 6, survivors);
        foreach (var buyer in buyers)
        {
            await ExchangeApiTests.FundAsync(buyer, 100_000_000);
        }

        // Bids at the lower limit: they rest (nothing sells that low), so every acknowledged order must stay listed.
        var price = (await MarketAsync(survivors[0]))["lowerLimit"]!.GetValue<long>();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(int Buyer, long Order)>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        long killedAt = 0;
        long firstAfterKill = 0;
        var streams = buyers.Select((buyer, b) => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var host = hosts[(b + n) % hosts.Count];
                if (host.HasExited)
                {
                    continue;
                }

                try
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url(host), Orders)) { Content = JsonContent.Create(new { instrument = Instrument, side = "buy", price, quantity = 1_000 }) };
                    request.Headers.Authorization = buyer.DefaultRequestHeaders.Authorization;
                    request.Headers.Add("Idempotency-Key", $"kill-{b}-{n}");
                    using var response = await Shared.SendAsync(request, stop.Token);
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        acknowledged.Add((b, (await response.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<long>()));
                        if (Interlocked.Read(ref killedAt) != 0)
                        {
                            Interlocked.CompareExchange(ref firstAfterKill, Stopwatch.GetTimestamp(), 0);
                        }
                    }
                    else
                    {
                        // Not acknowledged while no host owns the exchange; any other answer is a defect.
                        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (HttpRequestException)
                {
                    // The killed host's connections fail: not acknowledged.
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
            }
        })).ToList();

        await WaitUntilAsync(() => acknowledged.Count >= 30, "orders to be acknowledged before the kill");
        owner.Kill();
        Interlocked.Exchange(ref killedAt, Stopwatch.GetTimestamp());
        await WaitUntilAsync(() => Interlocked.Read(ref firstAfterKill) != 0 && acknowledged.Count >= 60, "orders to be acknowledged after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(streams);

        var takeover = Stopwatch.GetElapsedTime(killedAt, firstAfterKill);
        output.WriteLine($"Orders were acknowledged again {takeover.TotalSeconds:0.0} s after the owner was killed; {acknowledged.Count} acknowledged in all.");
        Assert.True(takeover < TimeSpan.FromSeconds(15), $"The exchange took {takeover} to take orders again.");
        var newOwner = await OwnerAsync();
        Assert.Contains(newOwner, survivors);

        // Every acknowledged order is listed, on every surviving host, and the ledger balances.
        foreach (var host in survivors)
        {
            for (var b = 0; b < buyers.Count; b++)
            {
                var listed = await ListedOrdersAsync(Via(buyers[b], host));
                var missing = acknowledged.Where(a => a.Buyer == b && !listed.Contains(a.Order)).Select(a => a.Order).ToList();
                Assert.True(missing.Count == 0, $"Host {host.Port} does not list acknowledged orders {string.Join(", ", missing)} of buyer {b}.");
            }

            await AssertLedgerBalancedAsync(host);
        }
    }

    private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(20) };

    // The demo data is seeded in the background after the first host starts: wait (bounded) for the trader's receipts.
    private static async Task DemoReceiptsAsync(HttpClient trader, long kg)
    {
        var deadline = DateTime.UtcNow + Bounded;
        while ((await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/holdings"))!
            .All(h => h!["instrument"]!.GetValue<string>() != Instrument || h["freeKg"]!.GetValue<long>() < kg))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The demo data did not give the trader {kg} kg of free {Instrument}.");
            }

            await Task.Delay(200);
        }
    }

    private static async Task AssertCreatedAsync(HttpResponseMessage response)
        => Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    private static Uri Url(HostProcess host) => new($"http://127.0.0.1:{host.Port}");

    // The same signed-in client pointed at another host (tokens are accepted everywhere).
    private static HttpClient Via(HttpClient client, HostProcess host)
    {
        var other = new HttpClient { BaseAddress = Url(host) };
        other.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        return other;
    }

    private static Task<HttpResponseMessage> OrderAsync(HttpClient trader, string side, long price, long quantity)
        => trader.PostAsJsonAsync(Orders, new { instrument = Instrument, side, price, quantity });

    private static async Task<JsonObject> MarketAsync(HostProcess host)
    {
        using var http = new HttpClient { BaseAddress = Url(host) };
        return (await http.GetFromJsonAsync<JsonObject>($"/api/v1/receipts/exchange/instruments/{Instrument}"))!["market"]!.AsObject();
    }

    private static async Task<HashSet<long>> ListedOrdersAsync(HttpClient trader)
        => (await trader.GetFromJsonAsync<JsonArray>($"{Orders}?all=true"))!.Select(o => o!["orderId"]!.GetValue<long>()).ToHashSet();

    private async Task<List<HttpClient>> TradersAsync(string prefix, int count, IReadOnlyList<HostProcess> hosts)
    {
        var inProcess = await ExchangeConcurrencyTests.TradersAsync(cluster.Identity, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)], count);
        return inProcess.Select((client, i) =>
        {
            var onHost = new HttpClient { BaseAddress = Url(hosts[i % hosts.Count]) };
            onHost.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", client.DefaultRequestHeaders.Authorization!.Parameter);
            client.Dispose();
            return onHost;
        }).ToList();
    }

    private async Task<HostProcess> OwnerAsync()
    {
        var deadline = DateTime.UtcNow + Bounded;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var host in cluster.Live)
            {
                using var http = new HttpClient { BaseAddress = Url(host) };
                var health = JsonNode.Parse(await (await http.GetAsync("/health/ready")).Content.ReadAsStringAsync())!;
                if (health["checks"]?["plugins"]?["data"]?["warehouse-receipts"]?["data"]?["role"]?.GetValue<string>() == "Owner")
                {
                    return host;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No host reported owning the exchange.");
    }

    private async Task AssertLedgerBalancedAsync(HostProcess host)
    {
        using var admin = await HostProcess.ClientForAsync(host.Port, "admin@smarttrade.demo");
        var ledger = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/receipts/exchange/ledger"))!;
        Assert.True(ledger["balanced"]!.GetValue<bool>(), $"Host {host.Port}: {ledger["problem"]}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bounded;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Bounded} for {what}.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<string> NextEventAsync(StreamReader reader, string type)
    {
        using var timeout = new CancellationTokenSource(Bounded);
        string? name = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (name == type)
                {
                    return string.Join("\n", data);
                }

                (name, data) = (null, []);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line["data: ".Length..]);
            }
        }

        throw new EndOfStreamException($"The stream ended before a '{type}' event.");
    }
}
