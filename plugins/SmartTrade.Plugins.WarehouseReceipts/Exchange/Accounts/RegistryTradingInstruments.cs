using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.WarehouseReceipts.Data;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;

/// <summary>The exchange's instruments are the registry's: code, polymer, trading number, rules and reference price.</summary>
public sealed class RegistryTradingInstruments(IServiceScopeFactory scopes) : ITradingInstruments
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<TradingInstrument>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseReceiptsDbContext>();
        var instruments = await db.Instruments.AsNoTracking().ToListAsync(cancellationToken);
        return instruments
            .OrderBy(i => i.TradingId)
            .Select(i => new TradingInstrument(i.TradingId, i.Code, i.Polymer, i.ReferencePrice, i.TickSize, i.LotSize, i.MaxOrderLots))
            .ToList();
    }
}
