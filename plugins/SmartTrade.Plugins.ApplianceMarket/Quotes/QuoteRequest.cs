using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmartTrade.Plugins.ApplianceMarket.Quotes;

/// <summary>Where a quote request stands, as stored; an expired quote is a <see cref="Quoted"/> one past its validity.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuoteStatus>))]
public enum QuoteStatus
{
    /// <summary>Asked by the buyer; the merchant has not answered.</summary>
    Requested,

    /// <summary>The merchant quoted a unit price valid until a date.</summary>
    Quoted,

    /// <summary>The buyer accepted in time and the order is being placed.</summary>
    Accepting,

    /// <summary>Accepted and placed as an order.</summary>
    Accepted,

    /// <summary>Declined by the merchant or the buyer before it was accepted.</summary>
    Declined,
}

/// <summary>
/// A business buyer's request for quotation (询价) on an appliance listing: a quantity and a delivery date. The merchant
/// answers with a unit price valid until a date; the buyer accepts before it expires and it becomes an order at that
/// price. The aggregate guards its transitions; the time of each decision comes from the caller's clock.
/// </summary>
public sealed class QuoteRequest
{
    /// <summary>China has one time zone without daylight saving: dates in this market are Beijing dates.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The request's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The listing asked about.</summary>
    public Guid ListingId { get; set; }

    /// <summary>The listing's merchant, who answers.</summary>
    public required string MerchantId { get; set; }

    /// <summary>The buyer asking.</summary>
    public required string BuyerId { get; set; }

    /// <summary>The buyer's shop or company, shown to the merchant.</summary>
    public required string BuyerCompany { get; set; }

    /// <summary>The listing's title in Chinese when asked.</summary>
    public required string ListingTitleZh { get; set; }

    /// <summary>The listing's title in English when asked.</summary>
    public required string ListingTitleEn { get; set; }

    /// <summary>The listing's unit; the quantity and price are per this unit.</summary>
    public required string Unit { get; set; }

    /// <summary>The listing's retail price in fen when asked, for comparison.</summary>
    public long RetailPriceMinor { get; set; }

    /// <summary>How many units the buyer wants.</summary>
    public long Quantity { get; set; }

    /// <summary>When the buyer wants the goods delivered (a Beijing date).</summary>
    public DateOnly DeliveryDate { get; set; }

    /// <summary>The buyer's note to the merchant.</summary>
    public string? BuyerNote { get; set; }

    /// <summary>The stored status.</summary>
    public QuoteStatus Status { get; set; }

    /// <summary>The quoted unit price in fen.</summary>
    public long? UnitPriceMinor { get; set; }

    /// <summary>The last Beijing date the quote may be accepted on.</summary>
    public DateOnly? ValidUntil { get; set; }

    /// <summary>The instant the quote expires: the start of the day after <see cref="ValidUntil"/>, Beijing time.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The merchant's note with the quote.</summary>
    public string? MerchantNote { get; set; }

    /// <summary>Who declined: <c>buyer</c> or <c>merchant</c>.</summary>
    public string? DeclinedBy { get; set; }

    /// <summary>Why it was declined.</summary>
    public string? DeclineReason { get; set; }

    /// <summary>When the buyer accepted the quote (before it expired).</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The order placed for the accepted quote.</summary>
    public Guid? OrderId { get; set; }

    /// <summary>When the buyer asked.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The concurrency version, incremented by every transition.</summary>
    public long Version { get; set; }

    /// <summary>Whether the quote's validity ran out at <paramref name="now"/> without being accepted.</summary>
    /// <param name="now">The clock's time.</param>
    public bool IsExpiredAt(DateTimeOffset now) => Status == QuoteStatus.Quoted && ExpiresAt is { } expires && now >= expires;

    /// <summary>The state shown to people: the stored status, or <c>Expired</c>.</summary>
    /// <param name="now">The clock's time.</param>
    public string StateAt(DateTimeOffset now) => IsExpiredAt(now) ? "Expired" : Status.ToString();

    /// <summary>The Beijing date of an instant.</summary>
    /// <param name="instant">The instant.</param>
    public static DateOnly ChinaDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);

    /// <summary>The merchant quotes: allowed on a new request, or again once an earlier quote expired.</summary>
    /// <param name="unitPriceMinor">The unit price in fen, already checked.</param>
    /// <param name="validUntil">The last day it may be accepted on, already checked.</param>
    /// <param name="note">The merchant's note.</param>
    /// <param name="now">The clock's time.</param>
    public ApplianceRefusal? Quote(long unitPriceMinor, DateOnly validUntil, string? note, DateTimeOffset now)
    {
        if (Status != QuoteStatus.Requested && !IsExpiredAt(now))
        {
            return WrongState("quote", now);
        }

        Status = QuoteStatus.Quoted;
        UnitPriceMinor = unitPriceMinor;
        ValidUntil = validUntil;
        ExpiresAt = new DateTimeOffset(validUntil.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset);
        MerchantNote = note;
        return Touch(now);
    }

    /// <summary>The buyer or the merchant declines a request or a quote that was not accepted.</summary>
    /// <param name="by"><c>buyer</c> or <c>merchant</c>.</param>
    /// <param name="reason">Why.</param>
    /// <param name="now">The clock's time.</param>
    public ApplianceRefusal? Decline(string by, string? reason, DateTimeOffset now)
    {
        if (Status is not (QuoteStatus.Requested or QuoteStatus.Quoted))
        {
            return WrongState("decline", now);
        }

        Status = QuoteStatus.Declined;
        DeclinedBy = by;
        DeclineReason = reason;
        return Touch(now);
    }

    /// <summary>The buyer accepts the quote; only before it expires. The order is placed next.</summary>
    /// <param name="now">The clock's time, which decides against the expiry.</param>
    public ApplianceRefusal? BeginAcceptance(DateTimeOffset now)
    {
        if (Status != QuoteStatus.Quoted)
        {
            return WrongState("accept", now);
        }

        if (IsExpiredAt(now))
        {
            return new ApplianceRefusal(409, ApplianceProblems.QuoteExpired, $"The quote was valid until {ValidUntil:yyyy-MM-dd} (Beijing time) and can no longer be accepted.");
        }

        Status = QuoteStatus.Accepting;
        AcceptedAt = now;
        return Touch(now);
    }

    /// <summary>The order for the accepted quote was placed.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="now">The clock's time.</param>
    public void CompleteAcceptance(Guid orderId, DateTimeOffset now)
    {
        if (Status != QuoteStatus.Accepting)
        {
            throw new InvalidOperationException($"Quote request {Id} is {Status}, not being accepted.");
        }

        Status = QuoteStatus.Accepted;
        OrderId = orderId;
        Touch(now);
    }

    /// <summary>The order could not be placed: the quote stands again as it was.</summary>
    /// <param name="now">The clock's time.</param>
    public void AbandonAcceptance(DateTimeOffset now)
    {
        if (Status != QuoteStatus.Accepting)
        {
            throw new InvalidOperationException($"Quote request {Id} is {Status}, not being accepted.");
        }

        Status = QuoteStatus.Quoted;
        AcceptedAt = null;
        Touch(now);
    }

    private ApplianceRefusal WrongState(string action, DateTimeOffset now)
        => new(409, ApplianceProblems.WrongState, $"Quote request {Id} is {StateAt(now)}; it cannot {action} now.");

    private ApplianceRefusal? Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
        return null;
    }
}

/// <summary>The table of quote requests.</summary>
internal sealed class QuoteRequestConfiguration : IEntityTypeConfiguration<QuoteRequest>
{
    public void Configure(EntityTypeBuilder<QuoteRequest> builder)
    {
        builder.ToTable("quote_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.MerchantId).HasMaxLength(64);
        builder.Property(r => r.BuyerId).HasMaxLength(64);
        builder.Property(r => r.BuyerCompany).HasMaxLength(QuoteDesk.MaxCompanyLength);
        builder.Property(r => r.ListingTitleZh).HasMaxLength(300);
        builder.Property(r => r.ListingTitleEn).HasMaxLength(300);
        builder.Property(r => r.Unit).HasMaxLength(32);
        builder.Property(r => r.BuyerNote).HasMaxLength(QuoteDesk.MaxNoteLength);
        builder.Property(r => r.MerchantNote).HasMaxLength(QuoteDesk.MaxNoteLength);
        builder.Property(r => r.DeclineReason).HasMaxLength(QuoteDesk.MaxNoteLength);
        builder.Property(r => r.DeclinedBy).HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.BuyerId);
        builder.HasIndex(r => r.MerchantId);
        builder.HasIndex(r => r.ListingId);
    }
}
