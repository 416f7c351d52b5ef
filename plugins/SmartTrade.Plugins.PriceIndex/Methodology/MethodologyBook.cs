using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Plugins.PriceIndex.Methodology;

/// <summary>The methodology's published versions: the first one at install, from configuration; later ones by an administrator.</summary>
/// <param name="db">The plugin's tables.</param>
public sealed class MethodologyBook(PriceIndexDbContext db)
{
    /// <summary>The version every install starts with.</summary>
    public const string FirstVersion = "1.0";

    /// <summary>Serialization of parameters and inputs: web defaults, so the JSON is what the API shows.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Publishes version 1.0 from the plugin's configuration when no version exists yet.</summary>
    /// <param name="context">The plugin's context, for its configuration.</param>
    /// <param name="publishedAt">Now.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    public async Task EnsureFirstVersionAsync(PluginContext context, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        if (await db.MethodologyVersions.AnyAsync(cancellationToken))
        {
            return;
        }
        var parameters = MethodologyParameters.FromConfiguration(context.Configuration);
        if (parameters.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The price index methodology configuration is invalid: " + string.Join(" ", problems));
        }
        db.MethodologyVersions.Add(new MethodologyVersion
        {
            Version = FirstVersion,
            Sequence = 1,
            EffectiveFromMs = long.MinValue,
            PublishedAtMs = publishedAt.ToUnixTimeMilliseconds(),
            ParametersJson = JsonSerializer.Serialize(parameters, Json),
            NoteZh = "首个版本：按 IOSCO 原则 8 的顺序取成交、确定报价和评估员判断；基期 1000 点；拉氏权重，每年重新加权并链接。",
            NoteEn = "First version: trades, firm quotes and assessor judgment in the order of IOSCO principle 8; base 1000; Laspeyres weights, re-weighted and chain-linked every year.",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Every version, oldest first.</summary>
    public async Task<IReadOnlyList<MethodologyVersion>> HistoryAsync(CancellationToken cancellationToken)
        => await db.MethodologyVersions.AsNoTracking().OrderBy(v => v.Sequence).ToListAsync(cancellationToken);

    /// <summary>The version in force now (the latest).</summary>
    public async Task<(MethodologyVersion Version, MethodologyParameters Parameters)> CurrentAsync(CancellationToken cancellationToken)
    {
        var latest = await db.MethodologyVersions.AsNoTracking().OrderByDescending(v => v.Sequence).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("The methodology has no version; the plugin was not installed.");
        return (latest, Parameters(latest));
    }

    /// <summary>Publishes a new version effective from the next window on.</summary>
    /// <param name="parameters">The new parameters (already checked).</param>
    /// <param name="noteZh">What changed and why, Chinese.</param>
    /// <param name="noteEn">What changed and why, English.</param>
    /// <param name="effectiveFromMs">The end of the first window it applies to.</param>
    /// <param name="publishedAt">Now.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    public async Task<MethodologyVersion> PublishAsync(MethodologyParameters parameters, string noteZh, string noteEn, long effectiveFromMs, DateTimeOffset publishedAt, CancellationToken cancellationToken)
    {
        var (current, _) = await CurrentAsync(cancellationToken);
        var major = int.Parse(current.Version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        var minor = int.Parse(current.Version.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);
        var version = new MethodologyVersion
        {
            Version = $"{major}.{minor + 1}",
            Sequence = current.Sequence + 1,
            EffectiveFromMs = effectiveFromMs,
            PublishedAtMs = publishedAt.ToUnixTimeMilliseconds(),
            ParametersJson = JsonSerializer.Serialize(parameters, Json),
            NoteZh = noteZh,
            NoteEn = noteEn,
        };
        db.MethodologyVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }

    /// <summary>A version's parameters.</summary>
    public static MethodologyParameters Parameters(MethodologyVersion version)
        => JsonSerializer.Deserialize<MethodologyParameters>(version.ParametersJson, Json)!;
}
