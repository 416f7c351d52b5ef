using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmartTrade.Plugins.WarehouseReceipts.Data.PostgreSql;

namespace SmartTrade.Plugins.WarehouseReceipts.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WarehouseReceiptsDbContext>
{
    public WarehouseReceiptsDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<WarehouseReceiptsDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__warehouse_receipts_migrations"))
            .Options);
}

/// <summary>
/// The same for the PostgreSQL migrations (<c>-c WarehouseReceiptsPostgreSqlDbContext -o Data/PostgreSql/Migrations</c>); adding a migration
/// never connects, so the server named here need not exist.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<WarehouseReceiptsPostgreSqlDbContext>
{
    public WarehouseReceiptsPostgreSqlDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<WarehouseReceiptsPostgreSqlDbContext>()
            .UseNpgsql("Host=localhost;Database=smarttrade_design_time", npgsql => npgsql.MigrationsHistoryTable("__warehouse_receipts_migrations"))
            .Options);
}
