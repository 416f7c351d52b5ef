using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Platform.Scaling;

/// <summary>
/// Makes sure, before the host serves anything, that the shared key ring holds a data protection key in force, and
/// that only one host in the cluster creates it. Left to itself, each host that finds no key in force (the first start
/// on an empty Redis, or every key expired) creates one activated at once; hosts starting together would then each
/// sign cookies with a key of their own that the others do not know until their key rings refresh. Here the host takes
/// the lease <see cref="LeaseName"/> first, looks again, and creates the key only when still nobody has; the others wait
/// for the lease and find that key. Later keys need no lock: the key manager creates each successor days before it is
/// activated, so every host has read it by then.
/// </summary>
internal sealed class DataProtectionKeyRing(
    IKeyManager keys,
    ILeaseProvider leases,
    IOptions<KeyManagementOptions> options,
    TimeProvider time,
    ILogger<DataProtectionKeyRing> logger) : IHostedService
{
    /// <summary>The lease a host holds while it looks for a key in force and creates one.</summary>
    public const string LeaseName = "data-protection:key-ring";

    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);

    // As the key resolver does, a key activated this little in the future counts (another host's clock may run ahead).
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!HasKeyInForce())
            {
                var lease = await leases.TryAcquireAsync(LeaseName, LeaseTime, cancellationToken);
                if (lease is null)
                {
                    // Another host is creating the key: it is there once that host lets the lease go.
                    await Task.Delay(Retry, time, cancellationToken);
                    continue;
                }

                await using (lease)
                {
                    if (!HasKeyInForce())
                    {
                        var now = time.GetUtcNow();
                        var key = keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
                        logger.LogInformation("Created data protection key {KeyId}, in force until {Expiration:u}, for every host", key.KeyId, key.ExpirationDate);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is SharedStoreUnavailableException || RedisFailures.IsUnavailable(ex))
        {
            // The host starts without Redis and is not ready until it returns; the key ring then makes its own key on
            // first use, which is a lone key only if every host came up without Redis at the same moment.
            logger.LogWarning(ex, "The data protection key ring could not be checked because Redis is unavailable");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private bool HasKeyInForce()
    {
        var now = time.GetUtcNow();
        return keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now + ClockSkew && k.ExpirationDate > now);
    }
}
