namespace SmartTrade.Platform.Idempotency;

/// <summary>Where idempotent responses are kept: the database by default, Redis when several hosts share them.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims a key for a first request. Returns <see langword="null"/> when the claim succeeded, otherwise the
    /// record already there (completed, or still in progress).
    /// </summary>
    Task<IdempotencyRecord?> TryBeginAsync(IdempotencyRecord claim, CancellationToken cancellationToken);

    /// <summary>Stores the first request's response.</summary>
    Task CompleteAsync(IdempotencyRecord completed, CancellationToken cancellationToken);

    /// <summary>Drops a claim whose request failed, so the client may retry with the same key.</summary>
    Task AbandonAsync(string scope, string key, CancellationToken cancellationToken);
}
