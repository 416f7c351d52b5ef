namespace SmartTrade.Platform.Tests;

/// <summary>A fresh folder under the system temp path, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smarttrade-platform-tests", Guid.NewGuid().ToString("N"))).FullName;
    }

    public string Path { get; }

    /// <summary>Creates (if needed) and returns a sub-folder.</summary>
    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
