using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Sdk.Trading;
using Xunit;

namespace SmartTrade.Host.Tests.PriceIndex;

/// <summary>
/// A host with the receipt and price-index plugins on a fake clock that starts on the index's base date
/// (2026-03-02, a Monday, 08:00 in Shanghai); one trade and one kilogram are enough for a VWAP, so every trade shows.
/// </summary>
internal static class PriceIndexHost
{
    public static readonly DateOnly BaseDate = new(2026, 3, 2);

    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static TestHost Create(TestFolders folders, FakeTimeProvider? time, IDictionary<string, string?>? settings = null)
    {
        folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        folders.AddPlugin("SmartTrade.Plugins.PriceIndex");
        var all = new Dictionary<string, string?>
        {
            ["SmartTrade:Plugins:price-index:Methodology:BaseDate"] = "2026-03-02",
            ["SmartTrade:Plugins:price-index:Methodology:MinTrades"] = "1",
            ["SmartTrade:Plugins:price-index:Methodology:MinQuantityKg"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return new TestHost(folders, settings: all, time: time);
    }

    public static FakeTimeProvider Clock() => new(At(BaseDate, 8, 0));

    public static DateTimeOffset At(DateOnly date, int hour, int minute) => new(date.ToDateTime(new TimeOnly(hour, minute)), Shanghai);

    /// <summary>Publishes a receipt-market trade as the exchange does, through the host's mediator.</summary>
    public static async Task TradeAsync(TestHost host, string id, string grade, long priceMinor, long kg, DateTimeOffset executedAt)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new TradeExecuted
        {
            TradeId = id,
            MarketId = "plastics-receipts",
            InstrumentCode = grade,
            Commodity = grade.Split('-')[0],
            Sequence = 1,
            PriceMinor = priceMinor,
            Currency = "CNY",
            PriceUnit = "t",
            Quantity = kg,
            QuantityUnit = "kg",
            ValueMinor = priceMinor * kg / 1000,
            ExecutedAt = executedAt,
        });
    }
}

/// <summary>Reads the index's live feed (Server-Sent Events) as a browser's EventSource would.</summary>
internal sealed class LiveFeed : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private LiveFeed(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream);
    }

    /// <summary>Opens the feed and waits until it is listening.</summary>
    public static async Task<LiveFeed> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/index/stream", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var feed = new LiveFeed(response, await response.Content.ReadAsStreamAsync());
        Assert.Equal("ready", (await feed.NextAsync()).Event);
        return feed;
    }

    /// <summary>The next event; fails after a minute without one.</summary>
    public async Task<(string Event, string Data)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string name = "message", data = string.Empty;
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The feed ended.");
            if (line.Length == 0 && data.Length > 0)
            {
                return (name, data);
            }
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data += line["data:".Length..].Trim();
            }
        }
    }

    /// <summary>Reads values until one of <paramref name="code"/> arrives, and returns it.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> ValueOfAsync(string code)
    {
        while (true)
        {
            var (name, data) = await NextAsync();
            var value = System.Text.Json.Nodes.JsonNode.Parse(data)!.AsObject();
            if (name == "value" && value["code"]!.GetValue<string>() == code)
            {
                return value;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
