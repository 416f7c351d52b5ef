namespace SmartTrade.Sdk.Authoring.Tests;

/// <summary>
/// The SDK build's compatibility guard (eng/SdkCompatibility.props) on a copy of the SDK with a deliberately breaking
/// change: the real SDK is never touched. The copy keeps the repository's layout, build files and baseline packages.
/// </summary>
public sealed class CompatibilityGuardTests : IDisposable
{
    private readonly string _copy = Directory.CreateTempSubdirectory("smarttrade-guard-").FullName;

    [Fact]
    public async Task Removing_a_public_member_within_the_same_major_version_fails_the_build()
    {
        var sdk = CopySdkWithIsNegativeRemoved();

        var (exitCode, output) = await Dotnet.RunAsync(_copy, null, "build", sdk, "-c", Dotnet.Configuration);

        Assert.True(exitCode != 0, output);
        Assert.Contains("CP0002", output, StringComparison.Ordinal);
        Assert.Contains("SmartTrade.Sdk.Money.IsNegative", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_breaking_change_builds_once_the_major_version_goes_up()
    {
        var sdk = CopySdkWithIsNegativeRemoved();
        var version = Path.Combine(_copy, "eng", "Version.props");
        File.WriteAllText(version, File.ReadAllText(version).Replace(
            "<SmartTradeVersion>1.", "<SmartTradeVersion>2.", StringComparison.Ordinal).Replace(
            "<SmartTradeVersion>2.1.0<", "<SmartTradeVersion>2.0.0<", StringComparison.Ordinal));

        var (exitCode, output) = await Dotnet.RunAsync(_copy, null, "build", sdk, "-c", Dotnet.Configuration);

        Assert.True(exitCode == 0, output);
        Assert.Contains("a new major version over the 1.0.0 baseline", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_copy, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    /// <summary>Copies what building the SDK needs, then makes <c>Money.IsNegative</c> internal in the copy.</summary>
    private string CopySdkWithIsNegativeRemoved()
    {
        var root = Dotnet.RepositoryRoot;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(_copy, file));
        }

        CopyFolder(Path.Combine(root, "eng"), Path.Combine(_copy, "eng"));
        CopyFolder(Path.Combine(root, "sdk", "baseline"), Path.Combine(_copy, "sdk", "baseline"));
        CopyFolder(Path.Combine(root, "sdk", "SmartTrade.Sdk"), Path.Combine(_copy, "sdk", "SmartTrade.Sdk"));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets" })
        {
            File.Copy(Path.Combine(root, "sdk", file), Path.Combine(_copy, "sdk", file));
        }

        var money = Path.Combine(_copy, "sdk", "SmartTrade.Sdk", "Money.cs");
        var source = File.ReadAllText(money);
        Assert.Contains("public bool IsNegative", source, StringComparison.Ordinal);
        File.WriteAllText(money, source.Replace("public bool IsNegative", "internal bool IsNegative", StringComparison.Ordinal));
        return Path.Combine(_copy, "sdk", "SmartTrade.Sdk", "SmartTrade.Sdk.csproj");
    }

    private static void CopyFolder(string source, string destination)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar) is var parts && (parts.Contains("bin") || parts.Contains("obj")))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
