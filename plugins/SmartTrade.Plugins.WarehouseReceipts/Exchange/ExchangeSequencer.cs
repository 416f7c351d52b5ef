using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>Receives the exchange's events on the writer thread once they are durable; must return quickly.</summary>
public interface IExchangeListener
{
    /// <summary>
    /// Events of commands that are now in the journal, in order. <paramref name="replay"/> is true while the
    /// journal is replayed at start (the events were delivered before the restart, unless the process died first).
    /// The span is only valid during the call; <paramref name="state"/> may be read (never changed) during it.
    /// </summary>
    void OnEvents(ReadOnlySpan<ExchangeEvent> events, ExchangeState state, bool replay);
}

/// <summary>The answer to a command once it is durable (or refused).</summary>
/// <param name="Reply">What happened to the command.</param>
/// <param name="Sequence">Its journal sequence; 0 when refused (refused commands are not journaled).</param>
public readonly record struct ExchangeResult(ExchangeReply Reply, long Sequence);

/// <summary>
/// The exchange is not taking commands: it failed to write its journal (a single host must be restarted), or, with
/// several hosts, no owner could be reached in time. A command that failed so was not acknowledged; send it again
/// with the same client order key or reference, which the exchange deduplicates.
/// </summary>
public sealed class ExchangeUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// What the rest of the plugin asks of the exchange: send commands, read its state. On a single host (and on the owner
/// of a cluster) it is the <see cref="ExchangeSequencer"/> itself; on a follower host it forwards commands to the owner
/// and reads the host's replica (<see cref="Cluster.ExchangeCluster"/>).
/// </summary>
public interface IExchangeSequencer
{
    /// <summary>The trading calendar orders are checked against.</summary>
    TradingCalendar Calendar { get; }

    /// <summary>
    /// Sends a command and waits until it is durable. Orders and amends outside the trading sessions are refused
    /// with <see cref="TradingError.SessionClosed"/> before the journal (the clock is not replayed).
    /// </summary>
    /// <exception cref="ExchangeUnavailableException">The exchange is not taking commands; the command was not acknowledged.</exception>
    Task<ExchangeResult> SubmitAsync(ExchangeCommand command);

    /// <summary>Sends a command stamped with a time of the caller's choosing instead of the clock's (the demo history); sessions are not checked.</summary>
    /// <exception cref="ExchangeUnavailableException">The exchange is not taking commands; the command was not acknowledged.</exception>
    Task<ExchangeResult> SubmitAtAsync(ExchangeCommand command, DateTimeOffset at);

    /// <summary>Reads the exchange's durable state (<paramref name="read"/> must not keep references into it).</summary>
    /// <exception cref="ExchangeUnavailableException">The exchange's state cannot be read now.</exception>
    Task<T> ReadAsync<T>(Func<ExchangeState, T> read);
}

/// <summary>
/// The exchange's single writer. Commands queue up; the writer takes as many as are waiting (up to a batch),
/// applies each to the <see cref="ExchangeState"/> in turn, appends the applied ones to the journal, commits the
/// group with one fsync, and only then answers the callers and tells the listeners: nothing is acknowledged
/// before it is durable, and one fsync serves a whole burst (group commit). On start the journal is replayed, so
/// after a crash the state is exactly what every acknowledged command made it. Reads run on the writer between
/// batches and see only durable state.
/// </summary>
public sealed class ExchangeSequencer : IExchangeSequencer, IAsyncDisposable
{
    private readonly IExchangeJournal _journal;
    private readonly TradingCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ExchangeState _state;
    private readonly TaskCompletionSource<Exception> _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ExchangeEventBuffer _events = new(1024);
    private readonly List<IExchangeListener> _listeners = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _writer;
    private Task? _closer;
    private volatile Exception? _fault;

    /// <summary>A sequencer over <paramref name="journal"/>; call <see cref="StartAsync"/> before anything else.</summary>
    /// <param name="journal">Where applied commands are made durable.</param>
    /// <param name="calendar">The trading sessions orders are checked against.</param>
    /// <param name="time">The clock commands are stamped with.</param>
    /// <param name="logger">The log.</param>
    /// <param name="maxBatch">Commands per group commit at most.</param>
    /// <param name="state">
    /// A state that already holds the journal's commands up to its <see cref="ExchangeState.LastSequence"/> (a
    /// follower's replica when its host takes the exchange over): only the journal after it is replayed, and the
    /// listeners are expected to have seen the commands up to it. A fresh state when omitted.
    /// </param>
    public ExchangeSequencer(IExchangeJournal journal, TradingCalendar calendar, TimeProvider time, ILogger<ExchangeSequencer> logger, int maxBatch = 4096, ExchangeState? state = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        _journal = journal;
        _calendar = calendar;
        _time = time;
        _logger = logger;
        _maxBatch = maxBatch;
        _state = state ?? new ExchangeState();
        DurableSequence = _state.LastSequence;
    }

    /// <summary>How many commands the journal held at start.</summary>
    public long ReplayedCommands { get; private set; }

    /// <summary>Journal groups committed since start (batches that appended at least one command).</summary>
    public long CommittedGroups { get; private set; }

    /// <summary>The trading calendar the sequencer checks orders against.</summary>
    public TradingCalendar Calendar => _calendar;

    /// <summary>The sequence of the last command known durable (replayed or committed); what the listeners have seen.</summary>
    public long DurableSequence { get; private set; }

    /// <summary>Whether a journal write failed: the state may then hold commands the journal does not, and must be rebuilt.</summary>
    public bool IsFaulted => _fault is not null;

    /// <summary>Completes with the error when a journal write fails (a fenced-off write included) and the sequencer stops taking commands.</summary>
    public Task<Exception> Faulted => _faulted.Task;

    /// <summary>Adds a listener; only before <see cref="StartAsync"/>.</summary>
    public void AddListener(IExchangeListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (_writer is not null)
        {
            throw new InvalidOperationException("Add listeners before the sequencer starts.");
        }
        _listeners.Add(listener);
    }

    /// <summary>Replays the journal into the state (listeners see it with replay = true), then starts the writer and the day-close timer.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_writer is not null)
        {
            throw new InvalidOperationException("The sequencer has started already.");
        }
        foreach (var command in _state.LastSequence == 0 ? _journal.ReadAll() : _journal.ReadAfter(_state.LastSequence))
        {
            cancellationToken.ThrowIfCancellationRequested();
            _events.Clear();
            var reply = _state.Apply(command, _events);
            if (!reply.Succeeded)
            {
                throw new InvalidDataException($"Journal command {command.Sequence} ({command.Kind}) was refused on replay ({reply.Error}); the journal and the code disagree.");
            }
            Notify(replay: true);
            ReplayedCommands++;
            DurableSequence = command.Sequence;
        }
        if (_journal is FileJournal { TruncatedBytes: > 0 } file)
        {
            _logger.LogWarning("Cut {Bytes} bytes of an unfinished write off the end of {Journal}; none of it was acknowledged.", file.TruncatedBytes, file.FilePath);
        }
        _logger.LogInformation("Exchange rebuilt from {Commands} journal commands: {Orders} open orders, last sequence {Sequence}.", ReplayedCommands, _state.OpenOrderCount, _state.LastSequence);
        _writer = Task.Factory.StartNew(WriteLoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        _closer = CloseDaysAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends a command and waits until it is durable. Orders and amends outside the trading sessions are refused
    /// with <see cref="TradingError.SessionClosed"/> here, before the journal (the clock is not replayed).
    /// </summary>
    /// <exception cref="ExchangeUnavailableException">The exchange failed and is not taking commands.</exception>
    public Task<ExchangeResult> SubmitAsync(ExchangeCommand command)
    {
        ThrowIfFaulted();
        if (command.Kind is ExchangeCommandKind.PlaceOrder or ExchangeCommandKind.AmendOrder && !_calendar.IsOpen(_time.GetUtcNow()))
        {
            return Task.FromResult(new ExchangeResult(new ExchangeReply(TradingError.SessionClosed, command.OrderId, 0, 0, OrderOutcome.None), 0));
        }
        var work = new Work(command, null);
        Enqueue(work);
        return work.Result!.Task;
    }

    /// <summary>
    /// Sends a command stamped with a time of the caller's choosing instead of the clock's, for writing a history of
    /// earlier trading days into an exchange (the Development demo data); the trading sessions are not checked.
    /// </summary>
    /// <exception cref="ExchangeUnavailableException">The exchange failed and is not taking commands.</exception>
    public Task<ExchangeResult> SubmitAtAsync(ExchangeCommand command, DateTimeOffset at)
    {
        ThrowIfFaulted();
        var work = new Work(command, null) { At = at.ToUnixTimeMilliseconds() };
        Enqueue(work);
        return work.Result!.Task;
    }

    /// <summary>Reads the state on the writer, between batches (so only durable state is seen).</summary>
    public async Task<T> ReadAsync<T>(Func<ExchangeState, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        ThrowIfFaulted();
        var work = new Work(default, state => read(state));
        Enqueue(work);
        return (T)(await work.ReadResult!.Task.ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_writer is not null)
        {
            await _writer.ConfigureAwait(false);
        }
        if (_closer is not null)
        {
            try
            {
                await _closer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stopping.Dispose();
    }

    private string FaultMessage => _fault is Cluster.JournalFencedException
        ? "Another host has taken the exchange over; send the command again."
        : "The exchange stopped after failing to write its journal; restart the host to rebuild it.";

    private void Enqueue(Work work)
    {
        if (!_queue.Writer.TryWrite(work))
        {
            throw new ExchangeUnavailableException("The exchange is shutting down.");
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new ExchangeUnavailableException(FaultMessage, fault);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Work>(_maxBatch);
        var replies = new List<(Work Work, ExchangeResult Result)>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var work))
            {
                batch.Add(work);
            }
            if (_fault is not null)
            {
                FailAll(batch);
                continue;
            }

            replies.Clear();
            _events.Clear();
            var appended = 0;
            foreach (var work in batch)
            {
                if (work.Read is not null)
                {
                    continue;
                }
                var command = work.Command with { Sequence = _state.LastSequence + 1, Timestamp = work.At ?? _time.GetUtcNow().ToUnixTimeMilliseconds() };
                var reply = _state.Apply(command, _events);
                if (reply.Succeeded)
                {
                    _journal.Append(command);
                    appended++;
                }
                replies.Add((work, new ExchangeResult(reply, reply.Succeeded ? command.Sequence : 0)));
            }

            try
            {
                _journal.Commit();
                if (appended > 0)
                {
                    CommittedGroups++;
                    DurableSequence = _state.LastSequence;
                }
            }
            catch (Exception exception)
            {
                // The state now holds commands the journal may not: stop taking commands; a restart rebuilds from the journal.
                _fault = exception;
                _faulted.TrySetResult(exception);
                if (exception is Cluster.JournalFencedException)
                {
                    _logger.LogWarning(exception, "Another host has taken the exchange; this one stops taking commands.");
                }
                else
                {
                    _logger.LogCritical(exception, "The exchange journal could not be written; the exchange stops taking commands.");
                }
                FailAll(batch);
                continue;
            }

            // Listeners first, so a caller that reads market data or its orders after its answer sees its own command.
            Notify(replay: false);
            foreach (var (work, result) in replies)
            {
                work.Result!.SetResult(result);
            }
            foreach (var work in batch)
            {
                work.RunRead(_state);
            }
        }
    }

    private void FailAll(List<Work> batch)
    {
        var error = new ExchangeUnavailableException(FaultMessage, _fault);
        foreach (var work in batch)
        {
            work.Fail(error);
        }
    }

    private void Notify(bool replay) => Notify(_listeners, _events, _state, replay, _logger);

    /// <summary>
    /// Tells <paramref name="listeners"/> the events of a durable batch, each on its own: one that throws is logged and
    /// the others are still told (the owner's sequencer and a follower's replica alike).
    /// </summary>
    internal static void Notify(IReadOnlyList<IExchangeListener> listeners, ExchangeEventBuffer events, ExchangeState state, bool replay, ILogger logger)
    {
        if (events.Count == 0)
        {
            return;
        }
        foreach (var listener in listeners)
        {
            try
            {
                listener.OnEvents(events.Events, state, replay);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Exchange listener {Listener} failed.", listener.GetType().Name);
            }
        }
    }

    /// <summary>Closes each trading day when its last session ends (and at start, a day that closed while the host was down).</summary>
    private async Task CloseDaysAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                var (due, next) = DueClose(now);
                // A day without orders closes to the same state, so only days with activity are closed (which also
                // leaves a fresh exchange free to take a history of earlier days, as the demo data does).
                if (due is { } day && await ReadAsync(state => TradingCalendar.ToNumber(day) > state.LastClosedTradingDay && state.ActiveSinceClose).ConfigureAwait(false))
                {
                    var result = await SubmitAsync(ExchangeCommand.CloseDay(TradingCalendar.ToNumber(day))).ConfigureAwait(false);
                    if (result.Reply.Succeeded)
                    {
                        _logger.LogInformation("Trading day {Day} closed.", day);
                    }
                }
                await Task.Delay(next - now, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ExchangeUnavailableException)
        {
            // The exchange stopped (journal failure or shutdown); the next start closes what is due.
        }
    }

    /// <summary>The latest trading day that has closed by <paramref name="now"/>, and when the next close is.</summary>
    private (DateOnly? Due, DateTimeOffset Next) DueClose(DateTimeOffset now)
    {
        var (today, closesAt) = _calendar.TradingDayOf(now);
        DateOnly? due = null;
        for (var day = now >= closesAt ? today : today.AddDays(-1); day >= today.AddDays(-7); day = day.AddDays(-1))
        {
            if (_calendar.IsTradingDay(day))
            {
                due = day;
                break;
            }
        }
        var next = now >= closesAt ? _calendar.TradingDayOf(closesAt.AddDays(1).AddMinutes(-1)).ClosesAt : closesAt;
        if (next <= now)
        {
            next = now.AddMinutes(1);
        }
        return (due, next);
    }

    private sealed class Work(ExchangeCommand command, Func<ExchangeState, object?>? read)
    {
        public ExchangeCommand Command { get; } = command;

        public long? At { get; init; }

        public Func<ExchangeState, object?>? Read { get; } = read;

        public TaskCompletionSource<ExchangeResult>? Result { get; } =
            read is null ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;

        public TaskCompletionSource<object?>? ReadResult { get; } =
            read is null ? null : new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void RunRead(ExchangeState state)
        {
            if (Read is null)
            {
                return;
            }
            try
            {
                ReadResult!.SetResult(Read(state));
            }
            catch (Exception exception)
            {
                ReadResult!.SetException(exception);
            }
        }

        public void Fail(Exception error)
        {
            Result?.TrySetException(error);
            ReadResult?.TrySetException(error);
        }
    }
}
