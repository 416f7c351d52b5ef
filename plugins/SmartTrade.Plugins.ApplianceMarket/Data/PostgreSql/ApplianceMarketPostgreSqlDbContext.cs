using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.ApplianceMarket.Data.PostgreSql;

/// <summary>
/// <see cref="ApplianceMarketDbContext"/> on a host that runs PostgreSQL: the same model, with the PostgreSQL migrations (in
/// <c>Migrations/</c> beside this file) attributed to this type. The host hands it out as <see cref="ApplianceMarketDbContext"/>
/// (<c>AddPluginDbContext&lt;ApplianceMarketDbContext, ApplianceMarketPostgreSqlDbContext&gt;()</c>).
/// </summary>
/// <param name="options">Configured by the host through <c>IPluginDatabase</c>.</param>
public sealed class ApplianceMarketPostgreSqlDbContext(DbContextOptions<ApplianceMarketPostgreSqlDbContext> options) : ApplianceMarketDbContext(options);
