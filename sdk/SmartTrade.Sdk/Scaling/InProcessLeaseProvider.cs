namespace SmartTrade.Sdk.Scaling;

/// <summary>
/// <see cref="ILeaseProvider"/> inside one process: the host's default without Redis (one host owns everything) and a
/// plugin's default in its own tests. A lease held here is never lost; it is free again once disposed.
/// </summary>
public sealed class InProcessLeaseProvider : ILeaseProvider
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Holding> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string HolderId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <inheritdoc />
    public Task<ILease?> TryAcquireAsync(string name, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeToLive, TimeSpan.FromSeconds(1));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_held.ContainsKey(name))
            {
                return Task.FromResult<ILease?>(null);
            }

            var token = _tokens.GetValueOrDefault(name) + 1;
            _tokens[name] = token;
            var holding = new Holding(this, name, token);
            _held[name] = holding;
            return Task.FromResult<ILease?>(holding);
        }
    }

    /// <inheritdoc />
    public Task<LeaseHolder?> GetHolderAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            return Task.FromResult(_held.TryGetValue(name, out var holding) ? new LeaseHolder(HolderId, holding.FencingToken) : null);
        }
    }

    private void Release(Holding holding)
    {
        lock (_lock)
        {
            if (_held.TryGetValue(holding.Name, out var current) && ReferenceEquals(current, holding))
            {
                _held.Remove(holding.Name);
            }
        }
    }

    private sealed class Holding(InProcessLeaseProvider provider, string name, long token) : ILease
    {
        public string Name => name;

        public long FencingToken => token;

        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync()
        {
            provider.Release(this);
            return ValueTask.CompletedTask;
        }
    }
}
