using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Platform.Data.PostgreSql;

/// <summary>
/// <see cref="PlatformDbContext"/> on PostgreSQL: the same model, with the PostgreSQL migrations (in <c>Migrations/</c>
/// beside this file) attributed to this type, as EF Core keeps one set of migrations per context type. The host
/// registers it as <see cref="PlatformDbContext"/>, so nothing else knows it exists.
/// </summary>
/// <param name="options">The context options.</param>
public sealed class PostgreSqlPlatformDbContext(DbContextOptions<PostgreSqlPlatformDbContext> options) : PlatformDbContext(options);
