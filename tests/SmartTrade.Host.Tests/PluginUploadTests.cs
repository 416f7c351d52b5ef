using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;
using static SmartTrade.Host.Tests.PluginLoadingTests;

namespace SmartTrade.Host.Tests;

/// <summary>Installing and upgrading plugins by uploading a package while the host serves.</summary>
public sealed class PluginUploadTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Dictionary<string, string?> UploadOn = new() { ["SmartTrade:PluginUpload:Enabled"] = "true" };
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Upgrading_under_steady_concurrent_load_fails_no_request_and_new_requests_reach_the_new_version()
    {
        _folders.AddProbe("probe-live", version: "1.0.0");
        await using var host = new TestHost(_folders, settings: UploadOn);
        var admin = await host.AdminAsync();
        var package = ProbePackage("probe-live", "2.0.0");

        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var versions = new HashSet<string>();
        long requests = 0;
        long v1Responses = 0;
        long v2Responses = 0;
        long? firstV2Ticks = null;
        var servingV1 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var servingV2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var inFlight = admin.GetAsync("/api/v1/test-plugins/probe-live/slow?ms=5000");
        var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var client = host.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var path = worker % 2 == 0 ? "/api/v1/test-plugins/probe-live/version" : "/api/v1/test-plugins/probe-live/slow?ms=15";
                var response = await client.GetAsync(path);
                Interlocked.Increment(ref requests);
                var body = await response.Content.ReadAsStringAsync();
                lock (failures)
                {
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        failures.Add($"{(int)response.StatusCode} {path} {body}");
                        continue;
                    }

                    var version = JsonNode.Parse(body)!["version"]!.GetValue<string>();
                    versions.Add(version);
                    if (version == "1.0.0" && ++v1Responses >= 30)
                    {
                        servingV1.TrySetResult();
                    }

                    if (version == "2.0.0")
                    {
                        firstV2Ticks ??= clock.ElapsedTicks;
                        if (++v2Responses >= 30)
                        {
                            servingV2.TrySetResult();
                        }
                    }
                }
            }
        })).ToList();

        // Upload only once the load is flowing through version 1, and stop only once it flows through version 2.
        await servingV1.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var uploadStarted = clock.ElapsedTicks;
        var upload = await UploadAsync(admin, package);
        var uploadDone = clock.ElapsedTicks;
        var afterUpload = await admin.GetFromJsonAsync<JsonObject>("/api/v1/test-plugins/probe-live/version");
        await servingV2.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var slow = await inFlight;

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Empty(failures);
        Assert.Equal(["1.0.0", "2.0.0"], versions.Order());
        Assert.Equal("2.0.0", afterUpload!["version"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.Equal("1.0.0", (await slow.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<string>());
        var toServing = TimeSpan.FromTicks((firstV2Ticks!.Value - uploadStarted) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
        var toResponse = TimeSpan.FromTicks((uploadDone - uploadStarted) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
        output.WriteLine($"{requests} requests, 0 failed; upload to first v2 response {toServing.TotalMilliseconds:0} ms; upload response after {toResponse.TotalMilliseconds:0} ms (includes draining the 5 s in-flight request)");
    }

    [Fact]
    public async Task An_uploaded_new_plugin_is_installed_enabled_and_survives_a_restart()
    {
        await using (var host = new TestHost(_folders, settings: UploadOn))
        {
            var admin = await host.AdminAsync();
            var response = await UploadAsync(admin, ProbePackage("probe-new", "1.2.0"));

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("1.2.0", (await admin.GetFromJsonAsync<JsonObject>("/api/v1/test-plugins/probe-new/version"))!["version"]!.GetValue<string>());
        }

        await using var restarted = new TestHost(_folders, settings: UploadOn);
        var plugin = await PluginAsync(await restarted.AdminAsync(), "probe-new");
        Assert.Equal("1.2.0", plugin["version"]!.GetValue<string>());
        Assert.Equal("uploaded", plugin["source"]!.GetValue<string>());
        Assert.Equal("Enabled", plugin["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_install_hook_runs_once_per_version_on_install_and_on_upgrade_with_the_previous_version()
    {
        _folders.AddProbe("probe-hooks", version: "1.0.0");
        await using (var first = new TestHost(_folders, settings: UploadOn))
        {
            Assert.Equal(["1.0.0 from none"], (await (await first.AdminAsync()).GetFromJsonAsync<string[]>("/api/v1/test-plugins/probe-hooks/installs"))!);
        }

        await using var second = new TestHost(_folders, settings: UploadOn);
        var admin = await second.AdminAsync();
        var afterRestart = (await admin.GetFromJsonAsync<string[]>("/api/v1/test-plugins/probe-hooks/installs"))!;
        await UploadAsync(admin, ProbePackage("probe-hooks", "1.1.0"));
        var afterUpgrade = (await admin.GetFromJsonAsync<string[]>("/api/v1/test-plugins/probe-hooks/installs"))!;

        Assert.Equal(["1.0.0 from none"], afterRestart);
        Assert.Equal(["1.0.0 from none", "1.1.0 from 1.0.0"], afterUpgrade);
    }

    [Fact]
    public async Task Uploading_the_version_already_running_is_a_conflict()
    {
        _folders.AddProbe("probe-same", version: "1.0.0");
        await using var host = new TestHost(_folders, settings: UploadOn);

        var response = await UploadAsync(await host.AdminAsync(), ProbePackage("probe-same", "1.0.0"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task A_new_version_that_does_not_fit_the_host_is_refused_and_the_old_version_keeps_serving()
    {
        _folders.AddProbe("probe-keep", version: "1.0.0");
        await using var host = new TestHost(_folders, settings: UploadOn);
        var admin = await host.AdminAsync();

        var response = await UploadAsync(admin, ProbePackage("probe-keep", "2.0.0", m => m["sdk"] = "^3.0.0"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("1.0.0", (await admin.GetFromJsonAsync<JsonObject>("/api/v1/test-plugins/probe-keep/version"))!["version"]!.GetValue<string>());
        Assert.Empty(InstalledFolders());
    }

    [Theory]
    [InlineData("ConfigureServices")]
    [InlineData("Install")]
    [InlineData("Start")]
    public async Task A_new_version_that_throws_while_starting_is_refused_and_the_old_version_keeps_serving(string stage)
    {
        _folders.AddProbe("probe-old", version: "1.0.0");
        var settings = new Dictionary<string, string?>(UploadOn)
        {
            ["SmartTrade:Plugins:probe-old:FailIn"] = stage,
            ["SmartTrade:Plugins:probe-old:FailInVersion"] = "2.0.0",
        };
        await using var host = new TestHost(_folders, settings: settings);
        var admin = await host.AdminAsync();

        var response = await UploadAsync(admin, ProbePackage("probe-old", "2.0.0"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"Probe told to fail in {stage}", await response.Content.ReadAsStringAsync());
        Assert.Equal("1.0.0", (await admin.GetFromJsonAsync<JsonObject>("/api/v1/test-plugins/probe-old/version"))!["version"]!.GetValue<string>());
        var plugin = await PluginAsync(admin, "probe-old");
        Assert.Equal(("1.0.0", "Enabled"), (plugin["version"]!.GetValue<string>(), plugin["state"]!.GetValue<string>()));
        Assert.Empty(InstalledFolders());
    }

    public static TheoryData<string, byte[], HttpStatusCode> BadPackages()
    {
        var probe = TestFolders.Built(TestHost.Probe);
        return new()
        {
            { "not a zip", Encoding.UTF8.GetBytes("this is plain text, not a zip archive"), HttpStatusCode.BadRequest },
            { "parent path entry", Zip(("plugin.json", File.ReadAllBytes(Path.Combine(probe, "plugin.json"))), ("../escape.dll", [1, 2, 3])), HttpStatusCode.BadRequest },
            { "absolute path entry", Zip(("plugin.json", File.ReadAllBytes(Path.Combine(probe, "plugin.json"))), ("/tmp/escape.dll", [1, 2, 3])), HttpStatusCode.BadRequest },
            { "no plugin.json", Zip(("SmartTrade.TestPlugins.Probe.dll", File.ReadAllBytes(Path.Combine(probe, "SmartTrade.TestPlugins.Probe.dll")))), HttpStatusCode.BadRequest },
            { "invalid plugin.json", Zip(("plugin.json", Encoding.UTF8.GetBytes("{\"id\":\"X\",\"version\":\"one\"}"))), HttpStatusCode.BadRequest },
            { "oversize", Zip(("plugin.json", File.ReadAllBytes(Path.Combine(probe, "plugin.json"))), ("big.bin", new byte[3 * 1024 * 1024])), HttpStatusCode.RequestEntityTooLarge },
        };
    }

    [Theory]
    [MemberData(nameof(BadPackages))]
    public async Task A_bad_package_is_refused_with_a_problem_and_changes_nothing(string what, byte[] package, HttpStatusCode expected)
    {
        _folders.AddProbe("probe-steady");
        var settings = new Dictionary<string, string?>(UploadOn) { ["SmartTrade:PluginUpload:MaxPackageBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await using var host = new TestHost(_folders, settings: settings);
        var admin = await host.AdminAsync();
        var before = (await PluginsAsync(admin)).Select(p => p.ToJsonString()).ToList();

        var response = await UploadAsync(admin, package);

        Assert.True(expected == response.StatusCode, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await PluginsAsync(admin)).Select(p => p.ToJsonString()).ToList());
        Assert.Empty(InstalledFolders());
        Assert.False(File.Exists(Path.Combine(_folders.Root, "escape.dll")));
    }

    [Fact]
    public async Task Upload_is_refused_unless_configuration_turns_it_on()
    {
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?> { ["SmartTrade:PluginUpload:Enabled"] = "false" });

        var response = await UploadAsync(await host.AdminAsync(), ProbePackage("probe-off", "1.0.0"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(InstalledFolders());
    }

    [Fact]
    public async Task Only_an_admin_may_upload()
    {
        await using var host = new TestHost(_folders, settings: UploadOn);

        var merchant = await UploadAsync(await host.ClientForAsync("merchant@smarttrade.demo"), ProbePackage("probe-x", "1.0.0"));
        var anonymous = await UploadAsync(host.CreateClient(), ProbePackage("probe-x", "1.0.0"));

        Assert.Equal(HttpStatusCode.Forbidden, merchant.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(InstalledFolders());
    }

    [Fact]
    public async Task An_upload_that_is_not_multipart_is_415()
    {
        await using var host = new TestHost(_folders, settings: UploadOn);
        var admin = await host.AdminAsync();

        var response = await admin.PostAsync("/api/v1/admin/plugins", new ByteArrayContent(ProbePackage("probe-y", "1.0.0")) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private List<string> InstalledFolders()
    {
        var root = Path.Combine(_folders.Data, "plugins");
        return Directory.Exists(root) ? Directory.GetDirectories(root).SelectMany(Directory.GetDirectories).ToList() : [];
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] package)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(package);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "package", "plugin.zip");
        return await client.PostAsync("/api/v1/admin/plugins", form);
    }

    internal static byte[] ProbePackage(string id, string version, Action<JsonObject>? manifest = null)
    {
        var staging = Directory.CreateTempSubdirectory("probe-package-").FullName;
        try
        {
            TestFolders.CopyPlugin(TestHost.Probe, staging, m =>
            {
                m["id"] = id;
                m["version"] = version;
                manifest?.Invoke(m);
            });
            using var buffer = new MemoryStream();
            ZipFile.CreateFromDirectory(staging, buffer);
            return buffer.ToArray();
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
