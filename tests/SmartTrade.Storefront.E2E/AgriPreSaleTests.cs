using Microsoft.Playwright;
using SmartTrade.Storefront.E2E.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static SmartTrade.Storefront.E2E.Steps.BrowserSteps;

namespace SmartTrade.Storefront.E2E;

/// <summary>Farm produce end to end, in zh-CN: a June bayberry pre-order with a delivery date, then its trace page.</summary>
public sealed class AgriPreSaleTests(StorefrontFixture fixture) : StorefrontTest(fixture)
{
    [BrowserFact]
    public Task A_buyer_pre_orders_bayberries_for_a_June_delivery_date_pays_and_later_opens_the_trace_page()
        => InBrowserAsync(async session =>
        {
            var june = NextJune();
            var buyer = await session.NewPageAsync();
            var email = NewEmail("buyer");
            await RegisterAsync(buyer, Role.Buyer, email, "陈小姐");

            // The market's page lists the open pre-sales; the Zhangting co-operative's bayberries.
            await buyer.GetByRole(AriaRole.Link, new() { Name = "农产品", Exact = true }).ClickAsync();
            await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "余姚农产品", Level = 1 })).ToBeVisibleAsync();
            var preSale = buyer.Locator("table.agri-presales tbody tr", new() { HasText = "丈亭镇" });
            await Expect(preSale).ToContainTextAsync($"{june}-06-10 – {june}-06-30");
            await preSale.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "荸荠种杨梅鲜果（六月预售） 2.5kg", Level = 1 })).ToBeVisibleAsync();
            await Expect(buyer.Locator("table.specs tr", new() { HasText = "产地乡镇" })).ToContainTextAsync("丈亭镇");
            await Expect(buyer.Locator("table.specs tr", new() { HasText = "认证" })).ToContainTextAsync("地理标志");

            // A July date is outside the delivery window: refused in the buyer's language, nothing in the cart.
            await buyer.GetByLabel("数量").FillAsync("2");
            await buyer.GetByLabel("送达日期").FillAsync($"{june}-07-05");
            await buyer.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
            await Expect(buyer.Locator(".buy-form .field-error")).ToContainTextAsync($"送达日期须在 {june}-06-10 至 {june}-06-30 之间");

            // 18 June is inside it: the cart and the order carry the date, and the order prints the batch's trace code.
            await buyer.GetByLabel("送达日期").FillAsync($"{june}-06-18");
            await buyer.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
            await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "购物车", Level = 1 })).ToBeVisibleAsync();
            await Expect(buyer.Locator("table.cart tbody tr .line-attributes")).ToContainTextAsync($"{june}-06-18");
            await buyer.GetByRole(AriaRole.Button, new() { Name = "结算下单" }).ClickAsync();
            await Expect(OrderStatus(buyer)).ToHaveTextAsync("待付款");
            var line = buyer.Locator("table.order-lines tbody tr");
            await Expect(line.Locator("[data-key=deliveryDate] dd")).ToHaveTextAsync($"{june}-06-18");
            var traceCode = (await line.Locator("[data-key=traceCode] dd").InnerTextAsync()).Trim();
            Assert.Matches("^YY[0-9]{6}-[0-9A-Z]{6}$", traceCode);
            await PayAsync(buyer, GoodCard);
            await Expect(OrderStatus(buyer)).ToHaveTextAsync("已付款");

            // Later, without signing in, the trace page: farm, pre-sale windows, and the order without the buyer.
            await Fixture.SearchCaughtUpAsync();
            var visitor = await session.NewPageAsync();
            await visitor.GotoAsync("/agri");
            await visitor.GetByLabel("溯源码").FillAsync(traceCode);
            await visitor.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = $"溯源码 {traceCode}", Level = 1 })).ToBeVisibleAsync();
            await Expect(visitor.Locator("table.trace-facts")).ToContainTextAsync("汇头村杨梅山 3 号地块");
            await Expect(visitor.Locator("table.trace-facts")).ToContainTextAsync("预售中，待采收");
            var shipment = visitor.Locator("table.trace-shipments tbody tr", new() { HasText = $"{june}-06-18" });
            await Expect(shipment).ToContainTextAsync("预订，待采收");
            await Expect(visitor.Locator("main")).Not.ToContainTextAsync(email);
            await Expect(visitor.Locator("main")).Not.ToContainTextAsync("陈小姐");
        });

    // The demo's bayberry pre-sale delivers in the coming June: this year's until its sale closes on 15 June.
    private static int NextJune()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        return today > new DateOnly(today.Year, 6, 15) ? today.Year + 1 : today.Year;
    }
}
