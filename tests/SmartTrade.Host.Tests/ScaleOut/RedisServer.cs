using System.Diagnostics;

namespace SmartTrade.Host.Tests.ScaleOut;

/// <summary>
/// A throwaway redis-server of the test's own on a free 127.0.0.1 port (no persistence), which the test can stop and
/// start again on the same port, as <c>scripts/test.sh</c> starts the shared one.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"smarttrade-redis-{Guid.NewGuid():N}");

    private RedisServer(int port) => Port = port;

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Starts a server on a free port.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(HostProcess.FreePort());
        Directory.CreateDirectory(server._directory);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it answers PING (10 s at most).</summary>
    public async Task StartAgainAsync()
    {
        await RunAsync("redis-server", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "yes", "--dir", _directory, "--pidfile", Path.Combine(_directory, "redis.pid"), "--logfile", Path.Combine(_directory, "redis.log"));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await RunAsync("redis-cli", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "ping")).Trim() == "PONG")
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer PING within 10 s.");
    }

    /// <summary>Shuts the server down (nothing saved) and waits until the port is closed (10 s at most).</summary>
    public async Task StopAsync()
    {
        await RunAsync("redis-cli", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "shutdown", "nosave");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"redis-server on port {Port} did not stop within 10 s.");
    }

    public void Dispose()
    {
        try
        {
            StopAsync().GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            if (File.Exists(Path.Combine(_directory, "redis.pid")) && int.TryParse(File.ReadAllText(Path.Combine(_directory, "redis.pid")).Trim(), out var pid))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} could not be started.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
