namespace SmartTrade.Sdk.Plugins;

/// <summary>Tells <see cref="ITradePlugin.InstallAsync"/> whether it installs or upgrades.</summary>
/// <param name="Version">The version being installed.</param>
/// <param name="PreviousVersion">The version installed before, or <see langword="null"/> on a fresh install.</param>
public sealed record PluginInstallContext(string Version, string? PreviousVersion)
{
    /// <summary>Whether this is an upgrade from an earlier installed version.</summary>
    public bool IsUpgrade => PreviousVersion is not null;
}
