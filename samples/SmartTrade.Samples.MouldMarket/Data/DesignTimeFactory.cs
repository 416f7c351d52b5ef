using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmartTrade.Samples.MouldMarket.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context; at run time the host configures it.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MouldMarketDbContext>
{
    public MouldMarketDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<MouldMarketDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable("__mould_market_migrations"))
            .Options);
}
