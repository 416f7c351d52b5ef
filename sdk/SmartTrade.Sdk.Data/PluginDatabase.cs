using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Sdk.Data;

/// <summary>
/// The host's database as a plugin sees it. The host implements this and configures the provider (SQLite by
/// default, PostgreSQL when scaled out); a plugin only says which context and which migrations are its own.
/// </summary>
public interface IPluginDatabase
{
    /// <summary>The provider in use: <see cref="PluginDatabaseProviders.Sqlite"/> or <see cref="PluginDatabaseProviders.PostgreSql"/>.</summary>
    string Provider { get; }

    /// <summary>
    /// Points a plugin's context at the host's database, with the plugin's own migrations history table
    /// (<c>__{id}_migrations</c>) and its migrations assembly.
    /// </summary>
    /// <param name="options">The context's options builder.</param>
    /// <param name="plugin">The plugin's manifest.</param>
    /// <param name="migrationsAssembly">The assembly holding the context's migrations for this provider.</param>
    void Configure(DbContextOptionsBuilder options, PluginManifest plugin, System.Reflection.Assembly migrationsAssembly);
}

/// <summary>The names of the database providers a host can run on.</summary>
public static class PluginDatabaseProviders
{
    /// <summary>SQLite, the embedded default.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>PostgreSQL, for several hosts sharing one database.</summary>
    public const string PostgreSql = "PostgreSQL";
}

/// <summary>Registers and migrates a plugin's own DbContext.</summary>
/// <remarks>
/// EF Core keeps one set of migrations per context type and provider. A plugin that runs on both databases keeps its
/// SQLite migrations on its context (<c>Data/Migrations</c>) and its PostgreSQL migrations on a subclass of it that adds
/// nothing (<c>Data/PostgreSql/Migrations</c>), and registers both with
/// <see cref="AddPluginDbContext{TContext, TPostgreSqlContext}"/>; the rest of the plugin only ever asks for
/// <c>TContext</c>.
/// </remarks>
public static class PluginDatabaseExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the host's database, for a plugin whose migrations are for SQLite
    /// only: on a host running PostgreSQL, resolving the context fails with an error that says so (and the plugin
    /// faults when it migrates). Apply its migrations from <see cref="ITradePlugin.InstallAsync"/> with
    /// <see cref="MigratePluginDatabaseAsync{TContext}"/>.
    /// </summary>
    /// <typeparam name="TContext">The plugin's context; give its tables the plugin's prefix with <see cref="UsePluginTablePrefix"/>.</typeparam>
    /// <param name="services">The plugin's service collection.</param>
    public static IServiceCollection AddPluginDbContext<TContext>(this IServiceCollection services)
        where TContext : DbContext
        => services.AddDbContext<TContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IPluginDatabase>();
            var plugin = provider.GetRequiredService<PluginManifest>();
            if (database.Provider != PluginDatabaseProviders.Sqlite)
            {
                throw new InvalidOperationException(
                    $"Plugin '{plugin.Id}' has migrations for {PluginDatabaseProviders.Sqlite} only, and the host runs on {database.Provider}: " +
                    $"register {typeof(TContext).Name} with AddPluginDbContext<{typeof(TContext).Name}, TPostgreSqlContext>() and give that subclass its PostgreSQL migrations.");
            }

            database.Configure(options, plugin, typeof(TContext).Assembly);
        });

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the host's database, whichever provider it runs: on SQLite it is
    /// <typeparamref name="TContext"/> with the migrations attributed to it, on PostgreSQL an instance of
    /// <typeparamref name="TPostgreSqlContext"/> (same model, its own migrations). Apply them from
    /// <see cref="ITradePlugin.InstallAsync"/> with <see cref="MigratePluginDatabaseAsync{TContext}"/>.
    /// </summary>
    /// <typeparam name="TContext">The plugin's context; give its tables the plugin's prefix with <see cref="UsePluginTablePrefix"/>.</typeparam>
    /// <typeparam name="TPostgreSqlContext">A subclass of <typeparamref name="TContext"/> that adds nothing; its migrations are the PostgreSQL ones.</typeparam>
    /// <param name="services">The plugin's service collection.</param>
    public static IServiceCollection AddPluginDbContext<TContext, TPostgreSqlContext>(this IServiceCollection services)
        where TContext : DbContext
        where TPostgreSqlContext : TContext
    {
        static void Configure(IServiceProvider provider, DbContextOptionsBuilder options)
            => provider.GetRequiredService<IPluginDatabase>().Configure(
                options,
                provider.GetRequiredService<PluginManifest>(),
                typeof(TContext).Assembly);

        services.AddDbContext<TContext>(Configure);
        services.AddDbContext<TPostgreSqlContext>(Configure);

        // Whoever asks for TContext gets the provider's type; EF Core picks the migrations attributed to that type.
        services.Replace(ServiceDescriptor.Scoped<TContext>(provider =>
            provider.GetRequiredService<IPluginDatabase>().Provider == PluginDatabaseProviders.PostgreSql
                ? provider.GetRequiredService<TPostgreSqlContext>()
                : ActivatorUtilities.CreateInstance<TContext>(provider)));
        return services;
    }

    /// <summary>Applies the context's pending migrations; safe to call on every install and upgrade.</summary>
    /// <typeparam name="TContext">The plugin's context.</typeparam>
    /// <param name="services">A plugin scope's services (the one <see cref="ITradePlugin.InstallAsync"/> receives).</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    public static async Task MigratePluginDatabaseAsync<TContext>(this IServiceProvider services, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        var context = services.GetRequiredService<TContext>();
        await context.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Prefixes every table of the model with the plugin's id (<c>mould-market</c> gives <c>mould_market_</c>),
    /// so plugins sharing one database never collide. Call it at the end of <c>OnModelCreating</c>.
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="pluginId">The plugin's id.</param>
    public static ModelBuilder UsePluginTablePrefix(this ModelBuilder modelBuilder, string pluginId)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentException.ThrowIfNullOrEmpty(pluginId);
        var prefix = pluginId.Replace('-', '_') + "_";
        foreach (IMutableEntityType entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && !table.StartsWith(prefix, StringComparison.Ordinal) && entity.BaseType is null)
            {
                entity.SetTableName(prefix + table);
            }
        }

        return modelBuilder;
    }
}
