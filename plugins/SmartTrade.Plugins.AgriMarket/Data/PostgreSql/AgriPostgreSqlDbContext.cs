using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.AgriMarket.Data.PostgreSql;

/// <summary>
/// <see cref="AgriDbContext"/> on a host that runs PostgreSQL: the same model, with the PostgreSQL migrations (in
/// <c>Migrations/</c> beside this file) attributed to this type. The host hands it out as <see cref="AgriDbContext"/>
/// (<c>AddPluginDbContext&lt;AgriDbContext, AgriPostgreSqlDbContext&gt;()</c>).
/// </summary>
/// <param name="options">Configured by the host through <c>IPluginDatabase</c>.</param>
public sealed class AgriPostgreSqlDbContext(DbContextOptions<AgriPostgreSqlDbContext> options) : AgriDbContext(options);
