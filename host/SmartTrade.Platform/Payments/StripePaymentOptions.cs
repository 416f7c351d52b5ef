using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace SmartTrade.Platform.Payments;

/// <summary>
/// Stripe settings under <c>SmartTrade:Payments:Stripe</c>. The secret key and the webhook signing secret come from
/// the environment or user secrets; they are never logged, serialized or shown by <see cref="ToString"/>.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class StripePaymentOptions
{
    /// <summary>The sub-section of <see cref="PaymentOptions.Section"/>.</summary>
    public const string SubSection = "Stripe";

    /// <summary>The secret API key (<c>sk_…</c> or a restricted <c>rk_…</c>). Secret.</summary>
    [JsonIgnore]
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>). Secret.</summary>
    [JsonIgnore]
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>
    /// The publishable key (<c>pk_…</c>) the storefront gives Stripe.js, whose Payment Element takes the card on
    /// Stripe's side. Not secret. Without it the storefront cannot offer Stripe's payment step.
    /// </summary>
    public string PublishableKey { get; set; } = string.Empty;

    /// <summary>The API base address without <c>/v1</c>; only set for a local fake or a proxy.</summary>
    public string? ApiBase { get; set; }

    /// <summary>How many times Stripe.net retries a failed network call (it reuses the idempotency key).</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>How old a webhook's signed timestamp may be, in seconds.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>A description without the secrets.</summary>
    public override string ToString()
        => $"Stripe (api base {ApiBase ?? "default"}, secret key {(SecretKey.Length > 0 ? "set" : "missing")}, webhook secret {(WebhookSecret.Length > 0 ? "set" : "missing")})";
}

/// <summary>Checks the Stripe settings at start; messages name the setting, never its value.</summary>
internal sealed class StripePaymentOptionsValidator : IValidateOptions<StripePaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, StripePaymentOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            failures.Add("SmartTrade:Payments:Stripe:SecretKey is required.");
        }

        if (string.IsNullOrWhiteSpace(options.WebhookSecret))
        {
            failures.Add("SmartTrade:Payments:Stripe:WebhookSecret is required: payment outcomes arrive by signed webhook.");
        }

        if (options.ApiBase is { Length: > 0 } apiBase
            && (!Uri.TryCreate(apiBase, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add("SmartTrade:Payments:Stripe:ApiBase must be an absolute http or https address.");
        }

        if (options.MaxNetworkRetries is < 0 or > 10)
        {
            failures.Add("SmartTrade:Payments:Stripe:MaxNetworkRetries must be between 0 and 10.");
        }

        if (options.WebhookToleranceSeconds is < 1 or > 3600)
        {
            failures.Add("SmartTrade:Payments:Stripe:WebhookToleranceSeconds must be between 1 and 3600.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
