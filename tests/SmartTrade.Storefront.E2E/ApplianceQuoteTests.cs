using System.Globalization;
using Microsoft.Playwright;
using SmartTrade.Storefront.E2E.Infrastructure;
using SmartTrade.Storefront.E2E.Steps;
using static Microsoft.Playwright.Assertions;
using static SmartTrade.Storefront.E2E.Steps.BrowserSteps;

namespace SmartTrade.Storefront.E2E;

/// <summary>Wholesale by request for quotation in the appliance market, end to end, in zh-CN.</summary>
public sealed class ApplianceQuoteTests(StorefrontFixture fixture) : StorefrontTest(fixture)
{
    [BrowserFact]
    public Task A_shop_owner_asks_for_500_kettles_the_merchant_quotes_and_the_owner_accepts_and_pays_by_card()
        => InBrowserAsync(async session =>
        {
            var kettle = new Kettle("余姚家用 双层防烫电水壶 1.7升 批发款", "Yuyao Home double-wall kettle 1.7 L, wholesale", "Yuyao Home", 12_900, 2_000);
            var listing = await MerchantSteps.MerchantListsKettleAsync(Fixture, "merchant@smarttrade.demo", kettle);
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            // The shop owner registers and asks the maker for 500 kettles from the product page.
            var owner = await session.NewPageAsync();
            await RegisterAsync(owner, Role.Buyer, NewEmail("shop"), "惠民家电批发部");
            await owner.GotoAsync($"/appliances/products/{listing}");
            await Expect(owner.Locator("table.tiers")).ToBeVisibleAsync();
            var rfq = owner.Locator("form.rfq-form");
            await rfq.GetByLabel("采购数量（件）").FillAsync("500");
            await rfq.GetByLabel("期望交货日期").FillAsync(Day(30));
            await rfq.GetByLabel("店铺/公司名称").FillAsync("宁波海曙惠民家电批发部");
            await rfq.GetByLabel("备注（选填）").FillAsync("开业备货，需中文说明书。");
            await rfq.GetByRole(AriaRole.Button, new() { Name = "发送询价" }).ClickAsync();
            await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "我的询价", Level = 1 })).ToBeVisibleAsync();
            var row = owner.Locator("table.quotes tbody tr", new() { HasText = kettle.TitleZh });
            await Expect(row.Locator(".status")).ToHaveTextAsync("待报价");

            // The merchant finds the request among the quote requests and quotes 89 yuan a piece for a week.
            var merchant = await session.NewPageAsync();
            await SignInAsync(merchant, "merchant@smarttrade.demo");
            await merchant.GetByRole(AriaRole.Link, new() { Name = "询价单" }).First.ClickAsync();
            var request = merchant.Locator("section.quote-request", new() { HasText = "宁波海曙惠民家电批发部" });
            await Expect(request).ToContainTextAsync("500 件");
            await request.GetByLabel("含税单价（元/件）").FillAsync("89.00");
            await request.GetByLabel("报价有效期至").FillAsync(Day(7));
            await request.GetByRole(AriaRole.Button, new() { Name = "提交报价" }).ClickAsync();
            await Expect(merchant.GetByRole(AriaRole.Status)).ToHaveTextAsync("报价已发送给采购商。");

            // The owner is told, sees the quote and accepts it: an order for 500 at ¥89.00, paid by card.
            await owner.ReloadAsync();
            await Expect(owner.Locator(".notifications")).ToContainTextAsync("89.00");
            await Expect(row.Locator(".status")).ToHaveTextAsync("已报价");
            await Expect(row).ToContainTextAsync("¥44,500.00");
            await row.GetByRole(AriaRole.Button, new() { Name = "接受报价并下单" }).ClickAsync();
            await Expect(OrderStatus(owner)).ToHaveTextAsync("待付款");
            await Expect(owner.Locator("table.order-lines tfoot")).ToContainTextAsync("¥44,500.00");
            await PayAsync(owner, GoodCard);
            await Expect(OrderStatus(owner)).ToHaveTextAsync("已付款");

            // Both sides see it accepted.
            await owner.GotoAsync("/appliances/quotes");
            await Expect(row.Locator(".status")).ToHaveTextAsync("已成交");
            await merchant.ReloadAsync();
            await Expect(request.Locator(".status")).ToHaveTextAsync("已成交");
        });
}
