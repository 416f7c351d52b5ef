using System.Text.Json.Serialization;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>Whether a pledge still holds.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PledgeStatus>))]
public enum PledgeStatus
{
    /// <summary>The receipt is pledged.</summary>
    Active,

    /// <summary>The pledgee (or an admin) released it.</summary>
    Released,
}

/// <summary>A receipt pledged by its owner to a lender (the pledgee) as security: it cannot be sold while pledged.</summary>
public sealed class Pledge
{
    /// <summary>The pledge's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The receipt pledged, whole.</summary>
    public required string ReceiptNumber { get; set; }

    /// <summary>The owner who pledged it.</summary>
    public required string PledgorId { get; set; }

    /// <summary>The lender's user id.</summary>
    public required string PledgeeId { get; set; }

    /// <summary>The receipt's net weight when pledged, in kg.</summary>
    public long QuantityKg { get; set; }

    /// <summary>Whether it still holds.</summary>
    public PledgeStatus Status { get; set; }

    /// <summary>When it was made.</summary>
    public DateTimeOffset PledgedAt { get; set; }

    /// <summary>When it was released.</summary>
    public DateTimeOffset? ReleasedAt { get; set; }

    /// <summary>Who released it: the pledgee or an admin.</summary>
    public string? ReleasedBy { get; set; }

    /// <summary>Concurrency token.</summary>
    public long Version { get; set; }
}
