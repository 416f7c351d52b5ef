using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.PriceIndex.Indices;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.PriceIndex.Inputs;

/// <summary>
/// The inputs over HTTP: <c>POST /api/v1/index/quotes</c> (merchants' firm bids and offers),
/// <c>GET /api/v1/index/quotes?grade=</c> (quotes firm now) and <c>POST /api/v1/index/judgments</c> (administrators as assessors).
/// </summary>
public static class InputEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapIndexInputs(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/index").WithTags("Price index");
        group.MapPost("/quotes", SubmitAsync)
            .RequireAuthorization(Roles.Merchant)
            .WithName("SubmitPriceIndexQuote")
            .WithSummary("Submits a firm bid or offer")
            .WithDescription("A merchant's firm quote for a grade: side (Bid or Offer), price in fen per tonne, quantity in kg, valid until (future, at most 31 days). Who and when come from the sign-in and the clock.")
            .Produces<QuoteView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/quotes", ActiveAsync)
            .WithName("ListPriceIndexQuotes")
            .WithSummary("Lists the firm quotes valid now")
            .Produces<IReadOnlyList<QuoteView>>();
        group.MapPost("/judgments", JudgeAsync)
            .RequireAuthorization(Roles.Admin)
            .WithName("EnterPriceIndexJudgment")
            .WithSummary("Enters an assessor judgment")
            .WithDescription("A grade's price for one window (date yyyy-MM-dd, window HH:mm) with a written reason; used when the window's trades and quotes are not enough.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    private static async Task<IResult> SubmitAsync(SubmitQuoteRequest? request, ClaimsPrincipal user, QuoteDesk desk, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return PriceIndexRefusal.UnknownGrade(null).ToProblem();
        }
        var (quote, refusal) = await desk.SubmitAsync(request, UserId(user), DisplayName(user), cancellationToken);
        return refusal is not null
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/v1/index/quotes?grade={Uri.EscapeDataString(quote!.Grade)}", QuoteView.Of(quote));
    }

    private static async Task<IResult> ActiveAsync(string? grade, QuoteDesk desk, CancellationToken cancellationToken)
    {
        if (grade is not null && Computation.IndexEngine.GradeIndex(grade) < 0)
        {
            return PriceIndexRefusal.UnknownGrade(grade).ToProblem();
        }
        return TypedResults.Ok((await desk.ActiveAsync(grade, cancellationToken)).Select(QuoteView.Of).ToList());
    }

    private static async Task<IResult> JudgeAsync(EnterJudgmentRequest? request, ClaimsPrincipal user, JudgmentDesk desk, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return PriceIndexRefusal.ReasonRequired().ToProblem();
        }
        var (judgment, refusal) = await desk.EnterAsync(request, UserId(user), cancellationToken);
        return refusal is not null
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/v1/index/judgments/{judgment!.Id}", new { id = judgment.Id, grade = judgment.Grade, priceMinor = judgment.PriceMinor, reason = judgment.Reason });
    }

    /// <summary>The signed-in user's id.</summary>
    public static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has a user id.");

    /// <summary>The signed-in user's display name (or e-mail).</summary>
    public static string DisplayName(ClaimsPrincipal user) => user.FindFirstValue("name") ?? user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue(ClaimTypes.Email) ?? UserId(user);
}
