using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange;

public sealed class ExchangeMarketDataTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private readonly ExchangeState _state = new();
    private readonly ExchangeEventBuffer _events = new();
    private readonly MarketData _market = new();

    private ExchangeReply Do(ExchangeCommand command, DateTimeOffset at, bool replay = false)
    {
        _events.Clear();
        var reply = _state.Apply(command with { Sequence = _state.LastSequence + 1, Timestamp = at.ToUnixTimeMilliseconds() }, _events);
        Assert.True(reply.Succeeded, reply.Error.ToString());
        _market.OnEvents(_events.Events, _state, replay);
        return reply;
    }

    private void Trade(long price, long kg, DateTimeOffset at)
    {
        Do(ExchangeCommand.Limit(2, 1, Side.Sell, price, kg), at);
        Do(ExchangeCommand.Limit(1, 1, Side.Buy, price, kg), at);
    }

    private void Setup()
    {
        var at = new DateTimeOffset(2026, 11, 25, 9, 0, 0, Shanghai);
        Do(ExchangeCommand.AddInstrument(1, 800_000), at);
        Do(ExchangeCommand.Deposit(1, 1_000_000_000), at);
        Do(ExchangeCommand.CreditReceipts(2, 1, 500_000), at);
    }

    [Fact]
    public void Candles_group_trades_by_the_market_clock_with_open_high_low_close_volume_and_turnover()
    {
        Setup();
        Trade(801_000, 1_000, new DateTimeOffset(2026, 11, 25, 9, 30, 10, Shanghai));
        Trade(805_000, 2_000, new DateTimeOffset(2026, 11, 25, 9, 30, 50, Shanghai));
        Trade(799_000, 1_000, new DateTimeOffset(2026, 11, 25, 9, 34, 0, Shanghai));
        Trade(802_000, 3_000, new DateTimeOffset(2026, 11, 25, 9, 35, 0, Shanghai));

        var minutes = _market.Candles(1, CandleInterval.OneMinute);
        Assert.Equal(3, minutes.Count);
        Assert.Equal(new Candle(new DateTimeOffset(2026, 11, 25, 9, 30, 0, Shanghai), 801_000, 805_000, 801_000, 805_000, 3_000, 801_000 + 1_610_000), minutes[0]);

        var fives = _market.Candles(1, CandleInterval.FiveMinutes);
        Assert.Equal(2, fives.Count);
        Assert.Equal((801_000L, 805_000L, 799_000L, 799_000L, 4_000L), (fives[0].Open, fives[0].High, fives[0].Low, fives[0].Close, fives[0].Volume));

        var day = Assert.Single(_market.Candles(1, CandleInterval.OneDay));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, Shanghai), day.Start); // 16:00 UTC the day before
        Assert.Equal(7_000, day.Volume);
        Assert.Equal(802_000, day.Close);
    }

    [Fact]
    public void The_snapshot_shows_five_levels_each_side_and_the_days_statistics()
    {
        Setup();
        var at = new DateTimeOffset(2026, 11, 25, 10, 0, 0, Shanghai);
        Trade(803_000, 1_000, at);
        for (int i = 0; i < 7; i++)
        {
            Do(ExchangeCommand.Limit(1, 1, Side.Buy, 800_000 - i * 100, 1_000), at);
            Do(ExchangeCommand.Limit(2, 1, Side.Sell, 806_000 + i * 100, 2_000), at);
        }

        var snapshot = _market.Snapshot(1)!;
        Assert.Equal([800_000L, 799_900, 799_800, 799_700, 799_600], snapshot.Bids.Select(b => b.Price));
        Assert.Equal([806_000L, 806_100, 806_200, 806_300, 806_400], snapshot.Asks.Select(a => a.Price));
        Assert.All(snapshot.Asks, level => Assert.Equal(2_000, level.Quantity));
        Assert.Equal((803_000L, 3_000L, 1_000L, 803_000L), (snapshot.Last!.Value, snapshot.Change!.Value, snapshot.Volume, snapshot.Turnover));
        Assert.Equal((768_000L, 832_000L, 800_000L), (snapshot.LowerLimit, snapshot.UpperLimit, snapshot.PreviousSettlement));
    }

    [Fact]
    public async Task A_subscriber_gets_the_current_snapshot_then_each_update_with_its_new_trades()
    {
        Setup();
        using var stop = new CancellationTokenSource();
        var updates = _market.Subscribe(1, stop.Token);
        Assert.True(updates.TryRead(out var first));
        Assert.Empty(first!.Trades);

        Trade(801_000, 1_000, new DateTimeOffset(2026, 11, 25, 10, 0, 0, Shanghai));

        Assert.True(updates.TryRead(out var resting)); // the sell that rested
        Assert.Empty(resting!.Trades);
        Assert.True(updates.TryRead(out var traded));
        Assert.Equal(801_000, Assert.Single(traded!.Trades).Price);
        Assert.Equal(801_000, traded.Snapshot.Last);

        await stop.CancelAsync();
        Assert.False(await updates.WaitToReadAsync());
    }

    [Fact]
    public void Replayed_events_rebuild_the_tape_without_waking_subscribers()
    {
        Setup();
        using var stop = new CancellationTokenSource();
        var updates = _market.Subscribe(1, stop.Token);
        updates.TryRead(out _);

        _events.Clear();
        Do(ExchangeCommand.Limit(2, 1, Side.Sell, 801_000, 1_000), new DateTimeOffset(2026, 11, 25, 10, 0, 0, Shanghai), replay: true);
        Do(ExchangeCommand.Limit(1, 1, Side.Buy, 801_000, 1_000), new DateTimeOffset(2026, 11, 25, 10, 0, 0, Shanghai), replay: true);

        Assert.False(updates.TryRead(out _));
        Assert.Single(_market.Tape(1));
        Assert.Equal(801_000, _market.Snapshot(1)!.Last);
    }
}
