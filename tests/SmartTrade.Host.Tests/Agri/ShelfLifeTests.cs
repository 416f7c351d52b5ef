using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Sdk.Catalog;
using Xunit;
using static SmartTrade.Host.Tests.Agri.AgriSteps;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests.Agri;

/// <summary>Perishables: the host's clock withdraws a listing whose batches are past their shelf life.</summary>
public sealed class ShelfLifeTests : IDisposable
{
    private readonly TestFolders _folders = new();
    private readonly FakeTimeProvider _time = new(November);

    public ShelfLifeTests() => _folders.AddPlugin("SmartTrade.Plugins.AgriMarket");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task At_shelf_life_expiry_the_clock_withdraws_the_listing_and_it_cannot_be_bought()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "河姆渡茭白 2.5kg", 3_600, shelfLifeDays: 3);
        await RecordBatchAsync(merchant, listing, kg: 50); // 20 boxes, past shelf life from 27 November

        _time.Advance(TimeSpan.FromDays(2));
        var beforeExpiry = await StatusOfAsync(host, listing);
        _time.Advance(TimeSpan.FromDays(1));
        var afterExpiry = await StatusOfAsync(host, listing);
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo"); // signed in now: tokens follow the clock
        var addToCart = await PutLineAsync(buyer, listing, 1, null);

        Assert.Equal(ListingStatus.Active, beforeExpiry);
        Assert.Equal(ListingStatus.Suspended, afterExpiry);
        Assert.Equal(0, await StockAsync(host, listing));
        Assert.Equal(HttpStatusCode.NotFound, addToCart.StatusCode);
    }

    [Fact]
    public async Task A_fresh_batch_keeps_the_listing_on_sale_when_an_older_one_expires()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "河姆渡茭白 2.5kg", 3_600, shelfLifeDays: 3);
        await RecordBatchAsync(merchant, listing, kg: 50); // 20 boxes
        _time.Advance(TimeSpan.FromDays(2));
        merchant = await host.ClientForAsync("merchant@smarttrade.demo"); // signed in again: tokens follow the clock
        Assert.Equal(HttpStatusCode.Created, (await merchant.PostAsJsonAsync("/api/v1/agri/batches", Batch(listing, 25, "2026-11-26"))).StatusCode); // 10 boxes

        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(ListingStatus.Active, await StatusOfAsync(host, listing));
        Assert.Equal(10, await StockAsync(host, listing));
    }

    [Fact]
    public async Task A_batch_past_its_shelf_life_already_is_refused_and_adds_no_stock()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "河姆渡茭白 2.5kg", 3_600, shelfLifeDays: 3);

        var response = await merchant.PostAsJsonAsync("/api/v1/agri/batches", Batch(listing, 50, "2026-11-20"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("/problems/agri/past-shelf-life", await ProblemTypeAsync(response));
        Assert.Equal(0, await StockAsync(host, listing));
    }

    private static async Task<ListingStatus> StatusOfAsync(TestHost host, Guid listing)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ListingEntity>().Where(l => l.Id == listing).Select(l => l.Status).SingleAsync();
    }
}
