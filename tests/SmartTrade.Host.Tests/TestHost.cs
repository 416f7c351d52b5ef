using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace SmartTrade.Host.Tests;

/// <summary>
/// A real SmartTrade host for one test: its own data directory and plugins folder (chosen plugins copied from the
/// build, manifests rewritten as the test needs), started in-process through the host's own Program.
/// </summary>
public sealed class TestHost : WebApplicationFactory<Program>
{
    public const string Password = "Demo123!";

    /// <summary>Project folder names of the plugins the host ships with.</summary>
    public static readonly string[] ShippedPlugins =
    [
        "SmartTrade.Plugins.WarehouseReceipts",
        "SmartTrade.Plugins.PriceIndex",
        "SmartTrade.Plugins.ApplianceMarket",
        "SmartTrade.Plugins.AgriMarket",
        "SmartTrade.Samples.MouldMarket",
    ];

    public const string Probe = "SmartTrade.TestPlugins.Probe";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly TimeProvider? _time;

    public TestHost(TestFolders folders, string environment = "Development", IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        _time = time;
        Folders = folders;
        _environment = environment;
        _settings = new Dictionary<string, string?>
        {
            ["SmartTrade:DataDirectory"] = folders.Data,
            ["SmartTrade:PluginsPath"] = folders.Plugins,
            ["SmartTrade:Demo:Password"] = Password,
            ["SmartTrade:Demo:SeedCatalog"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestFolders Folders { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_time));
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<HttpClient> ClientForAsync(string email)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientForAsync("admin@smarttrade.demo");

    public T GetService<T>()
        where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>Temporary data and plugin folders for one test, removed afterwards.</summary>
public sealed class TestFolders : IDisposable
{
    public TestFolders()
    {
        Root = Directory.CreateTempSubdirectory("smarttrade-test-").FullName;
        Data = Directory.CreateDirectory(Path.Combine(Root, "data")).FullName;
        Plugins = Directory.CreateDirectory(Path.Combine(Root, "plugins")).FullName;
    }

    public string Root { get; }

    public string Data { get; }

    public string Plugins { get; }

    public static string Built(string project) => Path.Combine(AppContext.BaseDirectory, "plugins", project);

    /// <summary>Copies a built plugin into this host's plugins folder, optionally rewriting its manifest.</summary>
    public string AddPlugin(string project, Action<JsonObject>? manifest = null, string? folderName = null)
        => CopyPlugin(project, Path.Combine(Plugins, folderName ?? project), manifest);

    /// <summary>Adds every shipped plugin.</summary>
    public TestFolders WithShippedPlugins()
    {
        foreach (var plugin in TestHost.ShippedPlugins)
        {
            AddPlugin(plugin);
        }

        return this;
    }

    /// <summary>Adds the probe under an id of its own.</summary>
    public string AddProbe(string id, string version = "1.0.0", Action<JsonObject>? manifest = null)
        => AddPlugin(TestHost.Probe, m =>
        {
            m["id"] = id;
            m["version"] = version;
            manifest?.Invoke(m);
        }, id);

    public static string CopyPlugin(string project, string destination, Action<JsonObject>? manifest)
    {
        var source = Built(project);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"Plugin {project} was not built into {source}.");
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        if (manifest is not null)
        {
            var path = Path.Combine(destination, "plugin.json");
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            manifest(json);
            File.WriteAllText(path, json.ToJsonString());
        }

        return destination;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the host process; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>
/// One host shared by the tests of a class (an xUnit class fixture), for tests that each work on data of their own:
/// their own listings, and their own accounts from <see cref="NewAccountAsync"/>. A host start is then paid once per
/// class instead of once per test. Tests that move the clock, restart the host or count what the whole host holds
/// keep a <see cref="TestHost"/> of their own.
/// </summary>
public abstract class SharedHost : IAsyncLifetime
{
    private readonly TestFolders _folders = new();
    private readonly Action<TestFolders> _configure;
    private readonly TimeProvider? _time;
    private TestHost? _host;

    /// <param name="configure">Adds the plugins the host runs with.</param>
    /// <param name="time">A clock for the host; shared by every test of the class, so none of them may move it.</param>
    protected SharedHost(Action<TestFolders> configure, TimeProvider? time = null)
    {
        _configure = configure;
        _time = time;
    }

    public TestHost Host => _host ?? throw new InvalidOperationException("The shared host has not started.");

    public Task InitializeAsync()
    {
        _configure(_folders);
        _host = new TestHost(_folders, time: _time);
        _ = _host.Server; // starts it
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folders.Dispose();
    }

    /// <summary>A new account with one role, used by the calling test alone; returns a signed-in client.</summary>
    public async Task<HttpClient> NewAccountAsync(string role) => await Host.ClientForAsync(await NewEmailAsync(role));

    /// <summary>A new account with one role, used by the calling test alone; returns its e-mail.</summary>
    public Task<string> NewEmailAsync(string role)
        => Shopping.CreateUserAsync(Host, $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@smarttrade.test", role);
}

/// <summary>A shared host with the small-appliance market and the probes the API tests count things and events with.</summary>
public sealed class ApplianceMarketHost() : SharedHost(folders =>
{
    folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");
    folders.AddProbe("probe-idem");
    folders.AddProbe("probe-orders");
});
