using Microsoft.Playwright;
using SmartTrade.Storefront.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartTrade.Storefront.E2E;

/// <summary>zh-CN by default; the language link switches every visible text and the choice sticks.</summary>
public sealed class LanguageTests(StorefrontFixture fixture) : StorefrontTest(fixture)
{
    [BrowserFact]
    public Task The_storefront_opens_in_Chinese_even_for_an_English_browser_and_the_switch_to_English_and_back_sticks_across_pages()
        => InBrowserAsync(async session =>
        {
            var page = await session.NewPageAsync(new BrowserNewContextOptions { Locale = "en-US" });
            var mainMenu = page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" });

            await page.GotoAsync("/");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("余姚的线上交易市场");
            await Expect(mainMenu.GetByRole(AriaRole.Link, new() { Name = "全部商品" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "小家电市场", Level = 2 })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
            var englishMenu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main menu" });
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(page).ToHaveTitleAsync("Home · SmartTrade");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Yuyao's online markets");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Small-appliance market", Level = 2 })).ToBeVisibleAsync();
            await Expect(englishMenu.GetByRole(AriaRole.Link, new() { Name = "Home" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "中文" })).ToBeVisibleAsync();

            // It sticks: search, then sign-in, without choosing again.
            await englishMenu.GetByRole(AriaRole.Link, new() { Name = "All goods" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("All goods");
            await Expect(page.GetByLabel("Keywords")).ToBeVisibleAsync();
            await Expect(page.Locator("form.search-form").GetByRole(AriaRole.Button, new() { Name = "Search" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Account" }).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
            await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();

            // Unknown pages speak the chosen language too.
            await page.GotoAsync("/no-such-page");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");

            // And back to Chinese, which sticks as well.
            await page.GotoAsync("/account/login");
            await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Uri(Fixture.BaseAddress, "/account/login").ToString());
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("登录");
            await mainMenu.GetByRole(AriaRole.Link, new() { Name = "首页" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("余姚的线上交易市场");
        });
}
