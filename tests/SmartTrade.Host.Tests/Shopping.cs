using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Identity;
using Xunit;

namespace SmartTrade.Host.Tests;

/// <summary>The steps of buying through the API that order and payment tests share.</summary>
internal static class Shopping
{
    public const string GoodCard = "4242 4242 4242 4242";
    public const string DeclinedCard = "4000 0000 0000 0002";

    /// <summary>A kettle listing in the appliances market, as a merchant sends it.</summary>
    public static object KettleBody(string title, long price, long stock) => new
    {
        marketId = "appliances",
        title = new Dictionary<string, string> { ["zh-CN"] = title },
        categoryPath = "kitchen/kettle",
        priceMinor = price,
        unit = "piece",
        stock,
        attributes = new Dictionary<string, object> { ["brand"] = "Yuyao Home", ["model"] = "YH-" + price, ["powerWatts"] = 1800 },
    };

    /// <summary>Creates and publishes a kettle listing; returns its id.</summary>
    public static async Task<Guid> ListKettleAsync(HttpClient merchant, string title, long price, long stock)
    {
        var created = await merchant.PostAsJsonAsync("/api/v1/listings", KettleBody(title, price, stock));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"{url}/publish", null)).StatusCode);
        return Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
    }

    public static async Task SetLineAsync(HttpClient buyer, Guid listing, long quantity)
        => Assert.Equal(HttpStatusCode.NoContent, (await buyer.PutAsJsonAsync($"/api/v1/cart/lines/{listing}", new { quantity })).StatusCode);

    /// <summary>Puts the listing in the cart and checks out; returns the one order.</summary>
    public static async Task<JsonNode> BuyAsync(HttpClient buyer, Guid listing, long quantity)
    {
        await SetLineAsync(buyer, listing, quantity);
        var checkout = await buyer.PostAsync("/api/v1/orders/checkout", null);
        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        return (await checkout.Content.ReadFromJsonAsync<JsonArray>())![0]!;
    }

    public static Task<HttpResponseMessage> PayAsync(HttpClient buyer, JsonNode order, string card)
        => buyer.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/pay", new { card = new { number = card, expMonth = 12, expYear = 2099, cvc = "123" } });

    /// <summary>Buys and pays with the Sandbox's good card; returns the order.</summary>
    public static async Task<JsonNode> BuyAndPayAsync(HttpClient buyer, Guid listing, long quantity)
    {
        var order = await BuyAsync(buyer, listing, quantity);
        Assert.Equal(HttpStatusCode.OK, (await PayAsync(buyer, order, GoodCard)).StatusCode);
        return order;
    }

    public static async Task<JsonObject> OrderAsync(HttpClient client, JsonNode order)
        => (await client.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order["id"]}"))!;

    public static async Task<string> StatusAsync(HttpClient client, JsonNode order)
        => (await OrderAsync(client, order))["status"]!.GetValue<string>();

    public static async Task<long> StockAsync(TestHost host, Guid listing)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ListingEntity>().Where(l => l.Id == listing).Select(l => l.Stock).SingleAsync();
    }

    /// <summary>Creates an account with one role; returns its e-mail for <see cref="TestHost.ClientForAsync"/>.</summary>
    public static async Task<string> CreateUserAsync(TestHost host, string email, string role)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        var user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        Assert.True((await users.CreateAsync(user, TestHost.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }
}
