namespace SmartTrade.Platform.Idempotency;

/// <summary>The first response to a request made with an <c>Idempotency-Key</c>, replayed for every repeat.</summary>
public sealed class IdempotencyRecord
{
    /// <summary>Who made the request and to which endpoint: the caller's id and the route.</summary>
    public required string Scope { get; set; }

    /// <summary>The client's key.</summary>
    public required string Key { get; set; }

    /// <summary>SHA-256 of the method, path, query and body, to refuse a key reused for another request.</summary>
    public required string Fingerprint { get; set; }

    /// <summary>Whether the first request has finished; until then a repeat gets 409.</summary>
    public bool Completed { get; set; }

    /// <summary>The stored status code.</summary>
    public int StatusCode { get; set; }

    /// <summary>The stored content type.</summary>
    public string? ContentType { get; set; }

    /// <summary>The stored <c>Location</c> header.</summary>
    public string? Location { get; set; }

    /// <summary>The stored body.</summary>
    public byte[]? Body { get; set; }

    /// <summary>When the first request arrived.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the record may be removed (and, while not completed, when the lock lapses).</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
