using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;

/// <summary>This host's part in the exchange.</summary>
public enum ExchangeRole
{
    /// <summary>Reading the journal before taking part.</summary>
    Starting,

    /// <summary>Keeps a replica of the state and forwards commands to the owner.</summary>
    Follower,

    /// <summary>Has the lease and is raising the fence and reading the journal's end.</summary>
    TakingOver,

    /// <summary>Runs the sequencer: matches, journals, settles.</summary>
    Owner,

    /// <summary>Lost the lease or was fenced off; takes no commands until it follows again.</summary>
    SteppingDown,
}

/// <summary>What <c>/health/ready</c> and the exchange status show of this host's part in the exchange.</summary>
/// <param name="Role">Owner or follower (or a transition between them).</param>
/// <param name="FencingToken">The owner's token: this host's when it owns the exchange, the holder's otherwise (when known).</param>
/// <param name="AppliedSequence">The last journal sequence this host's state holds.</param>
/// <param name="ReplicaLag">Commands the owner has committed that this host's replica has not applied (0 on the owner).</param>
public sealed record ExchangeClusterStatus(ExchangeRole Role, long? FencingToken, long AppliedSequence, long ReplicaLag);

/// <summary>
/// The receipt exchange run by several hosts sharing one PostgreSQL database and one Redis (cluster mode). One host
/// at a time owns the exchange, by holding the lease <see cref="LeaseName"/>: it runs the <see cref="ExchangeSequencer"/>
/// over the <see cref="PostgreSqlJournal"/> written under the lease's fencing token, and does the owner's duties
/// (settlement, movements, listing instruments, the day close). Every other host follows: it keeps a replica of the
/// state from the journal (so its market data, orders, SSE streams and reads are local), forwards commands to the
/// owner, and tries to take the lease every renewal period, so it takes over within a lease's time to live of the
/// owner's death.
/// </summary>
/// <remarks>
/// <para>
/// Why one lease for the whole exchange rather than one per instrument: a trader's cash and receipt positions are
/// shared by all of their instruments, and the risk check (freezing cash for a buy, receipts for a sell) must be atomic
/// with matching. Engines owned by different hosts would have to reserve the same cash across hosts, a distributed
/// transaction on every order. So the whole state machine has one owner, and each instrument's engine therefore has
/// exactly one owner at a time. One host's sequencer matches far more orders than the HTTP front ends of the hosts can
/// carry to it; the other hosts scale the reads, the streams and the request handling.
/// </para>
/// <para>
/// Safety does not rest on the lease alone: a deposed owner (paused, partitioned) may still believe it owns the
/// exchange, but the journal refuses its writes once the new owner has raised the fence, and its sequencer then faults
/// and this class steps down. Commands are acknowledged only once durable, so no acknowledged command is lost.
/// </para>
/// </remarks>
public sealed class ExchangeCluster : IExchangeSequencer, IAsyncDisposable
{
    /// <summary>The lease (and journal fence) that makes one host the exchange's owner.</summary>
    public const string LeaseName = "warehouse-receipts:exchange";

    /// <summary>The fan-out topic on which the owner announces each commit.</summary>
    public const string CommittedTopic = "warehouse-receipts.exchange.committed";

    private const string CommandsTopicPrefix = "warehouse-receipts.exchange.commands.";
    private const string RepliesTopicPrefix = "warehouse-receipts.exchange.replies.";
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly ILeaseProvider _leases;
    private readonly IEventFanOut _fanOut;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Func<IExchangeJournal, ExchangeState, ExchangeSequencer> _createSequencer;
    private readonly ExchangeClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<ExchangeCluster> _logger;
    private readonly ConcurrentDictionary<string, PendingForward> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _roleLock = new();
    private readonly List<IDisposable> _subscriptions = [];
    private IReadOnlyList<IExchangeListener> _listeners = [];
    private IReadOnlyList<IOwnerDuty> _duties = [];
    private TaskCompletionSource _roleChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ExchangeRole _role = ExchangeRole.Starting;
    private volatile OwnerTerm? _owner;
    private volatile ExchangeReplica? _replica;
    private volatile LeaseHolder? _knownOwner;
    private Task? _loop;

    /// <summary>A cluster member over the shared database and the host's lease provider and fan-out.</summary>
    /// <param name="leases">The host's leases (Redis in cluster mode).</param>
    /// <param name="fanOut">The host's fan-out (Redis pub/sub in cluster mode): commit announcements, forwarded commands and their answers.</param>
    /// <param name="dataSource">The shared PostgreSQL database with the journal.</param>
    /// <param name="createSequencer">Makes the owner's sequencer over a journal, continuing a state.</param>
    /// <param name="calendar">The trading calendar.</param>
    /// <param name="options">Lease and forwarding timings.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggers">Logs.</param>
    public ExchangeCluster(
        ILeaseProvider leases,
        IEventFanOut fanOut,
        NpgsqlDataSource dataSource,
        Func<IExchangeJournal, ExchangeState, ExchangeSequencer> createSequencer,
        TradingCalendar calendar,
        ExchangeClusterOptions options,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LeaseTimeToLive, TimeSpan.FromSeconds(1));
        _leases = leases;
        _fanOut = fanOut;
        _dataSource = dataSource;
        _createSequencer = createSequencer;
        Calendar = calendar;
        _options = options;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ExchangeCluster>();
    }

    /// <inheritdoc />
    public TradingCalendar Calendar { get; }

    /// <summary>This host's part now.</summary>
    public ExchangeRole Role => _role;

    /// <summary>This host's id as a lease holder.</summary>
    public string HolderId => _leases.HolderId;

    /// <summary>The owner's fencing token when this host owns the exchange.</summary>
    public long? FencingToken => _owner?.Lease.FencingToken;

    private string CommandsTopic => CommandsTopicPrefix + _leases.HolderId;

    private string RepliesTopic => RepliesTopicPrefix + _leases.HolderId;

    /// <summary>
    /// Catches up with the journal as a follower (the listeners see it as a replay), tries once to take the exchange,
    /// and then keeps following or owning in the background until disposed.
    /// </summary>
    /// <param name="listeners">Told of every durable command, whoever owns the exchange.</param>
    /// <param name="duties">What only the owner does, started in this order when this host takes the exchange.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public async Task StartAsync(IReadOnlyList<IExchangeListener> listeners, IReadOnlyList<IOwnerDuty> duties, CancellationToken cancellationToken)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("The exchange cluster member has started already.");
        }

        _listeners = listeners;
        _duties = duties;
        _subscriptions.Add(_fanOut.Subscribe<ForwardedCommand>(CommandsTopic, OnForwarded));
        _subscriptions.Add(_fanOut.Subscribe<ForwardedReply>(RepliesTopic, OnReply));
        _subscriptions.Add(_fanOut.Subscribe<JournalCommitted>(CommittedTopic, OnCommitted));
        foreach (var duty in _duties)
        {
            await duty.StandByAsync(cancellationToken).ConfigureAwait(false);
        }

        var replica = NewReplica(new ExchangeState(), silentThrough: 0, replayCatchUp: true);
        _replica = replica;
        await replica.StartAsync(waitForCatchUp: true, cancellationToken).ConfigureAwait(false);
        SetRole(ExchangeRole.Follower);
        _logger.LogInformation("Exchange replica caught up at sequence {Sequence}; this host ({Holder}) follows until it takes the lease.", replica.LastSequence, HolderId);

        // The first host up takes the exchange at once, so demo data and instrument listing run before the host is ready.
        await TryTakeOverAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task<ExchangeResult> SubmitAsync(ExchangeCommand command)
    {
        if (_role == ExchangeRole.Owner && _owner is { } owner)
        {
            return await owner.Sequencer.SubmitAsync(command).ConfigureAwait(false);
        }

        return await ForwardAsync(command, null).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ExchangeResult> SubmitAtAsync(ExchangeCommand command, DateTimeOffset at)
    {
        if (_role == ExchangeRole.Owner && _owner is { } owner)
        {
            return await owner.Sequencer.SubmitAtAsync(command, at).ConfigureAwait(false);
        }

        return await ForwardAsync(command, at.ToUnixTimeMilliseconds()).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The owner reads its sequencer; a follower its replica. During a change of role the read waits for it (up to the forward timeout).</remarks>
    public async Task<T> ReadAsync<T>(Func<ExchangeState, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var deadline = _time.GetUtcNow() + _options.ForwardTimeout;
        while (true)
        {
            var changed = RoleChanged;
            try
            {
                if (_role == ExchangeRole.Owner && _owner is { } owner)
                {
                    return await owner.Sequencer.ReadAsync(read).ConfigureAwait(false);
                }

                if (_role == ExchangeRole.Follower && _replica is { IsReady: true } replica)
                {
                    return await replica.ReadAsync(read).ConfigureAwait(false);
                }
            }
            catch (ExchangeUnavailableException)
            {
                // The state moved under the read (a replica handed over, a fenced owner stepping down): wait for its new home.
            }

            await WaitForRoleChangeAsync(changed, deadline, "The exchange is changing owner; try again.").ConfigureAwait(false);
        }
    }

    /// <summary>This host's part, fencing token and replica lag (the lag is measured against the journal's end).</summary>
    public async Task<ExchangeClusterStatus> StatusAsync(CancellationToken cancellationToken)
    {
        if (_owner is { } owner && _role == ExchangeRole.Owner)
        {
            return new ExchangeClusterStatus(ExchangeRole.Owner, owner.Lease.FencingToken, owner.Sequencer.DurableSequence, 0);
        }

        var replica = _replica;
        var applied = replica?.LastSequence ?? 0;
        var head = await PostgreSqlJournal.LastSequenceAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        LeaseHolder? holder = null;
        try
        {
            holder = await _leases.GetHolderAsync(LeaseName, cancellationToken).ConfigureAwait(false);
        }
        catch (SharedStoreUnavailableException)
        {
            // The owner cannot be looked up now; the status says so by leaving the token out.
        }

        return new ExchangeClusterStatus(_role, holder?.FencingToken, applied, Math.Max(0, head - applied));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        if (_owner is { } owner)
        {
            _owner = null;
            SetRole(ExchangeRole.SteppingDown);
            await owner.Sequencer.DisposeAsync().ConfigureAwait(false);
            await ReleaseAsync(owner.Lease).ConfigureAwait(false);
        }

        if (_replica is { } replica)
        {
            _replica = null;
            await replica.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var pending in _pending.Values)
        {
            pending.Answer.TrySetException(new ExchangeUnavailableException("The host is shutting down."));
        }

        _stopping.Dispose();
    }

    private Task RoleChanged
    {
        get
        {
            lock (_roleLock)
            {
                return _roleChanged.Task;
            }
        }
    }

    private void SetRole(ExchangeRole role)
    {
        lock (_roleLock)
        {
            _role = role;
            _roleChanged.TrySetResult();
            _roleChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private async Task WaitForRoleChangeAsync(Task changed, DateTimeOffset deadline, string message)
    {
        var left = deadline - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            throw new ExchangeUnavailableException(message);
        }

        try
        {
            await changed.WaitAsync(left < RetryDelay ? left : RetryDelay, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Look again: the owner may have changed without this host's role changing.
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var renewal = _options.LeaseTimeToLive / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_owner is { } owner)
                {
                    var lost = Task.Delay(Timeout.Infinite, owner.Lease.Lost);
                    await Task.WhenAny(lost, owner.Sequencer.Faulted).WaitAsync(cancellationToken).ConfigureAwait(false);
                    await StepDownAsync(owner, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await TryTakeOverAsync(cancellationToken).ConfigureAwait(false);
                if (_owner is not null)
                {
                    continue;
                }

                await Task.Delay(renewal, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "The exchange's ownership loop failed; trying again.");
                try
                {
                    await Task.Delay(renewal, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task TryTakeOverAsync(CancellationToken cancellationToken)
    {
        ILease? lease;
        try
        {
            lease = await _leases.TryAcquireAsync(LeaseName, _options.LeaseTimeToLive, cancellationToken).ConfigureAwait(false);
        }
        catch (SharedStoreUnavailableException exception)
        {
            _logger.LogWarning(exception, "The exchange's lease cannot be reached; this host keeps following.");
            return;
        }

        if (lease is null)
        {
            return;
        }

        var started = _time.GetTimestamp();
        SetRole(ExchangeRole.TakingOver);
        var replica = _replica!;
        _replica = null;
        var state = await replica.StopAsync().ConfigureAwait(false);
        await replica.DisposeAsync().ConfigureAwait(false);
        var journal = new PostgreSqlJournal(_dataSource, lease.FencingToken, LeaseName);
        ExchangeSequencer? sequencer = null;
        try
        {
            // The fence first: from here on the previous owner cannot write, so the journal's end read next is final.
            await journal.TakeOwnershipAsync(cancellationToken).ConfigureAwait(false);
            sequencer = _createSequencer(journal, state);
            foreach (var listener in _listeners)
            {
                sequencer.AddListener(listener);
            }

            sequencer.AddListener(new CommitAnnouncer(_fanOut, HolderId));
            await sequencer.StartAsync(cancellationToken).ConfigureAwait(false);
            var owner = new OwnerTerm(lease, sequencer);
            _owner = owner;

            // Lost means stop at once: new commands go to whoever owns the exchange next, not into this sequencer.
            lease.Lost.Register(() => { if (ReferenceEquals(_owner, owner)) { SetRole(ExchangeRole.SteppingDown); } });
            if (lease.Lost.IsCancellationRequested)
            {
                throw new ExchangeUnavailableException("The exchange's lease was lost while taking over.");
            }

            SetRole(ExchangeRole.Owner);
            _fanOut.Publish(CommittedTopic, new JournalCommitted(sequencer.DurableSequence, HolderId));
            _logger.LogInformation(
                "This host ({Holder}) owns the exchange with fencing token {Token}: {Commands} journal commands read to take over, last sequence {Sequence}, {Elapsed:F0} ms.",
                HolderId, lease.FencingToken, sequencer.ReplayedCommands, sequencer.DurableSequence, _time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(exception, "Taking the exchange over failed; this host follows again.");
            var delivered = sequencer?.DurableSequence ?? state.LastSequence;
            _owner = null;
            if (sequencer is not null)
            {
                await sequencer.DisposeAsync().ConfigureAwait(false);
            }

            await ReleaseAsync(lease).ConfigureAwait(false);
            await FollowAgainAsync(delivered, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var duty in _duties)
        {
            try
            {
                await duty.BecomeOwnerAsync(this, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogError(exception, "The owner's duty {Duty} failed to start.", duty.GetType().Name);
            }
        }
    }

    private async Task StepDownAsync(OwnerTerm owner, CancellationToken cancellationToken)
    {
        SetRole(ExchangeRole.SteppingDown);
        _logger.LogWarning(
            owner.Sequencer.IsFaulted ? owner.Sequencer.Faulted.Result : null,
            "This host ({Holder}) gives up the exchange (fencing token {Token}); it follows from now on.", HolderId, owner.Lease.FencingToken);
        _owner = null;

        // What was queued is committed (while the fence allows) or refused; the listeners have seen what is durable.
        await owner.Sequencer.DisposeAsync().ConfigureAwait(false);
        await ReleaseAsync(owner.Lease).ConfigureAwait(false);
        await FollowAgainAsync(owner.Sequencer.DurableSequence, cancellationToken).ConfigureAwait(false);
    }

    // The state a sequencer leaves may hold commands its journal refused, so a host that follows again rebuilds it
    // from the journal; the views have seen everything up to `delivered` and are not shown it again.
    private async Task FollowAgainAsync(long delivered, CancellationToken cancellationToken)
    {
        for (var i = _duties.Count - 1; i >= 0; i--)
        {
            try
            {
                await _duties[i].StandByAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogError(exception, "The owner's duty {Duty} failed to stand by.", _duties[i].GetType().Name);
            }
        }

        var replica = NewReplica(new ExchangeState(), delivered, replayCatchUp: false);
        _replica = replica;
        await replica.StartAsync(waitForCatchUp: false, cancellationToken).ConfigureAwait(false);
        SetRole(ExchangeRole.Follower);
    }

    private ExchangeReplica NewReplica(ExchangeState state, long silentThrough, bool replayCatchUp) => new(
        _dataSource,
        state,
        _listeners,
        [.. _listeners.Where(l => l is IOwnerDuty)],
        silentThrough,
        replayCatchUp,
        _time,
        _options.ReplicaPollInterval,
        _loggers.CreateLogger<ExchangeReplica>());

    private async Task ReleaseAsync(ILease lease)
    {
        try
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // It expires by itself; the fence already keeps this host from writing.
            _logger.LogWarning(exception, "Releasing the exchange's lease failed; it expires by itself.");
        }
    }

    private async Task<ExchangeResult> ForwardAsync(ExchangeCommand command, long? at)
    {
        var deadline = _time.GetUtcNow() + _options.ForwardTimeout;
        var payload = new byte[ExchangeCommandCodec.PayloadLength];
        ExchangeCommandCodec.Encode(command, payload);
        while (true)
        {
            var changed = RoleChanged;
            if (_role == ExchangeRole.Owner && _owner is { } owner)
            {
                return at is { } stamp
                    ? await owner.Sequencer.SubmitAtAsync(command, DateTimeOffset.FromUnixTimeMilliseconds(stamp)).ConfigureAwait(false)
                    : await owner.Sequencer.SubmitAsync(command).ConfigureAwait(false);
            }

            var holder = await OwnerAsync().ConfigureAwait(false);
            if (holder is null || holder.HolderId == HolderId)
            {
                // Nobody owns the exchange right now (the owner died and its lease has not expired), or this host is
                // taking it over: wait for the change, up to the deadline.
                _knownOwner = null;
                await WaitForRoleChangeAsync(changed, deadline, "No host owns the exchange right now; the command was not taken. Try again.").ConfigureAwait(false);
                continue;
            }

            var id = Guid.NewGuid().ToString("N");
            var answer = new TaskCompletionSource<ForwardedReply>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = new PendingForward(answer, holder.HolderId);
            ForwardedReply reply;
            try
            {
                _fanOut.Publish(CommandsTopicPrefix + holder.HolderId, new ForwardedCommand(id, HolderId, payload, at));
                var left = deadline - _time.GetUtcNow();
                reply = await answer.Task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The owner may have applied it: not acknowledged, and the client's key makes a retry safe.
                _knownOwner = null;
                throw new ExchangeUnavailableException("The exchange's owner did not answer in time; the command was not acknowledged. Send it again with the same key.");
            }
            finally
            {
                _pending.TryRemove(id, out _);
            }

            switch (reply.Outcome)
            {
                case ForwardOutcome.Answered:
                    var result = reply.ToResult();
                    if (result.Sequence > 0 && _replica is { } replica && !await replica.WaitForAsync(result.Sequence, _options.ForwardTimeout).ConfigureAwait(false))
                    {
                        _logger.LogWarning("The replica did not reach sequence {Sequence} in time after the owner answered.", result.Sequence);
                    }

                    return result;
                case ForwardOutcome.NotOwner:
                    // Not applied: ask the lease again.
                    _knownOwner = null;
                    await WaitForRoleChangeAsync(changed, deadline, "The exchange is changing owner; the command was not taken. Try again.").ConfigureAwait(false);
                    continue;
                default:
                    throw new ExchangeUnavailableException("The exchange's owner could not take the command; it was not acknowledged. Try again.");
            }
        }
    }

    private async Task<LeaseHolder?> OwnerAsync()
    {
        if (_knownOwner is { } known)
        {
            return known;
        }

        try
        {
            var holder = await _leases.GetHolderAsync(LeaseName, _stopping.Token).ConfigureAwait(false);
            _knownOwner = holder;
            return holder;
        }
        catch (SharedStoreUnavailableException exception)
        {
            throw new ExchangeUnavailableException("The exchange's owner cannot be looked up now; the command was not taken.", exception);
        }
    }

    private void OnForwarded(ForwardedCommand message)
    {
        if (message.Command is not { Length: ExchangeCommandCodec.PayloadLength })
        {
            _logger.LogWarning("A forwarded exchange command from {Sender} had {Bytes} bytes; ignored.", message.ReplyTo, message.Command?.Length);
            return;
        }

        var replyTopic = RepliesTopicPrefix + message.ReplyTo;
        if (_role != ExchangeRole.Owner || _owner is not { } owner)
        {
            _fanOut.Publish(replyTopic, ForwardedReply.NotTaken(message.Id, ForwardOutcome.NotOwner));
            return;
        }

        var command = ExchangeCommandCodec.Decode(message.Command) with { Sequence = 0, Timestamp = 0 };
        Task<ExchangeResult> submitted;
        try
        {
            submitted = message.At is { } at
                ? owner.Sequencer.SubmitAtAsync(command, DateTimeOffset.FromUnixTimeMilliseconds(at))
                : owner.Sequencer.SubmitAsync(command);
        }
        catch (ExchangeUnavailableException)
        {
            _fanOut.Publish(replyTopic, ForwardedReply.NotTaken(message.Id, ForwardOutcome.NotOwner));
            return;
        }

        _ = submitted.ContinueWith(
            task => _fanOut.Publish(replyTopic, task.IsCompletedSuccessfully
                ? ForwardedReply.From(message.Id, task.Result)
                : ForwardedReply.NotTaken(message.Id, ForwardOutcome.Unavailable)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnReply(ForwardedReply reply)
    {
        if (_pending.TryRemove(reply.Id, out var pending))
        {
            pending.Answer.TrySetResult(reply);
        }
    }

    private void OnCommitted(JournalCommitted committed)
    {
        _replica?.Announce(committed.Sequence);
        if (committed.Owner == HolderId || _knownOwner?.HolderId == committed.Owner)
        {
            return;
        }

        // Another host owns the exchange now: the old owner is fenced off, so a command sent to it and not answered
        // will not be answered. Say so at once (not acknowledged: the client resends with its key) instead of waiting.
        _knownOwner = null;
        foreach (var (id, pending) in _pending)
        {
            if (pending.Owner != committed.Owner && _pending.TryRemove(id, out _))
            {
                pending.Answer.TrySetException(new ExchangeUnavailableException("The exchange changed owner before answering; the command was not acknowledged. Send it again with the same key."));
            }
        }
    }

    private sealed record OwnerTerm(ILease Lease, ExchangeSequencer Sequencer);

    private sealed record PendingForward(TaskCompletionSource<ForwardedReply> Answer, string Owner);

    /// <summary>Announces each durable batch of the owner, so the followers read the journal at once.</summary>
    private sealed class CommitAnnouncer(IEventFanOut fanOut, string owner) : IExchangeListener
    {
        public void OnEvents(ReadOnlySpan<ExchangeEvent> events, ExchangeState state, bool replay)
        {
            if (!replay)
            {
                fanOut.Publish(CommittedTopic, new JournalCommitted(state.LastSequence, owner));
            }
        }
    }
}

/// <summary>Timings of the exchange's cluster mode (<c>SmartTrade:Plugins:warehouse-receipts:Exchange:Cluster</c>).</summary>
public sealed class ExchangeClusterOptions
{
    /// <summary>How long the owner's lease outlives its last renewal: a dead owner is replaced within about this time.</summary>
    public TimeSpan LeaseTimeToLive { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a follower waits for the owner's answer to a forwarded command before answering 503.</summary>
    public TimeSpan ForwardTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a follower reads the journal when no commit announcement arrives.</summary>
    public TimeSpan ReplicaPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
