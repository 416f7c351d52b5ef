namespace SmartTrade.Sdk.Testing;

/// <summary>How <see cref="PluginTestHost.StartAsync(PluginTestHostOptions?, CancellationToken)"/> sets up a host.</summary>
public sealed class PluginTestHostOptions
{
    /// <summary>The moment the fake clock starts at: 2026-01-05 09:00 in Beijing (a Monday) unless set.</summary>
    public DateTimeOffset StartTime { get; set; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// The plugin folders to load: each holds a <c>plugin.json</c>. Empty (the default) means every plugin under test,
    /// that is every folder under <see cref="PluginTestHost.PluginsUnderTestPath"/>.
    /// </summary>
    public IList<string> PluginFolders { get; } = [];

    /// <summary>
    /// Whether to load the plugins under test when <see cref="PluginFolders"/> is empty (the default); turn it off
    /// for a host that starts without them, to install a plugin into it at run time.
    /// </summary>
    public bool LoadPluginsUnderTest { get; set; } = true;

    /// <summary>
    /// Whether to load the built-in plugins the host ships with as well (set <c>SmartTradeBuiltInPlugins</c> to
    /// <c>true</c> in the test project so the package copies them beside the tests).
    /// </summary>
    public bool IncludeBuiltInPlugins { get; set; }

    /// <summary>Whether the plugins seed their demo catalogues (<c>SmartTrade:Demo:SeedCatalog</c>); off by default.</summary>
    public bool SeedDemoCatalog { get; set; }

    /// <summary>The host environment; demo accounts exist only in <c>Development</c>, the default.</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>
    /// Host settings, as in <c>appsettings.json</c> (<c>SmartTrade:Plugins:{id}:...</c> for a plugin's own settings).
    /// They override the harness's defaults.
    /// </summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Loads the built-in plugins too.</summary>
    /// <returns>These options.</returns>
    public PluginTestHostOptions WithBuiltInPlugins()
    {
        IncludeBuiltInPlugins = true;
        return this;
    }

    /// <summary>Sets one host setting.</summary>
    /// <param name="key">The setting, such as <c>SmartTrade:Plugins:acme-freight:Rate</c>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>These options.</returns>
    public PluginTestHostOptions With(string key, string? value)
    {
        Settings[key] = value;
        return this;
    }
}
