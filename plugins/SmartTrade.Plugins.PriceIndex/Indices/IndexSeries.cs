using System.Globalization;
using System.Text.Json.Serialization;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Plugins.PriceIndex.Publication;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Plugins.PriceIndex.Indices;

/// <summary>One point of a time series: the latest version of a window's value.</summary>
/// <param name="Date">The window's date.</param>
/// <param name="Window">The window's time, <c>HH:mm</c>.</param>
/// <param name="Value">Points, two decimals.</param>
/// <param name="Version">The version shown (more than 1 after a correction).</param>
/// <param name="MethodologyVersion">The methodology it was computed under.</param>
/// <param name="PublishedAt">When this version was published.</param>
/// <param name="CorrectionReason">Why it was corrected, or null.</param>
public sealed record SeriesPoint(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("window")] string Window,
    [property: JsonPropertyName("value")] decimal Value,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("methodologyVersion")] string MethodologyVersion,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset PublishedAt,
    [property: JsonPropertyName("correctionReason")] string? CorrectionReason)
{
    /// <summary>The point of a stored value.</summary>
    public static SeriesPoint Of(PublishedIndexValue value)
    {
        var end = Inputs.WindowInputs.Instant(value.WindowEndMs);
        return new SeriesPoint(DateOnly.FromDateTime(end.DateTime), end.ToString("HH:mm", CultureInfo.InvariantCulture), value.Value, value.Version,
            value.MethodologyVersion, Inputs.WindowInputs.Instant(value.PublishedAtMs), value.CorrectionReason);
    }
}

/// <summary>One grade's published price for a window (latest version).</summary>
/// <param name="Date">The window's date.</param>
/// <param name="Window">The window's time, <c>HH:mm</c>.</param>
/// <param name="PriceMinor">Fen per tonne.</param>
/// <param name="Method">What decided it: Vwap, QuoteMedian, Judgment or CarriedForward (flagged).</param>
/// <param name="Version">The version shown.</param>
public sealed record GradePoint(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("window")] string Window,
    [property: JsonPropertyName("priceMinor")] long PriceMinor,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("version")] int Version);

/// <summary>An index's time series as the API returns it.</summary>
/// <param name="Code">The index.</param>
/// <param name="From">First date.</param>
/// <param name="To">Last date.</param>
/// <param name="Points">The values, oldest first.</param>
public sealed record IndexSeriesView(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("to")] DateOnly To,
    [property: JsonPropertyName("points")] IReadOnlyList<SeriesPoint> Points);

/// <summary>Reads published index values: the series of one index (latest version of each window).</summary>
/// <param name="db">The plugin's tables.</param>
/// <param name="cache">
/// The shared cache: series and grade prices are kept in <see cref="IndexFeed.CacheRegion"/>, which every publication
/// and correction invalidates on every host.
/// </param>
public sealed class IndexSeriesReader(PriceIndexDbContext db, ISharedCache cache)
{
    private static readonly TimeSpan CacheTimeToLive = TimeSpan.FromMinutes(10);

    /// <summary>The latest version of each window's value from <paramref name="from"/> to <paramref name="to"/> (dates, inclusive).</summary>
    public async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(string code, DateOnly from, DateOnly to, CancellationToken cancellationToken)
        => await cache.GetOrCreateAsync<SeriesPoint[]>(IndexFeed.CacheRegion, $"index:{code}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}",
            async token => [.. await ReadSeriesAsync(code, from, to, token)], CacheTimeToLive, cancellationToken);

    /// <summary>A grade's published prices from <paramref name="from"/> to <paramref name="to"/> (latest version of each window).</summary>
    public async Task<IReadOnlyList<GradePoint>> GradeSeriesAsync(string grade, DateOnly from, DateOnly to, CancellationToken cancellationToken)
        => await cache.GetOrCreateAsync<GradePoint[]>(IndexFeed.CacheRegion, $"grade:{grade}:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}",
            async token => [.. await ReadGradeSeriesAsync(grade, from, to, token)], CacheTimeToLive, cancellationToken);

    private async Task<IReadOnlyList<SeriesPoint>> ReadSeriesAsync(string code, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        long start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();
        long end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();
        var rows = await db.IndexValues.AsNoTracking()
            .Where(v => v.IndexCode == code && v.WindowEndMs >= start && v.WindowEndMs < end)
            .Select(v => new { v.WindowEndMs, v.Version, v.ValueHundredths, v.MethodologyVersion, v.PublishedAtMs, v.CorrectionReason })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.WindowEndMs).OrderBy(g => g.Key).Select(g => g.MaxBy(r => r.Version)!)
            .Select(r => SeriesPoint.Of(new PublishedIndexValue
            {
                IndexCode = code, WindowEndMs = r.WindowEndMs, Version = r.Version, ValueHundredths = r.ValueHundredths,
                MethodologyVersion = r.MethodologyVersion, PublishedAtMs = r.PublishedAtMs, CorrectionReason = r.CorrectionReason, InputsJson = string.Empty,
            }))];
    }

    private async Task<IReadOnlyList<GradePoint>> ReadGradeSeriesAsync(string grade, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        long start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();
        long end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();
        var rows = await db.Assessments.AsNoTracking()
            .Where(a => a.Grade == grade && a.WindowEndMs >= start && a.WindowEndMs < end)
            .Select(a => new { a.WindowEndMs, a.Version, a.PriceMinor, a.Method })
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.WindowEndMs).OrderBy(g => g.Key).Select(g => g.MaxBy(r => r.Version)!).Select(r =>
        {
            var at = Inputs.WindowInputs.Instant(r.WindowEndMs);
            return new GradePoint(DateOnly.FromDateTime(at.DateTime), at.ToString("HH:mm", CultureInfo.InvariantCulture), r.PriceMinor, r.Method, r.Version);
        })];
    }

    /// <summary>Every version of the windows corrected from <paramref name="from"/> to <paramref name="to"/>, newest window first.</summary>
    public async Task<IReadOnlyList<(string Code, IReadOnlyList<SeriesPoint> Versions)>> CorrectionsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        long start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();
        long end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();
        var corrected = await db.IndexValues.AsNoTracking()
            .Where(v => v.Version > 1 && v.WindowEndMs >= start && v.WindowEndMs < end)
            .Select(v => new { v.IndexCode, v.WindowEndMs })
            .Distinct()
            .ToListAsync(cancellationToken);
        var result = new List<(string, IReadOnlyList<SeriesPoint>)>();
        foreach (var window in corrected.OrderByDescending(c => c.WindowEndMs).ThenBy(c => c.IndexCode, StringComparer.Ordinal).Take(50))
        {
            var versions = await db.IndexValues.AsNoTracking()
                .Where(v => v.IndexCode == window.IndexCode && v.WindowEndMs == window.WindowEndMs)
                .OrderBy(v => v.Version)
                .ToListAsync(cancellationToken);
            result.Add((window.IndexCode, [.. versions.Select(SeriesPoint.Of)]));
        }
        return result;
    }

    /// <summary>The last published date, or null when nothing is published.</summary>
    public async Task<DateOnly?> LastDateAsync(CancellationToken cancellationToken)
    {
        var last = await db.IndexValues.AsNoTracking().OrderByDescending(v => v.WindowEndMs).Select(v => (long?)v.WindowEndMs).FirstOrDefaultAsync(cancellationToken);
        return last is { } ms ? AssessmentWindow.LocalDate(DateTimeOffset.FromUnixTimeMilliseconds(ms)) : null;
    }
}

/// <summary>
/// <c>GET /api/v1/index/{code}?from=&amp;to=</c>: the series as JSON, or CSV with <c>?format=csv</c> or <c>Accept: text/csv</c>.
/// Dates are <c>yyyy-MM-dd</c>; by default the year up to the last published date.
/// </summary>
public static class GetIndexSeries
{
    private const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The longest range served at once.</summary>
    public const int MaxDays = 3660;

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapIndexSeries(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/index/{code}", HandleAsync)
            .WithTags("Price index")
            .WithName("GetPriceIndexSeries")
            .WithSummary("An index's time series")
            .WithDescription("Every published window's value (latest version) from `from` to `to` (yyyy-MM-dd, inclusive; default the last year published). JSON by default; CSV with ?format=csv or Accept: text/csv.")
            .Produces<IndexSeriesView>()
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/api/v1/index/grades/{grade}", GradeAsync)
            .WithTags("Price index")
            .WithName("GetPriceIndexGradeSeries")
            .WithSummary("A grade's assessed prices")
            .WithDescription("Every published window's price of one grade (fen per tonne, latest version) with the method that decided it, from `from` to `to` (yyyy-MM-dd; default the last year published). PET-CR-8816 is assessed here though it belongs to no index.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    /// <summary>Answers a grade series request.</summary>
    public static async Task<IResult> GradeAsync(string grade, string? from, string? to, IndexSeriesReader reader, CancellationToken cancellationToken)
    {
        if (Computation.IndexEngine.GradeIndex(grade) < 0)
        {
            return PriceIndexRefusal.UnknownGrade(grade).ToProblem();
        }
        var range = await RangeAsync(from, to, reader, cancellationToken);
        return range.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Ok(new { grade, from = range.From, to = range.To, points = await reader.GradeSeriesAsync(grade, range.From, range.To, cancellationToken) });
    }

    /// <summary>Answers the request.</summary>
    public static async Task<IResult> HandleAsync(string code, string? from, string? to, string? format, HttpRequest request, IndexSeriesReader reader, CancellationToken cancellationToken)
    {
        if (PlasticsPriceIndices.Find(code) is not { } index)
        {
            return PriceIndexRefusal.UnknownIndex(code).ToProblem();
        }
        bool? csv = format?.ToLowerInvariant() switch
        {
            null or "" => GetIndexDefinitions.AcceptsCsv(request),
            "csv" => true,
            "json" => false,
            _ => null,
        };
        if (csv is null)
        {
            return new PriceIndexRefusal("invalid-format", StatusCodes.Status400BadRequest, "format", new("格式为 json 或 csv。", "Use format json or csv.")).ToProblem();
        }
        var range = await RangeAsync(from, to, reader, cancellationToken);
        if (range.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }
        var points = await reader.SeriesAsync(index.Code, range.From, range.To, cancellationToken);
        return csv.Value
            ? TypedResults.Bytes(ToCsv(index.Code, points), CsvContentType, $"{index.Code}-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}.csv")
            : TypedResults.Ok(new IndexSeriesView(index.Code, range.From, range.To, points));
    }

    /// <summary>Reads a date range; by default the year up to the last published date (or today's date when nothing is published).</summary>
    public static async Task<(DateOnly From, DateOnly To, PriceIndexRefusal? Refusal)> RangeAsync(string? from, string? to, IndexSeriesReader reader, CancellationToken cancellationToken)
    {
        DateOnly? Parse(string? text) => PriceIndexRefusal.ParseDate(text);
        if (!string.IsNullOrEmpty(from) && Parse(from) is null)
        {
            return (default, default, PriceIndexRefusal.InvalidDate("from"));
        }
        if (!string.IsNullOrEmpty(to) && Parse(to) is null)
        {
            return (default, default, PriceIndexRefusal.InvalidDate("to"));
        }
        var last = Parse(to) ?? await reader.LastDateAsync(cancellationToken) ?? PlasticsPriceIndices.BaseDate;
        var first = Parse(from) ?? last.AddYears(-1);
        if (first > last || last.DayNumber - first.DayNumber > MaxDays)
        {
            return (default, default, new PriceIndexRefusal("invalid-range", StatusCodes.Status400BadRequest, "from",
                new("起始日期须不晚于结束日期，且范围不超过 10 年。", "from must not be after to, and the range is at most 10 years.")));
        }
        return (first, last, null);
    }

    private static byte[] ToCsv(string code, IReadOnlyList<SeriesPoint> points)
    {
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(["code", "date", "window", "value", "version", "methodologyVersion", "publishedAt", "correctionReason"]);
            foreach (var point in points)
            {
                csv.WriteField(code);
                csv.WriteField(point.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(point.Window);
                csv.WriteField(point.Value.ToString("0.00", CultureInfo.InvariantCulture));
                csv.WriteField(point.Version.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(point.MethodologyVersion);
                csv.WriteField(point.PublishedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
                csv.WriteField(point.CorrectionReason ?? string.Empty);
                csv.EndRecord();
            }
        }
        return output.ToArray();
    }
}
