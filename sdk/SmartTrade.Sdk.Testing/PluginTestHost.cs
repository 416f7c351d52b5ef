using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Host;
using SmartTrade.Platform.Outbox;
using SmartTrade.Platform.Plugins;

namespace SmartTrade.Sdk.Testing;

/// <summary>
/// A real SmartTrade host, started in-process for a test with the plugins under test: the same composition as the
/// shipped host (platform, storefront, API reference) on a temporary data directory and SQLite database, in the
/// Development environment with the demo accounts (<see cref="DemoUsers"/>) and a fake clock (<see cref="Clock"/>).
/// Requests go through an in-memory test server. Dispose it to stop the host and delete its folders.
/// </summary>
/// <example>
/// <code>
/// await using var host = await PluginTestHost.StartAsync();
/// var merchant = await host.ClientForAsync(DemoUsers.Merchant);
/// var response = await merchant.GetAsync("/api/v1/freight/rates?weightKg=12");
/// </code>
/// </example>
public sealed class PluginTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LogRecorder _logs;
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset ExpiresAt)> _tokens = new(StringComparer.OrdinalIgnoreCase);

    private PluginTestHost(WebApplication app, LogRecorder logs, FakeTimeProvider clock, string root, string data, string plugins)
    {
        _app = app;
        _logs = logs;
        Clock = clock;
        Root = root;
        DataDirectory = data;
        PluginsDirectory = plugins;
    }

    /// <summary>
    /// Where the test project's build puts the plugins under test: <c>smarttrade/plugins/</c> beside the tests
    /// (the test project's project references marked <c>SmartTradePlugin="true"</c>).
    /// </summary>
    public static string PluginsUnderTestPath => Path.Combine(AppContext.BaseDirectory, "smarttrade", "plugins");

    /// <summary>Where the built-in plugins are put beside the tests: <c>smarttrade/builtin/</c>.</summary>
    public static string BuiltInPluginsPath => Path.Combine(AppContext.BaseDirectory, "smarttrade", "builtin");

    /// <summary>The host's clock, which only moves when a test moves it (<c>Clock.Advance(TimeSpan.FromDays(1))</c>).</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>
    /// What the host and its plugins have logged so far at Information or above (whatever the configured levels), in
    /// order: a plugin's handlers and background work can be checked through what they log.
    /// </summary>
    public IReadOnlyList<LogEntry> Logs => _logs.Entries;

    /// <summary>The host's root services (the platform's, not a plugin's).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The temporary folder holding <see cref="DataDirectory"/> and <see cref="PluginsDirectory"/>.</summary>
    public string Root { get; }

    /// <summary>The host's data directory: database, uploaded plugins, each plugin's own data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The host's plugins folder, holding a copy of each plugin loaded at start.</summary>
    public string PluginsDirectory { get; }

    /// <summary>Starts a host with every plugin under test (or the ones the options name).</summary>
    /// <param name="options">How to set it up; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started host.</returns>
    public static async Task<PluginTestHost> StartAsync(PluginTestHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PluginTestHostOptions();
        var root = Directory.CreateTempSubdirectory("smarttrade-plugin-test-").FullName;
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var plugins = Directory.CreateDirectory(Path.Combine(root, "plugins")).FullName;
        foreach (var folder in PluginFoldersOf(options))
        {
            CopyFolder(folder, Path.Combine(plugins, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))));
        }

        var settings = new Dictionary<string, string?>
        {
            ["SmartTrade:DataDirectory"] = data,
            ["SmartTrade:PluginsPath"] = plugins,
            ["SmartTrade:Demo:Password"] = DemoUsers.Password,
            ["SmartTrade:Demo:SeedCatalog"] = options.SeedDemoCatalog ? "true" : "false",
            ["SmartTrade:PluginUpload:Enabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        var clock = new FakeTimeProvider(options.StartTime);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = options.Environment,
            ApplicationName = typeof(SmartTradeHostApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSmartTradeHost();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var logs = new LogRecorder();
        builder.Logging.AddProvider(logs);
        builder.Logging.AddFilter<LogRecorder>(null, LogLevel.Information);
        var app = builder.Build();
        app.UseSmartTradeHost();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            DeleteQuietly(root);
            throw;
        }

        return new PluginTestHost(app, logs, clock, root, data, plugins);
    }

    /// <summary>A client with no credentials (a visitor).</summary>
    /// <returns>A client of the in-memory server.</returns>
    public HttpClient CreateClient() => _app.GetTestClient();

    /// <summary>
    /// A client signed in as a demo user: each request carries a bearer token from <c>POST /api/v1/auth/token</c>,
    /// issued again when <see cref="Clock"/> has moved past the previous one's expiry.
    /// </summary>
    /// <param name="email">The user's email, such as <see cref="DemoUsers.Merchant"/>.</param>
    /// <param name="password">The password; <see cref="DemoUsers.Password"/> unless given.</param>
    /// <returns>The signed-in client.</returns>
    /// <exception cref="InvalidOperationException">The host refused the credentials.</exception>
    public async Task<HttpClient> ClientForAsync(string email, string password = DemoUsers.Password)
    {
        await TokenForAsync(email, password);
        var server = _app.GetTestServer();
        return new HttpClient(new BearerToken(this, email, password) { InnerHandler = server.CreateHandler() }) { BaseAddress = server.BaseAddress };
    }

    /// <summary>
    /// A bearer token for a user: issued once per host and user, and again once <see cref="Clock"/> passes its expiry.
    /// </summary>
    /// <param name="email">The user's email.</param>
    /// <param name="password">The password; <see cref="DemoUsers.Password"/> unless given.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="InvalidOperationException">The host refused the credentials.</exception>
    public async Task<string> TokenForAsync(string email, string password = DemoUsers.Password)
    {
        if (_tokens.TryGetValue(email, out var cached) && Clock.GetUtcNow() < cached.ExpiresAt)
        {
            return cached.Token;
        }

        var issuedAt = Clock.GetUtcNow();
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The host refused to sign in {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var token = body["access_token"]!.GetValue<string>();
        var lifetime = TimeSpan.FromSeconds(body["expires_in"]!.GetValue<long>());
        _tokens[email] = (token, issuedAt + (lifetime / 2));
        return token;
    }

    /// <summary>The administrator's client (<see cref="DemoUsers.Admin"/>).</summary>
    /// <returns>The signed-in client.</returns>
    public Task<HttpClient> AdminAsync() => ClientForAsync(DemoUsers.Admin);

    /// <summary>
    /// Raises an SDK event as the host does: through the host's mediator, so every enabled plugin's handlers for it
    /// run (and the host's own). Returns when they have all run.
    /// </summary>
    /// <typeparam name="TNotification">The event type, such as <c>OrderPlaced</c> or <c>ListingChanged</c>.</typeparam>
    /// <param name="notification">The event.</param>
    /// <param name="cancellationToken">Cancels the handlers.</param>
    /// <returns>A task that completes when every handler has run.</returns>
    public async Task PublishAsync<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notification, cancellationToken);
    }

    /// <summary>
    /// Delivers every SDK event the host has committed so far (listing changes, order and payment events written to
    /// its outbox) to the host and the plugins, now, instead of waiting for the background processor.
    /// </summary>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>How many events were delivered.</returns>
    public Task<int> DeliverEventsAsync(CancellationToken cancellationToken = default)
        => _app.Services.GetRequiredService<OutboxProcessor>().DrainAsync(cancellationToken);

    /// <summary>A plugin as the host sees it: version, state, reason and routes; <see langword="null"/> if unknown.</summary>
    /// <param name="id">The plugin id from its manifest.</param>
    /// <returns>The plugin's status.</returns>
    public PluginStatus? Plugin(string id)
        => _app.Services.GetRequiredService<PluginRuntime>().Get(id) is { } details
            ? new PluginStatus(details.Plugin.Id, details.Plugin.Version, details.Plugin.State.ToString(), details.Plugin.Reason, details.Endpoints)
            : null;

    /// <summary>
    /// Installs (or upgrades) a plugin into the running host the way an administrator does: zips the folder and
    /// uploads it to <c>POST /api/v1/admin/plugins</c>.
    /// </summary>
    /// <param name="pluginFolder">A built plugin folder holding <c>plugin.json</c>.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The host's answer.</returns>
    public async Task<HttpResponseMessage> UploadPluginAsync(string pluginFolder, CancellationToken cancellationToken = default)
    {
        using var package = new MemoryStream();
        ZipFile.CreateFromDirectory(pluginFolder, package, CompressionLevel.Fastest, includeBaseDirectory: false);
        package.Position = 0;
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(package);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "package", Path.GetFileName(Path.TrimEndingDirectorySeparator(pluginFolder)) + ".zip");
        var admin = await AdminAsync();
        return await admin.PostAsync("/api/v1/admin/plugins", form, cancellationToken);
    }

    /// <summary>Stops the host and deletes its temporary folders.</summary>
    /// <returns>A task that completes when the host has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        DeleteQuietly(Root);
    }

    internal static IEnumerable<string> PluginFoldersOf(PluginTestHostOptions options)
    {
        var folders = options.PluginFolders.Count > 0 ? options.PluginFolders.ToList()
            : options.LoadPluginsUnderTest ? UnderTest().ToList()
            : [];
        if (options.IncludeBuiltInPlugins)
        {
            if (!Directory.Exists(BuiltInPluginsPath))
            {
                throw new InvalidOperationException(
                    $"No built-in plugins in {BuiltInPluginsPath}: set <SmartTradeBuiltInPlugins>true</SmartTradeBuiltInPlugins> in the test project.");
            }

            folders.AddRange(Directory.GetDirectories(BuiltInPluginsPath).Order(StringComparer.Ordinal));
        }

        return folders;
    }

    private static IEnumerable<string> UnderTest()
        => Directory.Exists(PluginsUnderTestPath)
            ? Directory.GetDirectories(PluginsUnderTestPath).Order(StringComparer.Ordinal)
            : throw new InvalidOperationException(
                $"No plugins under test in {PluginsUnderTestPath}: reference the plugin project with <ProjectReference Include=\"path/to/YourPlugin.csproj\" ReferenceOutputAssembly=\"false\" SmartTradePlugin=\"true\" />.");

    private static void CopyFolder(string source, string destination)
    {
        if (!File.Exists(Path.Combine(source, "plugin.json")))
        {
            throw new InvalidOperationException($"{source} is not a plugin folder: it has no plugin.json.");
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a SQLite pool, a loaded plugin); the temporary folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

/// <summary>Puts a demo user's current bearer token on each request.</summary>
internal sealed class BearerToken(PluginTestHost host, string email, string password) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await host.TokenForAsync(email, password));
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A plugin as the host sees it.</summary>
/// <param name="Id">The plugin id.</param>
/// <param name="Version">The version loaded (or refused).</param>
/// <param name="State"><c>Enabled</c>, <c>Disabled</c>, <c>Incompatible</c> or <c>Faulted</c>.</param>
/// <param name="Reason">Why it is Incompatible or Faulted.</param>
/// <param name="Endpoints">The routes it serves, as <c>METHOD pattern</c>.</param>
public sealed record PluginStatus(string Id, string? Version, string State, string? Reason, IReadOnlyList<string> Endpoints)
{
    /// <summary>Whether the plugin is enabled and serving.</summary>
    public bool IsEnabled => State == "Enabled";
}
