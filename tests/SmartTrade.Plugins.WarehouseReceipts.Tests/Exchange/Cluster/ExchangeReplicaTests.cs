using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange.Cluster;

public sealed class ExchangeReplicaTests : IAsyncLifetime
{
    private const int Traders = 12;
    private static readonly int[] Instruments = [1, 2];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private JournalDatabase _database = null!;

    public async Task InitializeAsync() => _database = await JournalDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<ExchangeSequencer> StartOwnerAsync(long token, ExchangeState? state = null, params IExchangeListener[] listeners)
    {
        var journal = new PostgreSqlJournal(_database.DataSource, token, ExchangeCluster.LeaseName);
        await journal.TakeOwnershipAsync(CancellationToken.None);
        var sequencer = new ExchangeSequencer(journal, TradingCalendar.AroundTheClock, TimeProvider.System, NullLogger<ExchangeSequencer>.Instance, state: state);
        foreach (var listener in listeners)
        {
            sequencer.AddListener(listener);
        }

        await sequencer.StartAsync();
        return sequencer;
    }

    private async Task<ExchangeReplica> StartReplicaAsync(params IExchangeListener[] listeners)
    {
        // A long poll: the replica must follow through the announcements (WaitForAsync announces what it waits for).
        var replica = new ExchangeReplica(
            _database.DataSource, new ExchangeState(), listeners, [], silentThrough: 0, replayCatchUp: false,
            TimeProvider.System, TimeSpan.FromMinutes(5), NullLogger<ExchangeReplica>.Instance);
        await replica.StartAsync(waitForCatchUp: true, CancellationToken.None);
        return replica;
    }

    private static async Task FundAsync(IExchangeSequencer exchange)
    {
        foreach (var instrument in Instruments)
        {
            Assert.True((await exchange.SubmitAsync(ExchangeCommand.AddInstrument(instrument, 800_000))).Reply.Succeeded);
        }

        for (long trader = 1; trader <= Traders; trader++)
        {
            Assert.True((await exchange.SubmitAsync(ExchangeCommand.Deposit(trader, 2_000_000_000))).Reply.Succeeded);
            foreach (var instrument in Instruments)
            {
                Assert.True((await exchange.SubmitAsync(ExchangeCommand.CreditReceipts(trader, instrument, 400_000))).Reply.Succeeded);
            }
        }
    }

    // Orders from every trader on both instruments around one price, sent in concurrent bursts (so groups hold many
    // commands), with cancels and amends of earlier orders mixed in.
    private static async Task TradeAsync(IExchangeSequencer exchange, int seed, int bursts)
    {
        var random = new Random(seed);
        var placed = new List<long>();
        for (var burst = 0; burst < bursts; burst++)
        {
            var commands = new List<ExchangeCommand>();
            for (var i = 0; i < 40; i++)
            {
                var trader = random.NextInt64(1, Traders + 1);
                var pick = random.Next(10);
                if (pick == 0 && placed.Count > 0)
                {
                    commands.Add(ExchangeCommand.Cancel(trader, placed[random.Next(placed.Count)]));
                }
                else if (pick == 1 && placed.Count > 0)
                {
                    commands.Add(ExchangeCommand.Amend(trader, placed[random.Next(placed.Count)], 800_000 + random.Next(-10, 11) * 100, random.Next(1, 5) * 1_000));
                }
                else
                {
                    var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                    commands.Add(ExchangeCommand.Limit(trader, Instruments[random.Next(Instruments.Length)], side, 800_000 + random.Next(-10, 11) * 100, random.Next(1, 6) * 1_000));
                }
            }

            foreach (var result in await Task.WhenAll(commands.Select(exchange.SubmitAsync)))
            {
                if (result.Reply.Succeeded && result.Reply.OrderId != 0)
                {
                    placed.Add(result.Reply.OrderId);
                }
            }
        }
    }

    private static string Views(MarketData market, TraderOrders orders) => JsonSerializer.Serialize(new
    {
        Snapshots = Instruments.Select(market.Snapshot).ToList(),
        Tapes = Instruments.Select(i => market.Tape(i, MarketData.TapeLength)).ToList(),
        Orders = Enumerable.Range(1, Traders).Select(t => orders.Of(t, includeClosed: true)).ToList(),
    });

    [Fact]
    public async Task A_follower_replica_equals_the_owners_state_books_and_views_after_a_stream_of_commands()
    {
        using var ownerMarket = new MarketData();
        var ownerOrders = new TraderOrders();
        await using var owner = await StartOwnerAsync(1, null, ownerMarket, ownerOrders);
        using var followerMarket = new MarketData();
        var followerOrders = new TraderOrders();
        await using var replica = await StartReplicaAsync(followerMarket, followerOrders);

        await FundAsync(owner);
        await TradeAsync(owner, seed: 7, bursts: 25);

        Assert.True(await replica.WaitForAsync(owner.DurableSequence, Patience), $"The replica stopped at {replica.LastSequence} of {owner.DurableSequence}.");
        var ownerState = await owner.ReadAsync(ExchangePropertyTests.Describe);
        Assert.Equal(ownerState, await replica.ReadAsync(ExchangePropertyTests.Describe));
        Assert.True(await owner.ReadAsync(state => state.OpenOrderCount) > 10, "The stream should leave orders resting.");
        Assert.Equal(Views(ownerMarket, ownerOrders), Views(followerMarket, followerOrders));
        Assert.True(ownerMarket.Tape(1).Count > 10, "The stream should have traded.");
        Assert.Null(await replica.ReadAsync(state => state.CheckLedger()));
    }

    [Fact]
    public async Task A_follower_that_takes_over_continues_the_journal_and_the_deposed_owner_can_no_longer_write()
    {
        await using var deposed = await StartOwnerAsync(1);
        await using var replica = await StartReplicaAsync();
        await FundAsync(deposed);
        await TradeAsync(deposed, seed: 11, bursts: 5);
        Assert.True(await replica.WaitForAsync(deposed.DurableSequence, Patience));

        var state = await replica.StopAsync();
        // Committed after the replica stopped reading, before the fence moved: the successor must read it.
        var late = await deposed.SubmitAsync(ExchangeCommand.Deposit(1, 12_345));
        Assert.True(late.Reply.Succeeded);

        await using var successor = await StartOwnerAsync(2, state);
        Assert.Equal(late.Sequence, successor.DurableSequence);
        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => deposed.SubmitAsync(ExchangeCommand.Deposit(2, 1)));
        await TradeAsync(successor, seed: 12, bursts: 5);

        // The journal alone rebuilds exactly the successor's state: nothing of the deposed owner after the fence is in it.
        var journal = await PostgreSqlJournal.ReadAfterAsync(_database.DataSource, 0, 1_000_000, CancellationToken.None);
        var rebuilt = new ExchangeState();
        var events = new ExchangeEventBuffer();
        foreach (var command in journal)
        {
            events.Clear();
            Assert.True(rebuilt.Apply(command, events).Succeeded);
        }

        Assert.Equal(await successor.ReadAsync(ExchangePropertyTests.Describe), ExchangePropertyTests.Describe(rebuilt));
        Assert.Contains(journal, c => c.Kind == ExchangeCommandKind.DepositCash && c.Amount == 12_345);
        Assert.DoesNotContain(journal, c => c.Kind == ExchangeCommandKind.DepositCash && c.Amount == 1);
    }
}
