using SmartTrade.Host.Storefront;
using SmartTrade.Sdk.Orders;
using Xunit;

namespace SmartTrade.Host.Tests;

/// <summary>The live order status behind the order page (Server-Sent Events).</summary>
public sealed class OrderStatusFeedTests
{
    private static readonly Guid Order = Guid.NewGuid();

    [Fact]
    public async Task An_event_published_after_watching_began_but_before_the_page_reads_the_feed_is_not_lost()
    {
        var feed = new OrderStatusFeed();
        using var watcher = feed.Watch(Order);

        // The order is read as Paid, and shipped before the page's stream starts.
        feed.Publish(Shipped(Order));
        var statuses = await ReadAsync(watcher.ReadAsync(OrderStatus.Paid, CancellationToken.None), 2);

        Assert.Equal(["Paid", "Shipped"], statuses);
    }

    private static OrderShipped Shipped(Guid order) => new()
    {
        OrderId = order,
        OrderNumber = "SO1",
        MarketId = "appliances",
        MerchantId = "m",
        BuyerId = "b",
        OccurredAt = DateTimeOffset.UnixEpoch,
        TrackingNumber = "SF1",
    };

    private static async Task<List<string>> ReadAsync(IAsyncEnumerable<System.Net.ServerSentEvents.SseItem<string>> items, int count)
    {
        var read = new List<string>();
        await foreach (var item in items)
        {
            read.Add(item.Data);
            if (read.Count == count)
            {
                break;
            }
        }

        return read;
    }
}
