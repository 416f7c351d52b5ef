using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartTrade.Storefront.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;
using Xunit;

namespace SmartTrade.Storefront.E2E.Steps;

/// <summary>A kettle as a merchant lists it in the appliances market.</summary>
public sealed record Kettle(string TitleZh, string TitleEn, string Brand, long PriceMinor, long Stock);

/// <summary>
/// The merchant's side of the journeys: through the merchant pages in the browser (the main journey), or through the
/// HTTP API with the merchant's own credentials where a test only needs a listing or a shipment to exist.
/// </summary>
public static class MerchantSteps
{
    /// <summary>
    /// The merchant lists a kettle with a photo through the merchant pages: picks the appliances market, fills the
    /// form generated from its schema (category, unit, price in yuan, stock, brand, model, watts, millilitres, volts,
    /// CCC), attaches a PNG and publishes at once; the editor it lands on shows the listing active with its image.
    /// </summary>
    /// <returns>The listing's id.</returns>
    public static async Task<Guid> MerchantListsKettleInBrowserAsync(IPage page, Kettle kettle)
    {
        await page.GotoAsync("/merchant");
        await page.GetByRole(AriaRole.Link, new() { Name = "发布新商品" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "小家电市场" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "下一步：填写商品信息" }).ClickAsync();

        await page.GetByLabel("中文标题").FillAsync(kettle.TitleZh);
        await page.GetByLabel("英文标题（可选）").FillAsync(kettle.TitleEn);
        await page.GetByLabel("中文描述（可选）").FillAsync("304不锈钢内胆，沸腾自动断电，防干烧。");
        await page.Locator("#CategoryPath").SelectOptionAsync("kitchen/kettle");
        await page.Locator("#Price").FillAsync((kettle.PriceMinor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#Unit").SelectOptionAsync("piece");
        await page.Locator("#Stock").FillAsync(kettle.Stock.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#attr-brand").FillAsync(kettle.Brand);
        await page.Locator("#attr-model").FillAsync("E2E-17");
        await page.Locator("#attr-powerWatts").FillAsync("1800");
        await page.Locator("#attr-capacityMl").FillAsync("1700");
        await page.Locator("#attr-voltageV").FillAsync("220");
        await page.Locator("input[name='attr.certifications'][value='CCC']").CheckAsync();
        await page.Locator("#Image").SetInputFilesAsync(new FilePayload { Name = "kettle.png", MimeType = "image/png", Buffer = KettlePng.Create(480, 360) });
        await page.Locator("#Publish").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "发布商品" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/merchant/listings/[0-9a-f-]{36}/edit"));
        await Expect(page.Locator("#TitleZh")).ToHaveValueAsync(kettle.TitleZh);
        await Expect(page.Locator("img[src*='/media/listings/']").First).ToHaveJSPropertyAsync("naturalWidth", 480);
        var match = Regex.Match(page.Url, "/merchant/listings/([0-9a-f-]{36})/edit");
        return Guid.Parse(match.Groups[1].Value);
    }

    /// <summary>The merchant ships a paid order from its page in the merchant area, with a tracking number and carrier.</summary>
    public static async Task MerchantShipsInBrowserAsync(IPage page, Guid orderId, string trackingNumber, string carrier)
    {
        await page.GotoAsync($"/merchant/orders/{orderId}");
        await page.GetByLabel("物流单号").FillAsync(trackingNumber);
        await page.GetByLabel("物流公司（可选）").FillAsync(carrier);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认发货" }).ClickAsync();
        await Expect(page.GetByText(trackingNumber).First).ToBeVisibleAsync();
    }

    /// <summary>
    /// Through the API (for tests that only need a listing): the merchant lists a kettle with a photo: creates the listing in the appliances market (category
    /// kitchen/kettle, brand, model, 1800 W, 1.7 L, 220 V, CCC), uploads a PNG and publishes it.
    /// <c>POST /api/v1/listings</c>, <c>POST /api/v1/listings/{id}/images</c> (multipart field
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
    /// Through the API: the merchant ships a paid order with a tracking number and carrier,
    /// <c>POST /api/v1/orders/{id}/ship</c> <c>{"trackingNumber": ..., "carrier": ...}</c>.
    /// </summary>
    public static async Task MerchantShipsAsync(StorefrontFixture fixture, string merchantEmail, Guid orderId, string trackingNumber, string carrier)
    {
        using var merchant = await fixture.ApiClientAsync(merchantEmail);
        var shipped = await merchant.PostAsJsonAsync($"/api/v1/orders/{orderId}/ship", new { trackingNumber, carrier });
        Assert.True(shipped.StatusCode == HttpStatusCode.OK, $"Shipping: {shipped.StatusCode} {await shipped.Content.ReadAsStringAsync()}");
    }
}
