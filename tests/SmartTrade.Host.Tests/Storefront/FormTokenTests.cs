using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using Xunit;

namespace SmartTrade.Host.Tests.Storefront;

/// <summary>Every storefront form post needs its antiforgery token; without one nothing changes.</summary>
public sealed class FormTokenTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public FormTokenTests() => _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_button_only_post_without_a_token_is_refused_with_a_page_and_the_order_stays_as_it_was()
    {
        await using var host = new TestHost(_folders);
        var listing = await Shopping.ListKettleAsync(await host.ClientForAsync("merchant@smarttrade.demo"), "电水壶", 12_900, 5);
        var buyerApi = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await Shopping.BuyAsync(buyerApi, listing, 1);
        using var buyer = new Browser(host);
        await buyer.SignInAsync("buyer@smarttrade.demo");

        var cancel = await buyer.PostAsync($"/orders/{order["id"]}/cancel", []);
        var confirm = await buyer.PostAsync($"/orders/{order["id"]}/confirm-receipt", []);
        var checkout = await buyer.PostAsync("/checkout", []);

        Assert.Equal(HttpStatusCode.BadRequest, cancel.Status);
        Assert.Equal("text/html", cancel.MediaType);
        Assert.Equal("表单已过期", cancel.Heading);
        Assert.NotNull(cancel.Document.QuerySelector("header.site-header"));
        Assert.Equal(HttpStatusCode.BadRequest, confirm.Status);
        Assert.Equal(HttpStatusCode.BadRequest, checkout.Status);
        Assert.Equal("PendingPayment", await Shopping.StatusAsync(buyerApi, order));
    }

    [Fact]
    public async Task The_same_button_with_the_pages_token_works()
    {
        await using var host = new TestHost(_folders);
        var listing = await Shopping.ListKettleAsync(await host.ClientForAsync("merchant@smarttrade.demo"), "电水壶", 12_900, 5);
        var buyerApi = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await Shopping.BuyAsync(buyerApi, listing, 1);
        using var buyer = new Browser(host);
        await buyer.SignInAsync("buyer@smarttrade.demo");
        var page = await buyer.OpenAsync($"/orders/{order["id"]}");

        var cancelled = await page.SubmitAsync(buyer, $"/orders/{order["id"]}/cancel");

        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("Cancelled", await Shopping.StatusAsync(buyerApi, order));
    }

    [Fact]
    public async Task A_form_post_without_a_token_is_refused_and_creates_nothing()
    {
        await using var host = new TestHost(_folders);
        var listing = await Shopping.ListKettleAsync(await host.ClientForAsync("merchant@smarttrade.demo"), "电水壶", 12_900, 5);
        using var merchant = new Browser(host);
        using var buyer = new Browser(host);
        await merchant.SignInAsync("merchant@smarttrade.demo");
        await buyer.SignInAsync("buyer@smarttrade.demo");

        var created = await merchant.PostAsync("/merchant/listings/new", [new("MarketId", "appliances"), new("TitleZh", "伪造"), new("Price", "1"), new("Stock", "1")]);
        var addedToCart = await buyer.PostAsync("/cart/lines", [new("listingId", listing.ToString()), new("quantity", "1")]);
        var cart = await buyer.OpenAsync("/cart");
        var loggedOut = await merchant.PostAsync("/account/logout", []);
        var stillIn = await merchant.OpenAsync("/merchant");

        Assert.Equal((HttpStatusCode.BadRequest, "表单已过期"), (created.Status, created.Heading));
        Assert.Equal((HttpStatusCode.BadRequest, "text/html"), (addedToCart.Status, addedToCart.MediaType));
        Assert.Equal(HttpStatusCode.BadRequest, loggedOut.Status);
        Assert.Equal(HttpStatusCode.OK, stillIn.Status);
        Assert.Contains("购物车是空的。", cart.MainText);
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Equal([listing], await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ListingEntity>().Select(l => l.Id).ToListAsync());
    }

    [Fact]
    public async Task A_client_asking_for_json_gets_problem_details_for_a_missing_token()
    {
        await using var host = new TestHost(_folders);
        using var merchant = new Browser(host);
        await merchant.SignInAsync("merchant@smarttrade.demo");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/merchant/listings/new") { Content = new FormUrlEncodedContent([new("MarketId", "appliances")]) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await merchant.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal("/problems/bad-request", JsonNode.Parse(response.Html)!["type"]!.GetValue<string>());
    }
}
