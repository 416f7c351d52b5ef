using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Sdk.Trading;

namespace SmartTrade.Plugins.PriceIndex.Inputs;

/// <summary>
/// Keeps every trade of the receipt market's index grades, once per trade id (delivery is at least once). Trades in
/// another currency or unit, or of a grade the index does not assess, are not inputs and are skipped.
/// </summary>
/// <param name="db">The plugin's tables.</param>
/// <param name="time">The clock, for when a trade was received.</param>
/// <param name="logger">Logs skipped trades.</param>
public sealed class RecordTrade(PriceIndexDbContext db, TimeProvider time, ILogger<RecordTrade> logger) : INotificationHandler<TradeExecuted>
{
    /// <summary>The receipt market's id.</summary>
    public const string ReceiptMarket = "plastics-receipts";

    /// <inheritdoc />
    public async Task Handle(TradeExecuted notification, CancellationToken cancellationToken)
    {
        if (notification.MarketId != ReceiptMarket || IndexEngine.GradeIndex(notification.InstrumentCode) < 0)
        {
            return;
        }
        if (notification.Currency != "CNY" || notification.PriceUnit != "t" || notification.QuantityUnit != "kg"
            || notification.PriceMinor <= 0 || notification.Quantity <= 0 || string.IsNullOrEmpty(notification.TradeId) || notification.TradeId.Length > 64)
        {
            logger.LogWarning("Trade {TradeId} of {Instrument} is not an index input ({Currency} per {PriceUnit}, {Quantity} {QuantityUnit})",
                notification.TradeId, notification.InstrumentCode, notification.Currency, notification.PriceUnit, notification.Quantity, notification.QuantityUnit);
            return;
        }
        if (await db.Trades.AnyAsync(t => t.TradeId == notification.TradeId, cancellationToken))
        {
            return;
        }
        db.Trades.Add(new RecordedTrade
        {
            TradeId = notification.TradeId,
            MarketId = notification.MarketId,
            Grade = notification.InstrumentCode,
            PriceMinor = notification.PriceMinor,
            QuantityKg = notification.Quantity,
            ExecutedAtMs = notification.ExecutedAt.ToUnixTimeMilliseconds(),
            ReceivedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same trade delivered twice at once is stored by the other delivery; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.Trades.AsNoTracking().AnyAsync(t => t.TradeId == notification.TradeId, cancellationToken))
            {
                throw;
            }
        }
    }
}
