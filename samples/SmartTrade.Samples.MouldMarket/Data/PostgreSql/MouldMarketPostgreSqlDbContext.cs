using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Samples.MouldMarket.Data.PostgreSql;

/// <summary>
/// <see cref="MouldMarketDbContext"/> on a host that runs PostgreSQL: the same model, with the PostgreSQL migrations (in
/// <c>Migrations/</c> beside this file) attributed to this type. The host hands it out as <see cref="MouldMarketDbContext"/>
/// (<c>AddPluginDbContext&lt;MouldMarketDbContext, MouldMarketPostgreSqlDbContext&gt;()</c>).
/// </summary>
/// <param name="options">Configured by the host through <c>IPluginDatabase</c>.</param>
public sealed class MouldMarketPostgreSqlDbContext(DbContextOptions<MouldMarketPostgreSqlDbContext> options) : MouldMarketDbContext(options);
