using System.Reflection;

namespace SmartTrade.Sdk.Plugins;

/// <summary>Facts about the SDK assembly the host was built with.</summary>
public static class SdkInfo
{
    /// <summary>
    /// The SDK's semantic version (for example <c>1.0.0</c>), read from the assembly's informational version.
    /// Plugin manifests state the range of these versions they support.
    /// </summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(SdkInfo).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
