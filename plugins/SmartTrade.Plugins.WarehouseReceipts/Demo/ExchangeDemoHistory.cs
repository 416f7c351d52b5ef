using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Plugins.WarehouseReceipts.Trading;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.WarehouseReceipts.Demo;

/// <summary>
/// A trading history for the Development demo, made by the exchange itself: the two demo traders get demo cash and
/// bring part of their free demo receipts into trading, then trade with each other on the weekdays of the last four
/// weeks (orders stamped inside that day's sessions, a random walk within the daily limits), each day closed to its
/// VWAP settlement. The trades settle in the registry like any other, so K-lines, settlement prices, the tape,
/// "my trades" and the price index all have a past. Runs once: an exchange that has traded before is left alone.
/// </summary>
public sealed class ExchangeDemoHistory(
    ExchangeService exchange,
    ExchangeOptions options,
    RegistrySettlement settlement,
    TradingMovements movements,
    ReceiptRegistry registry,
    WarehouseReceiptsDbContext db,
    TimeProvider time,
    ILogger<ExchangeDemoHistory> logger) : IDemoDataSeeder
{
    /// <summary>Demo cash for each trader, fen (50 million yuan).</summary>
    public const long Cash = 5_000_000_000;

    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <inheritdoc />
    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        // With several hosts the owner writes the history (once: an exchange that has traded is left alone).
        if (!exchange.IsRunning || !exchange.IsOwner || options.DemoHistoryDays <= 0)
        {
            return;
        }

        var traders = new[]
        {
            await context.EnsureAccountAsync(ReceiptDemoData.TraderEmail, "宁波塑化贸易 Ningbo Plastics Trading", [Roles.Trader], cancellationToken),
            await context.EnsureAccountAsync(ReceiptDemoData.SecondTraderEmail, "余姚甬塑贸易 Yuyao Yongsu Plastics Trading", [Roles.Trader], cancellationToken),
        };
        var hasTraded = await exchange.Sequencer.ReadAsync(state => state.ActiveSinceClose || state.LastClosedTradingDay != 0);
        if (hasTraded || await db.TradingMovements.AnyAsync(m => m.IdempotencyKey == "demo-cash", cancellationToken))
        {
            return;
        }

        // Cash and receipts into trading, through the same movements a trader makes (demo cash is a grant, not a card payment).
        var ids = new long[traders.Length];
        var inTrading = new Dictionary<(int Trader, string Instrument), long>();
        for (var t = 0; t < traders.Length; t++)
        {
            var granted = await movements.GrantDemoCashAsync(traders[t], Cash, "demo-cash", cancellationToken);
            ids[t] = granted.Movement?.TraderId ?? 0;
            foreach (var holding in await registry.HoldingsAsync(traders[t], cancellationToken))
            {
                var kg = Math.Min(holding.FreeKg / 2 / 1_000 * 1_000, 60_000);
                if (kg > 0 && exchange.InstrumentsByCode.ContainsKey(holding.Instrument)
                    && (await movements.DepositReceiptsAsync(traders[t], holding.Instrument, kg, $"demo-in-{holding.Instrument}", cancellationToken)).Succeeded)
                {
                    inTrading[(t, holding.Instrument)] = kg;
                }
            }
        }

        var instruments = inTrading.Keys.Select(k => k.Instrument).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var random = new Random(20261129);
        var today = context.Today;
        var days = Enumerable.Range(1, options.DemoHistoryDays * 2).Select(d => today.AddDays(-d)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(options.DemoHistoryDays).Reverse().ToList();
        var trades = 0;
        foreach (var day in days)
        {
            foreach (var code in instruments)
            {
                var instrument = exchange.InstrumentsByCode[code];
                var snapshot = exchange.MarketData.Snapshot(instrument.Id);
                var settlement = snapshot?.PreviousSettlement ?? instrument.ReferencePrice;
                var (lower, upper) = snapshot is null ? (settlement * 96 / 100, settlement * 104 / 100) : (snapshot.LowerLimit, snapshot.UpperLimit);
                var price = settlement;
                // Trade times within the sessions (09:00-11:30, 13:30-15:00), in order: the candles are built in time order.
                var times = Enumerable.Range(0, random.Next(3, 9)).Select(_ => random.Next(0, 240)).Order().ToList();
                for (var k = 0; k < times.Count; k++)
                {
                    // A step of up to 0.6% of the settlement, rounded to the tick and kept inside the day's band.
                    var step = settlement * random.Next(-60, 61) / 10_000 / instrument.TickSize * instrument.TickSize;
                    price = Math.Clamp(price + step, lower + instrument.TickSize, upper - instrument.TickSize) / instrument.TickSize * instrument.TickSize;
                    var seller = inTrading.GetValueOrDefault((0, code)) >= inTrading.GetValueOrDefault((1, code)) ? 0 : 1;
                    var buyer = 1 - seller;
                    var lots = Math.Min(random.Next(1, 9), inTrading.GetValueOrDefault((seller, code)) / instrument.LotSize);
                    if (lots <= 0)
                    {
                        break;
                    }

                    var minutes = times[k];
                    var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), Shanghai).AddMinutes(minutes < 150 ? minutes : minutes + 120).AddSeconds(k);
                    var quantity = lots * instrument.LotSize;
                    var sell = await exchange.Sequencer.SubmitAtAsync(ExchangeCommand.Limit(ids[seller], instrument.Id, Side.Sell, price, quantity), at);
                    var buy = await exchange.Sequencer.SubmitAtAsync(ExchangeCommand.Limit(ids[buyer], instrument.Id, Side.Buy, price, quantity, TimeInForce.Ioc), at.AddMilliseconds(200));
                    if (!sell.Reply.Succeeded || !buy.Reply.Succeeded)
                    {
                        logger.LogWarning("Demo history: an order on {Day} for {Instrument} was refused ({Sell}, {Buy}).", day, code, sell.Reply.Error, buy.Reply.Error);
                        break;
                    }

                    inTrading[(seller, code)] -= quantity;
                    inTrading[(buyer, code)] = inTrading.GetValueOrDefault((buyer, code)) + quantity;
                    trades++;
                }
            }

            var close = new DateTimeOffset(day.ToDateTime(new TimeOnly(15, 0)), Shanghai);
            var closed = await exchange.Sequencer.SubmitAtAsync(ExchangeCommand.CloseDay(TradingCalendar.ToNumber(day)), close);
            if (!closed.Reply.Succeeded)
            {
                logger.LogWarning("Demo history stopped: closing {Day} was refused ({Error}).", day, closed.Reply.Error);
                break;
            }
        }

        // The registry settles the history in the background; the demo data is complete once it has.
        await settlement.WaitForSettledAsync(cancellationToken);
        logger.LogInformation("Demo trading history: {Trades} trades over {Days} days in {Instruments} instruments (as of {Now}).", trades, days.Count, instruments.Count, time.GetUtcNow());
    }
}
