using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Host.Tests.Storefront;
using SmartTrade.Platform.Outbox;
using Xunit;
using static SmartTrade.Host.Tests.Appliances.ApplianceTrade;

namespace SmartTrade.Host.Tests.Appliances;

/// <summary>
/// The appliance market's pages driven as a browser would: the landing page and browsing with counts, the product page
/// with its specifications and tiers, a quote asked, answered and accepted through the forms, and tiers managed by the
/// merchant.
/// </summary>
public sealed class ApplianceStorefrontTests : IDisposable
{
    private readonly TestFolders _folders = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));

    public ApplianceStorefrontTests() => _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");

    public void Dispose() => _folders.Dispose();

    private async Task<(TestHost Host, Guid Kettle)> KettleAsync()
    {
        var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync(Merchant);
        var kettle = await ListAsync(merchant, "瑞丰双层防烫电水壶", 12_900, 5_000, attributes: new() { ["capacityMl"] = 1700, ["certifications"] = new[] { "CCC", "CE" }, ["warrantyMonths"] = 18 });
        await PutTiersAsync(merchant, kettle, (50, 11_900), (500, 9_900));
        await host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);
        return (host, kettle);
    }

    private static string Text(IElement? element) => element?.TextContent.Trim() ?? string.Empty;

    [Fact]
    public async Task The_landing_page_counts_categories_and_browsing_shows_facets_with_counts()
    {
        var (host, _) = await KettleAsync();
        await using var _ = host;
        using var visitor = new Browser(host);

        var home = await visitor.OpenAsync("/appliances");
        var browse = await visitor.OpenAsync("/appliances/browse?category=kitchen/kettle");

        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("/appliances", home.Menu("main-nav"));
        Assert.Contains("/appliances/browse?category=kitchen%2Fkettle", home.Links);
        Assert.Equal(HttpStatusCode.OK, browse.Status);
        Assert.Equal("电水壶", browse.Heading);
        Assert.Equal("1", browse.Document.QuerySelector("[data-facet='brand'] [data-count]")!.GetAttribute("data-count"));
        Assert.Equal("1", browse.Document.QuerySelector("[data-facet='certification'] a[data-key='CE'] [data-count]")!.GetAttribute("data-count"));
        Assert.Contains("瑞丰双层防烫电水壶", browse.MainText);
    }

    [Fact]
    public async Task The_product_page_shows_specifications_and_the_tier_table_in_both_languages()
    {
        var (host, kettle) = await KettleAsync();
        await using var _ = host;
        using var visitor = new Browser(host);

        var zh = await visitor.OpenAsync($"/appliances/products/{kettle}");
        await visitor.UseEnglishAsync();
        var en = await visitor.OpenAsync($"/appliances/products/{kettle}");

        var tierRows = zh.Document.QuerySelectorAll("table.tiers tbody tr").Select(r => Text(r)).ToList();
        Assert.Equal(3, tierRows.Count);
        Assert.Contains("1–49 件", tierRows[0]);
        Assert.Contains("¥129.00", tierRows[0]);
        Assert.Contains("50–499 件", tierRows[1]);
        Assert.Contains("¥119.00", tierRows[1]);
        Assert.Contains("500 件及以上", tierRows[2]);
        Assert.Contains("¥99.00", tierRows[2]);
        Assert.Contains("1,700 mL", Text(zh.Document.QuerySelector("[data-attribute='capacityMl']")));
        Assert.Contains("18 个月", Text(zh.Document.QuerySelector("[data-attribute='warrantyMonths']")));
        Assert.Contains("Wholesale prices", en.MainText);
        Assert.Contains("500+", Text(en.Document.QuerySelectorAll("table.tiers tbody tr")[2]));
        Assert.Contains("Sign in as a buyer", en.MainText);
    }

    [Fact]
    public async Task A_quote_is_asked_answered_and_accepted_through_the_pages_and_the_order_waits_for_payment()
    {
        var (host, kettle) = await KettleAsync();
        await using var _ = host;
        using var buyer = new Browser(host);
        using var merchant = new Browser(host);
        await buyer.SignInAsync(Buyer);
        await merchant.SignInAsync(Merchant);

        var product = await buyer.OpenAsync($"/appliances/products/{kettle}");
        var sent = await product.SubmitAsync(buyer, $"/appliances/products/{kettle}/quote-requests", new Dictionary<string, string>
        {
            ["quantity"] = "500", ["deliveryDate"] = "2026-12-20", ["company"] = "宁波海曙惠民家电批发部", ["note"] = "开业备货",
        });
        var inbox = await merchant.OpenAsync("/appliances/merchant/quotes");
        var requestId = inbox.Document.QuerySelector("[data-request]")!.GetAttribute("data-request")!;
        var quoted = await inbox.SubmitAsync(merchant, $"/appliances/merchant/quotes/{requestId}/quote", new Dictionary<string, string>
        {
            ["unitPrice"] = "92.50", ["validUntil"] = "2026-12-05", ["note"] = "含税含运费",
        });
        var mine = await buyer.OpenAsync("/appliances/quotes");
        var order = await mine.SubmitAsync(buyer, $"/appliances/quotes/{requestId}/accept");

        Assert.Equal("/appliances/quotes?sent=1", sent.Url);
        Assert.Contains("宁波海曙惠民家电批发部", inbox.MainText);
        Assert.NotNull(inbox.Document.QuerySelector("[data-unread='1']"));
        Assert.Equal("/appliances/merchant/quotes?done=quoted", quoted.Url);
        Assert.Equal("Quoted", mine.Document.QuerySelector($"[data-request='{requestId}'] [data-state]")!.GetAttribute("data-state"));
        Assert.Equal("9250", mine.Document.QuerySelector($"[data-request='{requestId}'] [data-unit-price]")!.GetAttribute("data-unit-price"));
        Assert.Contains("92.50", Text(mine.Document.QuerySelector(".notifications")));
        Assert.StartsWith("/orders/", order.Url);
        Assert.Equal(HttpStatusCode.OK, order.Status);
        Assert.Contains("¥46,250.00", order.MainText);
    }

    [Fact]
    public async Task A_delivery_date_inside_the_lead_time_shows_the_error_on_the_form_and_sends_nothing()
    {
        var (host, kettle) = await KettleAsync();
        await using var _ = host;
        using var buyer = new Browser(host);
        await buyer.SignInAsync(Buyer);

        var product = await buyer.OpenAsync($"/appliances/products/{kettle}");
        var refused = await product.SubmitAsync(buyer, $"/appliances/products/{kettle}/quote-requests", new Dictionary<string, string>
        {
            ["quantity"] = "500", ["deliveryDate"] = "2026-11-28", ["company"] = "惠民家电",
        });
        var zero = await product.SubmitAsync(buyer, $"/appliances/products/{kettle}/quote-requests", new Dictionary<string, string>
        {
            ["quantity"] = "0", ["deliveryDate"] = "2026-12-20", ["company"] = "惠民家电",
        });
        var api = await host.ClientForAsync(Buyer);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("交货日期不在可选范围内", refused.MainText);
        Assert.Equal("500", refused.ValueOf("rfq-quantity"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, zero.Status);
        Assert.Contains("数量须为", zero.MainText);
        Assert.Empty((await api.GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests"))!);
    }

    [Fact]
    public async Task A_merchant_sets_tiers_on_the_tier_page_and_a_rising_price_is_shown_as_an_error()
    {
        var (host, kettle) = await KettleAsync();
        await using var _ = host;
        using var merchant = new Browser(host);
        await merchant.SignInAsync(Merchant);

        var list = await merchant.OpenAsync("/appliances/merchant/tiers");
        var editor = await merchant.OpenAsync($"/appliances/merchant/tiers/{kettle}");
        var saved = await editor.SubmitAsync(merchant, $"/appliances/merchant/tiers/{kettle}", new Dictionary<string, string[]>
        {
            ["minQuantity"] = ["20", "200", "", "", "", "", "", ""],
            ["unitPrice"] = ["120", "105.50", "", "", "", "", "", ""],
        });
        var rising = await saved.SubmitAsync(merchant, $"/appliances/merchant/tiers/{kettle}", new Dictionary<string, string[]>
        {
            ["minQuantity"] = ["20", "200"],
            ["unitPrice"] = ["100", "110"],
        });
        var tiers = await TiersAsync(host.CreateClient(), kettle);

        Assert.Contains($"/appliances/merchant/tiers/{kettle}", list.Links);
        Assert.Equal("50", editor.Document.QuerySelector("input[name='minQuantity']")!.GetAttribute("value"));
        Assert.Equal($"/appliances/merchant/tiers/{kettle}?saved=1", saved.Url);
        Assert.Equal(HttpStatusCode.BadRequest, rising.Status);
        Assert.Contains("阶梯设置有误", rising.MainText);
        Assert.Equal([(20L, 12_000L), (200L, 10_550L)], tiers.Select(t => (t!["minQuantity"]!.GetValue<long>(), t["unitPriceMinor"]!.GetValue<long>())));
    }

    [Fact]
    public async Task Another_merchant_cannot_open_the_tier_page_of_a_listing_not_theirs()
    {
        var (host, kettle) = await KettleAsync();
        await using var _ = host;
        var other = await Shopping.CreateUserAsync(host, "rival@appliances.test", SmartTrade.Sdk.Security.Roles.Merchant);
        using var rival = new Browser(host);
        await rival.SignInAsync(other);

        var page = await rival.OpenAsync($"/appliances/merchant/tiers/{kettle}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}
