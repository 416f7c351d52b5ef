using Microsoft.Playwright;
using SmartTrade.Storefront.E2E.Infrastructure;
using SmartTrade.Storefront.E2E.Steps;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SmartTrade.Storefront.E2E;

/// <summary>With the demo catalogues seeded, the home page has no dead or broken links.</summary>
public sealed class HomeLinkTests(StorefrontFixture fixture, ITestOutputHelper output) : StorefrontTest(fixture)
{
    /// <summary>Text that only an error page or unfinished work would show, in either language.</summary>
    private static readonly string[] ErrorTexts =
    [
        "找不到页面", "出错了", "请求无效", "无权访问", "Page not found", "Something went wrong", "Bad request", "Not allowed",
        "Exception", "TODO", "FIXME", "Lorem ipsum", "placeholder", "敬请期待", "Coming soon", "Not implemented",
    ];

    private static readonly string[] DemoAccounts =
    [
        "buyer@smarttrade.demo", "merchant@smarttrade.demo", "trader@smarttrade.demo", "warehouse@smarttrade.demo", "admin@smarttrade.demo",
    ];

    [BrowserFact]
    public Task Every_link_on_the_home_page_opens_a_page_answering_200_without_error_text_for_visitors_and_each_demo_role()
        => InBrowserAsync(async session =>
        {
            var checkedLinks = new HashSet<string>(StringComparer.Ordinal);
            var problems = new List<string>();

            var visitor = await session.NewPageAsync();
            await visitor.GotoAsync("/");
            var markets = visitor.Locator("section.market");
            await Expect(markets.First).ToBeVisibleAsync();
            Assert.True(await visitor.Locator("section.market .card").CountAsync() >= 12, "The home page shows the demo listings of the markets.");
            await CheckLinksAsync(visitor, "visitor", checkedLinks, problems);

            // Signed-in people see more links (cart, orders, plugin pages for their role); each new one is opened too.
            foreach (var account in DemoAccounts)
            {
                var page = await session.NewPageAsync();
                await BrowserSteps.SignInAsync(page, account);
                await page.GotoAsync("/");
                await CheckLinksAsync(page, account, checkedLinks, problems);
                await page.Context.CloseAsync();
            }

            output.WriteLine($"{checkedLinks.Count} links opened: {string.Join(" ", checkedLinks)}");
            Assert.True(problems.Count == 0, $"Of {checkedLinks.Count} links:{Environment.NewLine}" + string.Join(Environment.NewLine, problems));
        });

    private static async Task CheckLinksAsync(IPage home, string who, HashSet<string> checkedLinks, List<string> problems)
    {
        var hrefs = await home.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var origin = new Uri(home.Url).GetLeftPart(UriPartial.Authority);
        var jsErrors = new List<string>();
        home.PageError += (_, error) => jsErrors.Add(error);

        // The language link changes the language of the pages after it: open it last.
        foreach (var href in hrefs.Distinct(StringComparer.Ordinal).OrderBy(h => h.StartsWith("/culture/", StringComparison.Ordinal)))
        {
            if (href.StartsWith('#'))
            {
                if (await home.Locator(href).CountAsync() != 1)
                {
                    problems.Add($"{who}: {href} points at nothing on the page");
                }

                continue;
            }

            var url = new Uri(new Uri(home.Url), href);
            if (url.GetLeftPart(UriPartial.Authority) != origin)
            {
                problems.Add($"{who}: {href} leaves the site");
                continue;
            }

            if (!checkedLinks.Add(href))
            {
                continue;
            }

            var response = await home.GotoAsync(url.ToString());
            var text = await home.Locator("body").InnerTextAsync();
            var error = ErrorTexts.FirstOrDefault(e => text.Contains(e, StringComparison.OrdinalIgnoreCase));
            if (response is null || response.Status != 200 || error is not null || jsErrors.Count > 0)
            {
                problems.Add($"{who}: {href} -> {response?.Status.ToString() ?? "no response"} {home.Url}"
                    + (error is null ? string.Empty : $", shows \"{error}\"")
                    + (jsErrors.Count > 0 ? ", script errors: " + string.Join("; ", jsErrors) : string.Empty));
                jsErrors.Clear();
            }
        }
    }
}
