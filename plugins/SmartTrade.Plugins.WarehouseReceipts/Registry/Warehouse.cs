using SmartTrade.Sdk.Localization;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>An approved delivery warehouse in Yuyao: it inspects goods loaded in and issues receipts for them.</summary>
public sealed class Warehouse
{
    /// <summary>The warehouse's code, as the market's <c>warehouse</c> attribute uses it (e.g. <c>zs-storage-1</c>).</summary>
    public required string Code { get; set; }

    /// <summary>The name in Simplified Chinese.</summary>
    public required string NameZh { get; set; }

    /// <summary>The name in English.</summary>
    public required string NameEn { get; set; }

    /// <summary>The address in Simplified Chinese.</summary>
    public required string AddressZh { get; set; }

    /// <summary>The address in English.</summary>
    public required string AddressEn { get; set; }

    /// <summary>Storage approved by the market, in tonnes.</summary>
    public long CapacityTonnes { get; set; }

    /// <summary>The name in both languages.</summary>
    public LocalizedText Names => new(NameZh, NameEn);
}

/// <summary>A user who operates a warehouse: inspects its load-ins and issues or rejects receipts.</summary>
public sealed class WarehouseOperator
{
    /// <summary>The warehouse.</summary>
    public required string WarehouseCode { get; set; }

    /// <summary>The operator's user id; the user also needs the WarehouseOperator role.</summary>
    public required string UserId { get; set; }

    /// <summary>When the user was made an operator of the warehouse.</summary>
    public DateTimeOffset AssignedAt { get; set; }
}
