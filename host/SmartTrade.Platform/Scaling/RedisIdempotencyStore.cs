using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmartTrade.Platform.Idempotency;
using StackExchange.Redis;

namespace SmartTrade.Platform.Scaling;

/// <summary>
/// Keeps idempotency records in Redis, shared by every host: one string per caller, route and key
/// (<c>{prefix}:idempotency:{sha256 of scope and key}</c>) holding the record as JSON, expiring with it. A claim is
/// <c>SET NX</c>, so of two hosts receiving the same key at once exactly one runs the request. While Redis cannot be
/// reached the commands throw, and the request is refused with 503 before anything runs.
/// </summary>
internal sealed class RedisIdempotencyStore(RedisConnection redis, TimeProvider time) : IIdempotencyStore
{
    public async Task<IdempotencyRecord?> TryBeginAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        var key = KeyOf(claim.Scope, claim.Key);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await redis.Database.StringSetAsync(key, Serialize(claim), TimeToLive(claim), When.NotExists))
            {
                return null;
            }

            var existing = await redis.Database.StringGetAsync(key);
            if (existing.HasValue)
            {
                return JsonSerializer.Deserialize<IdempotencyRecord>((byte[])existing!, JsonSerializerOptions.Web);
            }

            // It expired between the two commands: claim again.
        }

        throw new InvalidOperationException("Could not claim the idempotency key.");
    }

    public async Task CompleteAsync(IdempotencyRecord completed, CancellationToken cancellationToken)
        => await redis.Database.StringSetAsync(KeyOf(completed.Scope, completed.Key), Serialize(completed), TimeToLive(completed));

    public async Task AbandonAsync(string scope, string key, CancellationToken cancellationToken)
        => await redis.Database.KeyDeleteAsync(KeyOf(scope, key));

    private RedisKey KeyOf(string scope, string key)
        => redis.Key($"idempotency:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}")))}");

    private TimeSpan TimeToLive(IdempotencyRecord record)
    {
        var left = record.ExpiresAt - time.GetUtcNow();
        return left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
    }

    private static byte[] Serialize(IdempotencyRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, JsonSerializerOptions.Web);
}
