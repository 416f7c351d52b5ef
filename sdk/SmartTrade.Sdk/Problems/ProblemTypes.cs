namespace SmartTrade.Sdk.Problems;

/// <summary>
/// Stable problem-details <c>type</c> values (RFC 9457) shared by the host and plugins. Clients switch on
/// these, never on the human-readable title. A plugin adds its own as <c>/problems/{plugin-id}/{code}</c>.
/// </summary>
public static class ProblemTypes
{
    /// <summary>The request body or parameters are invalid (400); <c>errors</c> lists each field.</summary>
    public const string Validation = "/problems/validation";

    /// <summary>The request could not be read, such as malformed JSON (400).</summary>
    public const string BadRequest = "/problems/bad-request";

    /// <summary>Authentication is missing or invalid (401).</summary>
    public const string Unauthorized = "/problems/unauthorized";

    /// <summary>The caller may not do this, such as changing another merchant's listing (403).</summary>
    public const string Forbidden = "/problems/forbidden";

    /// <summary>The resource does not exist, or the route is not served (404).</summary>
    public const string NotFound = "/problems/not-found";

    /// <summary>The HTTP method is not allowed on this resource (405).</summary>
    public const string MethodNotAllowed = "/problems/method-not-allowed";

    /// <summary>The request conflicts with the current state (409).</summary>
    public const string Conflict = "/problems/conflict";

    /// <summary>The <c>If-Match</c> precondition failed: the resource changed since it was read (412).</summary>
    public const string PreconditionFailed = "/problems/precondition-failed";

    /// <summary>The request body is too large (413).</summary>
    public const string PayloadTooLarge = "/problems/payload-too-large";

    /// <summary>The content type is not supported (415).</summary>
    public const string UnsupportedMediaType = "/problems/unsupported-media-type";

    /// <summary>The request is well-formed but breaks a business rule (422).</summary>
    public const string BusinessRule = "/problems/business-rule";

    /// <summary>An <c>Idempotency-Key</c> was reused with a different request (422).</summary>
    public const string IdempotencyKeyReused = "/problems/idempotency-key-reused";

    /// <summary>A request with the same <c>Idempotency-Key</c> is still being processed (409).</summary>
    public const string IdempotencyInProgress = "/problems/idempotency-in-progress";

    /// <summary>Too many requests (429).</summary>
    public const string RateLimited = "/problems/rate-limited";

    /// <summary>An unexpected server error (500); it is logged with the trace id shown.</summary>
    public const string ServerError = "/problems/server-error";

    /// <summary>503: a service the request needs (such as the shared Redis) cannot be reached right now; retry shortly.</summary>
    public const string ServiceUnavailable = "/problems/service-unavailable";

    /// <summary>The feature is switched off by configuration (404 or 403 as stated by the endpoint).</summary>
    public const string FeatureDisabled = "/problems/feature-disabled";
}
