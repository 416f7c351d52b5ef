using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange;

public sealed class JournalAndSequencerTests : IDisposable
{
    // Wednesday 25 November 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset TradingMorning = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly string _directory = Directory.CreateTempSubdirectory("smarttrade-journal-").FullName;
    private readonly FakeTimeProvider _time = new(TradingMorning);

    private string JournalPath => Path.Combine(_directory, "exchange.journal");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<ExchangeSequencer> StartAsync(IExchangeJournal? journal = null, IExchangeListener? listener = null)
    {
        var sequencer = new ExchangeSequencer(journal ?? new FileJournal(JournalPath), TradingCalendar.Default, _time, NullLogger<ExchangeSequencer>.Instance);
        if (listener is not null)
        {
            sequencer.AddListener(listener);
        }
        await sequencer.StartAsync();
        return sequencer;
    }

    private static async Task<ExchangeResult> OkAsync(ExchangeSequencer sequencer, ExchangeCommand command)
    {
        var result = await sequencer.SubmitAsync(command);
        Assert.True(result.Reply.Succeeded, $"{command.Kind} refused: {result.Reply.Error}");
        return result;
    }

    [Fact]
    public void Journal_records_read_back_field_for_field()
    {
        var command = new ExchangeCommand
        {
            Kind = ExchangeCommandKind.PlaceOrder, Sequence = 7, Timestamp = 1_764_000_000_123, InstrumentId = 3, TraderId = 42,
            OrderId = 9, Side = Side.Sell, OrderType = OrderType.Market, TimeInForce = TimeInForce.Ioc,
            SelfTradePrevention = SelfTradePrevention.CancelBoth, Price = 812_300, Quantity = 5_000, Amount = 11, Reference = -5,
            TickSize = 100, LotSize = 1_000, MaxOrderLots = 1_000, FeeBasisPoints = 5, LimitBasisPoints = 400, TradingDay = 20261125, ClientKey = -77,
        };
        using (var journal = new FileJournal(JournalPath))
        {
            Assert.Empty(journal.ReadAll());
            journal.Append(command);
            journal.Commit();
        }

        using var reopened = new FileJournal(JournalPath);
        Assert.Equal(command, Assert.Single(reopened.ReadAll()));
    }

    [Fact]
    public void A_torn_last_write_is_cut_off_and_the_whole_records_before_it_stay()
    {
        using (var journal = new FileJournal(JournalPath))
        {
            _ = journal.ReadAll().ToList();
            for (int i = 1; i <= 3; i++)
            {
                journal.Append(ExchangeCommand.Deposit(1, 100 * i) with { Sequence = i });
            }
            journal.Commit();
        }
        long whole = new FileInfo(JournalPath).Length;
        using (var file = new FileStream(JournalPath, FileMode.Append))
        {
            file.Write([117, 0, 0, 0, 1, 2, 3, 4, 5, 6]); // a record header and the start of a payload, as a crash leaves it
        }

        using var reopened = new FileJournal(JournalPath);
        var commands = reopened.ReadAll().ToList();

        Assert.Equal([100L, 200L, 300L], commands.Select(c => c.Amount));
        Assert.Equal(10, reopened.TruncatedBytes);
        Assert.Equal(whole, new FileInfo(JournalPath).Length);
    }

    [Fact]
    public void A_record_with_a_bad_checksum_ends_the_journal_there()
    {
        using (var journal = new FileJournal(JournalPath))
        {
            _ = journal.ReadAll().ToList();
            journal.Append(ExchangeCommand.Deposit(1, 100) with { Sequence = 1 });
            journal.Append(ExchangeCommand.Deposit(1, 200) with { Sequence = 2 });
            journal.Commit();
        }
        var bytes = File.ReadAllBytes(JournalPath);
        bytes[^3] ^= 0xFF; // flip bits inside the last record's payload
        File.WriteAllBytes(JournalPath, bytes);

        using var reopened = new FileJournal(JournalPath);
        Assert.Equal(100, Assert.Single(reopened.ReadAll()).Amount);
    }

    [Fact]
    public void A_file_that_is_not_a_journal_is_refused_rather_than_overwritten()
    {
        File.WriteAllText(JournalPath, "not a journal at all");
        using var journal = new FileJournal(JournalPath);
        Assert.Throws<InvalidDataException>(() => journal.ReadAll().ToList());
        Assert.Equal("not a journal at all", File.ReadAllText(JournalPath));
    }

    [Fact]
    public async Task After_a_restart_the_exchange_has_every_acknowledged_order_trade_and_balance()
    {
        object before;
        long lastSequence;
        await using (var sequencer = await StartAsync())
        {
            await OkAsync(sequencer, ExchangeCommand.AddInstrument(1, 800_000));
            await OkAsync(sequencer, ExchangeCommand.Deposit(10, 50_000_000));
            await OkAsync(sequencer, ExchangeCommand.CreditReceipts(20, 1, 30_000));
            var burst = new List<Task<ExchangeResult>>();
            for (int i = 0; i < 200; i++)
            {
                burst.Add(sequencer.SubmitAsync(i % 2 == 0
                    ? ExchangeCommand.Limit(20, 1, Side.Sell, 800_000 + (i % 7) * 100, 1_000)
                    : ExchangeCommand.Limit(10, 1, Side.Buy, 800_000 + (i % 5) * 100, 1_000)));
            }
            await Task.WhenAll(burst);
            Assert.True(sequencer.CommittedGroups < 200 + 3, "Commands waiting together share a commit.");
            before = await sequencer.ReadAsync(ExchangePropertyTests.Describe);
            lastSequence = await sequencer.ReadAsync(s => s.LastSequence);
            Assert.True(await sequencer.ReadAsync(s => s.Cash(20).Balance) > 0, "Some orders traded.");
        }

        await using var restarted = await StartAsync();
        Assert.Equal(lastSequence, restarted.ReplayedCommands);
        Assert.Equal(before, await restarted.ReadAsync(ExchangePropertyTests.Describe));
        Assert.Null(await restarted.ReadAsync(s => s.CheckLedger()));
    }

    [Fact]
    public async Task Orders_outside_the_sessions_are_refused_and_not_journaled()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(8))); // lunch break
        await using var sequencer = await StartAsync();
        await OkAsync(sequencer, ExchangeCommand.AddInstrument(1, 800_000));
        await OkAsync(sequencer, ExchangeCommand.Deposit(10, 5_000_000)); // cash moves at any time
        long journaled = await sequencer.ReadAsync(s => s.LastSequence);

        var result = await sequencer.SubmitAsync(ExchangeCommand.Limit(10, 1, Side.Buy, 800_000, 1_000));

        Assert.Equal(TradingError.SessionClosed, result.Reply.Error);
        Assert.Equal(0, result.Sequence);
        Assert.Equal(journaled, await sequencer.ReadAsync(s => s.LastSequence));
        Assert.Equal(0, await sequencer.ReadAsync(s => s.Cash(10).Frozen));
        Assert.True(TradingCalendar.Default.IsOpen(new DateTimeOffset(2026, 11, 25, 13, 30, 0, TimeSpan.FromHours(8))));
        Assert.False(TradingCalendar.Default.IsOpen(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(8)))); // Saturday
    }

    [Fact]
    public async Task The_trading_day_closes_when_its_last_session_ends_and_idle_days_are_not_closed()
    {
        var closes = new DayCloses();
        await using var sequencer = await StartAsync(listener: closes);
        await OkAsync(sequencer, ExchangeCommand.AddInstrument(1, 800_000));
        await OkAsync(sequencer, ExchangeCommand.Deposit(10, 5_000_000));
        var day = await OkAsync(sequencer, ExchangeCommand.Limit(10, 1, Side.Buy, 790_000, 1_000, TimeInForce.Day));
        // Tuesday ended before the start with no order since the last close: closing it would change nothing, so it
        // stays open (which also leaves a fresh exchange free to take a history of earlier days).
        Assert.Equal(0, await sequencer.ReadAsync(s => s.LastClosedTradingDay));

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(20261125, await closes.Next.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(20261125, await sequencer.ReadAsync(s => s.LastClosedTradingDay));
        Assert.False(await sequencer.ReadAsync(s => s.TryGetOrder(day.Reply.OrderId, out _)));
        Assert.Equal(0, await sequencer.ReadAsync(s => s.Cash(10).Frozen));
    }

    [Fact]
    public async Task A_journal_that_cannot_be_written_fails_the_command_and_stops_the_exchange()
    {
        var journal = new FailingJournal();
        await using var sequencer = await StartAsync(journal);
        journal.Fail = true;

        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => sequencer.SubmitAsync(ExchangeCommand.Deposit(10, 100)));
        await Assert.ThrowsAsync<ExchangeUnavailableException>(() => sequencer.SubmitAsync(ExchangeCommand.Deposit(10, 100)));
    }

    /// <summary>Tells when a trading day has been closed and made durable.</summary>
    private sealed class DayCloses : IExchangeListener
    {
        public TaskCompletionSource<int> Next { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnEvents(ReadOnlySpan<ExchangeEvent> events, ExchangeState state, bool replay)
        {
            foreach (var e in events)
            {
                if (e.Kind == ExchangeEventKind.DaySettled && e.TradingDay == 20261125)
                {
                    Next.TrySetResult(e.TradingDay);
                }
            }
        }
    }

    private sealed class FailingJournal : IExchangeJournal
    {
        public bool Fail { get; set; }

        public IEnumerable<ExchangeCommand> ReadAll() => [];

        public void Append(in ExchangeCommand command)
        {
        }

        public void Commit()
        {
            if (Fail)
            {
                throw new IOException("No space left on device.");
            }
        }

        public void Dispose()
        {
        }
    }
}
