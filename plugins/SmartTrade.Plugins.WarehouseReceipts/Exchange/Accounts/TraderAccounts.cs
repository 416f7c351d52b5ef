using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.WarehouseReceipts.Data;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;

/// <summary>
/// Users' trading accounts in the plugin's table, cached both ways (accounts are never renumbered), so the hot order
/// path reads memory after a user's first order.
/// </summary>
public sealed class TraderAccounts(IServiceScopeFactory scopes, TimeProvider time) : ITraderAccounts
{
    private readonly ConcurrentDictionary<string, long> _byUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, string> _byTrader = new();

    /// <inheritdoc />
    public async Task<long> GetOrOpenAsync(string userId, CancellationToken cancellationToken)
    {
        if (await FindAsync(userId, cancellationToken) is { } known)
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseReceiptsDbContext>();
        db.TradingAccounts.Add(new TradingAccount { UserId = userId, OpenedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Opened meanwhile by a concurrent first order of the same user: the unique index kept one.
        }

        return await FindAsync(userId, cancellationToken) ?? throw new InvalidOperationException($"The trading account of {userId} could not be opened.");
    }

    /// <inheritdoc />
    public async Task<long?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        if (_byUser.TryGetValue(userId, out var cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseReceiptsDbContext>();
        var traderId = await db.TradingAccounts.AsNoTracking().Where(a => a.UserId == userId).Select(a => (long?)a.TraderId).FirstOrDefaultAsync(cancellationToken);
        if (traderId is { } id)
        {
            Remember(userId, id);
        }

        return traderId;
    }

    /// <summary>The user id of a trading account, or <see langword="null"/> when there is none with that number.</summary>
    public async Task<string?> UserOfAsync(long traderId, CancellationToken cancellationToken)
    {
        if (_byTrader.TryGetValue(traderId, out var cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseReceiptsDbContext>();
        var userId = await db.TradingAccounts.AsNoTracking().Where(a => a.TraderId == traderId).Select(a => a.UserId).FirstOrDefaultAsync(cancellationToken);
        if (userId is not null)
        {
            Remember(userId, traderId);
        }

        return userId;
    }

    private void Remember(string userId, long traderId)
    {
        _byUser[userId] = traderId;
        _byTrader[traderId] = userId;
    }
}
