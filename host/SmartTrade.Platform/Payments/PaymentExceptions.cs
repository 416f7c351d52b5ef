using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Payments;

/// <summary>
/// A payment request the gateway refuses. The HTTP layer answers with <see cref="StatusCode"/> and the problem
/// <see cref="ProblemType"/>; the message names no card number and no secret.
/// </summary>
public abstract class PaymentException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The HTTP status the endpoint answers with.</summary>
    public abstract int StatusCode { get; }

    /// <summary>The stable problem-details <c>type</c>.</summary>
    public abstract string ProblemType { get; }
}

/// <summary>An idempotency key was reused for a different payment request (a different amount, order or intent): 422.</summary>
public sealed class PaymentIdempotencyKeyReusedException(string message) : PaymentException(message)
{
    /// <inheritdoc />
    public override int StatusCode => 422;

    /// <inheritdoc />
    public override string ProblemType => ProblemTypes.IdempotencyKeyReused;
}

/// <summary>A refund would take the refunded total past the amount captured: 422.</summary>
public sealed class RefundExceedsPaymentException(string message) : PaymentException(message)
{
    /// <inheritdoc />
    public override int StatusCode => 422;

    /// <inheritdoc />
    public override string ProblemType => "/problems/payments/refund-exceeds-payment";
}

/// <summary>The intent is not in a state that allows the operation (refunding an unpaid intent, confirming a cancelled one): 422.</summary>
public sealed class PaymentIntentStateException(string message) : PaymentException(message)
{
    /// <inheritdoc />
    public override int StatusCode => 422;

    /// <inheritdoc />
    public override string ProblemType => ProblemTypes.BusinessRule;
}

/// <summary>The gateway has no intent with the given id: 404.</summary>
public sealed class PaymentIntentNotFoundException(string gatewayId, string paymentIntentId)
    : PaymentException($"The {gatewayId} gateway has no payment intent '{paymentIntentId}'.")
{
    /// <inheritdoc />
    public override int StatusCode => 404;

    /// <inheritdoc />
    public override string ProblemType => ProblemTypes.NotFound;
}

/// <summary>The request itself is malformed (a non-positive amount, a currency other than the intent's): 400.</summary>
public sealed class InvalidPaymentRequestException(string message) : PaymentException(message)
{
    /// <inheritdoc />
    public override int StatusCode => 400;

    /// <inheritdoc />
    public override string ProblemType => ProblemTypes.Validation;
}

/// <summary>The payment provider failed or refused the call for a reason that is not the buyer's (network, API error): 502.</summary>
public sealed class PaymentProviderException(string gatewayId, string? code, string message, Exception? innerException = null)
    : PaymentException(message, innerException)
{
    /// <summary>The gateway that failed.</summary>
    public string GatewayId { get; } = gatewayId;

    /// <summary>The provider's error code, when it gave one.</summary>
    public string? Code { get; } = code;

    /// <inheritdoc />
    public override int StatusCode => 502;

    /// <inheritdoc />
    public override string ProblemType => "/problems/payments/provider-error";
}
