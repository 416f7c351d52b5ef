using System.Text.Json.Serialization;

namespace SmartTrade.Platform.Plugins;

/// <summary>Where a plugin stands in the host.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PluginState>))]
public enum PluginState
{
    /// <summary>Loaded and serving: its endpoints, handlers and markets are live.</summary>
    Enabled,

    /// <summary>Switched off by an administrator; nothing of it runs.</summary>
    Disabled,

    /// <summary>Not loaded because it does not fit this host: SDK range, a missing or unfit dependency, a bad manifest.</summary>
    Incompatible,

    /// <summary>Threw while loading, configuring or starting; the error is kept as the reason.</summary>
    Faulted,
}
