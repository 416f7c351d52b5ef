using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Security;
using Xunit;

namespace SmartTrade.Host.Tests.Storefront;

/// <summary>The merchant's pages driven as a browser would: listing goods, editing them, shipping and refunding orders.</summary>
public sealed class MerchantPagesTests : IDisposable
{
    private const string Merchant = "merchant@smarttrade.demo";
    private readonly TestFolders _folders = new();

    public MerchantPagesTests() => _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");

    public void Dispose() => _folders.Dispose();

    private static Dictionary<string, string[]> Kettle(string title = "余姚不锈钢电水壶", string price = "129.90") => new()
    {
        ["TitleZh"] = [title],
        ["TitleEn"] = ["Yuyao stainless kettle"],
        ["DescriptionZh"] = ["304 不锈钢内胆，1.7 升。"],
        ["CategoryPath"] = ["kitchen/kettle"],
        ["Price"] = [price],
        ["Unit"] = ["piece"],
        ["Stock"] = ["5"],
        ["attr.brand"] = ["Yuyao Home"],
        ["attr.model"] = ["YH-1720"],
        ["attr.powerWatts"] = ["1800"],
        ["attr.voltageV"] = ["220"],
        ["attr.certifications"] = ["CCC", "CE"],
    };

    private static async Task<Page> NewListingFormAsync(Browser browser)
    {
        var choose = await browser.OpenAsync("/merchant/listings/new");
        return await choose.SubmitAsync(browser, "/merchant/listings/new", new Dictionary<string, string> { ["market"] = "appliances" });
    }

    private static async Task<List<ListingEntity>> ListingsAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ListingEntity>().AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task A_merchant_lists_goods_with_attributes_and_an_image_through_the_pages_and_buyers_find_them_by_a_chinese_word()
    {
        await using var host = new TestHost(_folders);
        using var merchant = new Browser(host);
        using var visitor = new Browser(host);
        await merchant.SignInAsync(Merchant);

        var form = await NewListingFormAsync(merchant);
        var created = await form.SubmitAsync(merchant, "/merchant/listings/new", Kettle(), new() { ["image"] = new FormFile(ListingImageTests.Png(64, 48), "kettle.png", "image/png") });
        await host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);
        var search = await visitor.OpenAsync("/search?q=" + Uri.EscapeDataString("电水壶"));
        var listing = Assert.Single(await ListingsAsync(host));
        var detail = await visitor.OpenAsync($"/listings/{listing.Id}");

        Assert.Equal("品牌（必填）", form.LabelOf("attr-brand"));
        Assert.Equal("额定功率（W）（必填）", form.LabelOf("attr-powerWatts"));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal($"/merchant/listings/{listing.Id}/edit?done=created", created.Url);
        Assert.Contains("商品已创建。", created.MainText);
        Assert.Equal((12_990L, 5L, ListingStatus.Active), (listing.PriceMinor, listing.Stock, listing.Status));
        Assert.Equal(["CCC", "CE"], listing.Attributes["certifications"].Codes);
        Assert.Equal(1800, listing.Attributes["powerWatts"].IntegerValue);
        Assert.Single(listing.Images);
        Assert.Contains(search.Document.QuerySelectorAll("article.card h3"), h => h.TextContent == "余姚不锈钢电水壶");
        Assert.Contains("/ 件", search.Document.QuerySelector("article.card .unit")!.TextContent);
        Assert.DoesNotContain("piece", search.MainText);
        Assert.Contains(detail.Document.QuerySelectorAll("main img"), i => i.GetAttribute("src") == listing.Images[0].Url);
        Assert.Contains("库存 5 件", detail.MainText);
    }

    [Fact]
    public async Task A_listing_saved_as_a_draft_is_not_found_by_buyers()
    {
        await using var host = new TestHost(_folders);
        using var merchant = new Browser(host);
        await merchant.SignInAsync(Merchant);
        var form = await NewListingFormAsync(merchant);

        var fields = Kettle();
        fields["Publish"] = [];
        await form.SubmitAsync(merchant, "/merchant/listings/new", fields);
        await host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);
        var search = await new Browser(host).OpenAsync("/search?q=" + Uri.EscapeDataString("电水壶"));

        Assert.Equal(ListingStatus.Draft, Assert.Single(await ListingsAsync(host)).Status);
        Assert.Empty(search.Document.QuerySelectorAll("article.card"));
    }

    [Fact]
    public async Task Wrong_fields_are_shown_next_to_each_field_in_chinese_with_the_values_kept_and_nothing_is_created()
    {
        await using var host = new TestHost(_folders);
        using var merchant = new Browser(host);
        await merchant.SignInAsync(Merchant);
        var form = await NewListingFormAsync(merchant);

        var page = await form.SubmitAsync(merchant, "/merchant/listings/new", Invalid(), new() { ["image"] = new FormFile("GIF89a not really"u8.ToArray(), "kettle.gif", "image/gif") });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("请按元填写价格，最多两位小数，例如 129.90。", page.ErrorFor("Price"));
        Assert.Equal("请选择品类。", page.ErrorFor("CategoryPath"));
        Assert.Equal("请填写“品牌”。", page.ErrorFor("attr-brand"));
        Assert.Equal("请填写整数（单位：W）。", page.ErrorFor("attr-powerWatts"));
        Assert.Equal("须在 3 到 400 之间（单位：V）。", page.ErrorFor("attr-voltageV"));
        Assert.Equal("文件不是 JPEG、PNG 或 WebP 图片。", page.ErrorFor("Image"));
        Assert.Equal("true", page.Document.GetElementById("Price")!.GetAttribute("aria-invalid"));
        Assert.Equal(("电水壶", "12.345", "很大"), (page.ValueOf("TitleZh"), page.ValueOf("Price"), page.ValueOf("attr-powerWatts")));
        Assert.Empty(await ListingsAsync(host));
    }

    [Fact]
    public async Task Wrong_fields_are_shown_in_english_when_the_user_chose_english()
    {
        await using var host = new TestHost(_folders);
        using var merchant = new Browser(host);
        await merchant.SignInAsync(Merchant);
        await merchant.UseEnglishAsync();
        var form = await NewListingFormAsync(merchant);

        var page = await form.SubmitAsync(merchant, "/merchant/listings/new", Invalid());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("Brand (required)", page.LabelOf("attr-brand"));
        Assert.Equal("Enter the price in yuan with at most two decimals, e.g. 129.90.", page.ErrorFor("Price"));
        Assert.Equal("Choose a category.", page.ErrorFor("CategoryPath"));
        Assert.Equal("'Brand' is required.", page.ErrorFor("attr-brand"));
        Assert.Equal("A whole number in W is expected.", page.ErrorFor("attr-powerWatts"));
        Assert.Empty(await ListingsAsync(host));
    }

    private static Dictionary<string, string[]> Invalid()
    {
        var fields = Kettle(title: "电水壶", price: "12.345");
        fields["CategoryPath"] = [""];
        fields["attr.brand"] = [""];
        fields["attr.powerWatts"] = ["很大"];
        fields["attr.voltageV"] = ["1000"];
        return fields;
    }

    [Fact]
    public async Task Saving_an_edit_form_opened_before_another_change_is_refused_with_a_clear_message_and_changes_nothing()
    {
        await using var host = new TestHost(_folders);
        var api = await host.ClientForAsync(Merchant);
        var id = await Shopping.ListKettleAsync(api, "电水壶", 12_900, 5);
        using var first = new Browser(host);
        using var second = new Browser(host);
        await first.SignInAsync(Merchant);
        await second.SignInAsync(Merchant);
        var edit = $"/merchant/listings/{id}/edit";
        var stale = await first.OpenAsync(edit);
        var fresh = await second.OpenAsync(edit);

        var saved = await fresh.SubmitAsync(second, edit, new Dictionary<string, string> { ["Price"] = "150" });
        var refused = await stale.SubmitAsync(first, edit, new Dictionary<string, string> { ["Price"] = "99.90" });

        Assert.Equal("2", stale.FieldValue("Version"));
        Assert.Equal($"{edit}?done=saved", saved.Url);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("已被修改", refused.Document.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("99.90", refused.ValueOf("Price"));
        var listing = Assert.Single(await ListingsAsync(host));
        Assert.Equal((15_000L, 3L), (listing.PriceMinor, listing.Version));
    }

    [Fact]
    public async Task Another_merchant_finds_no_listing_page_and_cannot_change_it()
    {
        await using var host = new TestHost(_folders);
        var id = await Shopping.ListKettleAsync(await host.ClientForAsync(Merchant), "电水壶", 12_900, 5);
        using var rival = new Browser(host);
        await rival.SignInAsync(await Shopping.CreateUserAsync(host, "rival@smarttrade.test", Roles.Merchant));
        var token = (await NewListingFormAsync(rival)).Token;

        var edit = await rival.OpenAsync($"/merchant/listings/{id}/edit");
        var posts = new List<Page>();
        foreach (var action in new[] { "edit", "suspend", "publish", "delete" })
        {
            posts.Add(await rival.PostAsync($"/merchant/listings/{id}/{action}", [new("__RequestVerificationToken", token), new("Version", "1"), new("Price", "1"), new("TitleZh", "x")]));
        }

        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.NotFound, p.Status));
        var listing = Assert.Single(await ListingsAsync(host));
        Assert.Equal((12_900L, 2L, ListingStatus.Active), (listing.PriceMinor, listing.Version, listing.Status));
    }

    [Fact]
    public async Task Publishing_suspending_and_images_work_from_the_edit_page()
    {
        await using var host = new TestHost(_folders);
        using var merchant = new Browser(host);
        await merchant.SignInAsync(Merchant);
        var form = await NewListingFormAsync(merchant);
        var fields = Kettle();
        fields["Publish"] = [];
        var edit = await form.SubmitAsync(merchant, "/merchant/listings/new", fields);
        var id = Assert.Single(await ListingsAsync(host)).Id;
        var path = $"/merchant/listings/{id}";

        var published = await edit.SubmitAsync(merchant, $"{path}/publish");
        var withImage = await published.SubmitAsync(merchant, $"{path}/images", files: new() { ["image"] = new FormFile(ListingImageTests.Png(8, 8), "a.png", "image/png") });
        var tooBig = await withImage.SubmitAsync(merchant, $"{path}/images", files: new() { ["image"] = new FormFile(new byte[(5 * 1024 * 1024) + 1], "big.png", "image/png") });
        var imageId = Assert.Single(Assert.Single(await ListingsAsync(host)).Images).Id;
        var removed = await tooBig.SubmitAsync(merchant, $"{path}/images/{imageId}/delete");
        var suspended = await removed.SubmitAsync(merchant, $"{path}/suspend");

        Assert.Contains("商品已上架。", published.MainText);
        Assert.Contains("图片已添加。", withImage.MainText);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.Status);
        Assert.Equal("图片太大：最大 5 MB。", tooBig.ErrorFor("Image"));
        Assert.Contains("图片已删除。", removed.MainText);
        Assert.Contains("商品已下架。", suspended.MainText);
        var listing = Assert.Single(await ListingsAsync(host));
        Assert.Equal(ListingStatus.Suspended, listing.Status);
        Assert.Empty(listing.Images);
    }

    [Fact]
    public async Task A_merchant_ships_a_paid_order_from_its_page_after_a_missing_tracking_number_is_pointed_out()
    {
        await using var host = new TestHost(_folders);
        var listing = await Shopping.ListKettleAsync(await host.ClientForAsync(Merchant), "电水壶", 12_900, 5);
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await Shopping.BuyAndPayAsync(buyer, listing, 2);
        using var merchant = new Browser(host);
        await merchant.SignInAsync(Merchant);
        var orderPage = $"/merchant/orders/{order["id"]}";

        var dashboard = await merchant.OpenAsync("/merchant");
        var page = await merchant.OpenAsync(orderPage);
        var missing = await page.SubmitAsync(merchant, $"{orderPage}/ship", new Dictionary<string, string> { ["TrackingNumber"] = " ", ["Carrier"] = "顺丰速运" });
        var shipped = await missing.SubmitAsync(merchant, $"{orderPage}/ship", new Dictionary<string, string> { ["TrackingNumber"] = "SF1234567890" });

        Assert.Contains(dashboard.Links, l => l == orderPage);
        Assert.Equal("1", dashboard.Document.QuerySelector("[data-count=to-ship]")!.TextContent);
        Assert.Equal("物流单号（必填）", page.LabelOf("TrackingNumber"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.Status);
        Assert.Equal("请填写物流单号（1 到 64 个字符）。", missing.ErrorFor("TrackingNumber"));
        Assert.Equal("顺丰速运", missing.ValueOf("Carrier"));
        Assert.Equal($"{orderPage}?done=shipped", shipped.Url);
        Assert.Equal("Shipped", shipped.Document.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        var seen = await Shopping.OrderAsync(buyer, order);
        Assert.Equal(("Shipped", "SF1234567890", "顺丰速运"), (seen["status"]!.GetValue<string>(), seen["trackingNumber"]!.GetValue<string>(), seen["carrier"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_merchant_refunds_part_of_an_order_in_yuan_exactly_and_then_marks_delivery()
    {
        await using var host = new TestHost(_folders);
        var listing = await Shopping.ListKettleAsync(await host.ClientForAsync(Merchant), "电水壶", 12_900, 5);
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await Shopping.BuyAndPayAsync(buyer, listing, 2);
        using var merchant = new Browser(host);
        await merchant.SignInAsync(Merchant);
        var orderPage = $"/merchant/orders/{order["id"]}";
        var page = await merchant.OpenAsync(orderPage);

        var wrong = await page.SubmitAsync(merchant, $"{orderPage}/refund", new Dictionary<string, string> { ["Amount"] = "25.555" });
        var tooMuch = await page.SubmitAsync(merchant, $"{orderPage}/refund", new Dictionary<string, string> { ["Amount"] = "258.01" });
        var refunded = await page.SubmitAsync(merchant, $"{orderPage}/refund", new Dictionary<string, string> { ["Amount"] = "25.50", ["Reason"] = "少了一个配件" });
        var shipped = await refunded.SubmitAsync(merchant, $"{orderPage}/ship", new Dictionary<string, string> { ["TrackingNumber"] = "YT55" });
        var delivered = await shipped.SubmitAsync(merchant, $"{orderPage}/deliver");

        Assert.Equal("258.00", page.ValueOf("Amount"));
        Assert.Equal("请按元填写退款金额，最多两位小数，例如 25.50。", wrong.ErrorFor("Amount"));
        Assert.Equal("退款金额超过了可退金额。", tooMuch.ErrorFor("Amount"));
        Assert.Equal($"{orderPage}?done=refunded", refunded.Url);
        Assert.Equal("232.50", refunded.ValueOf("Amount"));
        Assert.Equal($"{orderPage}?done=delivered", delivered.Url);
        var seen = await Shopping.OrderAsync(buyer, order);
        Assert.Equal(2_550, seen["refundedTotal"]!["minor"]!.GetValue<long>());
        Assert.Equal("Delivered", seen["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_merchant_finds_no_order_page()
    {
        await using var host = new TestHost(_folders);
        var listing = await Shopping.ListKettleAsync(await host.ClientForAsync(Merchant), "电水壶", 12_900, 5);
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await Shopping.BuyAndPayAsync(buyer, listing, 1);
        using var rival = new Browser(host);
        await rival.SignInAsync(await Shopping.CreateUserAsync(host, "rival@smarttrade.test", Roles.Merchant));
        var token = (await NewListingFormAsync(rival)).Token;

        var page = await rival.OpenAsync($"/merchant/orders/{order["id"]}");
        var ship = await rival.PostAsync($"/merchant/orders/{order["id"]}/ship", [new("__RequestVerificationToken", token), new("TrackingNumber", "X1")]);

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(HttpStatusCode.NotFound, ship.Status);
        Assert.Equal("Paid", await Shopping.StatusAsync(buyer, order));
    }

    [Fact]
    public async Task The_merchant_menu_entries_are_in_the_account_menu_of_merchants_only()
    {
        await using var host = new TestHost(_folders);
        using var merchant = new Browser(host);
        using var buyer = new Browser(host);

        var merchantHome = await merchant.SignInAsync(Merchant);
        var buyerHome = await buyer.SignInAsync("buyer@smarttrade.demo");
        var buyerTries = await buyer.OpenAsync("/merchant");

        Assert.Contains("/merchant", merchantHome.Menu("account-nav"));
        Assert.Contains("/merchant/listings/new", merchantHome.Menu("account-nav"));
        Assert.DoesNotContain("/merchant", buyerHome.Menu("account-nav"));
        Assert.Equal(HttpStatusCode.Forbidden, buyerTries.Status);
    }
}
