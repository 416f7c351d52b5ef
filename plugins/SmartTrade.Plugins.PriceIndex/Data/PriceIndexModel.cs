using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Plugins.PriceIndex.Methodology;
using SmartTrade.Plugins.PriceIndex.Publication;

namespace SmartTrade.Plugins.PriceIndex.Data;

// The index's tables. Instants are Unix milliseconds and keys are strings and integers, which every provider orders
// the same way.

internal sealed class RecordedTradeConfiguration : IEntityTypeConfiguration<RecordedTrade>
{
    public void Configure(EntityTypeBuilder<RecordedTrade> trade)
    {
        trade.ToTable("trades");
        trade.HasKey(t => t.TradeId);
        trade.Property(t => t.TradeId).HasMaxLength(64);
        trade.Property(t => t.MarketId).HasMaxLength(64);
        trade.Property(t => t.Grade).HasMaxLength(32);
        trade.HasIndex(t => t.ExecutedAtMs);
    }
}

internal sealed class FirmQuoteConfiguration : IEntityTypeConfiguration<FirmQuote>
{
    public void Configure(EntityTypeBuilder<FirmQuote> quote)
    {
        quote.ToTable("quotes");
        quote.HasKey(q => q.Id);
        quote.Property(q => q.Grade).HasMaxLength(32);
        quote.Property(q => q.Side).HasMaxLength(8);
        quote.Property(q => q.SubmitterId).HasMaxLength(64);
        quote.Property(q => q.SubmitterName).HasMaxLength(100);
        quote.HasIndex(q => q.ValidUntilMs);
        quote.HasIndex(q => q.SubmitterId);
    }
}

internal sealed class AssessorJudgmentConfiguration : IEntityTypeConfiguration<AssessorJudgment>
{
    public void Configure(EntityTypeBuilder<AssessorJudgment> judgment)
    {
        judgment.ToTable("judgments");
        judgment.HasKey(j => j.Id);
        judgment.Property(j => j.Grade).HasMaxLength(32);
        judgment.Property(j => j.Reason).HasMaxLength(1000);
        judgment.Property(j => j.AssessorId).HasMaxLength(64);
        judgment.HasIndex(j => j.WindowEndMs);
    }
}

internal sealed class PublishedAssessmentConfiguration : IEntityTypeConfiguration<PublishedAssessment>
{
    public void Configure(EntityTypeBuilder<PublishedAssessment> assessment)
    {
        assessment.ToTable("assessments");
        assessment.HasKey(a => new { a.Grade, a.WindowEndMs, a.Version });
        assessment.Property(a => a.Grade).HasMaxLength(32);
        assessment.Property(a => a.Method).HasMaxLength(16);
        assessment.Property(a => a.MethodologyVersion).HasMaxLength(16);
        assessment.Property(a => a.CorrectionReason).HasMaxLength(1000);
        assessment.HasIndex(a => a.WindowEndMs);
    }
}

internal sealed class PublishedIndexValueConfiguration : IEntityTypeConfiguration<PublishedIndexValue>
{
    public void Configure(EntityTypeBuilder<PublishedIndexValue> value)
    {
        value.ToTable("index_values");
        value.HasKey(v => new { v.IndexCode, v.WindowEndMs, v.Version });
        value.Property(v => v.IndexCode).HasMaxLength(32);
        value.Property(v => v.MethodologyVersion).HasMaxLength(16);
        value.Property(v => v.CorrectionReason).HasMaxLength(1000);
        value.Ignore(v => v.Value);
        value.HasIndex(v => v.WindowEndMs);
    }
}

internal sealed class MethodologyVersionConfiguration : IEntityTypeConfiguration<MethodologyVersion>
{
    public void Configure(EntityTypeBuilder<MethodologyVersion> version)
    {
        version.ToTable("methodology_versions");
        version.HasKey(v => v.Version);
        version.Property(v => v.Version).HasMaxLength(16);
        version.Property(v => v.NoteZh).HasMaxLength(1000);
        version.Property(v => v.NoteEn).HasMaxLength(1000);
        version.HasIndex(v => v.Sequence).IsUnique();
    }
}

internal sealed class PublicationCursorConfiguration : IEntityTypeConfiguration<PublicationCursor>
{
    public void Configure(EntityTypeBuilder<PublicationCursor> cursor)
    {
        cursor.ToTable("publication_cursor");
        cursor.HasKey(c => c.Id);
        cursor.Property(c => c.Id).ValueGeneratedNever();
    }
}
