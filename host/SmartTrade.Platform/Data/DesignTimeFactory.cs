using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmartTrade.Platform.Data.PostgreSql;

namespace SmartTrade.Platform.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> create the context without starting the host (SQLite migrations).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    public PlatformDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PlatformDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>
/// The same for the PostgreSQL migrations: <c>dotnet ef migrations add Name -c PostgreSqlPlatformDbContext
/// -o Data/PostgreSql/Migrations</c>. Adding a migration never connects, so the server named here need not exist.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPlatformDbContext>
{
    public PostgreSqlPlatformDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PostgreSqlPlatformDbContext>().UseNpgsql("Host=localhost;Database=smarttrade_design_time").Options);
}
