using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Host.Tests.Storefront;
using SmartTrade.Platform.Hosting;
using Xunit;
using static SmartTrade.Host.Tests.PriceIndex.PriceIndexHost;

namespace SmartTrade.Host.Tests.PriceIndex;

/// <summary>The index's storefront pages read as a browser would: chart, table, corrections, methodology, the quote form.</summary>
public sealed class PriceIndexPageTests : IDisposable
{
    private const string Merchant = "merchant@smarttrade.demo";
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task The_index_page_charts_the_composite_and_sub_indices_and_tables_each_window()
    {
        var time = Clock();
        await using var host = Create(_folders, time);
        await using (var feed = await LiveFeed.OpenAsync(host.CreateClient()))
        {
            await TradeAsync(host, "PP-T30S-000001", "PP-T30S", 800_000, 10_000, At(BaseDate, 14, 0));
            await TradeAsync(host, "PVC-SG-5-000001", "PVC-SG-5", 500_000, 10_000, At(BaseDate, 14, 5));
            time.SetUtcNow(At(BaseDate, 15, 0));
            await feed.ValueOfAsync("ZSPI");
            await TradeAsync(host, "PP-T30S-000002", "PP-T30S", 820_000, 10_000, At(BaseDate.AddDays(1), 9, 30));
            time.SetUtcNow(At(BaseDate.AddDays(1), 10, 0));
            await feed.ValueOfAsync("ZSPI");
        }
        using var browser = new Browser(host);

        var page = await browser.OpenAsync("/index?range=1m");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("中塑价格指数", page.Heading);
        Assert.Equal(3, page.Document.QuerySelectorAll("svg.index-chart polyline").Length);
        Assert.Contains("/index", page.Menu("main-nav"));
        var latest = page.Document.QuerySelector("tr[data-index='ZSPI-PP']")!.TextContent;
        Assert.Contains("1,025.00", latest, StringComparison.Ordinal);
        Assert.Contains("+25.00", latest, StringComparison.Ordinal);
        var rows = page.Document.QuerySelectorAll("table[data-field='values'] tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("2026-03-03", rows[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("[data-index-stream='/api/v1/index/stream']"));
    }

    [Fact]
    public async Task The_methodology_page_lists_the_rules_parameters_constituents_and_versions()
    {
        await using var host = Create(_folders, Clock());
        using var browser = new Browser(host);

        var page = await browser.OpenAsync("/index/methodology");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("IOSCO", page.MainText, StringComparison.Ordinal);
        Assert.Contains("PP-T30S, PP-K8003, PP-Z30S", page.MainText, StringComparison.Ordinal);
        Assert.Contains("1.0", page.Document.QuerySelector("main section:last-of-type tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merchant_submits_a_firm_quote_through_the_form_and_a_negative_price_is_shown_again_with_its_error()
    {
        // On the real clock: a browser drops a sign-in cookie that expires before the real today.
        await using var host = Create(_folders, time: null);
        using var browser = new Browser(host);
        await browser.SignInAsync(Merchant);
        var form = await browser.OpenAsync("/index/quotes");
        var validUntil = DateTimeOffset.UtcNow.ToOffset(Shanghai).AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var refused = await form.SubmitAsync(browser, "/index/quotes", new Dictionary<string, string> { ["grade"] = "PP-T30S", ["price"] = "-7900", ["quantity"] = "50", ["validUntil"] = validUntil });
        var submitted = await refused.SubmitAsync(browser, "/index/quotes", new Dictionary<string, string> { ["grade"] = "PP-T30S", ["price"] = "7,900.50", ["quantity"] = "50", ["validUntil"] = validUntil });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.False(string.IsNullOrEmpty(refused.ErrorFor("quote-price")));
        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.NotNull(submitted.Document.QuerySelector("p.notice"));
        var quote = Assert.Single((await host.CreateClient().GetFromJsonAsync<JsonArray>("/api/v1/index/quotes"))!)!;
        Assert.Equal((790_050L, 50_000L), (quote["priceMinor"]!.GetValue<long>(), quote["quantityKg"]!.GetValue<long>()));
    }

    [Fact]
    public async Task The_demo_seeds_a_year_of_history_from_trades_and_quotes_and_the_page_shows_a_correction_in_both_versions()
    {
        _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        _folders.AddPlugin("SmartTrade.Plugins.PriceIndex");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 16, 0, 0, Shanghai));
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?> { ["SmartTrade:Demo:SeedCatalog"] = "true" }, time: time);
        await host.Services.GetServices<IHostedService>().OfType<DemoCatalogSeeder>().Single().SeedAsync(CancellationToken.None);
        using var browser = new Browser(host);

        var series = (await host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/index/ZSPI"))!;
        var page = await browser.OpenAsync("/index?range=all");

        Assert.True(series["points"]!.AsArray().Count >= 2 * 240);
        Assert.Equal("2026-11-27", series["to"]!.GetValue<string>());
        Assert.Equal(6, page.Document.QuerySelectorAll("svg.index-chart polyline").Length);
        var corrections = page.Document.QuerySelectorAll("table[data-field='corrections'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(corrections, r => r.Contains("v1", StringComparison.Ordinal));
        Assert.Contains(corrections, r => r.Contains("v2", StringComparison.Ordinal) && r.Contains("Late-reported trade", StringComparison.Ordinal));
    }
}
