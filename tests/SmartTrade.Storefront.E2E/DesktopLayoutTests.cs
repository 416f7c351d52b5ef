using Microsoft.Playwright;
using SmartTrade.Storefront.E2E.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SmartTrade.Storefront.E2E;

/// <summary>A desktop screen (1280 × 900): the two-column product pages keep their details on the page.</summary>
public sealed class DesktopLayoutTests(StorefrontFixture fixture) : StorefrontTest(fixture)
{
    [BrowserFact]
    public Task On_a_desktop_a_product_without_a_photo_shows_its_title_price_and_buy_button_beside_the_placeholder()
        => InBrowserAsync(async session =>
        {
            var page = await session.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await page.GotoAsync("/search?q=电水壶&market=appliances");
            var first = page.Locator(".results .card-link").First;
            var title = (await first.Locator("h3").InnerTextAsync()).Trim();

            foreach (var url in new[] { await first.GetAttributeAsync("href"), (await first.GetAttributeAsync("href"))!.Replace("/listings/", "/appliances/products/") })
            {
                await page.GotoAsync(url!);
                await Expect(page.Locator(".no-image.large")).ToBeVisibleAsync(); // the demo kettles have no photo
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeInViewportAsync(new() { Ratio = 1 });
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "加入购物车" })).ToBeInViewportAsync(new() { Ratio = 1 });
                var gallery = (await page.Locator(".gallery").BoundingBoxAsync())!;
                var heading = (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).BoundingBoxAsync())!;
                Assert.True(heading.X >= gallery.X + gallery.Width, $"{url}: the title starts at {heading.X} px, inside the gallery that ends at {gallery.X + gallery.Width} px.");
                await PhoneLayoutTests.AssertFitsAsync(page, url!);
            }
        });
}
