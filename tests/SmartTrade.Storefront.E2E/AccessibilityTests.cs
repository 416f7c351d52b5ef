using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SmartTrade.Storefront.E2E.Infrastructure;
using SmartTrade.Storefront.E2E.Steps;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static SmartTrade.Storefront.E2E.Steps.BrowserSteps;

namespace SmartTrade.Storefront.E2E;

/// <summary>axe-core finds nothing serious or critical on the pages a buyer goes through.</summary>
public sealed class AccessibilityTests(StorefrontFixture fixture, ITestOutputHelper output) : StorefrontTest(fixture)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [BrowserFact]
    public Task Register_home_search_listing_cart_and_order_pages_have_no_serious_or_critical_axe_violations()
        => InBrowserAsync(async session =>
        {
            var kettle = new Kettle("奉化 智能保温电热水壶 1.8升", "Fenghua keep-warm electric kettle, 1.8 L", "Fenghua", 15_900, 10);
            var listing = await MerchantSteps.MerchantListsKettleAsync(Fixture, "merchant@smarttrade.demo", kettle);
            await Fixture.SearchCaughtUpAsync();
            var violations = new List<string>();
            var page = await session.NewPageAsync();

            await page.GotoAsync("/account/register");
            await CheckAsync(page, "register", violations);
            await RegisterAsync(page, Role.Buyer, NewEmail("buyer"), "赵小芳");

            await page.GotoAsync("/");
            await CheckAsync(page, "home", violations);

            await page.GotoAsync("/search?q=电热水壶&market=appliances");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "品牌" })).ToBeVisibleAsync();
            await CheckAsync(page, "search", violations);

            await page.GotoAsync($"/listings/{listing}");
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = kettle.TitleZh })).ToHaveJSPropertyAsync("naturalWidth", 480);
            await CheckAsync(page, "listing", violations);

            await page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "购物车", Level = 1 })).ToBeVisibleAsync();
            await CheckAsync(page, "cart", violations);

            await page.GetByRole(AriaRole.Button, new() { Name = "结算下单" }).ClickAsync();
            await Expect(OrderStatus(page)).ToHaveTextAsync("待付款");
            await CheckAsync(page, "order with the card form", violations);

            Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        });

    [BrowserFact]
    public Task Receipt_registry_desk_and_trading_account_pages_have_no_serious_or_critical_axe_violations()
        => InBrowserAsync(async session =>
        {
            var violations = new List<string>();
            var trader = await session.NewPageAsync();
            await SignInAsync(trader, "trader@smarttrade.demo");

            await trader.GotoAsync("/receipts");
            await Expect(trader.GetByRole(AriaRole.Heading, new() { Name = "我的仓单", Level = 1 })).ToBeVisibleAsync();
            await CheckAsync(trader, "my receipts", violations);
            await trader.GetByLabel("牌号与生产商").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await trader.GetByLabel("申报净重（公斤）").FillAsync("abc");
            await trader.GetByRole(AriaRole.Button, new() { Name = "提交申报" }).ClickAsync();
            await Expect(trader.Locator("#loadin-quantity-error")).ToHaveTextAsync("请填写整数公斤数。");
            await CheckAsync(trader, "my receipts with a field error", violations);

            var number = await trader.Locator("table.receipts tbody a").First.TextContentAsync();
            await trader.GotoAsync($"/receipts/{number}");
            await Expect(trader.Locator("[data-intact=true]")).ToBeVisibleAsync();
            await CheckAsync(trader, "receipt with the owner's actions", violations);

            await trader.GotoAsync("/exchange/account");
            await CheckAsync(trader, "trading account", violations);

            var keeper = await session.NewPageAsync();
            await SignInAsync(keeper, "warehouse@smarttrade.demo");
            await keeper.GotoAsync("/receipts/operator");
            await Expect(keeper.GetByRole(AriaRole.Heading, new() { Name = "仓库作业", Level = 1 })).ToBeVisibleAsync();
            await CheckAsync(keeper, "warehouse desk", violations);

            Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        });

    private async Task CheckAsync(IPage page, string name, List<string> violations)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await page.RunAxe();
        output.WriteLine($"{name}: axe took {started.ElapsedMilliseconds} ms; below serious: "
            + string.Join(", ", result.Violations.Where(v => !Blocking.Contains(v.Impact)).Select(v => $"{v.Impact} {v.Id} ({v.Nodes.Length})")));
        foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
        {
            violations.Add($"{name}: {violation.Impact} {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes.Take(5))
            {
                violations.Add($"    {node.Target}: {node.Html}");
            }
        }
    }
}
