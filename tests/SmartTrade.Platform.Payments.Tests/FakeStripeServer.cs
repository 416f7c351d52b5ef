using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartTrade.Platform.Payments.Tests;

/// <summary>
/// A local stand-in for api.stripe.com that answers in Stripe's wire format (form-encoded requests, JSON objects,
/// idempotent replays by <c>Idempotency-Key</c>, a key reused with other parameters refused with an
/// <c>idempotency_error</c>) and records every request for the tests to inspect.
/// Payment method <c>pm_card_visa</c> succeeds, <c>pm_card_chargeDeclined</c> is declined. Transfers go to the
/// connected accounts in <see cref="ConnectedAccounts"/> out of <see cref="AvailableBalance"/>; a transfer to
/// <see cref="OutageAccount"/> meets a Stripe server error.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _intents = new();
    private readonly ConcurrentDictionary<string, JsonObject> _transfers = new();
    private readonly ConcurrentDictionary<string, (string Fingerprint, int Status, string Body)> _replays = new();
    private readonly Lock _balanceLock = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _sequence;

    private FakeStripeServer(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    /// <summary>A connected account the fake knows from the start.</summary>
    public const string ConnectedAccount = "acct_1FakeConnected0001";

    /// <summary>A destination whose transfers meet a Stripe server error (HTTP 500, <c>api_error</c>).</summary>
    public const string OutageAccount = "acct_1FakeOutage000001";

    /// <summary>The connected accounts transfers may go to.</summary>
    public ConcurrentDictionary<string, bool> ConnectedAccounts { get; } = new() { [ConnectedAccount] = true };

    /// <summary>The platform's available balance in minor units (one balance for every currency, for simplicity).</summary>
    public long AvailableBalance { get; set; } = 10_000_000;

    /// <summary>Reverses part or all of a transfer, as the platform would from the dashboard.</summary>
    public void Reverse(string transferId, long amount)
    {
        var transfer = _transfers[transferId];
        var reversed = (long)transfer["amount_reversed"]! + amount;
        transfer["amount_reversed"] = reversed;
        transfer["reversed"] = reversed >= (long)transfer["amount"]!;
    }

    /// <summary>Forgets every idempotency key, as Stripe does after about a day.</summary>
    public void ForgetIdempotencyKeys() => _replays.Clear();

    /// <summary>Forgets a transfer, as a test-mode data reset would.</summary>
    public void Forget(string transferId) => _transfers.TryRemove(transferId, out _);

    public static async Task<FakeStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeStripeServer(builder.Build());
        server.Map();
        await server._app.StartAsync();
        server.Url = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Sets an intent's status at the fake Stripe, as the buyer's browser would.</summary>
    public void SetStatus(string intentId, string status) => _intents[intentId]["status"] = status;

    private void Map()
    {
        _app.MapPost("/v1/payment_intents", context => Idempotent(context, form =>
        {
            var id = $"pi_fake_{Interlocked.Increment(ref _sequence)}";
            var intent = new JsonObject
            {
                ["id"] = id,
                ["object"] = "payment_intent",
                ["amount"] = long.Parse(form["amount"]!, CultureInfo.InvariantCulture),
                ["currency"] = form["currency"],
                ["description"] = form.GetValueOrDefault("description"),
                ["status"] = "requires_payment_method",
                ["client_secret"] = $"{id}_secret_fake",
                ["created"] = 1_790_000_000,
                ["livemode"] = false,
                ["metadata"] = Metadata(form),
            };
            _intents[id] = intent;
            return (200, intent.ToJsonString());
        }));
        _app.MapGet("/v1/payment_intents/{id}", (HttpContext context, string id) =>
        {
            Record(context, new Dictionary<string, string>());
            return _intents.TryGetValue(id, out var intent)
                ? Results.Content(intent.ToJsonString(), "application/json")
                : Results.Content(Error("invalid_request_error", "resource_missing", "No such payment_intent", "intent"), "application/json", statusCode: 404);
        });
        _app.MapPost("/v1/payment_intents/{id}/confirm", (HttpContext context) => Idempotent(context, form =>
        {
            var intent = _intents[(string)context.Request.RouteValues["id"]!];
            if (form.GetValueOrDefault("payment_method") == "pm_card_chargeDeclined")
            {
                intent["status"] = "requires_payment_method";
                return (402, Error("card_error", "card_declined", "Your card was declined.", null, intent));
            }

            intent["status"] = "succeeded";
            return (200, intent.ToJsonString());
        }));
        _app.MapPost("/v1/refunds", context => Idempotent(context, form =>
        {
            var intent = _intents[form["payment_intent"]];
            var refund = new JsonObject
            {
                ["id"] = $"re_fake_{Interlocked.Increment(ref _sequence)}",
                ["object"] = "refund",
                ["amount"] = long.Parse(form["amount"]!, CultureInfo.InvariantCulture),
                ["currency"] = (string?)intent["currency"],
                ["payment_intent"] = form["payment_intent"],
                ["status"] = "succeeded",
                ["created"] = 1_790_000_100,
                ["metadata"] = Metadata(form),
            };
            return (200, refund.ToJsonString());
        }));
        _app.MapPost("/v1/transfers", context => Idempotent(context, CreateTransfer));
        _app.MapGet("/v1/transfers", (HttpContext context) =>
        {
            var query = context.Request.Query;
            Record(context, query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal));
            var group = query["transfer_group"].ToString();
            var destination = query["destination"].ToString();
            var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? l : 10;
            var found = _transfers.Values
                .Where(t => (group.Length == 0 || (string?)t["transfer_group"] == group) && (destination.Length == 0 || (string?)t["destination"] == destination))
                .OrderByDescending(t => (string)t["id"]!, StringComparer.Ordinal)
                .Take(limit)
                .Select(t => (JsonNode)t.DeepClone())
                .ToArray();
            var list = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(found), ["has_more"] = false, ["url"] = "/v1/transfers" };
            return Results.Content(list.ToJsonString(), "application/json");
        });
        _app.MapGet("/v1/transfers/{id}", (HttpContext context, string id) =>
        {
            Record(context, new Dictionary<string, string>());
            return _transfers.TryGetValue(id, out var transfer)
                ? Results.Content(transfer.ToJsonString(), "application/json")
                : Results.Content(Error("invalid_request_error", "resource_missing", $"No such transfer: '{id}'", "id"), "application/json", statusCode: 404);
        });
    }

    private (int Status, string Body) CreateTransfer(Dictionary<string, string> form)
    {
        var destination = form.GetValueOrDefault("destination") ?? string.Empty;
        if (destination == OutageAccount)
        {
            return (500, new JsonObject { ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = "An unknown error occurred" } }.ToJsonString());
        }

        if (!ConnectedAccounts.ContainsKey(destination))
        {
            return (400, Error("invalid_request_error", "resource_missing", $"No such destination: '{destination}'", "destination"));
        }

        var amount = long.Parse(form["amount"], CultureInfo.InvariantCulture);
        lock (_balanceLock)
        {
            if (amount > AvailableBalance)
            {
                return (400, Error(
                    "invalid_request_error",
                    "balance_insufficient",
                    "You have insufficient funds in your Stripe account for this transfer. You can use the /v1/balance endpoint to view your Stripe balance.",
                    null));
            }

            AvailableBalance -= amount;
        }

        var sequence = Interlocked.Increment(ref _sequence);
        var id = $"tr_fake_{sequence}";
        var transfer = new JsonObject
        {
            ["id"] = id,
            ["object"] = "transfer",
            ["amount"] = amount,
            ["amount_reversed"] = 0L,
            ["balance_transaction"] = $"txn_fake_{sequence}",
            ["created"] = 1_790_000_200,
            ["currency"] = form["currency"],
            ["description"] = form.GetValueOrDefault("description"),
            ["destination"] = destination,
            ["destination_payment"] = $"py_fake_{sequence}",
            ["livemode"] = false,
            ["metadata"] = Metadata(form),
            ["reversals"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(),
                ["has_more"] = false,
                ["total_count"] = 0,
                ["url"] = $"/v1/transfers/{id}/reversals",
            },
            ["reversed"] = false,
            ["source_transaction"] = null,
            ["source_type"] = "card",
            ["transfer_group"] = form.GetValueOrDefault("transfer_group"),
        };
        _transfers[id] = transfer;
        return (200, transfer.ToJsonString());
    }

    private async Task Idempotent(HttpContext context, Func<Dictionary<string, string>, (int Status, string Body)> handle)
    {
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var key = Record(context, form);
        var fingerprint = string.Join("&", form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        var (status, body) = key is null ? handle(form) : Replay(context.Request.Path + "|" + key, fingerprint, () => handle(form));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    /// <summary>
    /// Stripe keeps the first answer for a key, errors included (4xx and 5xx alike here), and refuses the key with other
    /// parameters.
    /// </summary>
    private (int Status, string Body) Replay(string key, string fingerprint, Func<(int Status, string Body)> handle)
    {
        var (firstFingerprint, status, body) = _replays.GetOrAdd(key, _ =>
        {
            var (s, b) = handle();
            return (fingerprint, s, b);
        });
        return firstFingerprint == fingerprint
            ? (status, body)
            : (400, new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["type"] = "idempotency_error",
                    ["message"] = "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                },
            }.ToJsonString());
    }

    private string? Record(HttpContext context, Dictionary<string, string> form)
    {
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path,
            form,
            key,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["Stripe-Version"].ToString()));
        return key;
    }

    private static JsonObject Metadata(Dictionary<string, string> form)
    {
        var metadata = new JsonObject();
        foreach (var (name, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[name["metadata[".Length..^1]] = value;
        }

        return metadata;
    }

    /// <summary>Stripe's error envelope; like Stripe, it leaves out the fields that do not apply.</summary>
    private static string Error(string type, string code, string message, string? param, JsonObject? intent = null)
    {
        var error = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message };
        if (param is not null)
        {
            error["param"] = param;
        }

        if (intent is not null)
        {
            error["payment_intent"] = intent.DeepClone();
        }

        return new JsonObject { ["error"] = error }.ToJsonString();
    }

    /// <summary>A Stripe-Signature header: <c>t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;body&gt;")&gt;</c>.</summary>
    public static string Sign(string body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>An event as Stripe posts it to a webhook endpoint.</summary>
    public static string Event(string id, string type, DateTimeOffset created, JsonObject dataObject) => new JsonObject
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = "2026-10-28.endive",
        ["created"] = created.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = type,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString();
}

public sealed record RecordedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Form,
    string? IdempotencyKey,
    string Authorization,
    string StripeVersion);
