namespace SmartTrade.Platform.Hosting;

/// <summary>The host's settings, bound from the <c>SmartTrade</c> configuration section.</summary>
public sealed class SmartTradeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "SmartTrade";

    /// <summary>
    /// Where all state the host writes lives (database, search index, journals, uploads, installed plugins).
    /// Defaults to <c>SmartTrade</c> under the user's local application data folder, outside the source tree.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>The folder of bundled plugins; defaults to <c>plugins</c> beside the host's assemblies.</summary>
    public string? PluginsPath { get; set; }

    /// <summary>Run-time plugin upload through the admin API.</summary>
    public PluginUploadOptions PluginUpload { get; set; } = new();

    /// <summary>Demo accounts seeded in Development.</summary>
    public DemoOptions Demo { get; set; } = new();

    /// <summary>How long the host waits for a plugin's start or stop hook before marking it Faulted.</summary>
    public TimeSpan PluginStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an old plugin version may keep serving in-flight requests after an upgrade or disable.</summary>
    public TimeSpan PluginDrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Settings of run-time plugin upload.</summary>
public sealed class PluginUploadOptions
{
    /// <summary>Whether administrators may upload plugin packages. Off unless configuration turns it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>The largest package accepted, compressed, in bytes (default 50 MiB).</summary>
    public long MaxPackageBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The largest total size of a package's files once extracted, in bytes (default 200 MiB).</summary>
    public long MaxExtractedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The most entries a package may hold (default 2,000).</summary>
    public int MaxEntries { get; set; } = 2_000;
}

/// <summary>Settings of the demo accounts seeded in Development.</summary>
public sealed class DemoOptions
{
    /// <summary>The password of every demo account (default <c>Demo123!</c>).</summary>
    public string Password { get; set; } = "Demo123!";

    /// <summary>Whether a Development host seeds the enabled plugins' demo catalogues (default true; tests turn it off).</summary>
    public bool SeedCatalog { get; set; } = true;
}
