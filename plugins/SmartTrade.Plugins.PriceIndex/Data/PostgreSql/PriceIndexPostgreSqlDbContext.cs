using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.PriceIndex.Data.PostgreSql;

/// <summary>
/// <see cref="PriceIndexDbContext"/> on a host that runs PostgreSQL: the same model, with the PostgreSQL migrations (in
/// <c>Migrations/</c> beside this file) attributed to this type. The host hands it out as <see cref="PriceIndexDbContext"/>
/// (<c>AddPluginDbContext&lt;PriceIndexDbContext, PriceIndexPostgreSqlDbContext&gt;()</c>).
/// </summary>
/// <param name="options">Configured by the host through <c>IPluginDatabase</c>.</param>
public sealed class PriceIndexPostgreSqlDbContext(DbContextOptions<PriceIndexPostgreSqlDbContext> options) : PriceIndexDbContext(options);
