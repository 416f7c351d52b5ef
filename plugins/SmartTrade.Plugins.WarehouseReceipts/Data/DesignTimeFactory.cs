using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmartTrade.Plugins.WarehouseReceipts.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WarehouseReceiptsDbContext>
{
    public WarehouseReceiptsDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<WarehouseReceiptsDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__warehouse_receipts_migrations"))
            .Options);
}
