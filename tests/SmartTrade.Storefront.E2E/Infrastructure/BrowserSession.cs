using Microsoft.Playwright;

namespace SmartTrade.Storefront.E2E.Infrastructure;

/// <summary>
/// The browser side of one test: each person (buyer, merchant, visitor) gets a context of their own (own cookies) on
/// the shared browser. On failure every open page is kept as a full-page screenshot and its HTML.
/// </summary>
public sealed class BrowserSession(StorefrontFixture fixture) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>A new person at a desktop-sized window, in a browser that asks for Chinese.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(new BrowserNewContextOptions());

    /// <summary>A new person with the given context options (viewport, browser language, touch).</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        options.BaseURL = fixture.BaseAddress.ToString();
        options.Locale ??= "zh-CN";
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 800 };
        var context = await fixture.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Keeps a full-page screenshot and the HTML of every open page in <paramref name="folder"/>.</summary>
    /// <returns>What was kept, one line per file, or why it could not be.</returns>
    public async Task<IReadOnlyList<string>> KeepArtifactsAsync(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var kept = new List<string>();
        var n = 0;
        foreach (var page in _contexts.SelectMany(c => c.Pages).Where(p => !p.IsClosed))
        {
            n++;
            var name = Path.Combine(folder, $"page-{n}");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = name + ".png", FullPage = true, Timeout = 15_000 });
                kept.Add($"{name}.png ({page.Url})");
            }
            catch (PlaywrightException ex)
            {
                kept.Add($"{name}.png could not be taken: {ex.Message}");
            }

            try
            {
                await File.WriteAllTextAsync(name + ".html", await page.ContentAsync());
                kept.Add($"{name}.html");
            }
            catch (PlaywrightException ex)
            {
                kept.Add($"{name}.html could not be saved: {ex.Message}");
            }
        }

        return kept;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
