using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmartTrade.Plugins.ApplianceMarket.Quotes;

/// <summary>
/// A message to a buyer or a merchant about one of their quote requests (a new request, a quote, a decline, an
/// acceptance), shown on their storefront quote pages until read.
/// </summary>
public sealed class QuoteNotification
{
    /// <summary>The row's id.</summary>
    public long Id { get; set; }

    /// <summary>Who it is for.</summary>
    public required string UserId { get; set; }

    /// <summary>The request it is about.</summary>
    public Guid RequestId { get; set; }

    /// <summary>The message in Chinese.</summary>
    public required string TextZh { get; set; }

    /// <summary>The message in English.</summary>
    public required string TextEn { get; set; }

    /// <summary>When it was sent.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether the user has seen it.</summary>
    public bool Read { get; set; }
}

/// <summary>The table of notifications.</summary>
internal sealed class QuoteNotificationConfiguration : IEntityTypeConfiguration<QuoteNotification>
{
    public void Configure(EntityTypeBuilder<QuoteNotification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.UserId).HasMaxLength(64);
        builder.Property(n => n.TextZh).HasMaxLength(400);
        builder.Property(n => n.TextEn).HasMaxLength(400);
        builder.HasIndex(n => new { n.UserId, n.Read });
    }
}
