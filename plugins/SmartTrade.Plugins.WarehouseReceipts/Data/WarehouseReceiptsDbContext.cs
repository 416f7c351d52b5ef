using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Sdk.Data;

namespace SmartTrade.Plugins.WarehouseReceipts.Data;

/// <summary>
/// The plugin's own tables, prefixed <c>warehouse_receipts_</c> in the host's database: the registry's reference
/// data, load-ins, receipts, pledges, holdings, transfers and the hash-chained registry log.
/// </summary>
/// <remarks>
/// The model is every <see cref="IEntityTypeConfiguration{TEntity}"/> in this assembly, so a feature adds its tables
/// (trading journals, cash accounts) with a configuration class of its own and a migration, without touching this
/// file. Table names are given without the prefix; <see cref="PluginDatabaseExtensions.UsePluginTablePrefix"/> adds it.
/// </remarks>
public class WarehouseReceiptsDbContext : DbContext
{
    /// <summary>The plugin's id, which prefixes its tables and names its migrations history table.</summary>
    public const string PluginId = "warehouse-receipts";

    /// <summary>Creates the context.</summary>
    /// <param name="options">Configured by the host through <see cref="IPluginDatabase"/>.</param>
    public WarehouseReceiptsDbContext(DbContextOptions<WarehouseReceiptsDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates the PostgreSQL subclass, <see cref="PostgreSql.WarehouseReceiptsPostgreSqlDbContext"/>.</summary>
    /// <param name="options">The subclass's options.</param>
    protected WarehouseReceiptsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The approved warehouses.</summary>
    public DbSet<Warehouse> Warehouses => Set<Warehouse>();

    /// <summary>Which user operates which warehouse.</summary>
    public DbSet<WarehouseOperator> WarehouseOperators => Set<WarehouseOperator>();

    /// <summary>The deliverable grades.</summary>
    public DbSet<Grade> Grades => Set<Grade>();

    /// <summary>The traded instruments.</summary>
    public DbSet<Instrument> Instruments => Set<Instrument>();

    /// <summary>Load-in declarations.</summary>
    public DbSet<LoadIn> LoadIns => Set<LoadIn>();

    /// <summary>Receipts, current and historical.</summary>
    public DbSet<WarehouseReceipt> Receipts => Set<WarehouseReceipt>();

    /// <summary>Pledges, current and released.</summary>
    public DbSet<Pledge> Pledges => Set<Pledge>();

    /// <summary>Traders' positions per instrument.</summary>
    public DbSet<Holding> Holdings => Set<Holding>();

    /// <summary>Deliveries for trades.</summary>
    public DbSet<ReceiptTransfer> Transfers => Set<ReceiptTransfer>();

    /// <summary>The hash-chained registry log.</summary>
    public DbSet<RegistryLogEntry> RegistryLog => Set<RegistryLogEntry>();

    /// <summary>The log's index by receipt.</summary>
    public DbSet<RegistryLogReceipt> RegistryLogReceipts => Set<RegistryLogReceipt>();

    /// <summary>The chain's head (one row).</summary>
    public DbSet<RegistryChainHead> ChainHead => Set<RegistryChainHead>();

    /// <summary>Named counters.</summary>
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    /// <summary>Users' trading accounts on the exchange.</summary>
    public DbSet<Exchange.Accounts.TradingAccount> TradingAccounts => Set<Exchange.Accounts.TradingAccount>();

    /// <summary>Cash and receipts moving into and out of trading.</summary>
    public DbSet<Exchange.Accounts.TradingMovement> TradingMovements => Set<Exchange.Accounts.TradingMovement>();

    /// <summary>The exchange's trades as settled in the registry.</summary>
    public DbSet<Exchange.Accounts.SettledTrade> SettledTrades => Set<Exchange.Accounts.SettledTrade>();

    /// <summary>How far settlement has come (one row).</summary>
    public DbSet<Exchange.Accounts.SettlementCheckpoint> SettlementCheckpoint => Set<Exchange.Accounts.SettlementCheckpoint>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WarehouseReceiptsDbContext).Assembly);
        modelBuilder.UsePluginTablePrefix(PluginId);
    }
}
