using System.Text.Json;
using Microsoft.Playwright;
using SmartTrade.Storefront.E2E.Infrastructure;
using SmartTrade.Storefront.E2E.Steps;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SmartTrade.Storefront.E2E;

/// <summary>A phone-sized screen (390 × 844, touch): pages fit the width and the menus can be used.</summary>
public sealed class PhoneLayoutTests(StorefrontFixture fixture) : StorefrontTest(fixture)
{
    private const int Width = 390;

    [BrowserFact]
    public Task On_a_phone_the_home_search_and_listing_pages_need_no_sideways_scrolling_and_the_main_menu_is_tappable()
        => InBrowserAsync(async session =>
        {
            var page = await session.NewPageAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = Width, Height = 844 },
                IsMobile = true,
                HasTouch = true,
                DeviceScaleFactor = 2,
            });
            await BrowserSteps.SignInAsync(page, "buyer@smarttrade.demo"); // the fullest header: cart, orders, name, sign out

            await page.GotoAsync("/");
            await AssertFitsAsync(page, "home");
            var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" });
            var entries = menu.GetByRole(AriaRole.Link);
            Assert.True(await entries.CountAsync() >= 2);
            foreach (var entry in await entries.AllAsync())
            {
                await Expect(entry).ToBeInViewportAsync(new() { Ratio = 1 });
                var box = (await entry.BoundingBoxAsync())!;
                Assert.True(box.Height >= 24, $"The menu entry '{await entry.InnerTextAsync()}' is {box.Height} px tall; a finger needs at least 24.");
            }

            await menu.GetByRole(AriaRole.Link, new() { Name = "全部商品" }).TapAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "全部商品", Level = 1 })).ToBeVisibleAsync();

            // Searching from the header, with a market's facets on the page.
            await page.GetByRole(AriaRole.Searchbox, new() { Name = "搜索商品" }).FillAsync("电水壶");
            await page.GetByRole(AriaRole.Searchbox, new() { Name = "搜索商品" }).PressAsync("Enter");
            await page.GetByLabel("市场").SelectOptionAsync(new SelectOptionValue { Label = "小家电市场" });
            await page.Locator("form.search-form").GetByRole(AriaRole.Button, new() { Name = "搜索" }).TapAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "品牌" })).ToBeVisibleAsync();
            await AssertFitsAsync(page, "search with facets");

            var first = page.Locator(".results .card-link").First;
            var title = (await first.Locator("h3").InnerTextAsync()).Trim();
            await first.TapAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" })).ToBeInViewportAsync();
            await AssertFitsAsync(page, "listing");

            // The account menu works from the listing too.
            await page.GetByRole(AriaRole.Navigation, new() { Name = "账户" }).GetByRole(AriaRole.Link, new() { Name = "购物车" }).TapAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "购物车", Level = 1 })).ToBeVisibleAsync();
            await AssertFitsAsync(page, "cart");
        });

    /// <summary>Nothing sticks out past the screen's right edge (which would make the page scroll sideways).</summary>
    internal static async Task AssertFitsAsync(IPage page, string what)
    {
        var layout = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const width = document.documentElement.clientWidth;
              const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1)
                .slice(0, 8)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '')
                  + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ' px)');
              return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide };
            }
            """);
        var (scrollWidth, clientWidth) = (layout.GetProperty("scrollWidth").GetInt32(), layout.GetProperty("clientWidth").GetInt32());
        Assert.True(
            scrollWidth <= clientWidth,
            $"The {what} page is {scrollWidth} px wide on a {clientWidth} px screen; too wide: {string.Join(", ", layout.GetProperty("wide").EnumerateArray())}");
    }
}
