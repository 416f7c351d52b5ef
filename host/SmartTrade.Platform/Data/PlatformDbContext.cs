using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Idempotency;
using SmartTrade.Platform.Plugins;

namespace SmartTrade.Platform.Data;

/// <summary>The host's own tables: accounts and roles, plugin installations, idempotency records.</summary>
/// <remarks>
/// Its migrations attributed to this type are SQLite's (<c>Data/Migrations</c>); on PostgreSQL the host creates a
/// <see cref="PostgreSql.PostgreSqlPlatformDbContext"/>, same model, whose migrations are in <c>Data/PostgreSql/Migrations</c>.
/// </remarks>
public class PlatformDbContext : IdentityDbContext<PlatformUser, IdentityRole, string>
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">The context options.</param>
    public PlatformDbContext(DbContextOptions<PlatformDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates a provider-specific subclass of the context.</summary>
    /// <param name="options">The subclass's options.</param>
    protected PlatformDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>One row per plugin the host has seen: whether it is enabled and which version is installed.</summary>
    public DbSet<PluginRecord> Plugins => Set<PluginRecord>();

    /// <summary>Stored responses of idempotent requests.</summary>
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values in SQL; store them as sortable binary ticks there.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PlatformDbContext).Assembly);
        builder.Entity<PluginRecord>(plugin =>
        {
            plugin.ToTable("platform_plugins");
            plugin.HasKey(p => p.Id);
            plugin.Property(p => p.Id).HasMaxLength(64);
            plugin.Property(p => p.InstalledVersion).HasMaxLength(64);
            plugin.Property(p => p.AppliedVersion).HasMaxLength(64);
            plugin.Property(p => p.InstalledPath).HasMaxLength(1024);
        });
        builder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("platform_idempotency");
            record.HasKey(r => new { r.Scope, r.Key });
            record.Property(r => r.Scope).HasMaxLength(200);
            record.Property(r => r.Key).HasMaxLength(255);
            record.Property(r => r.Fingerprint).HasMaxLength(64);
            record.Property(r => r.ContentType).HasMaxLength(200);
            record.Property(r => r.Location).HasMaxLength(2048);
            record.HasIndex(r => r.ExpiresAt);
        });
    }
}
