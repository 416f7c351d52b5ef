using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmartTrade.Sdk.Security;
using Xunit;
using static SmartTrade.Host.Tests.Agri.AgriSteps;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests.Agri;

/// <summary>Bad batch and pre-sale requests get a problem typed /problems/agri/{code} and change nothing.</summary>
public sealed class BatchInputTests(AgriMarketHost shared) : IClassFixture<AgriMarketHost>
{
    public static TheoryData<string, string, int, string> BadBatches => new()
    {
        { "unknown field", """{"listingId":"{L}","farm":"f","harvestDate":"2026-11-24","quantity":10,"unit":"kg","colour":"red"}""", 400, "unknown-attribute" },
        { "unknown inspection", """{"listingId":"{L}","farm":"f","harvestDate":"2026-11-24","quantity":10,"unit":"kg","inspections":[{"item":"radiation","result":"0","passed":true}]}""", 400, "unknown-attribute" },
        { "wrong unit", """{"listingId":"{L}","farm":"f","harvestDate":"2026-11-24","quantity":10,"unit":"jin"}""", 400, "wrong-unit" },
        { "zero quantity", """{"listingId":"{L}","farm":"f","harvestDate":"2026-11-24","quantity":0,"unit":"kg"}""", 400, "invalid-quantity" },
        { "negative quantity", """{"listingId":"{L}","farm":"f","harvestDate":"2026-11-24","quantity":-5,"unit":"kg"}""", 400, "invalid-quantity" },
        { "less than a box", """{"listingId":"{L}","farm":"f","harvestDate":"2026-11-24","quantity":2,"unit":"kg"}""", 422, "quantity-too-small" },
        { "harvest tomorrow", """{"listingId":"{L}","farm":"f","harvestDate":"2026-11-25","quantity":10,"unit":"kg"}""", 422, "harvest-date-in-future" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task A_bad_batch_is_refused_with_its_code_and_adds_nothing(string why, string body, int status, string code)
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var listing = await ListProduceAsync(merchant, "丈亭杨梅 2.5kg", 16_800);

        var response = await merchant.PostAsync("/api/v1/agri/batches", new StringContent(body.Replace("{L}", listing.ToString()), System.Text.Encoding.UTF8, "application/json"));
        var mine = await merchant.GetFromJsonAsync<JsonArray>("/api/v1/agri/batches");

        Assert.True(status == (int)response.StatusCode, why);
        Assert.Equal($"/problems/agri/{code}", await ProblemTypeAsync(response));
        Assert.Empty(mine!);
        Assert.Equal(0, await StockAsync(host, listing));
    }

    [Fact]
    public async Task Someone_elses_listing_or_pre_sale_is_forbidden_and_untouched()
    {
        var host = shared.Host;
        var owner = await shared.NewAccountAsync(Roles.Merchant);
        var other = await shared.NewAccountAsync(Roles.Merchant);
        var listing = await ListProduceAsync(owner, "丈亭杨梅 2.5kg", 16_800);
        var traceCode = await OpenJunePreSaleAsync(owner, listing, forecastKg: 25);

        var batch = await other.PostAsJsonAsync("/api/v1/agri/batches", Batch(listing, 50));
        var harvest = await other.PostAsJsonAsync($"/api/v1/agri/presales/{traceCode}/harvest", new { harvestDate = "2026-11-24", quantity = 20, unit = "kg" });
        var trace = await host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/agri/trace/{traceCode}");

        Assert.Equal(HttpStatusCode.Forbidden, batch.StatusCode);
        Assert.Equal("/problems/agri/not-your-listing", await ProblemTypeAsync(batch));
        Assert.Equal(HttpStatusCode.Forbidden, harvest.StatusCode);
        Assert.Equal("/problems/agri/not-your-batch", await ProblemTypeAsync(harvest));
        Assert.Equal("Planned", trace!["status"]!.GetValue<string>());
        Assert.Equal(10, await StockAsync(host, listing));
    }

    [Fact]
    public async Task A_pre_sale_whose_windows_are_out_of_order_is_refused()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var listing = await ListProduceAsync(merchant, "丈亭杨梅 2.5kg", 16_800);

        var response = await merchant.PostAsJsonAsync("/api/v1/agri/presales", new
        {
            listingId = listing, farm = "f", forecastQuantity = 25, unit = "kg",
            saleOpens = "2026-11-24", saleCloses = "2027-06-15", deliveryFrom = "2027-06-30", deliveryTo = "2027-06-10",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/problems/agri/invalid-window", await ProblemTypeAsync(response));
        Assert.Equal(0, await StockAsync(host, listing));
    }
}

/// <summary>The agricultural market on a clock stopped at <see cref="AgriSteps.November"/>, shared by tests that do not move it.</summary>
public sealed class AgriMarketHost() : SharedHost(folders => folders.AddPlugin("SmartTrade.Plugins.AgriMarket"), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(November));
