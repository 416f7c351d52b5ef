using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmartTrade.Plugins.PriceIndex.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PriceIndexDbContext>
{
    public PriceIndexDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PriceIndexDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__price_index_migrations"))
            .Options);
}
