using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.AgriMarket.Batches;
using SmartTrade.Plugins.AgriMarket.Data;
using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Markets;
using SmartTrade.Sdk.Orders;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Plugins.AgriMarket.Sales;

/// <summary>
/// The farm-produce market's rules for a line. A pre-sale takes orders only inside its sale window and needs a
/// delivery date inside its delivery window; a harvested batch takes an optional delivery date before it is past its
/// shelf life; a listing whose every batch is past its shelf life is withdrawn and cannot be bought. An accepted line
/// keeps the delivery date and the trace code of the batch it comes from.
/// </summary>
public sealed class AgriLinePolicy(AgriDbContext db) : IOrderLinePolicy
{
    /// <summary>How far ahead a buyer may ask for delivery of goods in stock.</summary>
    public const int MaxDaysAhead = 30;

    /// <inheritdoc />
    public string MarketId => AgriMarketDescriptor.MarketId;

    /// <inheritdoc />
    public async ValueTask<OrderLineDecision> DecideAsync(OrderLineRequest line, CancellationToken cancellationToken)
    {
        foreach (var key in line.Choices.Keys)
        {
            if (key != AgriMarketDescriptor.DeliveryDate)
            {
                return Refuse(400, AgriProblems.UnknownAttribute, T($"这个市场没有选项“{key}”。", $"This market takes no choice '{key}'."), key);
            }
        }

        DateOnly? wanted = null;
        if (line.Choices.TryGetValue(AgriMarketDescriptor.DeliveryDate, out var chosen))
        {
            if (chosen.Type != AttributeType.Date)
            {
                return Refuse(400, AgriProblems.InvalidInput, T("送达日期须是日期（yyyy-MM-dd）。", "The delivery date is a date (yyyy-MM-dd)."), AgriMarketDescriptor.DeliveryDate);
            }

            wanted = chosen.DateValue;
        }

        var today = AgriCalendar.DayOf(line.Now);
        var batches = await db.Batches.AsNoTracking().Where(b => b.ListingId == line.Listing.Id).ToListAsync(cancellationToken);
        var live = batches.Where(b => b.IsLive(today)).ToList();
        if (batches.Count > 0 && live.Count == 0)
        {
            return Refuse(409, AgriProblems.Withdrawn, T("这批货已过保质期，商品已下架。", "This produce is past its shelf life and was withdrawn."));
        }

        var (batch, refusal) = live.FirstOrDefault(b => b.Status == BatchStatus.Planned) is { } preSale
            ? (preSale, CheckPreSale(preSale, today, wanted))
            : await FromStockAsync(live, line.Quantity, today, wanted, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var kept = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        if (wanted is { } date)
        {
            kept[AgriMarketDescriptor.DeliveryDate] = AttributeValue.Date(date);
        }

        if (batch is not null)
        {
            kept[AgriMarketDescriptor.TraceCode] = AttributeValue.Keyword(batch.TraceCode);
        }

        return OrderLineDecision.Accept(line.Listing.Price, kept, batch?.IsPreSale == true ? T("预售", "Pre-sale") : null);
    }

    private static OrderLineDecision? CheckPreSale(HarvestBatch preSale, DateOnly today, DateOnly? wanted)
    {
        if (!preSale.IsSaleOpen(today))
        {
            return Refuse(422, AgriProblems.PreSaleClosed, T(
                $"预售时间为 {preSale.SaleOpens:yyyy-MM-dd} 至 {preSale.SaleCloses:yyyy-MM-dd}，现在不接受预订。",
                $"The pre-sale runs from {preSale.SaleOpens:yyyy-MM-dd} to {preSale.SaleCloses:yyyy-MM-dd}; it takes no orders today."));
        }

        return CheckWindow(preSale, wanted, required: true);
    }

    private async Task<(HarvestBatch? Batch, OrderLineDecision? Refusal)> FromStockAsync(List<HarvestBatch> live, long quantity, DateOnly today, DateOnly? wanted, CancellationToken cancellationToken)
    {
        // First in, first out: the oldest batch with enough left, else the oldest (the rest comes from the next one).
        var harvested = live.Where(b => b.Status == BatchStatus.Harvested).OrderBy(b => b.HarvestDate).ThenBy(b => b.RecordedAt).ToList();
        HarvestBatch? batch = null;
        if (harvested.Count > 0)
        {
            var ids = harvested.Select(b => b.Id).ToList();
            var taken = await db.Allocations.AsNoTracking()
                .Where(a => ids.Contains(a.BatchId) && a.State == AllocationState.Allocated)
                .GroupBy(a => a.BatchId).Select(g => new { g.Key, Units = g.Sum(a => a.Units) })
                .ToDictionaryAsync(g => g.Key, g => g.Units, cancellationToken);
            batch = harvested.FirstOrDefault(b => b.Units - taken.GetValueOrDefault(b.Id) >= quantity) ?? harvested[0];
        }

        // A harvested pre-sale still delivers inside its delivery window while it lasts.
        if (batch is { IsPreSale: true } && today <= batch.DeliveryTo)
        {
            return (batch, CheckWindow(batch, wanted, required: true));
        }

        if (wanted is not { } date)
        {
            return (batch, null);
        }

        var last = today.AddDays(MaxDaysAhead);
        if (batch?.ExpiresOn is { } expires && expires.AddDays(-1) < last)
        {
            last = expires.AddDays(-1);
        }

        return date <= today || date > last
            ? (batch, Refuse(422, AgriProblems.DeliveryDateOutsideWindow, T(
                $"送达日期须在 {today.AddDays(1):yyyy-MM-dd} 至 {last:yyyy-MM-dd} 之间。",
                $"The delivery date is between {today.AddDays(1):yyyy-MM-dd} and {last:yyyy-MM-dd}."), AgriMarketDescriptor.DeliveryDate))
            : (batch, null);
    }

    private static OrderLineDecision? CheckWindow(HarvestBatch batch, DateOnly? wanted, bool required)
    {
        if (wanted is not { } date)
        {
            return required
                ? Refuse(400, AgriProblems.DeliveryDateRequired, T(
                    $"请选择 {batch.DeliveryFrom:yyyy-MM-dd} 至 {batch.DeliveryTo:yyyy-MM-dd} 之间的送达日期。",
                    $"Choose a delivery date from {batch.DeliveryFrom:yyyy-MM-dd} to {batch.DeliveryTo:yyyy-MM-dd}."), AgriMarketDescriptor.DeliveryDate)
                : null;
        }

        return date < batch.DeliveryFrom || date > batch.DeliveryTo
            ? Refuse(422, AgriProblems.DeliveryDateOutsideWindow, T(
                $"送达日期须在 {batch.DeliveryFrom:yyyy-MM-dd} 至 {batch.DeliveryTo:yyyy-MM-dd} 之间。",
                $"The delivery date is between {batch.DeliveryFrom:yyyy-MM-dd} and {batch.DeliveryTo:yyyy-MM-dd}."), AgriMarketDescriptor.DeliveryDate)
            : null;
    }

    private static OrderLineDecision Refuse(int status, string code, string detail, string? field = null)
        => OrderLineDecision.Refuse(AgriProblems.TypeOf(code), detail, status, field);
}
