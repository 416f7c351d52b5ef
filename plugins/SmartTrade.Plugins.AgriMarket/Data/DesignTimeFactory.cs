using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmartTrade.Plugins.AgriMarket.Data.PostgreSql;

namespace SmartTrade.Plugins.AgriMarket.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AgriDbContext>
{
    public AgriDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<AgriDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__agri_market_migrations"))
            .Options);
}

/// <summary>
/// The same for the PostgreSQL migrations (<c>-c AgriPostgreSqlDbContext -o Data/PostgreSql/Migrations</c>); adding a migration
/// never connects, so the server named here need not exist.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<AgriPostgreSqlDbContext>
{
    public AgriPostgreSqlDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<AgriPostgreSqlDbContext>()
            .UseNpgsql("Host=localhost;Database=smarttrade_design_time", npgsql => npgsql.MigrationsHistoryTable("__agri_market_migrations"))
            .Options);
}
