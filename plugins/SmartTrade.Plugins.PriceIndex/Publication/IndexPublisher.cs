using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.PriceIndex.Assessment;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Plugins.PriceIndex.Methodology;

namespace SmartTrade.Plugins.PriceIndex.Publication;

/// <summary>Why a correction was refused; <see cref="None"/> when it was published.</summary>
public enum CorrectionRefusal
{
    /// <summary>Published.</summary>
    None,

    /// <summary>The date and time are not a window of the methodology.</summary>
    UnknownWindow,

    /// <summary>The window has not been published yet: there is nothing to correct.</summary>
    NotPublished,

    /// <summary>The window starts a weighting period (base or re-weighting): its prices are the period's references.</summary>
    PeriodStart,

    /// <summary>Recomputing the window from the current inputs gives the values already published.</summary>
    NothingChanged,
}

/// <summary>What a correction published: new versions of grade prices and index values.</summary>
/// <param name="Refusal">Why nothing was published, or <see cref="CorrectionRefusal.None"/>.</param>
/// <param name="Assessments">The new grade versions.</param>
/// <param name="Values">The new index versions.</param>
public sealed record CorrectionOutcome(CorrectionRefusal Refusal, IReadOnlyList<PublishedAssessment> Assessments, IReadOnlyList<PublishedIndexValue> Values);

/// <summary>
/// Publishes the windows that are due (every window whose end has passed, in order, from the cursor on) and corrections.
/// Each window's grade prices and index values are added as version 1 with their inputs; the engine's state is saved
/// with them in one transaction, so a restart continues exactly. One publication runs at a time.
/// </summary>
/// <param name="scopes">Scopes of the plugin's services, for its tables.</param>
/// <param name="time">The clock.</param>
/// <param name="feed">Live listeners.</param>
public sealed class IndexPublisher(IServiceScopeFactory scopes, TimeProvider time, IndexFeed feed)
{
    private const int WindowsPerTransaction = 100;
    private static readonly JsonSerializerOptions Json = MethodologyBook.Json;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Publishes every window due now; returns how many windows were computed.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            int total = 0;
            for (int done; (done = await PublishBatchAsync(cancellationToken)) > 0;)
            {
                total += done;
            }
            return total;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// When nothing has been published yet, forgets the windows passed without data, so the next
    /// <see cref="PublishDueAsync"/> computes them again from the base date (used after seeding past inputs).
    /// </summary>
    /// <returns>Whether the history was restarted.</returns>
    public async Task<bool> RestartIfNothingPublishedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PriceIndexDbContext>();
            if (await db.IndexValues.AnyAsync(cancellationToken) || await db.Assessments.AnyAsync(cancellationToken))
            {
                return false;
            }
            await db.Cursor.Where(c => c.Id == 1).ExecuteDeleteAsync(cancellationToken);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PriceIndexDbContext>();
        var versions = await scope.ServiceProvider.GetRequiredService<MethodologyBook>().HistoryAsync(cancellationToken);
        var latest = MethodologyBook.Parameters(versions[^1]);
        var cursor = await db.Cursor.SingleOrDefaultAsync(c => c.Id == 1, cancellationToken);
        var state = cursor is null ? new IndexEngineState() : JsonSerializer.Deserialize<IndexEngineState>(cursor.StateJson, Json)!;
        var schedule = new WindowSchedule(latest.Windows, latest.BaseDate);
        var now = time.GetUtcNow();
        var windows = schedule.Between(state.LastWindowEndMs, now.ToUnixTimeMilliseconds()).Take(WindowsPerTransaction).ToList();
        if (windows.Count == 0)
        {
            return 0;
        }

        long after = state.LastWindowEndMs == long.MinValue ? schedule.StartMs : state.LastWindowEndMs;
        var inputs = await WindowInputs.LoadAsync(db, after, windows[0].EndMs, windows[^1].EndMs, cancellationToken);
        var events = new List<PublishedValueEvent>();
        IndexEngine? engine = null;
        foreach (var window in windows)
        {
            var version = versions.Last(v => v.EffectiveFromMs <= window.EndMs);
            if (engine?.MethodologyVersion != version.Version)
            {
                engine = new IndexEngine(MethodologyBook.Parameters(version), version.Version, state);
            }
            var result = engine.Step(window, inputs.TradesUpTo(window.EndMs), inputs.QuotesAt(window.EndMs), inputs.JudgmentsFor(window.EndMs), listInputs: true);
            foreach (var assessment in result.Assessments)
            {
                db.Assessments.Add(ToRecord(assessment, window, 1, version.Version, now, null));
            }
            foreach (var value in result.Values)
            {
                db.IndexValues.Add(ToRecord(value.Code, value.Value, value.Inputs, window, 1, version.Version, now, null));
                events.Add(new PublishedValueEvent(value.Code, window.Date, window.TimeText, value.Value, 1, version.Version));
            }
        }

        if (cursor is null)
        {
            db.Cursor.Add(new PublicationCursor { LastWindowEndMs = state.LastWindowEndMs, StateJson = JsonSerializer.Serialize(state, Json) });
        }
        else
        {
            cursor.LastWindowEndMs = state.LastWindowEndMs;
            cursor.StateJson = JsonSerializer.Serialize(state, Json);
        }
        await db.SaveChangesAsync(cancellationToken);
        await feed.PublishAsync(events, CancellationToken.None);
        return windows.Count;
    }

    /// <summary>
    /// Recomputes one published window from the inputs stored now (a late trade, a quote, a judgment entered since) and
    /// publishes a new version of every grade price and index value that changed, with the reason. The window's weighting
    /// period (weights, references, link value) stays as published; later windows keep the inputs they list.
    /// </summary>
    /// <param name="date">The window's date.</param>
    /// <param name="windowTime">The window's time.</param>
    /// <param name="reason">Why: shown with the new versions.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    public async Task<CorrectionOutcome> CorrectAsync(DateOnly date, TimeOnly windowTime, string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await CorrectLockedAsync(date, windowTime, reason, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CorrectionOutcome> CorrectLockedAsync(DateOnly date, TimeOnly windowTime, string reason, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PriceIndexDbContext>();
        var versions = await scope.ServiceProvider.GetRequiredService<MethodologyBook>().HistoryAsync(cancellationToken);
        var latest = MethodologyBook.Parameters(versions[^1]);
        var schedule = new WindowSchedule(latest.Windows, latest.BaseDate);
        if (schedule.Find(date, windowTime) is not { } window)
        {
            return Refused(CorrectionRefusal.UnknownWindow);
        }
        var cursor = await db.Cursor.SingleOrDefaultAsync(c => c.Id == 1, cancellationToken);
        if (cursor is null || cursor.LastWindowEndMs < window.EndMs)
        {
            return Refused(CorrectionRefusal.NotPublished);
        }
        long end = window.EndMs;
        var publishedValues = LatestVersions(await db.IndexValues.AsNoTracking().Where(v => v.WindowEndMs == end).ToListAsync(cancellationToken), v => v.IndexCode, v => v.Version);
        var valueInputs = publishedValues.ToDictionary(v => v.IndexCode, v => JsonSerializer.Deserialize<IndexValueInputs>(v.InputsJson, Json)!, StringComparer.Ordinal);
        if (valueInputs.Values.Any(v => v.PeriodStartsHere))
        {
            return Refused(CorrectionRefusal.PeriodStart);
        }

        var version = versions.Last(v => v.EffectiveFromMs <= end);
        var previousWindow = schedule.Previous(window);
        long after = previousWindow?.EndMs ?? schedule.StartMs;
        var previousPrices = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        if (previousWindow is { } prev)
        {
            long prevEnd = prev.EndMs;
            foreach (var record in LatestVersions(await db.Assessments.AsNoTracking().Where(a => a.WindowEndMs == prevEnd).ToListAsync(cancellationToken), a => a.Grade, a => a.Version))
            {
                var assessment = JsonSerializer.Deserialize<PriceAssessment>(record.InputsJson, Json)!;
                previousPrices[record.Grade] = (record.PriceMinor, assessment.CarriedFrom ?? prev.ToString());
            }
        }
        var publishedAssessments = LatestVersions(await db.Assessments.AsNoTracking().Where(a => a.WindowEndMs == end).ToListAsync(cancellationToken), a => a.Grade, a => a.Version)
            .ToDictionary(a => a.Grade, StringComparer.Ordinal);

        var inputs = await WindowInputs.LoadAsync(db, after, end, end, cancellationToken);
        var trades = inputs.TradesUpTo(end);
        var quotes = inputs.QuotesAt(end);
        var judgments = inputs.JudgmentsFor(end);
        var assessor = new GradeAssessor(MethodologyBook.Parameters(version));
        // Strictly later than every version of the window, so "the versions published by then" is never ambiguous.
        long latestPublished = Math.Max(
            publishedValues.Select(v => v.PublishedAtMs).DefaultIfEmpty(long.MinValue).Max(),
            publishedAssessments.Values.Select(a => a.PublishedAtMs).DefaultIfEmpty(long.MinValue).Max());
        var now = time.GetUtcNow();
        if (now.ToUnixTimeMilliseconds() <= latestPublished)
        {
            now = DateTimeOffset.FromUnixTimeMilliseconds(latestPublished + 1);
        }
        var prices = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        var newAssessments = new List<PublishedAssessment>();
        for (int g = 0; g < IndexEngine.Grades.Count; g++)
        {
            string grade = IndexEngine.Grades[g];
            var list = new ArraySegment<TradeInput>(trades.Details!, trades.Start[g], trades.Start[g + 1] - trades.Start[g]);
            var assessment = assessor.Assess(grade, window, list, quotes[g], judgments[g], previousPrices.TryGetValue(grade, out var p) ? p : null);
            prices[grade] = assessment?.PriceMinor;
            if (assessment is null)
            {
                continue;
            }
            var old = publishedAssessments.GetValueOrDefault(grade);
            var record = ToRecord(assessment, window, (old?.Version ?? 0) + 1, version.Version, now, reason);
            if (old is null || old.PriceMinor != record.PriceMinor || old.InputsJson != record.InputsJson)
            {
                newAssessments.Add(record);
            }
        }

        var newValues = new List<PublishedIndexValue>();
        var subValues = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        foreach (var (code, old) in valueInputs.OrderBy(v => v.Key == Indices.PlasticsPriceIndices.All[0].Code ? 1 : 0))
        {
            var current = old.Current.Keys.ToDictionary(k => k, k => prices.TryGetValue(k, out var price) ? price : subValues.GetValueOrDefault(k), StringComparer.Ordinal);
            var corrected = old with { Current = current };
            decimal value = corrected.Compute();
            subValues[code] = value;
            var published = publishedValues.Single(v => v.IndexCode == code);
            var record = ToRecord(code, value, corrected, window, published.Version + 1, version.Version, now, reason);
            if (record.ValueHundredths != published.ValueHundredths || record.InputsJson != published.InputsJson)
            {
                newValues.Add(record);
            }
        }
        if (newAssessments.Count == 0 && newValues.Count == 0)
        {
            return Refused(CorrectionRefusal.NothingChanged);
        }

        db.Assessments.AddRange(newAssessments);
        db.IndexValues.AddRange(newValues);
        if (cursor.LastWindowEndMs == end)
        {
            // The latest window: the next one carries forward and links from the corrected numbers.
            var state = JsonSerializer.Deserialize<IndexEngineState>(cursor.StateJson, Json)!;
            foreach (var record in newAssessments.Where(a => a.Method != nameof(AssessmentMethod.CarriedForward)))
            {
                state.Grades[record.Grade] = new GradePrice(record.PriceMinor, window.ToString());
            }
            foreach (var record in newValues)
            {
                state.Indices[record.IndexCode].LastValue = record.Value;
            }
            cursor.StateJson = JsonSerializer.Serialize(state, Json);
        }
        await db.SaveChangesAsync(cancellationToken);
        await feed.PublishAsync(newValues.Select(v => new PublishedValueEvent(v.IndexCode, window.Date, window.TimeText, v.Value, v.Version, v.MethodologyVersion)), CancellationToken.None);
        return new CorrectionOutcome(CorrectionRefusal.None, newAssessments, newValues);
    }

    private static CorrectionOutcome Refused(CorrectionRefusal refusal) => new(refusal, [], []);

    private static List<T> LatestVersions<T>(List<T> records, Func<T, string> key, Func<T, int> version)
        => [.. records.GroupBy(key, StringComparer.Ordinal).Select(g => g.MaxBy(version)!)];

    private static PublishedAssessment ToRecord(PriceAssessment assessment, AssessmentWindow window, int version, string methodology, DateTimeOffset now, string? reason) => new()
    {
        Grade = assessment.Grade,
        WindowEndMs = window.EndMs,
        Version = version,
        PriceMinor = assessment.PriceMinor,
        Method = assessment.Method.ToString(),
        MethodologyVersion = methodology,
        PublishedAtMs = now.ToUnixTimeMilliseconds(),
        CorrectionReason = reason,
        InputsJson = JsonSerializer.Serialize(assessment, Json),
    };

    private static PublishedIndexValue ToRecord(string code, decimal value, IndexValueInputs inputs, AssessmentWindow window, int version, string methodology, DateTimeOffset now, string? reason) => new()
    {
        IndexCode = code,
        WindowEndMs = window.EndMs,
        Version = version,
        ValueHundredths = (long)(value * 100),
        MethodologyVersion = methodology,
        PublishedAtMs = now.ToUnixTimeMilliseconds(),
        CorrectionReason = reason,
        InputsJson = JsonSerializer.Serialize(inputs, Json),
    };
}
