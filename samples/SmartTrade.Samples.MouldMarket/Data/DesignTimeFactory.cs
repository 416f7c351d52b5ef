using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmartTrade.Samples.MouldMarket.Data.PostgreSql;

namespace SmartTrade.Samples.MouldMarket.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MouldMarketDbContext>
{
    public MouldMarketDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<MouldMarketDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__mould_market_migrations"))
            .Options);
}

/// <summary>
/// The same for the PostgreSQL migrations (<c>-c MouldMarketPostgreSqlDbContext -o Data/PostgreSql/Migrations</c>); adding a migration
/// never connects, so the server named here need not exist.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<MouldMarketPostgreSqlDbContext>
{
    public MouldMarketPostgreSqlDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<MouldMarketPostgreSqlDbContext>()
            .UseNpgsql("Host=localhost;Database=smarttrade_design_time", npgsql => npgsql.MigrationsHistoryTable("__mould_market_migrations"))
            .Options);
}
