using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SmartTrade.Storefront.E2E.Infrastructure;
using Xunit;

namespace SmartTrade.Storefront.E2E.Steps;

/// <summary>A kettle as a merchant lists it in the appliances market.</summary>
public sealed record Kettle(string TitleZh, string TitleEn, string Brand, long PriceMinor, long Stock);

/// <summary>
/// The merchant's side of the journeys. Until the merchant pages land these two steps go through the HTTP API with
/// the merchant's own credentials (a bearer token for the account the merchant registered in the browser); each is
/// one method so it can be switched to the merchant pages without touching the tests.
/// </summary>
public static class MerchantSteps
{
    /// <summary>
    /// The merchant lists a kettle with a photo: creates the listing in the appliances market (category
    /// kitchen/kettle, brand, model, 1800 W, 1.7 L, 220 V, CCC), uploads a PNG and publishes it.
    /// API for now: <c>POST /api/v1/listings</c>, <c>POST /api/v1/listings/{id}/images</c> (multipart field
    /// <c>image</c>), <c>POST /api/v1/listings/{id}/publish</c>.
    /// </summary>
    /// <returns>The listing's id.</returns>
    public static async Task<Guid> MerchantListsKettleAsync(StorefrontFixture fixture, string merchantEmail, Kettle kettle)
    {
        using var merchant = await fixture.ApiClientAsync(merchantEmail);
        var created = await merchant.PostAsJsonAsync("/api/v1/listings", new
        {
            marketId = "appliances",
            title = new Dictionary<string, string> { ["zh-CN"] = kettle.TitleZh, ["en"] = kettle.TitleEn },
            description = new Dictionary<string, string>
            {
                ["zh-CN"] = "304不锈钢内胆，沸腾自动断电，防干烧。",
                ["en"] = "304 stainless steel inside, switches off when it boils, boil-dry protection.",
            },
            categoryPath = "kitchen/kettle",
            priceMinor = kettle.PriceMinor,
            unit = "piece",
            stock = kettle.Stock,
            attributes = new Dictionary<string, object>
            {
                ["brand"] = kettle.Brand,
                ["model"] = "E2E-17",
                ["powerWatts"] = 1800,
                ["capacityMl"] = 1700,
                ["voltageV"] = 220,
                ["certifications"] = new[] { "CCC" },
            },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Creating the listing: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var url = created.Headers.Location!.ToString();

        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(KettlePng.Create(480, 360));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "image", "kettle.png");
        var uploaded = await merchant.PostAsync($"{url}/images", form);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, $"Uploading the image: {uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");

        var published = await merchant.PostAsync($"{url}/publish", null);
        Assert.True(published.StatusCode == HttpStatusCode.OK, $"Publishing: {published.StatusCode} {await published.Content.ReadAsStringAsync()}");
        return Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
    }

    /// <summary>
    /// The merchant ships a paid order with a tracking number and carrier.
    /// API for now: <c>POST /api/v1/orders/{id}/ship</c> <c>{"trackingNumber": ..., "carrier": ...}</c>.
    /// </summary>
    public static async Task MerchantShipsAsync(StorefrontFixture fixture, string merchantEmail, Guid orderId, string trackingNumber, string carrier)
    {
        using var merchant = await fixture.ApiClientAsync(merchantEmail);
        var shipped = await merchant.PostAsJsonAsync($"/api/v1/orders/{orderId}/ship", new { trackingNumber, carrier });
        Assert.True(shipped.StatusCode == HttpStatusCode.OK, $"Shipping: {shipped.StatusCode} {await shipped.Content.ReadAsStringAsync()}");
    }
}
