using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Semver;
using SmartTrade.Platform.Plugins;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Sdk.Testing;

/// <summary>
/// The checks every plugin should pass before it is shipped: its manifest is valid and fits this SDK, it loads alone
/// (with only its declared dependencies), every API route it maps is documented in the host's OpenAPI document, a
/// malformed request body gets an RFC 9457 problem (a 4xx, never a 500 or a success), and it can be disabled and
/// enabled at run time cleanly.
/// </summary>
/// <example>
/// <code>
/// var report = await PluginConformance.CheckAsync(Path.Combine(PluginTestHost.PluginsUnderTestPath, "Acme.Freight"));
/// Assert.True(report.Passed, report.ToString());
/// </code>
/// </example>
public static partial class PluginConformance
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>Runs every check on a built plugin, in a host of its own.</summary>
    /// <param name="pluginFolder">The plugin's folder (holding <c>plugin.json</c>).</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>Each check with its outcome.</returns>
    public static async Task<ConformanceReport> CheckAsync(string pluginFolder, CancellationToken cancellationToken = default)
    {
        var checks = new List<ConformanceCheck>();
        if (!PluginManifestReader.TryRead(pluginFolder, out var manifest, out var error))
        {
            checks.Add(ConformanceCheck.Fail(ConformanceCheck.Manifest, error!));
            return new ConformanceReport(Path.GetFileName(pluginFolder), checks);
        }

        var sdk = SemVersion.Parse(SdkInfo.Version, SemVersionStyles.Strict);
        if (!manifest!.SdkRange.Contains(sdk))
        {
            checks.Add(ConformanceCheck.Fail(ConformanceCheck.Manifest, $"plugin.json asks for SDK {manifest.Manifest.Sdk}; this SDK is {sdk}."));
            return new ConformanceReport(manifest.Id, checks);
        }

        if (!File.Exists(manifest.EntryAssemblyPath))
        {
            checks.Add(ConformanceCheck.Fail(ConformanceCheck.Manifest, $"The entry assembly {manifest.Manifest.EntryAssembly} is not in the plugin folder."));
            return new ConformanceReport(manifest.Id, checks);
        }

        checks.Add(ConformanceCheck.Pass(ConformanceCheck.Manifest, $"{manifest.Id} {manifest.Version}, SDK {manifest.Manifest.Sdk}"));

        var options = new PluginTestHostOptions();
        options.PluginFolders.Add(pluginFolder);
        foreach (var dependency in DependencyFolders(manifest))
        {
            options.PluginFolders.Add(dependency);
        }

        await using var host = await PluginTestHost.StartAsync(options, cancellationToken);
        var status = host.Plugin(manifest.Id);
        if (status is not { IsEnabled: true })
        {
            checks.Add(ConformanceCheck.Fail(ConformanceCheck.LoadsInIsolation, $"State {status?.State ?? "unknown"}: {status?.Reason}"));
            return new ConformanceReport(manifest.Id, checks);
        }

        checks.Add(ConformanceCheck.Pass(ConformanceCheck.LoadsInIsolation, $"{status.Endpoints.Count} routes"));
        var routes = status.Endpoints.Select(Route.Parse).ToList();
        var admin = await host.AdminAsync();
        checks.Add(await CheckOpenApiAsync(admin, routes, cancellationToken));
        checks.Add(await CheckBadInputAsync(host, routes, cancellationToken));
        checks.Add(await CheckEnableDisableAsync(host, admin, manifest.Id, routes, cancellationToken));
        return new ConformanceReport(manifest.Id, checks);
    }

    private static IEnumerable<string> DependencyFolders(ValidManifest manifest)
    {
        if (manifest.Dependencies.Count == 0)
        {
            return [];
        }

        var wanted = manifest.Dependencies.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return new[] { PluginTestHost.PluginsUnderTestPath, PluginTestHost.BuiltInPluginsPath }
            .Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Where(folder => PluginManifestReader.TryRead(folder, out var other, out _) && wanted.Contains(other!.Id));
    }

    private static async Task<ConformanceCheck> CheckOpenApiAsync(HttpClient admin, List<Route> routes, CancellationToken cancellationToken)
    {
        var document = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json", cancellationToken))!;
        var paths = document["paths"]?.AsObject() ?? [];
        var missing = new List<string>();
        foreach (var route in routes.Where(r => r.IsApi))
        {
            var documented = paths.FirstOrDefault(p => string.Equals(p.Key.TrimEnd('/'), route.OpenApiPath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)).Value;
            missing.AddRange(route.Methods
                .Where(method => documented?[method.ToLowerInvariant()] is null)
                .Select(method => $"{method} {route.Pattern}"));
        }

        return missing.Count == 0
            ? ConformanceCheck.Pass(ConformanceCheck.OpenApi, $"{routes.Count(r => r.IsApi)} API routes documented")
            : ConformanceCheck.Fail(ConformanceCheck.OpenApi, "Not in /openapi/v1.json: " + string.Join("; ", missing));
    }

    private static async Task<ConformanceCheck> CheckBadInputAsync(PluginTestHost host, List<Route> routes, CancellationToken cancellationToken)
    {
        var wrong = new List<string>();
        var tried = 0;
        foreach (var route in routes.Where(r => r.IsApi))
        {
            foreach (var method in route.Methods.Where(m => m is "POST" or "PUT" or "PATCH"))
            {
                tried++;
                var (status, contentType, body) = await SendMalformedAsync(host, method, route.SamplePath, cancellationToken);
                if (status is < 400 or >= 500 || contentType != ProblemJson)
                {
                    wrong.Add($"{method} {route.Pattern} with a malformed JSON body answered {status} {contentType}: {Shorten(body)}");
                }
            }
        }

        return wrong.Count == 0
            ? ConformanceCheck.Pass(ConformanceCheck.ProblemDetails, $"{tried} writing routes answer a malformed body with a 4xx problem")
            : ConformanceCheck.Fail(ConformanceCheck.ProblemDetails, string.Join("; ", wrong));
    }

    /// <summary>Sends a malformed JSON body as each demo user in turn until one is allowed past authorization.</summary>
    private static async Task<(int Status, string? ContentType, string Body)> SendMalformedAsync(PluginTestHost host, string method, string path, CancellationToken cancellationToken)
    {
        (int, string?, string) answer = default;
        foreach (var user in DemoUsers.All)
        {
            var client = await host.ClientForAsync(user);
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent("{\"conformance\": ", Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request, cancellationToken);
            answer = ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(cancellationToken));
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                return answer;
            }
        }

        return answer;
    }

    private static async Task<ConformanceCheck> CheckEnableDisableAsync(PluginTestHost host, HttpClient admin, string id, List<Route> routes, CancellationToken cancellationToken)
    {
        var probes = routes.Where(r => r.IsApi && r.Methods.Contains("GET") && !r.Pattern.Contains('{')).ToList();
        var before = await StatusesAsync(admin, probes, cancellationToken);
        using (var disabled = await admin.PostAsync($"/api/v1/admin/plugins/{id}/disable", null, cancellationToken))
        {
            if (!disabled.IsSuccessStatusCode || host.Plugin(id) is not { State: "Disabled" })
            {
                return ConformanceCheck.Fail(ConformanceCheck.EnableDisable, $"Disabling answered {(int)disabled.StatusCode}; the plugin is {host.Plugin(id)?.State}: {host.Plugin(id)?.Reason}");
            }
        }

        var whileDisabled = await StatusesAsync(admin, probes, cancellationToken);
        var stillServed = probes.Where((_, i) => whileDisabled[i] != 404).Select(r => r.Pattern).ToList();
        using (var enabled = await admin.PostAsync($"/api/v1/admin/plugins/{id}/enable", null, cancellationToken))
        {
            if (!enabled.IsSuccessStatusCode || host.Plugin(id) is not { IsEnabled: true })
            {
                return ConformanceCheck.Fail(ConformanceCheck.EnableDisable, $"Enabling again answered {(int)enabled.StatusCode}; the plugin is {host.Plugin(id)?.State}: {host.Plugin(id)?.Reason}");
            }
        }

        var after = await StatusesAsync(admin, probes, cancellationToken);
        var changed = Enumerable.Range(0, probes.Count).Where(i => after[i] != before[i])
            .Select(i => $"{probes[i].Pattern} {before[i]} then {after[i]}").ToList();
        if (stillServed.Count > 0 || changed.Count > 0)
        {
            return ConformanceCheck.Fail(ConformanceCheck.EnableDisable,
                $"Still served while disabled: [{string.Join(", ", stillServed)}]; answering differently after enabling again: [{string.Join(", ", changed)}]");
        }

        return ConformanceCheck.Pass(ConformanceCheck.EnableDisable, $"disabled and enabled again; {probes.Count} routes gone while disabled and back afterwards");
    }

    private static async Task<int[]> StatusesAsync(HttpClient client, List<Route> probes, CancellationToken cancellationToken)
    {
        var statuses = new int[probes.Count];
        for (var i = 0; i < probes.Count; i++)
        {
            using var response = await client.GetAsync(probes[i].SamplePath, cancellationToken);
            statuses[i] = (int)response.StatusCode;
        }

        return statuses;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    [GeneratedRegex(@"\{(\*{0,2})([^}:=?]+)([^}]*)\}")]
    private static partial Regex Parameter();

    /// <summary>One mapped route: its methods and pattern.</summary>
    private sealed record Route(IReadOnlyList<string> Methods, string Pattern)
    {
        public bool IsApi => Pattern.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

        /// <summary>The pattern as OpenAPI writes it: parameters without constraints or defaults.</summary>
        public string OpenApiPath => Parameter().Replace(Pattern, m => "{" + m.Groups[2].Value + "}");

        /// <summary>A concrete path for the pattern: each parameter replaced by a value its constraint accepts.</summary>
        public string SamplePath => Parameter().Replace(Pattern, m => m.Groups[3].Value switch
        {
            var c when c.Contains("guid", StringComparison.OrdinalIgnoreCase) => Guid.Empty.ToString(),
            var c when c.Contains("int", StringComparison.OrdinalIgnoreCase) || c.Contains("long", StringComparison.OrdinalIgnoreCase) => "0",
            _ => "conformance",
        });

        public static Route Parse(string described)
        {
            var space = described.IndexOf(' ', StringComparison.Ordinal);
            var methods = described[..space].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new Route(methods is ["*"] ? ["GET", "POST"] : methods, described[(space + 1)..]);
        }
    }
}

/// <summary>The outcome of <see cref="PluginConformance.CheckAsync"/> for one plugin.</summary>
/// <param name="PluginId">The plugin checked (its folder name when the manifest could not be read).</param>
/// <param name="Checks">Each check run, in order; the checks after a failed manifest or load are not run.</param>
public sealed record ConformanceReport(string PluginId, IReadOnlyList<ConformanceCheck> Checks)
{
    /// <summary>Whether every check ran and passed.</summary>
    public bool Passed => Checks.Count == ConformanceCheck.All.Count && Checks.All(c => c.Passed);

    /// <summary>The report as lines of text: one per check, with what was found.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
        => $"Conformance of {PluginId}: {(Passed ? "passed" : "FAILED")}" + Environment.NewLine
            + string.Join(Environment.NewLine, Checks.Select(c => $"  [{(c.Passed ? "pass" : "FAIL")}] {c.Name}: {c.Detail}"));
}

/// <summary>One conformance check and its outcome.</summary>
/// <param name="Name">Which check: one of <see cref="All"/>.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">What was found.</param>
public sealed record ConformanceCheck(string Name, bool Passed, string Detail)
{
    /// <summary><c>plugin.json</c> is valid, fits this SDK and names an entry assembly that is there.</summary>
    public const string Manifest = "manifest";

    /// <summary>The plugin starts enabled in a host with nothing else but its declared dependencies.</summary>
    public const string LoadsInIsolation = "loads-in-isolation";

    /// <summary>Every route under <c>/api/</c> is in the host's OpenAPI document.</summary>
    public const string OpenApi = "endpoints-in-openapi";

    /// <summary>Every writing API route answers a malformed JSON body with a 4xx <c>application/problem+json</c>.</summary>
    public const string ProblemDetails = "problem-details-on-bad-input";

    /// <summary>Disabling removes its routes, enabling brings them back, and neither faults it.</summary>
    public const string EnableDisable = "enable-disable";

    /// <summary>Every check, in the order they run.</summary>
    public static IReadOnlyList<string> All { get; } = [Manifest, LoadsInIsolation, OpenApi, ProblemDetails, EnableDisable];

    internal static ConformanceCheck Pass(string name, string detail) => new(name, true, detail);

    internal static ConformanceCheck Fail(string name, string detail) => new(name, false, detail);
}
