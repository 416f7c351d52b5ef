using System.Text.Json.Serialization;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Plugins.PriceIndex.Indices;
using SmartTrade.Plugins.PriceIndex.Methodology;

namespace SmartTrade.Plugins.PriceIndex.Inputs;

/// <summary>An assessor's judgment as submitted: the price of a grade for one window, and why.</summary>
/// <param name="Grade">The grade.</param>
/// <param name="Date">The window's date, <c>yyyy-MM-dd</c>.</param>
/// <param name="Window">The window's time, <c>HH:mm</c>.</param>
/// <param name="PriceMinor">Fen per tonne.</param>
/// <param name="Reason">Why; required.</param>
public sealed record EnterJudgmentRequest(
    [property: JsonPropertyName("grade")] string? Grade,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("window")] string? Window,
    [property: JsonPropertyName("priceMinor")] long? PriceMinor,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary>
/// Keeps assessor judgments, the third input in precedence: used for a window only when its trades and quotes are not
/// enough. A judgment for a window already published is used by a correction of that window.
/// </summary>
/// <param name="db">The plugin's tables.</param>
/// <param name="methodology">For the windows.</param>
/// <param name="time">The clock.</param>
public sealed class JudgmentDesk(PriceIndexDbContext db, MethodologyBook methodology, TimeProvider time)
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Keeps the judgment, or says why not (nothing is stored then).</summary>
    public async Task<(AssessorJudgment? Judgment, PriceIndexRefusal? Refusal)> EnterAsync(EnterJudgmentRequest request, string assessorId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Grade) || IndexEngine.GradeIndex(request.Grade) < 0)
        {
            return (null, PriceIndexRefusal.UnknownGrade(request.Grade));
        }
        if (request.PriceMinor is not (> 0 and <= QuoteDesk.MaxPriceMinor))
        {
            return (null, PriceIndexRefusal.InvalidPrice());
        }
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > MaxReasonLength)
        {
            return (null, PriceIndexRefusal.ReasonRequired());
        }
        var (_, parameters) = await methodology.CurrentAsync(cancellationToken);
        if (WindowText.Parse(request.Date, request.Window) is not { } parsed
            || new WindowSchedule(parameters.Windows, parameters.BaseDate).Find(parsed.Date, parsed.Time) is not { } window)
        {
            return (null, PriceIndexRefusal.UnknownWindow());
        }
        var judgment = new AssessorJudgment
        {
            Grade = request.Grade,
            WindowEndMs = window.EndMs,
            PriceMinor = request.PriceMinor.Value,
            Reason = request.Reason.Trim(),
            AssessorId = assessorId,
            EnteredAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.Judgments.Add(judgment);
        await db.SaveChangesAsync(cancellationToken);
        return (judgment, null);
    }
}

/// <summary>Reads a window given as a date (<c>yyyy-MM-dd</c>) and a time (<c>HH:mm</c>).</summary>
public static class WindowText
{
    /// <summary>The date and time, or null when either cannot be read.</summary>
    public static (DateOnly Date, TimeOnly Time)? Parse(string? date, string? time)
        => PriceIndexRefusal.ParseDate(date) is { } d
           && TimeOnly.TryParseExact(time, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
            ? (d, t)
            : null;
}
