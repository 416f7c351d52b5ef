using System.Globalization;
using SmartTrade.Plugins.AgriMarket.Batches;
using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Sdk.Markets;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Plugins.AgriMarket.Screen;

/// <summary>Names of the market's codes in the reader's language, for the pages.</summary>
public static class AgriNames
{
    private static readonly MarketDescriptor Market = AgriMarketDescriptor.Create();

    /// <summary>The name of a value of one of the market's choice attributes (product, originTown, storage).</summary>
    public static string ValueName(string attribute, string? code)
        => Market.Attributes.FirstOrDefault(a => a.Key == attribute)?.AllowedValues.FirstOrDefault(v => v.Code == code)?.Names.Get() ?? code ?? string.Empty;

    /// <summary>A date as yyyy-MM-dd, or a dash.</summary>
    public static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>An inspection item's name.</summary>
    public static string InspectionName(string item) => InspectionItems.Names.TryGetValue(item, out var name) ? name.Get() : item;

    /// <summary>A batch status in words.</summary>
    public static string StatusName(BatchStatus status) => status switch
    {
        BatchStatus.Planned => T("预售中，待采收", "Pre-sale, not yet harvested"),
        BatchStatus.Harvested => T("已采收，在售", "Harvested, on sale"),
        _ => T("已过保质期", "Past its shelf life"),
    };

    /// <summary>Where an order stands against its batch, in words.</summary>
    public static string StateName(AllocationState state) => state switch
    {
        AllocationState.Reserved => T("预订，待采收", "Reserved, awaiting harvest"),
        AllocationState.Allocated => T("已从本批次发货", "Filled from this batch"),
        AllocationState.Shortfall => T("本批次不足", "Short in this batch"),
        _ => T("已取消", "Cancelled"),
    };
}
