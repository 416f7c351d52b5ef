using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmartTrade.Platform.Outbox;

/// <summary>
/// Something that happened, written in the same transaction as the change it describes, and handed on
/// (search index, MediatR notification) by <see cref="OutboxProcessor"/> after commit. Messages are processed in
/// id order; a crash between handling and marking means a repeat, which every handler tolerates.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The message type, such as <c>ListingChanged</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The message as JSON.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>How many times handling failed; the last error is kept.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("platform_outbox");
        message.HasKey(m => m.Id);
        message.Property(m => m.Id).ValueGeneratedOnAdd();
        message.Property(m => m.Type).HasMaxLength(100);
        message.Property(m => m.LastError).HasMaxLength(2000);
        message.HasIndex(m => m.ProcessedAt);
    }
}
