using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmartTrade.Plugins.ApplianceMarket.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ApplianceMarketDbContext>
{
    public ApplianceMarketDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<ApplianceMarketDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__appliance_market_migrations"))
            .Options);
}
