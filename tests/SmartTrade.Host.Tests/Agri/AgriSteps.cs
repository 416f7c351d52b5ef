using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Outbox;
using Xunit;

namespace SmartTrade.Host.Tests.Agri;

/// <summary>The farm-produce steps the agri tests share: listing produce, recording batches and pre-sales.</summary>
internal static class AgriSteps
{
    /// <summary>Tuesday 10:00 in Yuyao, in the off-season between two bayberry seasons.</summary>
    public static readonly DateTimeOffset November = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => new(2026, 11, 24);

    /// <summary>Lists and publishes produce in the agri market (boxes of <paramref name="gramsPerBox"/>); returns its id.</summary>
    public static async Task<Guid> ListProduceAsync(HttpClient merchant, string title, long priceFen, int gramsPerBox = 2_500, int shelfLifeDays = 3, string storage = "chilled", string producer = "余姚市丈亭杨梅专业合作社", string seasonMonth = "6")
    {
        var created = await merchant.PostAsJsonAsync("/api/v1/listings", new
        {
            marketId = "agri",
            title = new Dictionary<string, string> { ["zh-CN"] = title },
            categoryPath = "fruit/bayberry",
            priceMinor = priceFen,
            unit = "box",
            stock = 0,
            attributes = new Dictionary<string, object>
            {
                ["product"] = "bayberry",
                ["originTown"] = "zhangting",
                ["originVillage"] = "汇头村",
                ["producer"] = producer,
                ["certifications"] = new[] { "geographical-indication" },
                ["netWeightGrams"] = gramsPerBox,
                ["shelfLifeDays"] = shelfLifeDays,
                ["storage"] = storage,
                ["seasonMonths"] = new[] { seasonMonth },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"{url}/publish", null)).StatusCode);
        return Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
    }

    /// <summary>A pre-sale of June bayberries: sale open from today to 15 June, deliveries 10 to 30 June 2027.</summary>
    public static object JunePreSale(Guid listing, long forecastKg) => new
    {
        listingId = listing,
        farm = "汇头村杨梅山 3 号地块",
        forecastQuantity = forecastKg,
        unit = "kg",
        saleOpens = Today.ToString("yyyy-MM-dd"),
        saleCloses = "2027-06-15",
        deliveryFrom = "2027-06-10",
        deliveryTo = "2027-06-30",
    };

    /// <summary>Opens the June pre-sale; returns its trace code.</summary>
    public static async Task<string> OpenJunePreSaleAsync(HttpClient merchant, Guid listing, long forecastKg)
    {
        var response = await merchant.PostAsJsonAsync("/api/v1/agri/presales", JunePreSale(listing, forecastKg));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["traceCode"]!.GetValue<string>();
    }

    /// <summary>A harvested batch recorded today with a pesticide-residue result.</summary>
    public static object Batch(Guid listing, long kg, string harvestDate = "2026-11-24") => new
    {
        listingId = listing,
        farm = "汇头村杨梅山 3 号地块",
        harvestDate,
        quantity = kg,
        unit = "kg",
        inspections = new[] { new { item = "pesticide-residue", result = "未检出", passed = true, agency = "余姚市农产品质量安全检测中心" } },
    };

    /// <summary>Records a batch; returns its trace code.</summary>
    public static async Task<string> RecordBatchAsync(HttpClient merchant, Guid listing, long kg)
    {
        var response = await merchant.PostAsJsonAsync("/api/v1/agri/batches", Batch(listing, kg));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["traceCode"]!.GetValue<string>();
    }

    /// <summary>Puts a line with a delivery date in the cart.</summary>
    public static Task<HttpResponseMessage> PutLineAsync(HttpClient buyer, Guid listing, long quantity, string? deliveryDate)
        => buyer.PutAsJsonAsync($"/api/v1/cart/lines/{listing}", deliveryDate is null
            ? new { quantity, choices = new Dictionary<string, object>() }
            : (object)new { quantity, choices = new Dictionary<string, object> { ["deliveryDate"] = deliveryDate } });

    /// <summary>Lets the outbox deliver OrderPlaced and the other events to the plugin.</summary>
    public static Task DrainAsync(TestHost host) => host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);

    public static async Task<string> ProblemTypeAsync(HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>();
}
