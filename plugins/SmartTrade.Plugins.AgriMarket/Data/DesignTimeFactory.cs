using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmartTrade.Plugins.AgriMarket.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AgriDbContext>
{
    public AgriDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<AgriDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__agri_market_migrations"))
            .Options);
}
