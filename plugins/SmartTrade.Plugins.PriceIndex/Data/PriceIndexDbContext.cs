using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Plugins.PriceIndex.Methodology;
using SmartTrade.Plugins.PriceIndex.Publication;
using SmartTrade.Sdk.Data;

namespace SmartTrade.Plugins.PriceIndex.Data;

/// <summary>
/// The plugin's own tables, prefixed <c>price_index_</c>: the inputs (trades, firm quotes, judgments), the published
/// assessments and index values (versions, never updated), the methodology versions and the publication cursor.
/// </summary>
/// <remarks>Its migrations are SQLite's; <see cref="PostgreSql.PriceIndexPostgreSqlDbContext"/> holds the PostgreSQL ones.</remarks>
public class PriceIndexDbContext : DbContext
{
    /// <summary>The plugin's id, which prefixes its tables.</summary>
    public const string PluginId = "price-index";

    /// <summary>Creates the context.</summary>
    /// <param name="options">Configured by the host through <see cref="IPluginDatabase"/>.</param>
    public PriceIndexDbContext(DbContextOptions<PriceIndexDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates the PostgreSQL subclass, <see cref="PostgreSql.PriceIndexPostgreSqlDbContext"/>.</summary>
    /// <param name="options">The subclass's options.</param>
    protected PriceIndexDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Trades received from the receipt market.</summary>
    public DbSet<RecordedTrade> Trades => Set<RecordedTrade>();

    /// <summary>Firm quotes.</summary>
    public DbSet<FirmQuote> Quotes => Set<FirmQuote>();

    /// <summary>Assessor judgments.</summary>
    public DbSet<AssessorJudgment> Judgments => Set<AssessorJudgment>();

    /// <summary>Published grade assessments, every version.</summary>
    public DbSet<PublishedAssessment> Assessments => Set<PublishedAssessment>();

    /// <summary>Published index values, every version.</summary>
    public DbSet<PublishedIndexValue> IndexValues => Set<PublishedIndexValue>();

    /// <summary>Methodology versions.</summary>
    public DbSet<MethodologyVersion> MethodologyVersions => Set<MethodologyVersion>();

    /// <summary>The publication cursor (one row).</summary>
    public DbSet<PublicationCursor> Cursor => Set<PublicationCursor>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PriceIndexDbContext).Assembly);
        modelBuilder.UsePluginTablePrefix(PluginId);
    }
}
