using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;

/// <summary>
/// A follower host's copy of the exchange: it reads the PostgreSQL journal the owner writes and applies each command
/// to its own <see cref="ExchangeState"/>, in order, telling the host's listeners (market data, trader orders,
/// settlement on stand-by) as the owner's sequencer tells the owner's. The state is a function of the journal, so the
/// replica equals the owner's durable state up to <see cref="LastSequence"/>. It reads when woken (the owner announces
/// each commit) and, in case an announcement is lost, every poll interval.
/// </summary>
public sealed class ExchangeReplica : IAsyncDisposable
{
    private const int ReadLimit = 4096;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ExchangeState _state;
    private readonly ExchangeEventBuffer _events = new(1024);
    private readonly IReadOnlyList<IExchangeListener> _listeners;
    private readonly IReadOnlyList<IExchangeListener> _silentListeners;
    private readonly long _silentThrough;
    private readonly bool _replayCatchUp;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _progressLock = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private long _applied;
    private long _knownHead;
    private bool _stopped;

    /// <summary>A replica that continues <paramref name="state"/> from the journal of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The shared database holding the journal.</param>
    /// <param name="state">The state to continue (a fresh one to rebuild from the start of the journal).</param>
    /// <param name="listeners">Told of every command after <paramref name="silentThrough"/>.</param>
    /// <param name="silentListeners">
    /// Told of the commands up to <paramref name="silentThrough"/> (as a replay), which the other listeners have seen
    /// already: a host that stepped down rebuilds its state from the journal without showing its views the past again.
    /// </param>
    /// <param name="silentThrough">The last sequence the listeners have seen (0 when they have seen nothing).</param>
    /// <param name="replayCatchUp">Tell the listeners of the commands read to catch up at start as a replay (a host starting, as the sequencer's replay does).</param>
    /// <param name="time">The clock of the poll.</param>
    /// <param name="pollInterval">How often the journal is read without an announcement.</param>
    /// <param name="logger">The log.</param>
    public ExchangeReplica(
        NpgsqlDataSource dataSource,
        ExchangeState state,
        IReadOnlyList<IExchangeListener> listeners,
        IReadOnlyList<IExchangeListener> silentListeners,
        long silentThrough,
        bool replayCatchUp,
        TimeProvider time,
        TimeSpan pollInterval,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        _dataSource = dataSource;
        _state = state;
        _listeners = listeners;
        _silentListeners = silentListeners;
        _silentThrough = silentThrough;
        _replayCatchUp = replayCatchUp;
        _time = time;
        _pollInterval = pollInterval;
        _logger = logger;
        _applied = state.LastSequence;
        _knownHead = state.LastSequence;
    }

    /// <summary>The sequence of the last command applied.</summary>
    public long LastSequence => Interlocked.Read(ref _applied);

    /// <summary>The highest sequence the owner is known to have committed (announced or read).</summary>
    public long KnownHead => Interlocked.Read(ref _knownHead);

    /// <summary>
    /// Whether the state may be read: the replica has caught up with the journal once and with what the listeners
    /// had seen before it (so reads never go back in time on this host).
    /// </summary>
    public bool IsReady => _caughtUp.Task.IsCompletedSuccessfully;

    /// <summary>Starts following; with <paramref name="waitForCatchUp"/>, completes once the journal has been read to its end.</summary>
    public async Task StartAsync(bool waitForCatchUp, CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The replica has started already.");
        }

        _loop = Task.Run(() => FollowAsync(_stopping.Token), CancellationToken.None);
        if (waitForCatchUp)
        {
            await Task.WhenAny(_caughtUp.Task, _loop).WaitAsync(cancellationToken).ConfigureAwait(false);
            await _caughtUp.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The owner has committed up to <paramref name="sequence"/>: read the journal now if that is news.</summary>
    public void Announce(long sequence)
    {
        long known;
        while (sequence > (known = Interlocked.Read(ref _knownHead)) && Interlocked.CompareExchange(ref _knownHead, sequence, known) != known)
        {
        }

        if (sequence > LastSequence)
        {
            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Reads the replica's state between applied batches.</summary>
    /// <exception cref="ExchangeUnavailableException">The replica has not caught up yet, or has stopped.</exception>
    public async Task<T> ReadAsync<T>(Func<ExchangeState, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!IsReady)
        {
            throw new ExchangeUnavailableException("This host is still reading the exchange's journal.");
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                throw new ExchangeUnavailableException("This host's replica of the exchange has stopped.");
            }

            return read(_state);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits until the replica has applied <paramref name="sequence"/>; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForAsync(long sequence, TimeSpan timeout)
    {
        Announce(sequence);
        var deadline = _time.GetUtcNow() + timeout;
        while (LastSequence < sequence)
        {
            Task progress;
            lock (_progressLock)
            {
                if (LastSequence >= sequence)
                {
                    return true;
                }

                progress = _progress.Task;
            }

            var left = deadline - _time.GetUtcNow();
            if (left <= TimeSpan.Zero || _stopped)
            {
                return false;
            }

            try
            {
                await progress.WaitAsync(left, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return LastSequence >= sequence;
            }
        }

        return true;
    }

    /// <summary>Stops following and hands over the state (for the sequencer of a host taking the exchange over).</summary>
    public async Task<ExchangeState> StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        _stopped = true;
        _gate.Release();
        lock (_progressLock)
        {
            _progress.TrySetResult();
        }

        return _state;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var catchingUp = true;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                int read;
                do
                {
                    var commands = await PostgreSqlJournal.ReadAfterAsync(_dataSource, LastSequence, ReadLimit, cancellationToken).ConfigureAwait(false);
                    read = commands.Count;
                    if (read > 0)
                    {
                        await ApplyAsync(commands, replay: catchingUp && _replayCatchUp).ConfigureAwait(false);
                    }
                }
                while (read == ReadLimit && !cancellationToken.IsCancellationRequested);

                if (catchingUp && LastSequence >= _silentThrough)
                {
                    catchingUp = false;
                    _caughtUp.TrySetResult();
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (InvalidDataException exception)
            {
                // The journal and this code disagree: following further would show a state the owner does not have.
                _logger.LogCritical(exception, "The exchange replica stopped at sequence {Sequence}.", LastSequence);
                _caughtUp.TrySetException(exception);
                return;
            }
            catch (Exception exception)
            {
                if (failures++ == 0)
                {
                    _logger.LogWarning(exception, "Reading the exchange journal failed at sequence {Sequence}; retrying every {Interval}.", LastSequence, _pollInterval);
                }
            }

            try
            {
                var delay = Task.Delay(_pollInterval, _time, cancellationToken);
                var woken = _wake.Reader.WaitToReadAsync(cancellationToken).AsTask();
                await Task.WhenAny(delay, woken).ConfigureAwait(false);
                _wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ApplyAsync(IReadOnlyList<ExchangeCommand> commands, bool replay)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _events.Clear();
            foreach (var command in commands)
            {
                var silent = command.Sequence <= _silentThrough;
                if (silent)
                {
                    _events.Clear();
                }

                var reply = _state.Apply(command, _events);
                if (!reply.Succeeded)
                {
                    throw new InvalidDataException($"Journal command {command.Sequence} ({command.Kind}) was refused by the replica ({reply.Error}); the journal and the code disagree.");
                }

                if (silent)
                {
                    Notify(_silentListeners, replay: true);
                    _events.Clear();
                }
            }

            Notify(_listeners, replay);
            _events.Clear();
        }
        finally
        {
            _gate.Release();
        }

        var last = commands[^1].Sequence;
        Announce(last);
        lock (_progressLock)
        {
            Interlocked.Exchange(ref _applied, last);
            _progress.TrySetResult();
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Notify(IReadOnlyList<IExchangeListener> listeners, bool replay) => ExchangeSequencer.Notify(listeners, _events, _state, replay, _logger);
}
