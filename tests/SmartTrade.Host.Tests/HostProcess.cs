using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace SmartTrade.Host.Tests;

/// <summary>
/// The host's own executable (from this test's output, <c>dotnet SmartTrade.Host.dll</c>) as a real process in
/// Development on a port, with the folders' data and plugins and extra environment settings.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Whether the process has ended (killed, or exited).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the host and waits until <c>/health/ready</c> answers 200 (two minutes at most).</summary>
    public static async Task<HostProcess> StartAsync(TestFolders folders, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SmartTrade.Host.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["SmartTrade__DataDirectory"] = folders.Data;
        start.Environment["SmartTrade__PluginsPath"] = folders.Plugins;
        start.Environment["SmartTrade__Demo__Password"] = TestHost.Password;
        start.Environment["SmartTrade__Demo__SeedCatalog"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, port);
        try
        {
            await host.WaitUntilReadyAsync(ready: true, TimeSpan.FromMinutes(2));
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (<paramref name="ready"/>) or 503 (not ready), within <paramref name="timeout"/>.</summary>
    public async Task WaitUntilReadyAsync(bool ready, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}.");
            }

            try
            {
                var status = (await http.GetAsync("/health/ready")).StatusCode;
                if (ready ? status == HttpStatusCode.OK : status == HttpStatusCode.ServiceUnavailable)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow to answer
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The host on port {Port} did not become {(ready ? "ready" : "not ready")} within {timeout}.");
    }

    /// <summary>A free TCP port on the loopback interface.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client of the host on <paramref name="port"/> signed in with a bearer token; waits (bounded) for demo accounts created after start.</summary>
    public static async Task<HttpClient> ClientForAsync(int port, string email)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestHost.Password });
        for (var attempt = 0; response.StatusCode == HttpStatusCode.Unauthorized && attempt < 300; attempt++)
        {
            await Task.Delay(200);
            response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestHost.Password });
        }

        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The trader's instrument with the most free receipts, once the demo data has given it 30 t or more (bounded wait).</summary>
    public static async Task<(string Instrument, long FreeKg)> DemoReceiptsAsync(HttpClient trader)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var holdings = (await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/holdings"))!;
            var best = holdings.OrderByDescending(h => h!["freeKg"]!.GetValue<long>()).FirstOrDefault();
            if (best is not null && best["freeKg"]!.GetValue<long>() >= 30_000)
            {
                return (best["instrument"]!.GetValue<string>(), best["freeKg"]!.GetValue<long>());
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The demo receipts were not seeded within a minute.");
    }

    /// <summary>Kills the process (SIGKILL: no shutdown, no flush).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
