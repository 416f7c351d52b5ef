using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Semver;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Hosting;
using SmartTrade.Sdk.Plugins;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Plugins;

/// <summary>
/// Discovers, checks, loads, enables, disables and upgrades plugins while the host runs. All changes go
/// through one gate; reads (routing, notifications, listings) see a consistent snapshot without waiting.
/// </summary>
public sealed class PluginRuntime
{
    private const string Bundled = "bundled";
    private const string Uploaded = "uploaded";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IServiceProvider _hostRoot;
    private readonly HostServiceExposure _exposure;
    private readonly DataDirectory _data;
    private readonly SmartTradeOptions _options;
    private readonly IConfiguration _configuration;
    private readonly IHostEnvironment _environment;
    private readonly PluginEndpointDataSource _endpoints;
    private readonly ILogger<PluginRuntime> _logger;
    private readonly SemVersion _sdkVersion = SemVersion.Parse(SdkInfo.Version, SemVersionStyles.Strict);
    private volatile Slot[] _slots = [];
    private Task<HashSet<string>>? _hostRoutes;

    internal PluginRuntime(
        IServiceProvider hostRoot,
        HostServiceExposure exposure,
        DataDirectory data,
        IOptions<SmartTradeOptions> options,
        IConfiguration configuration,
        IHostEnvironment environment,
        PluginEndpointDataSource endpoints,
        ILogger<PluginRuntime> logger)
    {
        _hostRoot = hostRoot;
        _exposure = exposure;
        _data = data;
        _options = options.Value;
        _configuration = configuration;
        _environment = environment;
        _endpoints = endpoints;
        _logger = logger;
    }

    /// <summary>
    /// The host's own endpoint sources (the application's route builder), so a plugin cannot take a route the
    /// host serves. Set when the platform is mapped.
    /// </summary>
    internal IEnumerable<EndpointDataSource> HostEndpointSources { get; set; } = [];

    /// <summary>Whether the start-up load has finished (the readiness check waits for it).</summary>
    public bool Started { get; private set; }

    /// <summary>The folder of bundled plugins.</summary>
    public string BundledPath => Path.GetFullPath(string.IsNullOrWhiteSpace(_options.PluginsPath)
        ? Path.Combine(AppContext.BaseDirectory, "plugins")
        : _options.PluginsPath);

    /// <summary>Every plugin the host knows, in load order.</summary>
    public IReadOnlyList<PluginInfo> List() => _slots.Select(s => s.ToInfo()).ToList();

    /// <summary>One plugin's details, or <see langword="null"/> when unknown.</summary>
    /// <param name="id">The plugin's id.</param>
    public PluginDetails? Get(string id)
    {
        var slot = Find(id);
        if (slot is null)
        {
            return null;
        }

        var generation = slot.Current;
        return new PluginDetails
        {
            Plugin = slot.ToInfo(),
            PrivateAssemblies = generation?.PrivateAssemblies().Select(a => $"{a.Name} {a.Version}").ToList() ?? [],
            Endpoints = generation?.MappedEndpoints.OfType<RouteEndpoint>().Select(Describe).ToList() ?? [],
        };
    }

    /// <summary>The service providers of the enabled plugins, in load order (for collecting what plugins declare).</summary>
    public IReadOnlyList<IServiceProvider> EnabledPluginServices()
        => ServingGenerations().Select(g => (IServiceProvider)g.Root).ToList();

    internal IEnumerable<PluginGeneration> ServingGenerations()
    {
        foreach (var slot in _slots)
        {
            if (slot.State == PluginState.Enabled && slot.Current is { } generation)
            {
                yield return generation;
            }
        }
    }

    /// <summary>Discovers every plugin and loads the enabled ones in dependency order.</summary>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _ = HostRoutesAsync();
            var records = await ReadRecordsAsync(cancellationToken);
            var slots = Discover(records);
            var ordered = Resolve(slots, records);
            _slots = ordered.ToArray();
            foreach (var slot in ordered)
            {
                if (slot.State != PluginState.Enabled)
                {
                    continue;
                }

                var blocker = UnservedDependency(slot);
                if (blocker is not null)
                {
                    slot.MarkIncompatible(blocker);
                    continue;
                }

                var generation = await TryStartGenerationAsync(slot.Manifest!, records.GetValueOrDefault(slot.Id)?.AppliedVersion, cancellationToken);
                if (generation.Error is not null)
                {
                    slot.MarkFaulted(generation.Error);
                }
                else
                {
                    slot.Current = generation.Generation;
                }
            }

            PublishEndpoints();
            CleanUnusedInstallFolders();
            Started = true;
            foreach (var slot in _slots)
            {
                _logger.LogInformation("Plugin {PluginId} {Version}: {State} {Reason}", slot.Id, slot.Manifest?.Version, slot.State, slot.Reason);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops every running plugin, letting in-flight work finish.</summary>
    /// <param name="cancellationToken">Cancelled when the shutdown timeout expires.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var slot in _slots.Reverse())
            {
                if (slot.Current is { } generation)
                {
                    slot.Current = null;
                    await RetireAsync(generation, cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Enables a plugin: loads it and serves its endpoints, handlers and markets.</summary>
    /// <param name="id">The plugin's id.</param>
    /// <param name="cancellationToken">Cancelled when the caller gives up.</param>
    public async Task<PluginOperationResult> EnableAsync(string id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var slot = Find(id);
            if (slot?.Manifest is null)
            {
                return slot is null
                    ? PluginOperationResult.Fail(404, $"No plugin '{id}'.")
                    : PluginOperationResult.Fail(409, slot.Reason ?? "The plugin's manifest is invalid.", slot.ToInfo());
            }

            if (slot.State == PluginState.Enabled)
            {
                return PluginOperationResult.Ok(slot.ToInfo());
            }

            var unfit = CheckFit(slot.Manifest, servingOnly: true);
            if (unfit is not null)
            {
                return PluginOperationResult.Fail(409, unfit, slot.ToInfo());
            }

            var record = await UpdateRecordAsync(id, r => r.Enabled = true, cancellationToken);
            var started = await TryStartGenerationAsync(slot.Manifest, record.AppliedVersion, cancellationToken);
            if (started.Error is not null)
            {
                slot.MarkFaulted(started.Error);
                return PluginOperationResult.Fail(422, $"The plugin failed to start: {started.Error}", slot.ToInfo());
            }

            slot.Current = started.Generation;
            slot.MarkEnabled();
            PublishEndpoints();
            await EnableWaitingDependentsAsync(cancellationToken);
            _logger.LogInformation("Plugin {PluginId} {Version} enabled", id, slot.Manifest.Version);
            return PluginOperationResult.Ok(slot.ToInfo());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Disables a plugin: its endpoints, handlers and markets disappear at once; its in-flight requests finish,
    /// then it is stopped. Refused while an enabled plugin depends on it.
    /// </summary>
    /// <param name="id">The plugin's id.</param>
    /// <param name="cancellationToken">Cancelled when the caller gives up.</param>
    public async Task<PluginOperationResult> DisableAsync(string id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var slot = Find(id);
            if (slot is null)
            {
                return PluginOperationResult.Fail(404, $"No plugin '{id}'.");
            }

            var dependents = _slots
                .Where(s => s.State == PluginState.Enabled && s.Manifest!.Dependencies.Any(d => d.Id == id))
                .Select(s => s.Id)
                .ToList();
            if (dependents.Count > 0)
            {
                return PluginOperationResult.Fail(409, $"Enabled plugins depend on '{id}': {string.Join(", ", dependents)}. Disable them first.", slot.ToInfo());
            }

            await UpdateRecordAsync(id, r => r.Enabled = false, cancellationToken);
            var generation = slot.Current;
            slot.Current = null;
            slot.MarkDisabled();
            PublishEndpoints();
            if (generation is not null)
            {
                await RetireAsync(generation, cancellationToken);
            }

            _logger.LogInformation("Plugin {PluginId} disabled", id);
            return PluginOperationResult.Ok(slot.ToInfo());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Installs a new plugin, or upgrades an installed one, from an extracted package folder. The new version is
    /// loaded and started beside the old one; only then do new requests go to it, while the old version finishes
    /// its in-flight requests and stops. On any failure nothing changes and the folder is removed.
    /// </summary>
    /// <param name="folder">The extracted package, already inside the data directory.</param>
    /// <param name="cancellationToken">Cancelled when the caller gives up.</param>
    public async Task<PluginOperationResult> InstallAsync(string folder, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        var keepFolder = false;
        try
        {
            if (!PluginManifestReader.TryRead(folder, out var manifest, out var manifestError))
            {
                return PluginOperationResult.Fail(422, $"Invalid package: {manifestError}");
            }

            var unfit = CheckFit(manifest!, servingOnly: true);
            if (unfit is not null)
            {
                return PluginOperationResult.Fail(422, $"The plugin does not fit this host: {unfit}");
            }

            var slot = Find(manifest!.Id);
            if (slot?.Current is { } running && running.Manifest.Version.ComparePrecedenceTo(manifest.Version) == 0)
            {
                return PluginOperationResult.Fail(409, $"Version {manifest.Version} of '{manifest.Id}' is already running.", slot.ToInfo());
            }

            var broken = _slots
                .Where(s => s.State == PluginState.Enabled && s.Id != manifest.Id)
                .SelectMany(s => s.Manifest!.Dependencies.Where(d => d.Id == manifest.Id && !d.Range.Contains(manifest.Version)).Select(d => $"{s.Id} needs {d.Range}"))
                .ToList();
            if (broken.Count > 0)
            {
                return PluginOperationResult.Fail(409, $"Version {manifest.Version} would break enabled plugins: {string.Join("; ", broken)}.", slot?.ToInfo());
            }

            var records = await ReadRecordsAsync(cancellationToken);
            var started = await TryStartGenerationAsync(manifest, records.GetValueOrDefault(manifest.Id)?.AppliedVersion, cancellationToken);
            if (started.Error is not null)
            {
                return PluginOperationResult.Fail(422, $"The new version failed to start: {started.Error}", slot?.ToInfo());
            }

            keepFolder = true;
            await UpdateRecordAsync(manifest.Id, r =>
            {
                r.Enabled = true;
                r.InstalledVersion = manifest.Version.ToString();
                r.InstalledPath = Path.GetRelativePath(_data.Root, manifest.Folder);
            }, cancellationToken);

            var created = slot is null;
            slot ??= AddSlot(new Slot(manifest.Id, Uploaded));
            var previous = slot.Current;
            slot.Replace(manifest, Uploaded, started.Generation!);
            PublishEndpoints();
            _logger.LogInformation("Plugin {PluginId} {Version} installed from upload; previous {Previous}", manifest.Id, manifest.Version, previous?.Version ?? "none");
            if (previous is not null)
            {
                await RetireAsync(previous, cancellationToken);
            }

            await EnableWaitingDependentsAsync(cancellationToken);
            return PluginOperationResult.Ok(slot.ToInfo(), created ? 201 : 200);
        }
        finally
        {
            if (!keepFolder)
            {
                TryDelete(folder);
            }

            _gate.Release();
        }
    }

    /// <summary>
    /// The endpoint that now serves what a retired generation's endpoint served (same plugin, route and methods),
    /// for a request that matched the old endpoint just before it was replaced.
    /// </summary>
    private RouteEndpoint? Successor(string pluginId, RouteEndpoint old)
    {
        var slot = Find(pluginId);
        if (slot is not { State: PluginState.Enabled, Current: { } current })
        {
            return null;
        }

        var key = Describe(old);
        return current.MappedEndpoints.OfType<RouteEndpoint>().FirstOrDefault(e => Describe(e) == key);
    }

    private RequestDelegate Wrap(PluginGeneration generation, RouteEndpoint endpoint)
    {
        var inner = endpoint.RequestDelegate!;
        return async context =>
        {
            if (!generation.TryAcquire())
            {
                // This version was replaced or disabled between routing and now: hand over to its successor.
                var successor = Successor(generation.Id, endpoint);
                if (successor?.RequestDelegate is { } next)
                {
                    await next(context);
                    return;
                }

                await WriteNotServedAsync(context, generation.Id);
                return;
            }

            try
            {
                using var reflection = generation.EnterContext();
                await using var scope = generation.CreateScope(context.RequestServices);
                var hostServices = context.RequestServices;
                context.RequestServices = scope.ServiceProvider;
                try
                {
                    await inner(context);
                }
                finally
                {
                    context.RequestServices = hostServices;
                }
            }
            finally
            {
                generation.Release();
            }
        };
    }

    private static async Task WriteNotServedAsync(HttpContext context, string pluginId)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status404NotFound,
                Type = ProblemTypes.NotFound,
                Title = "Not served",
                Detail = $"Plugin '{pluginId}' no longer serves this route.",
            },
        });
    }

    private async Task<(PluginGeneration? Generation, string? Error)> TryStartGenerationAsync(
        ValidManifest manifest, string? appliedVersion, CancellationToken cancellationToken)
    {
        PluginGeneration? generation = null;
        var stage = "loading";
        try
        {
            var context = new PluginContext(
                manifest.Manifest,
                _configuration.GetSection($"SmartTrade:Plugins:{manifest.Id}"),
                manifest.Folder,
                _data.PluginData(manifest.Id),
                _configuration,
                _environment.EnvironmentName);
            generation = PluginGeneration.Load(manifest, context);
            using var reflection = generation.EnterContext();

            stage = "configuring services";
            generation.ConfigureServices(_hostRoot, _exposure);

            stage = "checking markets";
            if (await MarketConflictAsync(generation) is { } marketConflict)
            {
                throw new InvalidOperationException(marketConflict);
            }

            var version = manifest.Version.ToString();
            if (appliedVersion != version)
            {
                stage = "installing";
                await using (var scope = generation.CreateScope(null))
                {
                    await generation.Entry.InstallAsync(scope.ServiceProvider, new PluginInstallContext(version, appliedVersion), cancellationToken)
                        .WaitAsync(_options.PluginStartTimeout, cancellationToken);
                }

                await UpdateRecordAsync(manifest.Id, r => r.AppliedVersion = version, cancellationToken);
            }

            stage = "mapping endpoints";
            generation.MapEndpoints(Wrap);
            var conflict = await RouteConflictAsync(generation);
            if (conflict is not null)
            {
                throw new InvalidOperationException(conflict);
            }

            stage = "starting";
            await generation.Entry.StartAsync(generation.View, cancellationToken).WaitAsync(_options.PluginStartTimeout, cancellationToken);
            return (generation, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var root = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            var error = root is TimeoutException
                ? $"{stage} took longer than {_options.PluginStartTimeout.TotalSeconds:0} s"
                : $"{stage}: {root.GetType().Name}: {root.Message}";
            _logger.LogError(ex, "Plugin {PluginId} {Version} faulted while {Stage}", manifest.Id, manifest.Version, stage);
            if (generation is not null)
            {
                _ = generation.RetireAsync();
                (generation.Root as IDisposable)?.Dispose();
            }

            return (null, error);
        }
    }

    /// <summary>
    /// A market the new generation declares that another enabled plugin declares already, or an order-line policy it
    /// brings for a market that already has one: each market has one schema and one policy, so the later plugin is
    /// refused instead of being silently ignored for that market.
    /// </summary>
    private async Task<string?> MarketConflictAsync(PluginGeneration generation)
    {
        static async Task<(List<string> Markets, List<string> Policies)> DeclaredAsync(PluginGeneration plugin)
        {
            var markets = plugin.Root.GetServices<MarketDescriptor>().Select(m => m.Id).ToList();
            var policies = new List<string>();
            if (plugin.Root.GetService<IServiceProviderIsService>()?.IsService(typeof(IOrderLinePolicy)) == true)
            {
                await using var scope = plugin.CreateScope(null);
                policies.AddRange(scope.ServiceProvider.GetServices<IOrderLinePolicy>().Select(p => p.MarketId));
            }

            return (markets, policies);
        }

        var (markets, policies) = await DeclaredAsync(generation);
        if (markets.GroupBy(m => m, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"market '{twice.Key}' is declared twice.";
        }

        if (policies.GroupBy(m => m, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twoPolicies)
        {
            return $"market '{twoPolicies.Key}' has two order-line policies.";
        }

        foreach (var other in ServingGenerations().Where(g => g.Id != generation.Id).ToList())
        {
            var (otherMarkets, otherPolicies) = await DeclaredAsync(other);
            if (markets.FirstOrDefault(otherMarkets.Contains) is { } market)
            {
                return $"market '{market}' is already declared by plugin '{other.Id}'.";
            }

            if (policies.FirstOrDefault(otherPolicies.Contains) is { } policy)
            {
                return $"market '{policy}' already has an order-line policy from plugin '{other.Id}'.";
            }
        }

        return null;
    }

    /// <summary>A route the new generation maps that the host or another enabled plugin already serves.</summary>
    private async Task<string?> RouteConflictAsync(PluginGeneration generation)
    {
        var hostRoutes = await HostRoutesAsync();
        var taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var other in ServingGenerations().Where(g => g.Id != generation.Id))
        {
            foreach (var endpoint in other.MappedEndpoints.OfType<RouteEndpoint>())
            {
                taken.TryAdd(RouteKey(endpoint), $"plugin '{other.Id}'");
            }
        }

        foreach (var endpoint in generation.MappedEndpoints.OfType<RouteEndpoint>())
        {
            var key = RouteKey(endpoint);
            if (hostRoutes.Contains(key))
            {
                return $"route {Describe(endpoint)} is already served by the host.";
            }

            if (taken.TryGetValue(key, out var owner))
            {
                return $"route {Describe(endpoint)} is already served by {owner}.";
            }
        }

        return null;
    }

    /// <summary>
    /// The host's own routes. Building them compiles every host endpoint, a few hundred milliseconds that would
    /// otherwise fall on the first request; at start-up it runs on the other core while plugins load. The host maps
    /// all its endpoints before it starts, so the set never changes afterwards.
    /// </summary>
    private Task<HashSet<string>> HostRoutesAsync() => _hostRoutes ??= Task.Run(() =>
    {
        var routes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in HostEndpointSources.Where(s => s is not PluginEndpointDataSource))
        {
            foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
            {
                routes.Add(RouteKey(endpoint));
            }
        }

        return routes;
    });

    /// <summary>Method and path shape, with parameters reduced to <c>{}</c>: two endpoints with one key are ambiguous.</summary>
    private static string RouteKey(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var path = string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "{}",
        }))));
        return $"{(methods is { Count: > 0 } ? string.Join(",", methods.Order()) : "*")} /{path}";
    }

    private async Task RetireAsync(PluginGeneration generation, CancellationToken cancellationToken)
    {
        var drained = generation.RetireAsync();
        try
        {
            await drained.WaitAsync(_options.PluginDrainTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Plugin {PluginId} {Version} still had requests in flight after {Timeout}; stopping it anyway",
                generation.Id, generation.Version, _options.PluginDrainTimeout);
        }

        try
        {
            using var reflection = generation.EnterContext();
            await generation.Entry.StopAsync(generation.View, cancellationToken).WaitAsync(_options.PluginStartTimeout, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(ex, "Plugin {PluginId} {Version} failed to stop cleanly", generation.Id, generation.Version);
        }

        if (generation.Root is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    private async Task EnableWaitingDependentsAsync(CancellationToken cancellationToken)
    {
        var records = await ReadRecordsAsync(cancellationToken);
        bool progressed;
        do
        {
            progressed = false;
            foreach (var slot in _slots)
            {
                if (slot is not { State: PluginState.Incompatible, Manifest: { } manifest }
                    || records.GetValueOrDefault(slot.Id)?.Enabled == false
                    || CheckFit(manifest, servingOnly: true) is not null)
                {
                    continue;
                }

                var started = await TryStartGenerationAsync(manifest, records.GetValueOrDefault(slot.Id)?.AppliedVersion, cancellationToken);
                if (started.Error is not null)
                {
                    slot.MarkFaulted(started.Error);
                    continue;
                }

                slot.Current = started.Generation;
                slot.MarkEnabled();
                progressed = true;
            }

            if (progressed)
            {
                PublishEndpoints();
            }
        }
        while (progressed);
    }

    /// <summary>Why a manifest cannot be served now (SDK range, dependencies), or <see langword="null"/> when it can.</summary>
    private string? CheckFit(ValidManifest manifest, bool servingOnly)
    {
        if (!manifest.SdkRange.Contains(_sdkVersion))
        {
            return $"requires SDK {manifest.Manifest.Sdk}, but this host provides SDK {_sdkVersion}.";
        }

        foreach (var (id, range) in manifest.Dependencies)
        {
            var dependency = Find(id);
            if (dependency?.Manifest is null || (dependency.State == PluginState.Incompatible && dependency.Manifest is null))
            {
                return $"requires plugin '{id}' {range}, which is not installed.";
            }

            if (!range.Contains(dependency.Manifest.Version))
            {
                return $"requires plugin '{id}' {range}, but version {dependency.Manifest.Version} is installed.";
            }

            if (servingOnly && dependency.State != PluginState.Enabled)
            {
                return $"requires plugin '{id}' {range}, which is {dependency.State.ToString().ToLowerInvariant()}.";
            }
        }

        return null;
    }

    private string? UnservedDependency(Slot slot)
    {
        foreach (var (id, range) in slot.Manifest!.Dependencies)
        {
            var dependency = Find(id);
            if (dependency is null || dependency.State != PluginState.Enabled)
            {
                return $"requires plugin '{id}' {range}, which is {dependency?.State.ToString().ToLowerInvariant() ?? "not installed"}.";
            }
        }

        return null;
    }

    private List<Slot> Discover(IReadOnlyDictionary<string, PluginRecord> records)
    {
        var byId = new Dictionary<string, Slot>(StringComparer.Ordinal);
        var invalid = new List<Slot>();
        if (Directory.Exists(BundledPath))
        {
            foreach (var folder in Directory.GetDirectories(BundledPath).Order(StringComparer.Ordinal))
            {
                if (!PluginManifestReader.TryRead(folder, out var manifest, out var error))
                {
                    var broken = new Slot(Path.GetFileName(folder), Bundled);
                    broken.MarkIncompatible($"Invalid manifest: {error}");
                    invalid.Add(broken);
                    continue;
                }

                if (byId.TryGetValue(manifest!.Id, out var existing))
                {
                    _logger.LogWarning("Plugin id {PluginId} appears twice among bundled plugins; keeping {Folder}", manifest.Id, existing.Manifest!.Folder);
                    continue;
                }

                byId[manifest.Id] = new Slot(manifest.Id, Bundled) { Manifest = manifest };
            }
        }
        else
        {
            _logger.LogWarning("The bundled plugins folder {Folder} does not exist", BundledPath);
        }

        foreach (var record in records.Values)
        {
            if (record.InstalledPath is null)
            {
                continue;
            }

            var folder = Path.GetFullPath(Path.Combine(_data.Root, record.InstalledPath));
            if (!PluginManifestReader.TryRead(folder, out var manifest, out var error) || manifest!.Id != record.Id)
            {
                _logger.LogWarning("Installed version of {PluginId} at {Folder} cannot be used: {Error}", record.Id, folder, error ?? "id mismatch");
                continue;
            }

            // An uploaded version wins unless the host now bundles a newer one.
            if (!byId.TryGetValue(manifest.Id, out var bundled) || bundled.Manifest!.Version.ComparePrecedenceTo(manifest.Version) <= 0)
            {
                byId[manifest.Id] = new Slot(manifest.Id, Uploaded) { Manifest = manifest };
            }
        }

        return [.. byId.Values, .. invalid];
    }

    /// <summary>Sets each slot's initial state from records and fit, and orders slots so dependencies come first.</summary>
    private List<Slot> Resolve(List<Slot> slots, IReadOnlyDictionary<string, PluginRecord> records)
    {
        _slots = slots.ToArray();
        foreach (var slot in slots.Where(s => s.Manifest is not null))
        {
            if (records.TryGetValue(slot.Id, out var record) && !record.Enabled)
            {
                slot.MarkDisabled();
            }
        }

        // Incompatibility spreads to dependents until nothing changes.
        bool changed;
        do
        {
            changed = false;
            foreach (var slot in slots.Where(s => s is { State: PluginState.Enabled, Manifest: not null }))
            {
                var reason = CheckFit(slot.Manifest!, servingOnly: false);
                if (reason is null)
                {
                    foreach (var (id, _) in slot.Manifest!.Dependencies)
                    {
                        if (Find(id)?.State == PluginState.Incompatible)
                        {
                            reason = $"requires plugin '{id}', which is incompatible.";
                        }
                    }
                }

                if (reason is not null)
                {
                    slot.MarkIncompatible(reason);
                    changed = true;
                }
            }
        }
        while (changed);

        // Depth-first topological order; a cycle makes its members incompatible.
        var ordered = new List<Slot>();
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();
        foreach (var slot in slots.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            Visit(slot);
        }

        return ordered;

        void Visit(Slot slot)
        {
            if (done.Contains(slot.Id))
            {
                return;
            }

            if (!visiting.Add(slot.Id))
            {
                slot.MarkIncompatible("its dependencies form a cycle.");
                return;
            }

            foreach (var (id, _) in slot.Manifest?.Dependencies ?? [])
            {
                if (slots.FirstOrDefault(s => s.Id == id) is { } dependency)
                {
                    Visit(dependency);
                    if (dependency.State == PluginState.Incompatible && slot.State == PluginState.Enabled)
                    {
                        slot.MarkIncompatible($"requires plugin '{id}', which is incompatible.");
                    }
                }
            }

            visiting.Remove(slot.Id);
            done.Add(slot.Id);
            ordered.Add(slot);
        }
    }

    private void PublishEndpoints()
        => _endpoints.Publish(ServingGenerations().SelectMany(g => g.MappedEndpoints).ToList());

    private Slot? Find(string id) => Array.Find(_slots, s => s.Id == id);

    private Slot AddSlot(Slot slot)
    {
        _slots = [.. _slots, slot];
        return slot;
    }

    private async Task<Dictionary<string, PluginRecord>> ReadRecordsAsync(CancellationToken cancellationToken)
    {
        await using var scope = _hostRoot.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await db.Plugins.AsNoTracking().ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<PluginRecord> UpdateRecordAsync(string id, Action<PluginRecord> change, CancellationToken cancellationToken)
    {
        await using var scope = _hostRoot.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var record = await db.Plugins.FindAsync([id], cancellationToken);
        if (record is null)
        {
            record = new PluginRecord { Id = id };
            db.Plugins.Add(record);
        }

        change(record);
        record.UpdatedAt = _hostRoot.GetRequiredService<TimeProvider>().GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    private void CleanUnusedInstallFolders()
    {
        if (!Directory.Exists(_data.InstalledPlugins))
        {
            return;
        }

        var inUse = _slots.Where(s => s.Manifest is not null).Select(s => s.Manifest!.Folder).ToHashSet(StringComparer.Ordinal);
        foreach (var pluginFolder in Directory.GetDirectories(_data.InstalledPlugins))
        {
            foreach (var versionFolder in Directory.GetDirectories(pluginFolder))
            {
                if (!inUse.Contains(Path.GetFullPath(versionFolder)))
                {
                    TryDelete(versionFolder);
                }
            }
        }
    }

    private void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not remove {Folder}", folder);
        }
        catch (UnauthorizedAccessException ex)
        {
            _logger.LogWarning(ex, "Could not remove {Folder}", folder);
        }
    }

    private static string Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var verb = methods is { Count: > 0 } ? string.Join(",", methods) : "*";
        return $"{verb} {endpoint.RoutePattern.RawText}";
    }

    /// <summary>One plugin id and what the host holds for it.</summary>
    private sealed class Slot(string id, string source)
    {
        public string Id { get; } = id;

        public string Source { get; private set; } = source;

        public ValidManifest? Manifest { get; set; }

        public PluginState State { get; private set; } = PluginState.Enabled;

        public string? Reason { get; private set; }

        public PluginGeneration? Current { get; set; }

        public void MarkEnabled() => (State, Reason) = (PluginState.Enabled, null);

        public void MarkDisabled() => (State, Reason) = (PluginState.Disabled, null);

        public void MarkIncompatible(string reason) => (State, Reason) = (PluginState.Incompatible, reason);

        public void MarkFaulted(string reason) => (State, Reason) = (PluginState.Faulted, reason);

        public void Replace(ValidManifest manifest, string source, PluginGeneration generation)
        {
            Manifest = manifest;
            Source = source;
            Current = generation;
            MarkEnabled();
        }

        public PluginInfo ToInfo() => new()
        {
            Id = Id,
            Names = Manifest?.Manifest.Names,
            Name = Manifest?.Manifest.Names.Get(CultureInfo.CurrentUICulture) ?? Id,
            Version = Manifest?.Version.ToString(),
            State = State,
            Reason = Reason,
            Source = Source,
            Sdk = Manifest?.Manifest.Sdk,
            Dependencies = Manifest?.Manifest.Dependencies.Select(d => $"{d.Id} {d.Version}").ToList() ?? [],
        };
    }
}
