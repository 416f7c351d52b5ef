namespace SmartTrade.Sdk.Scaling;

/// <summary>
/// Exclusive, expiring leases shared by every host of the deployment: at most one holder of a named lease at a time,
/// for work that must have exactly one owner (the receipt exchange's engines, the search index writer). In-process
/// on a single host; in Redis when the host is configured with Redis.
/// </summary>
/// <remarks>
/// A lease expires unless its holder renews it, so a holder that dies or is cut off loses it after its time to live
/// and another host can take it. A holder that was paused or partitioned may not notice at once that it lost the
/// lease; for that, every lease carries a <see cref="ILease.FencingToken"/> that grows with each new holder: storage
/// written under a lease should record the highest token it has seen and refuse writes that carry a lower one.
/// </remarks>
public interface ILeaseProvider
{
    /// <summary>This process's identity as a holder, unique across the deployment.</summary>
    string HolderId { get; }

    /// <summary>
    /// Tries once to take a lease. A taken lease renews itself in the background (every third of its time to live)
    /// until it is disposed (which releases it) or lost.
    /// </summary>
    /// <param name="name">The lease's name, e.g. <c>warehouse-receipts:exchange</c>.</param>
    /// <param name="timeToLive">How long the lease outlives its holder's last renewal (at least one second).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The lease, or <see langword="null"/> when another holder has it.</returns>
    /// <exception cref="SharedStoreUnavailableException">The shared store cannot be reached.</exception>
    Task<ILease?> TryAcquireAsync(string name, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Who holds a lease now.</summary>
    /// <param name="name">The lease's name.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The holder, or <see langword="null"/> when nobody holds the lease.</returns>
    /// <exception cref="SharedStoreUnavailableException">The shared store cannot be reached.</exception>
    Task<LeaseHolder?> GetHolderAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>The holder of a lease.</summary>
/// <param name="HolderId">The holder's <see cref="ILeaseProvider.HolderId"/>.</param>
/// <param name="FencingToken">The token the holder took the lease with.</param>
public sealed record LeaseHolder(string HolderId, long FencingToken);

/// <summary>A lease held by this process. Disposing it releases it (when it is still held).</summary>
public interface ILease : IAsyncDisposable
{
    /// <summary>The lease's name.</summary>
    string Name { get; }

    /// <summary>The token this holding was granted: strictly greater than every earlier holding's token of the same name.</summary>
    long FencingToken { get; }

    /// <summary>
    /// Cancelled as soon as this process can no longer be sure it holds the lease (a renewal was refused, or none
    /// succeeded for two thirds of the time to live); the holder must stop the work the lease guards at once.
    /// </summary>
    CancellationToken Lost { get; }
}

/// <summary>The store shared by the hosts (Redis) cannot be reached now; the operation may succeed later.</summary>
/// <param name="message">What could not be done.</param>
/// <param name="inner">The store's own failure.</param>
public sealed class SharedStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
