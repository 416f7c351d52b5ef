using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Plugins.WarehouseReceipts.Data.PostgreSql;
using SmartTrade.Plugins.WarehouseReceipts.Demo;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;
using SmartTrade.Plugins.WarehouseReceipts.Market;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Plugins.WarehouseReceipts.Screen;
using SmartTrade.Sdk.Data;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Payments;
using SmartTrade.Sdk.Plugins;
using SmartTrade.Sdk.Scaling;
using Npgsql;

namespace SmartTrade.Plugins.WarehouseReceipts;

/// <summary>
/// The plastics warehouse-receipt plugin (中塑仓单). It declares the receipt market, keeps the receipt registry
/// (warehouses, grades, instruments, load-ins, receipts, pledges and the hash-chained registry log) in its own tables,
/// and runs the receipt exchange: matching and settlement over a journal in the plugin's data directory (with several
/// hosts on PostgreSQL and Redis: one owner at a time over a journal in the database, see <see cref="ExchangeCluster"/>),
/// market data, the trading API and screen, and settlement of each trade's receipts in the registry.
/// </summary>
public sealed class WarehouseReceiptsPlugin : ITradePlugin
{
    /// <summary>The exchange's journal, under the plugin's data directory.</summary>
    public const string JournalFile = "exchange/exchange.journal";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddMarket(PlasticsReceiptMarketDescriptor.Create());
        services.AddSingleton<IDemoCatalog, ReceiptDemoCatalog>();
        services.AddPluginDbContext<WarehouseReceiptsDbContext, WarehouseReceiptsPostgreSqlDbContext>();
        services.AddScoped<ReceiptRegistry>();
        services.AddScoped<IDemoDataSeeder, ReceiptDemoData>();

        // The exchange: trading around the clock in Development (the demo), the market's sessions otherwise.
        var options = context.Configuration.GetSection("Exchange").Get<ExchangeOptions>() ?? new ExchangeOptions();
        if (context.IsDevelopment && context.Configuration["Exchange:AroundTheClock"] is null)
        {
            options.AroundTheClock = true;
        }

        var journalPath = Path.Combine(context.DataDirectory, JournalFile);
        var calendar = options.AroundTheClock ? TradingCalendar.AroundTheClock : TradingCalendar.Default;
        var clustered = IsClustered(context.HostConfiguration);
        services.AddSingleton(options);
        services.AddSingleton<TraderAccounts>();
        services.AddSingleton<ITraderAccounts>(sp => sp.GetRequiredService<TraderAccounts>());
        services.AddSingleton<ITradingInstruments, RegistryTradingInstruments>();
        services.AddSingleton<TraderOrders>();
        services.AddSingleton(sp => new RegistrySettlement(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TraderAccounts>(),
            id => sp.GetRequiredService<ExchangeService>().InstrumentsById.TryGetValue(id, out var instrument) ? instrument.Code : null,
            sp.GetRequiredService<ILogger<RegistrySettlement>>(),
            sp.GetRequiredService<TimeProvider>()));
        if (clustered)
        {
            // Every host keeps a replica that feeds its own market data, so live updates reach this host's subscribers
            // from its replica (in step with what it serves) and are not also sent across hosts, which would deliver
            // each one twice.
            services.AddSingleton(_ => new MarketData(new InProcessEventFanOut()));
            services.AddSingleton(sp =>
            {
                using var scope = sp.CreateScope();
                var connectionString = scope.ServiceProvider.GetRequiredService<WarehouseReceiptsDbContext>().Database.GetConnectionString();
                return NpgsqlDataSource.Create(connectionString!);
            });
            services.AddSingleton(sp => new ExchangeCluster(
                sp.GetRequiredService<ILeaseProvider>(),
                sp.GetRequiredService<IEventFanOut>(),
                sp.GetRequiredService<NpgsqlDataSource>(),
                (journal, state) => new ExchangeSequencer(journal, calendar, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ExchangeSequencer>>(), state: state),
                calendar,
                options.Cluster,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton(sp => new ExchangeService(
                sp.GetRequiredService<ExchangeCluster>(),
                sp.GetRequiredService<ITradingInstruments>(),
                sp.GetRequiredService<MarketData>(),
                [sp.GetRequiredService<TraderOrders>(), sp.GetRequiredService<RegistrySettlement>()],
                [sp.GetRequiredService<RegistrySettlement>(), sp.GetRequiredService<MovementReconciliation>()],
                options,
                sp.GetRequiredService<ILogger<ExchangeService>>()));
        }
        else
        {
            services.AddSingleton<MarketData>();
            services.AddSingleton(sp => new ExchangeService(
                () =>
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(journalPath)!);
                    return new ExchangeSequencer(
                        new FileJournal(journalPath),
                        calendar,
                        sp.GetRequiredService<TimeProvider>(),
                        sp.GetRequiredService<ILogger<ExchangeSequencer>>());
                },
                sp.GetRequiredService<ITradingInstruments>(),
                sp.GetRequiredService<MarketData>(),
                [sp.GetRequiredService<TraderOrders>(), sp.GetRequiredService<RegistrySettlement>()],
                options,
                sp.GetRequiredService<ILogger<ExchangeService>>()));
        }

        services.AddSingleton<MovementReconciliation>();
        services.AddSingleton<IHealthCheck, ExchangeHealthCheck>();
        services.AddScoped<TradingMovements>();
        services.AddScoped<IDemoDataSeeder, ExchangeDemoHistory>();
    }

    /// <summary>Applies the registry's migrations, which also seed its reference data (warehouses, grades, instruments).</summary>
    /// <inheritdoc />
    public Task InstallAsync(IServiceProvider services, PluginInstallContext install, CancellationToken cancellationToken)
        => services.MigratePluginDatabaseAsync<WarehouseReceiptsDbContext>(cancellationToken);

    /// <summary>
    /// Rebuilds the exchange from its journal (settling in the registry whatever a crash left unsettled), then
    /// completes the cash and receipt movements a crash interrupted.
    /// </summary>
    /// <remarks>With several hosts, settlement and the movements are the owner's: they start on whichever host takes the exchange.</remarks>
    /// <inheritdoc />
    public async Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settlement = services.GetRequiredService<RegistrySettlement>();
        await settlement.PrepareAsync(cancellationToken);
        var exchange = services.GetRequiredService<ExchangeService>();
        await exchange.StartAsync(cancellationToken);
        if (exchange.IsClustered)
        {
            return;
        }

        // A single host owns its exchange: it completes interrupted movements before it serves, then checks pending payouts.
        settlement.Start();
        var movements = services.GetRequiredService<MovementReconciliation>();
        await movements.BecomeOwnerAsync(exchange.Sequencer, cancellationToken);
        await movements.Running;
    }

    /// <summary>Stops the exchange (every acknowledged command is already in the journal) and lets settlement finish.</summary>
    /// <inheritdoc />
    public async Task StopAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<MovementReconciliation>().DisposeAsync();
        await services.GetRequiredService<ExchangeService>().DisposeAsync();
        await services.GetRequiredService<RegistrySettlement>().DisposeAsync();
    }

    /// <summary>
    /// Whether several hosts run the exchange together: the host is on PostgreSQL (the journal and its fence live
    /// there) and has Redis (the lease, commit announcements and forwarded commands travel there). Otherwise each host
    /// runs the exchange of its own data directory, as a single host does.
    /// </summary>
    /// <param name="host">The host's configuration.</param>
    public static bool IsClustered(IConfiguration host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var postgreSql = string.Equals(host["SmartTrade:Database:Provider"], PluginDatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase);
        var redis = !string.IsNullOrWhiteSpace(host.GetConnectionString("Redis")) || !string.IsNullOrWhiteSpace(host["SmartTrade:Redis"]);
        return postgreSql && redis;
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReceiptRegistry();
        endpoints.MapExchange();
        endpoints.MapTradingAccounts();
        endpoints.MapExchangeLedger();
        endpoints.MapExchangeScreen();
        endpoints.MapTradingAccountPage();
        endpoints.MapReceiptPages();
    }
}
