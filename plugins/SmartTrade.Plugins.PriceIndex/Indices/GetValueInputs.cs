using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Plugins.PriceIndex.Methodology;
using SmartTrade.Plugins.PriceIndex.Publication;

namespace SmartTrade.Plugins.PriceIndex.Indices;

/// <summary>
/// <c>GET /api/v1/index/{code}/values/{date}/inputs</c>: every version of the day's values of an index with what each was
/// computed from (period, weights, references, link value, current prices), the grade assessments behind a polymer
/// sub-index (trades, quotes, judgment, excluded outliers) and the methodology's parameters, so anyone can recompute them.
/// Also <c>GET /api/v1/index/stream</c>, the live feed of published values (Server-Sent Events, event <c>value</c>).
/// </summary>
public static class GetValueInputs
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapValueInputs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/index/{code}/values/{date}/inputs", HandleAsync)
            .WithTags("Price index")
            .WithName("GetPriceIndexValueInputs")
            .WithSummary("The inputs of a day's index values")
            .WithDescription("Every version of the index's values on the date (yyyy-MM-dd), each with its inputs and methodology version: enough to recompute it.")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/api/v1/index/stream", Stream)
            .WithTags("Price index")
            .WithName("StreamPriceIndexValues")
            .WithSummary("Live feed of published index values")
            .WithDescription("Server-Sent Events: a `ready` event once listening, then one `value` event per published value or correction (code, date, window, value, version, methodologyVersion).");
        return endpoints;
    }

    /// <summary>Answers the request.</summary>
    public static async Task<IResult> HandleAsync(string code, string date, PriceIndexDbContext db, MethodologyBook methodology, CancellationToken cancellationToken)
    {
        if (PlasticsPriceIndices.Find(code) is not { } index)
        {
            return PriceIndexRefusal.UnknownIndex(code).ToProblem();
        }
        if (PriceIndexRefusal.ParseDate(date) is not { } day)
        {
            return PriceIndexRefusal.InvalidDate("date").ToProblem();
        }
        long start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();
        long end = start + (long)TimeSpan.FromDays(1).TotalMilliseconds;
        var values = await db.IndexValues.AsNoTracking()
            .Where(v => v.IndexCode == index.Code && v.WindowEndMs >= start && v.WindowEndMs < end)
            .ToListAsync(cancellationToken);
        if (values.Count == 0)
        {
            return new PriceIndexRefusal("not-published", StatusCodes.Status404NotFound, "date",
                new($"{index.Code} 在 {date} 没有发布值。", $"{index.Code} has no value published on {date}.")).ToProblem();
        }
        var assessments = index.Kind == IndexKind.Polymer
            ? await db.Assessments.AsNoTracking().Where(a => a.WindowEndMs >= start && a.WindowEndMs < end && index.Constituents.Contains(a.Grade)).ToListAsync(cancellationToken)
            : [];
        var versions = (await methodology.HistoryAsync(cancellationToken)).ToDictionary(v => v.Version, StringComparer.Ordinal);

        var list = new JsonArray();
        foreach (var value in values.OrderBy(v => v.WindowEndMs).ThenBy(v => v.Version))
        {
            var point = SeriesPoint.Of(value);
            var grades = new JsonArray();
            // The grade versions in force when this value version was published.
            foreach (var grade in assessments.Where(a => a.WindowEndMs == value.WindowEndMs && a.PublishedAtMs <= value.PublishedAtMs)
                .GroupBy(a => a.Grade).Select(g => g.MaxBy(a => a.Version)!).OrderBy(a => a.Grade, StringComparer.Ordinal))
            {
                grades.Add(new JsonObject
                {
                    ["grade"] = grade.Grade,
                    ["version"] = grade.Version,
                    ["priceMinor"] = grade.PriceMinor,
                    ["method"] = grade.Method,
                    ["correctionReason"] = grade.CorrectionReason,
                    ["assessment"] = JsonNode.Parse(grade.InputsJson),
                });
            }
            list.Add(new JsonObject
            {
                ["window"] = point.Window,
                ["version"] = value.Version,
                ["value"] = value.Value,
                ["methodologyVersion"] = value.MethodologyVersion,
                ["publishedAt"] = point.PublishedAt,
                ["correctionReason"] = value.CorrectionReason,
                ["inputs"] = JsonNode.Parse(value.InputsJson),
                ["assessments"] = grades,
            });
        }
        var methodologies = new JsonObject();
        foreach (var name in values.Select(v => v.MethodologyVersion).Distinct(StringComparer.Ordinal))
        {
            if (versions.TryGetValue(name, out var version))
            {
                methodologies[name] = JsonNode.Parse(version.ParametersJson);
            }
        }
        return TypedResults.Ok(new JsonObject
        {
            ["code"] = index.Code,
            ["date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["formula"] = IndexValueInputs.FormulaText,
            ["methodology"] = methodologies,
            ["values"] = list,
        });
    }

    private static IResult Stream(IndexFeed feed, CancellationToken cancellationToken)
        => TypedResults.ServerSentEvents(StreamAsync(feed, cancellationToken));

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(IndexFeed feed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var values = feed.Subscribe(cancellationToken);
        // Says the listener is in place: every value published from now on will follow.
        yield return new SseItem<string>("{}", "ready");
        await foreach (var value in values.ReadAllAsync(cancellationToken))
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(value, MethodologyBook.Json), "value");
        }
    }
}
