namespace SmartTrade.Platform.Plugins;

/// <summary>What the host remembers about a plugin across restarts.</summary>
public sealed class PluginRecord
{
    /// <summary>The plugin's id.</summary>
    public required string Id { get; set; }

    /// <summary>Whether an administrator wants it enabled (new plugins start enabled).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The version installed by upload, if any; otherwise the bundled version is used.</summary>
    public string? InstalledVersion { get; set; }

    /// <summary>The folder of the uploaded version, under the data directory.</summary>
    public string? InstalledPath { get; set; }

    /// <summary>The last version whose install hook (migrations, seed) completed.</summary>
    public string? AppliedVersion { get; set; }

    /// <summary>When the row last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
