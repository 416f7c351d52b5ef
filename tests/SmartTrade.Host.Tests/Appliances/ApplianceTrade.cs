using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SmartTrade.Host.Tests.Appliances;

/// <summary>The steps of trading appliances through <c>/api/v1/appliances</c> that the appliance tests share.</summary>
internal static class ApplianceTrade
{
    public const string Merchant = "merchant@smarttrade.demo";
    public const string Buyer = "buyer@smarttrade.demo";

    /// <summary>Lists and publishes an appliance with extra attributes (such as a minimum order quantity); returns its id.</summary>
    public static async Task<Guid> ListAsync(HttpClient merchant, string title, long price, long stock, string category = "kitchen/kettle", Dictionary<string, object>? attributes = null)
    {
        var all = new Dictionary<string, object> { ["brand"] = "Yuyao Home", ["model"] = "YH-" + price, ["powerWatts"] = 1800 };
        foreach (var (key, value) in attributes ?? [])
        {
            all[key] = value;
        }

        var created = await merchant.PostAsJsonAsync("/api/v1/listings", new
        {
            marketId = "appliances",
            title = new Dictionary<string, string> { ["zh-CN"] = title, ["en"] = title + " (en)" },
            categoryPath = category,
            priceMinor = price,
            unit = "piece",
            stock,
            attributes = all,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"{url}/publish", null)).StatusCode);
        return Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
    }

    public static Task<HttpResponseMessage> PutTiersAsync(HttpClient merchant, Guid listing, params (long Min, long Price)[] tiers)
        => merchant.PutAsJsonAsync($"/api/v1/appliances/listings/{listing}/tiers", new { unit = "piece", tiers = tiers.Select(t => new { minQuantity = t.Min, unitPriceMinor = t.Price }) });

    public static async Task<JsonArray> TiersAsync(HttpClient client, Guid listing)
        => (await client.GetFromJsonAsync<JsonObject>($"/api/v1/appliances/listings/{listing}"))!["schedule"]!["tiers"]!.AsArray();

    public static Task<HttpResponseMessage> RequestAsync(HttpClient buyer, Guid listing, long quantity, string deliveryDate, string unit = "piece")
        => buyer.PostAsJsonAsync("/api/v1/appliances/quote-requests", new { listingId = listing, quantity, unit, deliveryDate, company = "宁波海曙惠民家电批发部", note = "门店备货" });

    /// <summary>Asks for a quote and returns the new request's id.</summary>
    public static async Task<Guid> RequestIdAsync(HttpClient buyer, Guid listing, long quantity, string deliveryDate)
    {
        var response = await RequestAsync(buyer, listing, quantity, deliveryDate);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    public static Task<HttpResponseMessage> QuoteAsync(HttpClient merchant, Guid request, long unitPriceMinor, string validUntil)
        => merchant.PostAsJsonAsync($"/api/v1/appliances/quote-requests/{request}/quote", new { unitPriceMinor, validUntil, note = "含税含运费" });

    public static Task<HttpResponseMessage> AcceptAsync(HttpClient buyer, Guid request)
        => buyer.PostAsync($"/api/v1/appliances/quote-requests/{request}/accept", null);

    public static async Task<JsonObject> ReadAsync(HttpClient client, Guid request)
        => (await client.GetFromJsonAsync<JsonObject>($"/api/v1/appliances/quote-requests/{request}"))!;

    /// <summary>The problem type of a refused response, after checking its status.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>();
    }
}
