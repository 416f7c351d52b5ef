using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.Platform.Orders;

/// <summary>
/// An order with one merchant, as stored. It guards its own transitions (<see cref="OrderTransitions"/>):
/// every change goes through <see cref="TryMove"/>.
/// </summary>
public sealed class OrderEntity
{
    public Guid Id { get; set; }

    public required string Number { get; set; }

    public required string BuyerId { get; set; }

    public required string MerchantId { get; set; }

    public required string MarketId { get; set; }

    public List<OrderLineEntity> Lines { get; set; } = [];

    public long TotalMinor { get; set; }

    public required string Currency { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.PendingPayment;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? TrackingNumber { get; set; }

    public string? Carrier { get; set; }

    public string? PaymentIntentId { get; set; }

    public long RefundedMinor { get; set; }

    public long Version { get; set; }

    /// <summary>Moves to <paramref name="to"/> when the state machine allows it, stamping the time.</summary>
    public bool TryMove(OrderStatus to, DateTimeOffset now)
    {
        if (!OrderTransitions.CanTransition(ToOrder(), to))
        {
            return false;
        }

        Status = to;
        Version++;
        switch (to)
        {
            case OrderStatus.Paid:
                PaidAt = now;
                ExpiresAt = null;
                break;
            case OrderStatus.Shipped:
                ShippedAt = now;
                break;
            case OrderStatus.Delivered:
                DeliveredAt = now;
                break;
            case OrderStatus.Cancelled or OrderStatus.Completed or OrderStatus.Refunded:
                ClosedAt = now;
                ExpiresAt = null;
                break;
        }

        return true;
    }

    public Order ToOrder() => new()
    {
        Id = Id,
        Number = Number,
        BuyerId = BuyerId,
        MerchantId = MerchantId,
        MarketId = MarketId,
        Lines = Lines.OrderBy(l => l.Position).Select(l => l.ToLine(Currency)).ToList(),
        Total = new Money(TotalMinor, Currency),
        Status = Status,
        CreatedAt = CreatedAt,
        ExpiresAt = ExpiresAt,
        PaidAt = PaidAt,
        ShippedAt = ShippedAt,
        DeliveredAt = DeliveredAt,
        ClosedAt = ClosedAt,
        TrackingNumber = TrackingNumber,
        Carrier = Carrier,
        RefundedTotal = new Money(RefundedMinor, Currency),
        Version = Version,
    };
}

/// <summary>A line of an order: what was bought, at the price it was bought at.</summary>
public sealed class OrderLineEntity
{
    public long Id { get; set; }

    public Guid OrderId { get; set; }

    public int Position { get; set; }

    public Guid ListingId { get; set; }

    public required string TitleJson { get; set; }

    public long UnitPriceMinor { get; set; }

    public long Quantity { get; set; }

    public required string Unit { get; set; }

    /// <summary>Per-line choices (a delivery date...) as JSON; null when there are none.</summary>
    public string? AttributesJson { get; set; }

    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public IReadOnlyDictionary<string, AttributeValue>? Attributes
    {
        get => AttributesJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, AttributeValue>>(AttributesJson, JsonSerializerOptions.Web);
        set => AttributesJson = value is null || value.Count == 0 ? null : JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
    }

    public OrderLine ToLine(string currency) => new()
    {
        ListingId = ListingId,
        Title = JsonSerializer.Deserialize<LocalizedText>(TitleJson, JsonSerializerOptions.Web)!,
        UnitPrice = new Money(UnitPriceMinor, currency),
        Quantity = Quantity,
        Unit = Unit,
        LineTotal = new Money(checked(UnitPriceMinor * Quantity), currency),
        Attributes = Attributes ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, AttributeValue>.Empty,
    };
}

/// <summary>A line in a buyer's cart.</summary>
public sealed class CartLineEntity
{
    public required string BuyerId { get; set; }

    public Guid ListingId { get; set; }

    public long Quantity { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The buyer's per-line choices (such as a delivery date) as JSON; null when none.</summary>
    public string? ChoicesJson { get; set; }

    /// <summary>The buyer's per-line choices, passed to the market's policy and kept on the order line.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Choices
    {
        get => ChoicesJson is null
            ? System.Collections.ObjectModel.ReadOnlyDictionary<string, AttributeValue>.Empty
            : JsonSerializer.Deserialize<Dictionary<string, AttributeValue>>(ChoicesJson, JsonSerializerOptions.Web)!;
        set => ChoicesJson = value.Count == 0 ? null : JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
    }
}

internal sealed class OrderEntityConfiguration : IEntityTypeConfiguration<OrderEntity>, IEntityTypeConfiguration<OrderLineEntity>, IEntityTypeConfiguration<CartLineEntity>
{
    public void Configure(EntityTypeBuilder<OrderEntity> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Number).HasMaxLength(32);
        order.HasIndex(o => o.Number).IsUnique();
        order.Property(o => o.BuyerId).HasMaxLength(64);
        order.Property(o => o.MerchantId).HasMaxLength(64);
        order.Property(o => o.MarketId).HasMaxLength(64);
        order.Property(o => o.Currency).HasMaxLength(3);
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(24);
        order.Property(o => o.TrackingNumber).HasMaxLength(64);
        order.Property(o => o.Carrier).HasMaxLength(64);
        order.Property(o => o.PaymentIntentId).HasMaxLength(128);
        order.Property(o => o.Version).IsConcurrencyToken();
        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        order.HasIndex(o => o.BuyerId);
        order.HasIndex(o => o.MerchantId);
        order.HasIndex(o => new { o.Status, o.ExpiresAt });
    }

    public void Configure(EntityTypeBuilder<OrderLineEntity> line)
    {
        line.ToTable("order_lines");
        line.HasKey(l => l.Id);
        line.Property(l => l.Unit).HasMaxLength(32);
        line.Ignore(l => l.Attributes);
    }

    public void Configure(EntityTypeBuilder<CartLineEntity> line)
    {
        line.ToTable("cart_lines");
        line.HasKey(l => new { l.BuyerId, l.ListingId });
        line.Property(l => l.BuyerId).HasMaxLength(64);
        line.Ignore(l => l.Choices);
    }
}
