using SmartTrade.Platform.Hosting;

namespace SmartTrade.Platform.Tests;

/// <summary>Where the host keeps everything it writes.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_configured_relative_path_is_made_absolute_and_created()
    {
        var wanted = Path.Combine(_temp.Path, "data");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, wanted);
        Assert.False(Path.IsPathRooted(relative));

        var data = new DataDirectory(relative);

        Assert.Equal(wanted, data.Root);
        Assert.True(Directory.Exists(wanted));
    }

    [Fact]
    public void A_configured_path_with_parent_segments_is_normalized()
    {
        var data = new DataDirectory(Path.Combine(_temp.Path, "a", "..", "data"));

        Assert.Equal(Path.Combine(_temp.Path, "data"), data.Root);
        Assert.True(Directory.Exists(data.Root));
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "a")));
    }

    [Fact]
    public void The_database_and_installed_plugins_live_inside_the_data_directory()
    {
        var data = new DataDirectory(_temp.Path);

        Assert.Equal(Path.Combine(_temp.Path, "smarttrade.db"), data.DatabasePath);
        Assert.Equal(Path.Combine(_temp.Path, "plugins"), data.InstalledPlugins);
    }

    [Fact]
    public void A_plugins_data_folder_is_plugin_data_slash_its_id_and_is_created_on_first_use()
    {
        var data = new DataDirectory(_temp.Path);
        var expected = Path.Combine(_temp.Path, "plugin-data", "mould-market");
        Assert.False(Directory.Exists(expected));

        var folder = data.PluginData("mould-market");

        Assert.Equal(expected, folder);
        Assert.True(Directory.Exists(expected));
        Assert.Equal(expected, data.PluginData("mould-market"));
    }

    [Fact]
    public void The_keys_and_temp_folders_are_created_inside_the_data_directory()
    {
        var data = new DataDirectory(_temp.Path);

        Assert.Equal(Path.Combine(_temp.Path, "keys"), data.Keys);
        Assert.Equal(Path.Combine(_temp.Path, "tmp"), data.Temp);
        Assert.True(Directory.Exists(data.Keys));
        Assert.True(Directory.Exists(data.Temp));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_configured_path_the_data_directory_is_a_SmartTrade_folder_outside_the_current_directory(string? configured)
    {
        // On Linux the default sits under $XDG_DATA_HOME; point it at the temp folder so the test leaves nothing behind.
        var previous = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", _temp.Path);
        try
        {
            var data = new DataDirectory(configured);

            Assert.True(Path.IsPathFullyQualified(data.Root));
            Assert.Equal("SmartTrade", Path.GetFileName(data.Root));
            Assert.True(Directory.Exists(data.Root));
            var current = Path.GetFullPath(Environment.CurrentDirectory) + Path.DirectorySeparatorChar;
            Assert.False(data.Root.StartsWith(current, StringComparison.Ordinal), $"{data.Root} is inside {current}");
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(Path.Combine(_temp.Path, "SmartTrade"), data.Root);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", previous);
        }
    }
}
