using MediatR;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.AgriMarket.Batches;
using SmartTrade.Plugins.AgriMarket.Data;
using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.Plugins.AgriMarket.Sales;

/// <summary>
/// Books each placed line against the batch its trace code names: a pre-sale's orders wait for the harvest
/// (<see cref="AllocationState.Reserved"/>), a harvested batch's are filled while it has units. A cancelled order's
/// lines are released. Repeated events change nothing.
/// </summary>
public sealed class BatchAllocator(AgriDbContext db) : INotificationHandler<OrderPlaced>, INotificationHandler<OrderCancelled>
{
    /// <inheritdoc />
    public async Task Handle(OrderPlaced notification, CancellationToken cancellationToken)
    {
        if (notification.MarketId != AgriMarketDescriptor.MarketId)
        {
            return;
        }

        foreach (var line in notification.Lines)
        {
            if (!line.Attributes.TryGetValue(AgriMarketDescriptor.TraceCode, out var code) || code.StringValue is not { } traceCode)
            {
                continue;
            }

            var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.TraceCode == traceCode, cancellationToken);
            if (batch is null || await db.Allocations.AnyAsync(a => a.OrderId == notification.OrderId && a.ListingId == line.ListingId, cancellationToken))
            {
                continue;
            }

            var state = AllocationState.Reserved;
            if (batch.Status != BatchStatus.Planned)
            {
                var taken = await db.Allocations.Where(a => a.BatchId == batch.Id && a.State == AllocationState.Allocated).SumAsync(a => a.Units, cancellationToken);
                state = taken + line.Quantity <= batch.Units ? AllocationState.Allocated : AllocationState.Shortfall;
            }

            db.Allocations.Add(new BatchAllocation
            {
                Id = Guid.CreateVersion7(notification.OccurredAt),
                BatchId = batch.Id,
                OrderId = notification.OrderId,
                OrderNumber = notification.OrderNumber,
                ListingId = line.ListingId,
                Units = line.Quantity,
                DeliveryDate = line.Attributes.TryGetValue(AgriMarketDescriptor.DeliveryDate, out var date) ? date.DateValue : null,
                State = state,
                PlacedAt = notification.OccurredAt,
                AllocatedAt = state == AllocationState.Allocated ? notification.OccurredAt : null,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task Handle(OrderCancelled notification, CancellationToken cancellationToken)
    {
        if (notification.MarketId != AgriMarketDescriptor.MarketId)
        {
            return;
        }

        await db.Allocations.Where(a => a.OrderId == notification.OrderId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AllocationState.Released), cancellationToken);
    }
}
