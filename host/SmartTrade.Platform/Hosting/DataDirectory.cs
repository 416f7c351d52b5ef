namespace SmartTrade.Platform.Hosting;

/// <summary>
/// The one folder holding everything the host writes, set by <c>SmartTrade:DataDirectory</c>
/// (<c>SmartTrade__DataDirectory</c> in the environment).
/// </summary>
public sealed class DataDirectory
{
    /// <summary>Resolves and creates the data directory.</summary>
    /// <param name="configured">The configured path, or <see langword="null"/> for the default.</param>
    public DataDirectory(string? configured)
    {
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultPath() : configured);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The absolute path of the data directory.</summary>
    public string Root { get; }

    /// <summary>The platform's SQLite database file.</summary>
    public string DatabasePath => Path.Combine(Root, "smarttrade.db");

    /// <summary>Where uploaded plugin versions are installed: <c>plugins/{id}/{version}</c>.</summary>
    public string InstalledPlugins => Path.Combine(Root, "plugins");

    /// <summary>The private data folder of a plugin, created on first use.</summary>
    /// <param name="pluginId">The plugin's id (already validated).</param>
    public string PluginData(string pluginId) => Directory.CreateDirectory(Path.Combine(Root, "plugin-data", pluginId)).FullName;

    /// <summary>Where the host keeps its data protection keys, so cookies and tokens survive a restart.</summary>
    public string Keys => Directory.CreateDirectory(Path.Combine(Root, "keys")).FullName;

    /// <summary>Scratch space for uploads being validated.</summary>
    public string Temp => Directory.CreateDirectory(Path.Combine(Root, "tmp")).FullName;

    private static string DefaultPath()
    {
        var baseDir = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(baseDir))
        {
            baseDir = Path.GetTempPath();
        }

        return Path.Combine(baseDir, "SmartTrade");
    }
}
