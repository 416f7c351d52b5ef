using CsCheck;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange;

public sealed class ExchangePropertyTests
{
    private const int Instruments = 2;
    private const long Traders = 4;

    private static readonly Gen<long> Trader = Gen.Long[1, Traders];
    private static readonly Gen<int> Instrument = Gen.Frequency((10, Gen.Int[1, Instruments]), (1, Gen.Const(9)));
    private static readonly Gen<long> Price = Gen.Frequency(
        (30, Gen.Long[-10, 10].Select(ticks => 800_000 + ticks * 100)),
        (1, Gen.OneOf(Gen.Const(800_050L), Gen.Const(900_000L), Gen.Const(0L))));
    private static readonly Gen<long> Quantity = Gen.Frequency((30, Gen.Long[1, 5].Select(t => t * 1_000)), (1, Gen.OneOf(Gen.Const(0L), Gen.Const(1_500L))));
    private static readonly Gen<long> OrderId = Gen.Long[1, 60];
    private static readonly Gen<long> Reference = Gen.Frequency((6, Gen.Const(0L)), (1, Gen.Long[1, 4]));

    private static readonly Gen<ExchangeCommand> Place =
        from trader in Trader
        from instrument in Instrument
        from side in Gen.OneOf(Gen.Const(Side.Buy), Gen.Const(Side.Sell))
        from market in Gen.Int[0, 9]
        from tif in Gen.Frequency((4, Gen.Const(TimeInForce.Gtc)), (3, Gen.Const(TimeInForce.Day)), (2, Gen.Const(TimeInForce.Ioc)), (1, Gen.Const(TimeInForce.Fok)))
        from stp in Gen.Int[0, 3]
        from price in Price
        from quantity in Quantity
        from key in Gen.Frequency((5, Gen.Const(0L)), (1, Gen.Long[1, 8]))
        select (market == 0
            ? ExchangeCommand.Market(trader, instrument, side, quantity, price)
            : ExchangeCommand.Limit(trader, instrument, side, price, quantity, tif)) with { SelfTradePrevention = (SelfTradePrevention)stp, ClientKey = key };

    private static readonly Gen<ExchangeCommand> Command = Gen.Frequency(
        (40, Place),
        (8, Gen.Select(Trader, OrderId, (t, o) => ExchangeCommand.Cancel(t, o))),
        (8, Gen.Select(Trader, OrderId, Price, Quantity, (t, o, p, q) => ExchangeCommand.Amend(t, o, p, q))),
        (5, Gen.Select(Trader, Gen.Long[-1_000, 5_000_000], Reference, (t, a, r) => ExchangeCommand.Deposit(t, a, r))),
        (3, Gen.Select(Trader, Gen.Long[-1_000, 3_000_000], (t, a) => ExchangeCommand.Withdraw(t, a))),
        (5, Gen.Select(Trader, Instrument, Quantity, Reference, (t, i, q, r) => ExchangeCommand.CreditReceipts(t, i, q * 2, r))),
        (2, Gen.Select(Trader, Instrument, Quantity, (t, i, q) => ExchangeCommand.DebitReceipts(t, i, q))),
        (1, Gen.Const(ExchangeCommand.CloseDay(0))));

    private static readonly Gen<ExchangeCommand[]> Stream = Command.Array[20, 250];

    private static (ExchangeState State, List<ExchangeCommand> Applied, List<ExchangeEvent> Events) Run(IEnumerable<ExchangeCommand> commands, bool checkLedger)
    {
        var state = new ExchangeState();
        var buffer = new ExchangeEventBuffer(capacity: 4);
        var applied = new List<ExchangeCommand>();
        var events = new List<ExchangeEvent>();
        state.Apply(ExchangeCommand.AddInstrument(1, 800_000) with { Sequence = 1 }, buffer);
        state.Apply(ExchangeCommand.AddInstrument(2, 800_000) with { Sequence = 2 }, buffer);
        applied.Add(ExchangeCommand.AddInstrument(1, 800_000) with { Sequence = 1 });
        applied.Add(ExchangeCommand.AddInstrument(2, 800_000) with { Sequence = 2 });
        int day = 20260101;
        foreach (var raw in commands)
        {
            var command = raw with
            {
                Sequence = state.LastSequence + 1,
                TradingDay = raw.Kind == ExchangeCommandKind.CloseDay ? ++day : 0,
            };
            buffer.Clear();
            var reply = state.Apply(command, buffer);
            events.AddRange(buffer.Events.ToArray().Where(e => e.Kind != ExchangeEventKind.Rejected));
            if (reply.Succeeded)
            {
                applied.Add(command);
            }
            else
            {
                Assert.Equal(ExchangeEventKind.Rejected, Assert.Single(buffer.Events.ToArray()).Kind);
            }
            if (checkLedger)
            {
                Assert.Null(state.CheckLedger());
            }
        }
        return (state, applied, events);
    }

    [Fact]
    public void Random_command_streams_conserve_cash_and_receipts_and_keep_frozen_amounts_exact()
    {
        // CheckLedger after every command: Σ cash = deposits - withdrawals, Σ kg per instrument = credits - debits,
        // frozen cash and kg equal what open orders hold, nothing free is negative, accounts agree with the books.
        long trades = 0, closes = 0;
        PropertyCheck.ForAll(Stream, commands =>
        {
            var (state, _, events) = Run(commands, checkLedger: true);
            trades += events.Count(e => e.Kind == ExchangeEventKind.Trade);
            closes += events.Count(e => e.Kind == ExchangeEventKind.DaySettled);
            foreach (int instrument in state.InstrumentIds)
            {
                state.TryGetInstrument(instrument, out var market);
                Assert.False(market.Engine.BestBid >= market.Engine.BestAsk, "The book is crossed.");
            }
            Assert.All(events.Where(e => e.Kind == ExchangeEventKind.Trade), trade => Assert.NotEqual(trade.BuyerId, trade.SellerId));
        });
        Assert.True(trades > 1_000 && closes > 100, $"The streams should trade and close days often: {trades} trades, {closes} closes.");
    }

    [Fact]
    public void Replaying_the_applied_commands_rebuilds_the_same_state_and_events()
    {
        PropertyCheck.ForAll(Stream, commands =>
        {
            var (original, applied, events) = Run(commands, checkLedger: false);

            var replayed = new ExchangeState();
            var buffer = new ExchangeEventBuffer();
            var replayedEvents = new List<ExchangeEvent>();
            foreach (var command in applied)
            {
                buffer.Clear();
                Assert.True(replayed.Apply(command, buffer).Succeeded);
                replayedEvents.AddRange(buffer.Events.ToArray().Where(e => e.Kind is not (ExchangeEventKind.Rejected or ExchangeEventKind.InstrumentAdded)));
            }

            Assert.Equal(events.Where(e => e.Kind != ExchangeEventKind.InstrumentAdded), replayedEvents);
            Assert.Equal(Describe(original), Describe(replayed));
        });
    }

    /// <summary>Everything observable about a state, as comparable values.</summary>
    internal static object Describe(ExchangeState state) => new
    {
        state.LastSequence,
        state.NextOrderId,
        state.LastClosedTradingDay,
        Cash = string.Join(";", state.CashAccounts.OrderBy(a => a.Key).Select(a => $"{a.Key}:{a.Value}")),
        Positions = string.Join(";", state.Positions.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}")),
        Orders = string.Join(";", state.OpenOrders.OrderBy(o => o.OrderId).Select(o => o.ToString())),
        Books = string.Join(";", state.InstrumentIds.Select(id =>
        {
            state.TryGetInstrument(id, out var instrument);
            var snapshot = instrument.Engine.ExportSnapshot();
            return $"{id}:{snapshot.Band}:{snapshot.LastTradeSequence}:{snapshot.LastTradePrice}:{string.Join(",", snapshot.Orders)}:{instrument.PreviousSettlement}:{instrument.DayQuantity}";
        })),
    }.ToString()!;
}
