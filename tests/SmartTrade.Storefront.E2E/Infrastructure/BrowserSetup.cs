using Microsoft.Playwright;

namespace SmartTrade.Storefront.E2E.Infrastructure;

/// <summary>Where the browser comes from: Debian's Chromium, named by <c>SMARTTRADE_TEST_CHROMIUM</c>.</summary>
public static class BrowserSetup
{
    public const string ChromiumVariable = "SMARTTRADE_TEST_CHROMIUM";

    /// <summary>The Chromium executable named by the environment, or null.</summary>
    public static string? ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : null;

    /// <summary>Whether this is a CI run, where a missing browser is a failure rather than a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why browser tests are skipped here, or null when they run.</summary>
    public static string? SkipReason => ChromiumPath is null && !IsCi
        ? $"Browser tests need Debian's Chromium: apt-get install -y chromium fonts-wqy-zenhei, then set {ChromiumVariable}=$(command -v chromium) (scripts/test.sh does both)."
        : null;

    /// <summary>Launches headless Chromium from the executable named by the environment; never downloads a browser.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var path = ChromiumPath ?? throw new InvalidOperationException(
            $"{ChromiumVariable} is not set, and under CI the browser tests must run: install chromium and fonts-wqy-zenhei and set {ChromiumVariable} to the chromium executable (scripts/test.sh does this).");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{ChromiumVariable} names {path}, which does not exist: apt-get install -y chromium fonts-wqy-zenhei.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }
}
