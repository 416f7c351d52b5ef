using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmartTrade.Plugins.PriceIndex.Data.PostgreSql;

namespace SmartTrade.Plugins.PriceIndex.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PriceIndexDbContext>
{
    public PriceIndexDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PriceIndexDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__price_index_migrations"))
            .Options);
}

/// <summary>
/// The same for the PostgreSQL migrations (<c>-c PriceIndexPostgreSqlDbContext -o Data/PostgreSql/Migrations</c>); adding a migration
/// never connects, so the server named here need not exist.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PriceIndexPostgreSqlDbContext>
{
    public PriceIndexPostgreSqlDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PriceIndexPostgreSqlDbContext>()
            .UseNpgsql("Host=localhost;Database=smarttrade_design_time", npgsql => npgsql.MigrationsHistoryTable("__price_index_migrations"))
            .Options);
}
