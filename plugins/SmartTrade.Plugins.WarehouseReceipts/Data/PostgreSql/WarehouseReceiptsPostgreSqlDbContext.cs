using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.WarehouseReceipts.Data.PostgreSql;

/// <summary>
/// <see cref="WarehouseReceiptsDbContext"/> on a host that runs PostgreSQL: the same model, with the PostgreSQL migrations (in
/// <c>Migrations/</c> beside this file) attributed to this type. The host hands it out as <see cref="WarehouseReceiptsDbContext"/>
/// (<c>AddPluginDbContext&lt;WarehouseReceiptsDbContext, WarehouseReceiptsPostgreSqlDbContext&gt;()</c>).
/// </summary>
/// <param name="options">Configured by the host through <c>IPluginDatabase</c>.</param>
public sealed class WarehouseReceiptsPostgreSqlDbContext(DbContextOptions<WarehouseReceiptsPostgreSqlDbContext> options) : WarehouseReceiptsDbContext(options);
