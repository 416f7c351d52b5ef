using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Orders;
using SmartTrade.Platform.Outbox;
using SmartTrade.Platform.Payments;
using SmartTrade.Platform.Search;
using SmartTrade.Sdk.Localization;
using SmartTrade.Platform.Search.Elasticsearch;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Search;
using SmartTrade.Sdk.Orders;
using SmartTrade.Platform.Hosting;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Idempotency;
using SmartTrade.Platform.Markets;
using SmartTrade.Platform.Plugins;
using SmartTrade.Platform.Scaling;
using SmartTrade.Sdk.Data;
using SmartTrade.Sdk.Scaling;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform;

/// <summary>Registers and wires the platform: one call to add its services, one to use and map it.</summary>
public static class PlatformExtensions
{
    /// <summary>Adds the platform's services: data, identity, problem details, MediatR, plugin runtime, health.</summary>
    /// <param name="builder">The web application builder.</param>
    public static WebApplicationBuilder AddSmartTradePlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(SmartTradeOptions.Section);
        services.AddOptions<SmartTradeOptions>().Bind(section);
        var data = new DataDirectory(section[nameof(SmartTradeOptions.DataDirectory)]);
        services.AddSingleton(data);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        var database = PlatformDatabase.FromConfiguration(builder.Configuration, data);
        services.AddSingleton(database);
        services.AddSingleton<StartupLock>();
        services.AddSingleton<ListingCacheInvalidation>();
        if (database.IsPostgreSql)
        {
            services.AddDbContext<PlatformDbContext, Data.PostgreSql.PostgreSqlPlatformDbContext>((sp, options) => ConfigurePlatformDb(sp, options, database));
        }
        else
        {
            services.AddDbContext<PlatformDbContext>((sp, options) => ConfigurePlatformDb(sp, options, database));
        }

        services.AddSingleton<IPluginDatabase, HostPluginDatabase>();
        var health = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<PluginsHealthCheck>("plugins", tags: ["ready"]);
        services.AddSmartTradeScaleOut(builder.Configuration, services.AddDataProtection().SetApplicationName("SmartTrade"), data, health);
        services.AddSmartTradeIdentity();
        services.AddScoped<AccountSeeder>();
        services.AddSmartTradeProblemDetails();

        // MediatR 5 has no DI package: the factory resolves from the current scope, and the relay hands every
        // notification to the enabled plugins' handlers.
        services.AddScoped<ServiceFactory>(sp => type => sp.GetService(type)!);
        services.AddScoped<IMediator, Mediator>();
        services.AddTransient(typeof(INotificationHandler<>), typeof(PluginNotificationRelay<>));
        services.AddMediatorHandlersFrom(typeof(PlatformExtensions).Assembly);

        var exposure = new HostServiceExposure()
            .Expose(typeof(TimeProvider))
            .Expose(typeof(IHttpContextAccessor))
            .Expose(typeof(IConfiguration))
            .Expose(typeof(IHostEnvironment))
            .Expose(typeof(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>))
            .Expose(typeof(IDataProtectionProvider))
            .Expose(typeof(IPluginDatabase))
            .Expose(typeof(ICatalog))
            .Expose(typeof(IListingStock))
            .Expose(typeof(ICatalogSearch))
            .Expose(typeof(IOrderService))
            .Expose(typeof(IEventFanOut))
            .Expose(typeof(ISharedCache))
            .Expose(typeof(ILeaseProvider))
            .Expose(typeof(IAccountDirectory))
            .Expose(typeof(SmartTrade.Sdk.Payments.IPaymentGateway));
        exposure.Attach(services);
        services.AddSingleton(exposure);
        services.AddSingleton<PluginEndpointDataSource>();
        services.AddSingleton<Microsoft.AspNetCore.Mvc.Infrastructure.IActionDescriptorChangeProvider, PluginApiDescriptionChanges>();
        services.AddSingleton(sp => new PluginRuntime(
            sp,
            sp.GetRequiredService<HostServiceExposure>(),
            sp.GetRequiredService<DataDirectory>(),
            sp.GetRequiredService<IOptions<SmartTradeOptions>>(),
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>(),
            sp.GetRequiredService<PluginEndpointDataSource>(),
            sp.GetRequiredService<ILogger<PluginRuntime>>()));
        services.AddScoped<PluginPackageUpload>();
        services.AddSingleton<MarketDirectory>();
        // The outbox is as shared as the database: hosts on one PostgreSQL database take turns through the cluster's
        // lease, a host on its own SQLite file drains its own outbox.
        services.AddSingleton(sp => new OutboxProcessor(
            sp.GetRequiredService<IServiceScopeFactory>(),
            database.IsPostgreSql ? sp.GetRequiredService<ILeaseProvider>() : new InProcessLeaseProvider(),
            sp.GetRequiredService<IOptions<OutboxOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxProcessor>>()));
        services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.LeaseTime >= TimeSpan.FromSeconds(3), "SmartTrade:Outbox:LeaseTime must be 3 seconds or more.")
            .ValidateOnStart();
        services.AddScoped<IOutboxBatchHandler, ListingSearchIndexer>();
        services.AddScoped<IOutboxHandler, ListingChangedOutboxHandler>();
        services.AddScoped<ICatalog, CatalogReader>();
        services.AddScoped<IListingStock, ListingStock>();
        services.AddScoped<ListingCommands>();
        services.AddScoped<ListingGallery>();
        services.AddSmartTradePayments(builder.Configuration);
        services.AddScoped<OrderLinePricing>();
        services.AddScoped<Cart>();
        services.AddScoped<Checkout>();
        services.AddScoped<OrderPayment>();
        services.AddScoped<IOrderService, OrderService>();
        services.AddOptions<OrderOptions>().Bind(builder.Configuration.GetSection(OrderOptions.Section))
            .Validate(o => o.ReservationTime > TimeSpan.Zero && o.AutoCompleteAfter > TimeSpan.Zero, "SmartTrade:Orders times must be positive.")
            .ValidateOnStart();
        services.AddScoped<OrderLifecycle>();
        services.AddScoped<OrderRefunds>();
        services.AddScoped<OrderFulfilment>();
        services.AddScoped<IOutboxHandler, OrderEventOutboxHandler>();
        AddCatalogSearch(services, section.GetSection("Search"), data);
        services.AddHostedService<PlatformStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxProcessor>()); // after start-up has migrated
        services.AddHostedService<OrderExpiryService>();
        services.AddHostedService<DemoCatalogSeeder>();

        services.AddAntiforgery(options => options.Cookie.Name = "smarttrade.csrf");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            // zh-CN unless the user chose otherwise (the language switch's cookie, or ?culture=en); the browser's
            // language is not consulted, so the storefront opens in Chinese everywhere.
            string[] cultures = [LocalizedText.DefaultCulture, LocalizedText.English];
            options.SetDefaultCulture(LocalizedText.DefaultCulture).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddOpenApi("v1");
        return builder;
    }

    // The configured provider, plus the interceptor that drops cached listings once their change commits.
    private static void ConfigurePlatformDb(IServiceProvider services, DbContextOptionsBuilder options, PlatformDatabase database)
    {
        database.Configure(options);
        options.AddInterceptors(services.GetRequiredService<ListingCacheInvalidation>());
    }

    /// <summary>
    /// Lucene.NET in the data directory unless <c>SmartTrade:Search:Provider</c> is <c>Elasticsearch</c>, then the cluster at
    /// <c>SmartTrade:Search:Elasticsearch:Url</c> (with optional <c>IndexName</c>, <c>ApiKey</c> or <c>Username</c>/<c>Password</c>).
    /// </summary>
    private static void AddCatalogSearch(IServiceCollection services, IConfigurationSection search, DataDirectory data)
    {
        var provider = search["Provider"];
        if (string.IsNullOrEmpty(provider) || provider.Equals("Lucene", StringComparison.OrdinalIgnoreCase))
        {
            services.AddLuceneCatalogSearch(Path.Combine(data.Root, "search", "lucene"));
            return;
        }

        if (!provider.Equals("Elasticsearch", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SmartTrade:Search:Provider must be Lucene or Elasticsearch, not '{provider}'.");
        }

        var elastic = search.GetSection("Elasticsearch");
        if (!Uri.TryCreate(elastic["Url"], UriKind.Absolute, out var url))
        {
            throw new InvalidOperationException("SmartTrade:Search:Elasticsearch:Url must be an absolute URL when the search provider is Elasticsearch.");
        }

        services.AddElasticsearchCatalogSearch(new ElasticsearchSearchOptions
        {
            Url = url,
            IndexName = elastic["IndexName"] is { Length: > 0 } index ? index : "smarttrade-listings",
            ApiKey = elastic["ApiKey"],
            Username = elastic["Username"],
            Password = elastic["Password"],
        });
        services.AddHealthChecks().AddCheck<ElasticsearchHealthCheck>("elasticsearch", HealthStatus.Degraded, ["ready"], TimeSpan.FromSeconds(5));
    }

    /// <summary>Adds the platform's middleware and maps its endpoints, plugin endpoints included.</summary>
    /// <param name="app">The web application.</param>
    public static WebApplication UseSmartTradePlatform(this WebApplication app)
    {
        // The culture first, so error and status pages (written on the way out, after the inner middleware has
        // returned) speak the user's language too.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync });
        app.MapAuthEndpoints();
        app.MapPluginAdminEndpoints();
        app.MapMarketEndpoints();
        app.MapListingEndpoints();
        app.MapListingImageEndpoints();
        app.MapSearchEndpoints();
        app.MapOrderEndpoints();
        app.MapOrderPaymentEndpoints();
        app.MapSearchAdminEndpoints();
        var routes = (IEndpointRouteBuilder)app;
        routes.DataSources.Add(app.Services.GetRequiredService<PluginEndpointDataSource>());
        app.Services.GetRequiredService<PluginRuntime>().HostEndpointSources = routes.DataSources;
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            totalMilliseconds = (long)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
