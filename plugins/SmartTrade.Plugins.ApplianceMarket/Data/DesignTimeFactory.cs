using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmartTrade.Plugins.ApplianceMarket.Data.PostgreSql;

namespace SmartTrade.Plugins.ApplianceMarket.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ApplianceMarketDbContext>
{
    public ApplianceMarketDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<ApplianceMarketDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__appliance_market_migrations"))
            .Options);
}

/// <summary>
/// The same for the PostgreSQL migrations (<c>-c ApplianceMarketPostgreSqlDbContext -o Data/PostgreSql/Migrations</c>); adding a migration
/// never connects, so the server named here need not exist.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<ApplianceMarketPostgreSqlDbContext>
{
    public ApplianceMarketPostgreSqlDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<ApplianceMarketPostgreSqlDbContext>()
            .UseNpgsql("Host=localhost;Database=smarttrade_design_time", npgsql => npgsql.MigrationsHistoryTable("__appliance_market_migrations"))
            .Options);
}
