using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Sdk.Idempotency;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Plugins;
using SmartTrade.Sdk.Storefront;

namespace SmartTrade.TestPlugins.Probe;

/// <summary>
/// Serves <c>/api/v1/test-plugins/{id}/...</c>: its version, the notifications it received, a slow request and
/// an idempotent create; and a storefront page <c>/test-plugins/{id}/page</c> with a main-menu entry. <c>SmartTrade:Plugins:{id}:FailIn</c> makes it throw in ConfigureServices, Install,
/// MapEndpoints or Start (only in version <c>FailInVersion</c> when that is set).
/// </summary>
public sealed class ProbePlugin : ITradePlugin
{
    private string _failIn = string.Empty;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        _failIn = context.Configuration["FailIn"] ?? string.Empty;
        if (context.Configuration["FailInVersion"] is { } onlyVersion && onlyVersion != context.Manifest.Version)
        {
            _failIn = string.Empty;
        }

        FailIf("ConfigureServices");
        services.AddSingleton<ReceivedNotifications>();
        services.AddSingleton<CreatedThings>();
        services.AddSingleton<BackgroundGateways>();
        services.AddScoped<NegotiatedSale>();
        if (context.Configuration["Market"] is { Length: > 0 } declared)
        {
            SmartTrade.Sdk.Markets.MarketServiceCollectionExtensions.AddMarket(services, new SmartTrade.Sdk.Markets.MarketDescriptor
            {
                Id = declared,
                Names = new SmartTrade.Sdk.Localization.LocalizedText("探针市场", "Probe market"),
            });
        }

        if (context.Configuration["LinePolicyMarket"] is { Length: > 0 } market)
        {
            services.AddSingleton<SmartTrade.Sdk.Orders.IOrderLinePolicy>(new ProbeLinePolicy(market));
        }
    }

    /// <inheritdoc />
    public Task InstallAsync(IServiceProvider services, PluginInstallContext install, CancellationToken cancellationToken)
    {
        FailIf("Install");
        var context = services.GetRequiredService<PluginContext>();
        File.AppendAllLines(Path.Combine(context.DataDirectory, "installs.log"), [$"{install.Version} from {install.PreviousVersion ?? "none"}"]);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        FailIf("MapEndpoints");
        var manifest = endpoints.ServiceProvider.GetRequiredService<PluginManifest>();
        var group = endpoints.MapGroup($"/api/v1/test-plugins/{manifest.Id}");
        group.MapGet("/version", (PluginManifest m) => new { id = m.Id, version = m.Version });
        group.MapGet("/gateways", async (IEnumerable<SmartTrade.Sdk.Payments.IPaymentGateway> gateways, BackgroundGateways background) => new
        {
            request = gateways.Select(g => g.Id).ToArray(),
            background = await background.IdsAsync(),
        });
        group.MapGet("/received", (ReceivedNotifications received) => received.Snapshot());
        group.MapGet("/events", (ReceivedNotifications received) => received.Events());
        group.MapGet("/trades", (ReceivedNotifications received) => received.Trades());
        group.MapPost("/negotiated-sale", async (NegotiatedSaleInput input, System.Security.Claims.ClaimsPrincipal user, NegotiatedSale sale, CancellationToken ct) =>
            await sale.PlaceAsync(user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value, input.MarketId, input.ListingId, input.Quantity, input.UnitPriceMinor, input.Key, ct))
            .RequireAuthorization();
        group.MapGet("/installs", (PluginContext context) =>
        {
            var log = Path.Combine(context.DataDirectory, "installs.log");
            return File.Exists(log) ? File.ReadAllLines(log) : [];
        });
        group.MapGet("/slow", async (int? ms, PluginManifest m, CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(ms ?? 200, 0, 5_000)), ct);
            return new { id = m.Id, version = m.Version };
        });
        group.MapPost("/things", (ThingRequest request, CreatedThings things) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name))
            {
                return Results.Problem(statusCode: 400, type: "/problems/validation", title: "Name required");
            }

            var id = things.Add(request.Name);
            return Results.Created($"/api/v1/test-plugins/{manifest.Id}/things/{id}", new { id, name = request.Name });
        }).WithIdempotency();
        group.MapGet("/things/count", (CreatedThings things) => new { count = things.Count });
        endpoints.MapPage<ProbePage>($"/test-plugins/{manifest.Id}/page", new LocalizedText("探针页面", "Probe page"))
            .WithNavigation(new NavigationEntry($"/test-plugins/{manifest.Id}/page", new LocalizedText($"探针 {manifest.Id}", $"Probe {manifest.Id}")));
        if (endpoints.ServiceProvider.GetRequiredService<PluginContext>().Configuration["ExtraRoute"] is { Length: > 0 } extra)
        {
            endpoints.MapGet(extra, () => "extra");
        }
    }

    /// <inheritdoc />
    public Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        FailIf("Start");
        return Task.CompletedTask;
    }

    private void FailIf(string stage)
    {
        if (string.Equals(_failIn, stage, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Probe told to fail in {stage}.");
        }
    }
}

/// <summary>A thing to create.</summary>
/// <param name="Name">Its name.</param>
public sealed record ThingRequest(string? Name);

/// <summary>Things created through the idempotent endpoint.</summary>
public sealed class CreatedThings
{
    private int _count;

    /// <summary>How many were created.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Creates one and returns its number.</summary>
    /// <param name="name">Its name.</param>
    public int Add(string name) => Interlocked.Increment(ref _count);
}

/// <summary>What the probe's negotiated-sale endpoint takes.</summary>
/// <param name="MarketId">The market.</param>
/// <param name="ListingId">The listing.</param>
/// <param name="Quantity">How many.</param>
/// <param name="UnitPriceMinor">The agreed unit price in fen.</param>
/// <param name="Key">The idempotency key.</param>
public sealed record NegotiatedSaleInput(string MarketId, Guid ListingId, long Quantity, long UnitPriceMinor, string Key);

/// <summary>What background work of a plugin (a timer, an owner duty) sees: a scope it makes itself, paired with no request.</summary>
public sealed class BackgroundGateways(IServiceScopeFactory scopes)
{
    /// <summary>The ids of the payment gateways such a scope resolves.</summary>
    public async Task<string[]> IdsAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetServices<SmartTrade.Sdk.Payments.IPaymentGateway>().Select(g => g.Id).ToArray();
    }
}
