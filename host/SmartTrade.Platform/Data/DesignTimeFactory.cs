using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmartTrade.Platform.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> create the context without starting the host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    public PlatformDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PlatformDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
