namespace SmartTrade.Sdk.Authoring.Tests;

/// <summary>
/// The author's side of the world, set up once per test run: every package for plugin authors packed into a folder
/// feed (from the builds these tests were built with), a NuGet configuration that takes SmartTrade packages from
/// that feed only and everything else from the machine's package cache, and a global packages folder of its own so
/// a package from an earlier run is never reused.
/// </summary>
public sealed class PackedSdk : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("smarttrade-author-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The environment every dotnet command of an author runs with.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
    };

    /// <summary>The folder the author works in: it sits under <see cref="Root"/>, whose nuget.config applies.</summary>
    public string Workspace => Path.Combine(Root, "work");

    /// <summary>The template engine's own settings folder, so installing the template changes nothing on the machine.</summary>
    public string TemplateHive => Path.Combine(Root, "template-hive");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Workspace);
        var (exitCode, output) = await Dotnet.RunAsync(Dotnet.RepositoryRoot, null,
            "pack", Path.Combine("eng", "Packages.proj"), "-c", Dotnet.Configuration, "-p:NoBuild=true", $"-p:PackageOutputPath={Feed}");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"Packing the SDK failed:\n{output}");
        }

        var cache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="smarttrade" value="{Feed}" />
                <add key="machine-cache" value="{cache}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="smarttrade"><package pattern="SmartTrade.*" /></packageSource>
                <packageSource key="machine-cache"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }

        return Task.CompletedTask;
    }
}
