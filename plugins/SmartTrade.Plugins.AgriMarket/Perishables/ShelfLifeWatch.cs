using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.AgriMarket.Batches;
using SmartTrade.Plugins.AgriMarket.Data;
using SmartTrade.Sdk.Catalog;

namespace SmartTrade.Plugins.AgriMarket.Perishables;

/// <summary>
/// Withdraws perishables by the host's clock: every <see cref="Interval"/> (and at start) a batch past its shelf life
/// is retired, what was left of it is taken off its listing's stock, and a listing with no batch left on sale is
/// withdrawn (suspended), so it is no longer found or bought.
/// </summary>
/// <remarks>
/// The timer comes from the host's <see cref="TimeProvider"/>, so a fake clock drives it in tests: advancing the clock
/// runs a due sweep to its end before <c>Advance</c> returns.
/// </remarks>
public sealed class ShelfLifeWatch(IServiceScopeFactory scopes, TimeProvider time, ILogger<ShelfLifeWatch> logger) : IDisposable
{
    /// <summary>How often the batches are checked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);

    private readonly SemaphoreSlim _sweeping = new(1, 1);
    private ITimer? _timer;

    /// <summary>Starts checking, with a first sweep right away.</summary>
    /// <remarks>
    /// The timer is one-shot and set again after each sweep: a clock that jumps (a host suspended for hours, a fake
    /// clock moved by months) gets one catch-up sweep, not one per interval it skipped.
    /// </remarks>
    public void Start()
    {
        if (_timer is not null)
        {
            return;
        }

        _timer = time.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops checking.</summary>
    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        _sweeping.Dispose();
    }

    /// <summary>Retires the batches past their shelf life and withdraws the listings left with none on sale.</summary>
    /// <returns>The listings withdrawn.</returns>
    public async Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken)
    {
        await _sweeping.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AgriDbContext>();
            var catalog = scope.ServiceProvider.GetRequiredService<ICatalog>();
            var stock = scope.ServiceProvider.GetRequiredService<IListingStock>();
            var now = time.GetUtcNow();
            var today = AgriCalendar.DayOf(now);
            var expired = await db.Batches.Where(b => b.Status == BatchStatus.Harvested && b.ExpiresOn <= today).ToListAsync(cancellationToken);
            foreach (var batch in expired)
            {
                var sold = await db.Allocations.Where(a => a.BatchId == batch.Id && a.State == AllocationState.Allocated).SumAsync(a => a.Units, cancellationToken);
                var left = batch.Units - sold;
                batch.Status = BatchStatus.Expired;
                batch.ExpiredAt = now;
                batch.Version++;
                await db.SaveChangesAsync(cancellationToken);
                await TakeOffAsync(catalog, stock, batch.ListingId, left, cancellationToken);
            }

            var withdrawn = new List<Guid>();
            foreach (var listingId in expired.Select(b => b.ListingId).Distinct())
            {
                var live = await db.Batches.AnyAsync(b => b.ListingId == listingId && (b.Status == BatchStatus.Planned || (b.Status == BatchStatus.Harvested && b.ExpiresOn > today)), cancellationToken);
                if (!live && await stock.WithdrawAsync(listingId, cancellationToken) is { Status: ListingStatus.Suspended })
                {
                    withdrawn.Add(listingId);
                    logger.LogInformation("Listing {ListingId} withdrawn: its batches are past their shelf life", listingId);
                }
            }

            return withdrawn;
        }
        finally
        {
            _sweeping.Release();
        }
    }

    // What is left of an expired batch, but never more than the listing still has (orders may have taken the rest).
    private static async Task TakeOffAsync(ICatalog catalog, IListingStock stock, Guid listingId, long units, CancellationToken cancellationToken)
    {
        while (units > 0 && await catalog.GetAsync(listingId, cancellationToken) is { } listing)
        {
            var off = Math.Min(units, listing.Stock);
            if (off == 0 || await stock.AddStockAsync(listingId, -off, cancellationToken) is not null)
            {
                return;
            }
        }
    }

    // A timer callback cannot be awaited: it waits for its sweep on a pool thread, so one sweep runs at a time and a
    // fake clock's Advance returns after the sweep it triggered.
    private void Tick()
    {
        // A sweep already running (one asked for directly) covers this tick.
        if (_sweeping.CurrentCount > 0)
        {
            try
            {
                Task.Run(() => SweepAsync(CancellationToken.None)).GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Withdrawing perishables past their shelf life failed");
            }
        }

        try
        {
            _timer?.Change(Interval, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopped while sweeping.
        }
    }
}
