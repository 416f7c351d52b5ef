using Microsoft.Extensions.Logging.Abstractions;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange.Cluster;

public sealed class PostgreSqlJournalTests : IAsyncLifetime
{
    private const string Fence = ExchangeCluster.LeaseName;

    private JournalDatabase _database = null!;

    public async Task InitializeAsync() => _database = await JournalDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<PostgreSqlJournal> OwnAsync(long token)
    {
        var journal = new PostgreSqlJournal(_database.DataSource, token, Fence);
        await journal.TakeOwnershipAsync(CancellationToken.None);
        return journal;
    }

    private static ExchangeCommand Deposit(long sequence, long trader, long amount) =>
        ExchangeCommand.Deposit(trader, amount) with { Sequence = sequence, Timestamp = 1_764_000_000_000 + sequence };

    [Fact]
    public async Task Journaled_commands_read_back_field_for_field_in_order()
    {
        var command = new ExchangeCommand
        {
            Kind = ExchangeCommandKind.PlaceOrder, Sequence = 1, Timestamp = 1_764_000_000_123, InstrumentId = 3, TraderId = 42,
            OrderId = 9, Side = Side.Sell, OrderType = OrderType.Market, TimeInForce = TimeInForce.Ioc,
            SelfTradePrevention = SelfTradePrevention.CancelBoth, Price = 812_300, Quantity = 5_000, Amount = 11, Reference = -5,
            TickSize = 100, LotSize = 1_000, MaxOrderLots = 1_000, FeeBasisPoints = 5, LimitBasisPoints = 400, TradingDay = 20261125, ClientKey = -77,
        };
        using (var journal = await OwnAsync(1))
        {
            Assert.Empty(journal.ReadAll());
            journal.Append(command);
            journal.Append(Deposit(2, 7, 500));
            journal.Commit();
        }

        using var reopened = await OwnAsync(2);
        Assert.Equal(new[] { command, Deposit(2, 7, 500) }, reopened.ReadAll().ToList());
        Assert.Equal(new[] { Deposit(2, 7, 500) }, await PostgreSqlJournal.ReadAfterAsync(_database.DataSource, 1, 100, CancellationToken.None));
        Assert.Equal(2, await PostgreSqlJournal.LastSequenceAsync(_database.DataSource, CancellationToken.None));
    }

    [Fact]
    public async Task A_deposed_owners_group_commit_is_refused_by_the_fence_and_none_of_it_is_stored()
    {
        using var deposed = await OwnAsync(1);
        Assert.Empty(deposed.ReadAll());
        deposed.Append(Deposit(1, 7, 100));
        deposed.Commit();

        using var successor = await OwnAsync(2);
        Assert.Single(successor.ReadAll());

        deposed.Append(Deposit(2, 7, 200));
        deposed.Append(Deposit(3, 7, 300));
        Assert.Throws<JournalFencedException>(deposed.Commit);
        Assert.Equal(1, await _database.ScalarAsync($"SELECT count(*) FROM {PostgreSqlJournal.JournalTable}"));

        successor.Append(Deposit(2, 8, 400));
        successor.Commit();
        Assert.Equal(2, await _database.ScalarAsync($"SELECT fencing_token FROM {PostgreSqlJournal.JournalTable} WHERE sequence = 2"));
    }

    [Fact]
    public async Task An_owner_cannot_take_the_journal_with_a_token_at_or_below_the_fence()
    {
        using var current = await OwnAsync(5);

        await Assert.ThrowsAsync<JournalFencedException>(() => OwnAsync(4));
        await Assert.ThrowsAsync<JournalFencedException>(() => OwnAsync(5));
        Assert.Equal(5, await _database.ScalarAsync($"SELECT token FROM {PostgreSqlJournal.FenceTable} WHERE name = '{Fence}'"));
    }

    [Fact]
    public async Task A_sequencer_whose_journal_is_taken_by_a_newer_owner_stops_taking_commands()
    {
        await using var sequencer = new ExchangeSequencer(await OwnAsync(1), TradingCalendar.AroundTheClock, TimeProvider.System, NullLogger<ExchangeSequencer>.Instance);
        await sequencer.StartAsync();
        Assert.True((await sequencer.SubmitAsync(ExchangeCommand.Deposit(7, 100))).Reply.Succeeded);

        using var successor = await OwnAsync(2);

        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => sequencer.SubmitAsync(ExchangeCommand.Deposit(7, 200)));
        Assert.IsType<JournalFencedException>(await sequencer.Faulted.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => sequencer.SubmitAsync(ExchangeCommand.Deposit(7, 300)));
        Assert.Equal(new[] { Deposit(1, 7, 100) with { Timestamp = 0 } }, successor.ReadAll().Select(c => c with { Timestamp = 0 }).ToList());
    }
}
