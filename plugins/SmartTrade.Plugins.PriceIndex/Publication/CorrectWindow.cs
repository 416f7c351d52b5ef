using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.PriceIndex.Indices;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.PriceIndex.Publication;

/// <summary>A correction as requested: which window, and why.</summary>
/// <param name="Date">The window's date, <c>yyyy-MM-dd</c>.</param>
/// <param name="Window">The window's time, <c>HH:mm</c>.</param>
/// <param name="Reason">Why; published with the new versions.</param>
public sealed record CorrectionRequest(
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("window")] string? Window,
    [property: JsonPropertyName("reason")] string? Reason);

/// <summary>
/// <c>POST /api/v1/index/corrections</c> (administrators, acting as assessors): recomputes a published window from the
/// inputs stored now and publishes new versions of what changed, with the reason.
/// </summary>
public static class CorrectWindow
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapCorrections(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/index/corrections", HandleAsync)
            .RequireAuthorization(Roles.Admin)
            .WithTags("Price index")
            .WithName("CorrectPriceIndexWindow")
            .WithSummary("Publishes a correction of a window")
            .WithDescription("Recomputes the window from the inputs stored now (late trades, quotes, judgments) and publishes a new version of every grade price and index value that changed, with the reason. 409 when nothing changes.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    /// <summary>Answers the request.</summary>
    public static async Task<IResult> HandleAsync(CorrectionRequest? request, IndexPublisher publisher, CancellationToken cancellationToken)
    {
        var (outcome, refusal) = await CorrectAsync(request, publisher, cancellationToken);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(new
        {
            values = outcome!.Values.Select(SeriesPoint.Of).Zip(outcome.Values, (p, v) => new { code = v.IndexCode, p.Date, p.Window, p.Value, p.Version, p.CorrectionReason }),
            assessments = outcome.Assessments.Select(a => new { grade = a.Grade, priceMinor = a.PriceMinor, method = a.Method, version = a.Version }),
        });
    }

    /// <summary>Checks and publishes a correction; the refusal says why nothing was published.</summary>
    public static async Task<(CorrectionOutcome? Outcome, PriceIndexRefusal? Refusal)> CorrectAsync(CorrectionRequest? request, IndexPublisher publisher, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Reason) || request.Reason.Trim().Length > JudgmentDesk.MaxReasonLength)
        {
            return (null, PriceIndexRefusal.ReasonRequired());
        }
        if (WindowText.Parse(request.Date, request.Window) is not { } window)
        {
            return (null, PriceIndexRefusal.UnknownWindow());
        }
        var outcome = await publisher.CorrectAsync(window.Date, window.Time, request.Reason.Trim(), cancellationToken);
        PriceIndexRefusal? refusal = outcome.Refusal switch
        {
            CorrectionRefusal.None => null,
            CorrectionRefusal.UnknownWindow => PriceIndexRefusal.UnknownWindow(),
            CorrectionRefusal.NotPublished => new("not-published", StatusCodes.Status404NotFound, "window", new("这个窗口还没有发布，无需更正。", "That window is not published yet, so there is nothing to correct.")),
            CorrectionRefusal.PeriodStart => new("period-start", StatusCodes.Status409Conflict, "window", new("基期和重新加权窗口的价格是该期的参考价，不能更正。", "The base and re-weighting windows fix their period's reference prices and are not corrected.")),
            _ => new("nothing-to-correct", StatusCodes.Status409Conflict, "window", new("按现有输入重新计算，结果与已发布的相同。", "Recomputing the window from the stored inputs gives the published values.")),
        };
        return (refusal is null ? outcome : null, refusal);
    }
}
