using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.ApplianceMarket.Pricing;
using SmartTrade.Plugins.ApplianceMarket.Quotes;
using SmartTrade.Sdk.Data;

namespace SmartTrade.Plugins.ApplianceMarket.Data;

/// <summary>
/// The plugin's own tables, prefixed <c>appliance_market_</c> in the host's database: wholesale price tiers of
/// listings, quote requests (RFQs) with their quotes, and the notifications they send to buyers and merchants.
/// </summary>
/// <remarks>Its migrations are SQLite's; <see cref="PostgreSql.ApplianceMarketPostgreSqlDbContext"/> holds the PostgreSQL ones.</remarks>
public class ApplianceMarketDbContext : DbContext
{
    /// <summary>The plugin's id, which prefixes its tables and names its migrations history table.</summary>
    public const string PluginId = "appliance-market";

    /// <summary>Creates the context.</summary>
    /// <param name="options">Configured by the host through <see cref="IPluginDatabase"/>.</param>
    public ApplianceMarketDbContext(DbContextOptions<ApplianceMarketDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates the PostgreSQL subclass, <see cref="PostgreSql.ApplianceMarketPostgreSqlDbContext"/>.</summary>
    /// <param name="options">The subclass's options.</param>
    protected ApplianceMarketDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Wholesale price breaks per listing.</summary>
    public DbSet<PriceTier> PriceTiers => Set<PriceTier>();

    /// <summary>Requests for quotation and their quotes.</summary>
    public DbSet<QuoteRequest> QuoteRequests => Set<QuoteRequest>();

    /// <summary>What happened to a user's requests and quotes.</summary>
    public DbSet<QuoteNotification> Notifications => Set<QuoteNotification>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApplianceMarketDbContext).Assembly);
        modelBuilder.UsePluginTablePrefix(PluginId);
    }
}
