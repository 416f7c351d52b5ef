using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using SmartTrade.Host.Tests;
using SmartTrade.Platform.Hosting;
using SmartTrade.Platform.Outbox;
using Xunit;

namespace SmartTrade.Storefront.E2E.Infrastructure;

/// <summary>All browser tests share one host and one browser; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class StorefrontCollection : ICollectionFixture<StorefrontFixture>
{
    public const string Name = "Storefront in a browser";
}

/// <summary>
/// The real host on a real socket (Kestrel on a free 127.0.0.1 port) in Development with every shipped plugin, the
/// demo accounts and the demo catalogues, in a temporary data directory; and one headless Debian Chromium.
/// Nothing starts when the browser tests are skipped.
/// </summary>
public sealed class StorefrontFixture : IAsyncLifetime
{
    private readonly TestFolders _folders = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private TestHost? _host;

    public TestHost Host => _host ?? throw new InvalidOperationException("The host was not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser was not started.");

    /// <summary>The host's address, such as <c>http://127.0.0.1:40123</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (BrowserSetup.SkipReason is not null)
        {
            return;
        }

        // Generous under the shared 2-core machine; every wait is Playwright's own auto-waiting, never a sleep.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserSetup.LaunchAsync(_playwright);

        _folders.WithShippedPlugins();
        _host = new TestHost(_folders, settings: new Dictionary<string, string?>
        {
            ["SmartTrade:Demo:SeedCatalog"] = "true",
            ["Logging:LogLevel:Default"] = "Warning", // the host's start-up and request logs would bury the test output
        });
        _host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);

        // The seeder runs once the host has started; a second run waits for it and adds nothing. Then the search
        // index catches up with everything seeded.
        await _host.Services.GetServices<IHostedService>().OfType<DemoCatalogSeeder>().Single().SeedAsync(CancellationToken.None);
        await SearchCaughtUpAsync();
    }

    /// <summary>Hands every committed change to the search index (and to MediatR) before the next step.</summary>
    public Task SearchCaughtUpAsync() => Host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);

    /// <summary>
    /// An API client on the real socket, signed in with a bearer token; accounts the tests register use
    /// <see cref="TestHost.Password"/>.
    /// </summary>
    public Task<HttpClient> ApiClientAsync(string email) => Host.ClientForAsync(email);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folders.Dispose();
    }
}
