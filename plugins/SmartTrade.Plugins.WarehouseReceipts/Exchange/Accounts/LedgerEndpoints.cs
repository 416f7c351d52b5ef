using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;

/// <summary>
/// <c>GET /api/v1/receipts/exchange/ledger</c> for administrators: the exchange's own ledger check (cash equals
/// deposits minus withdrawals, receipt kg equals what came into trading, frozen amounts equal what open orders hold)
/// and the cross-check with the registry: the kg frozen in the registry for trading equal the exchange's positions.
/// </summary>
public static class LedgerEndpoints
{
    /// <summary>The ledger as of the last durable command.</summary>
    public sealed record LedgerView(
        bool Balanced, string? Problem, long JournalSequence, long Deposited, long Withdrawn, long CashInAccounts,
        int OpenOrders, long TradesSettled, IReadOnlyList<InstrumentLedger> Instruments);

    /// <summary>One instrument's receipts in trading: per the exchange, and frozen in the registry.</summary>
    public sealed record InstrumentLedger(string Instrument, long InTrading, long FrozenInRegistry);

    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapExchangeLedger(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/receipts/exchange/ledger", ReadAsync)
            .WithTags("Warehouse receipts exchange").WithName("CheckExchangeLedger")
            .WithSummary("Checks the exchange's ledger and that the registry's frozen receipts match the exchange's positions (administrators).")
            .RequireAuthorization(Roles.Admin)
            .WithExchangeUnavailableProblem();
        return endpoints;
    }

    private static async Task<IResult> ReadAsync(ExchangeService exchange, RegistrySettlement settlement, WarehouseReceiptsDbContext db, CancellationToken cancellationToken)
    {
        var ledger = await exchange.Sequencer.ReadAsync(state => (
            Problem: state.CheckLedger(),
            state.LastSequence,
            state.DepositedTotal,
            state.WithdrawnTotal,
            state.OpenOrderCount,
            InTrading: state.InstrumentIds.Select(i => (Id: i, Kg: state.ReceiptsInTrading(i))).ToList()));
        try
        {
            await settlement.WaitForSettledAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TimeoutException exception)
        {
            // With several hosts, the owner settles: it may be changing, or its settlement may be far behind.
            throw new ExchangeUnavailableException("Settlement has not caught up with the exchange's trades; check the ledger again shortly.", exception);
        }
        var frozen = await db.Holdings.AsNoTracking().GroupBy(h => h.InstrumentCode).Select(g => new { Instrument = g.Key, Kg = g.Sum(h => h.FrozenKg) }).ToDictionaryAsync(g => g.Instrument, g => g.Kg, cancellationToken);
        var trades = await db.SettledTrades.LongCountAsync(cancellationToken);
        var instruments = ledger.InTrading
            .Select(i => exchange.InstrumentsById.TryGetValue(i.Id, out var instrument) ? new InstrumentLedger(instrument.Code, i.Kg, frozen.GetValueOrDefault(instrument.Code)) : null)
            .OfType<InstrumentLedger>()
            .ToList();
        var problem = ledger.Problem
            ?? instruments.Where(i => i.InTrading != i.FrozenInRegistry).Select(i => $"{i.Instrument}: {i.InTrading} kg in trading, {i.FrozenInRegistry} kg frozen in the registry.").FirstOrDefault();
        return TypedResults.Ok(new LedgerView(
            problem is null, problem, ledger.LastSequence, ledger.DepositedTotal, ledger.WithdrawnTotal,
            ledger.DepositedTotal - ledger.WithdrawnTotal, ledger.OpenOrderCount, trades, instruments));
    }
}
