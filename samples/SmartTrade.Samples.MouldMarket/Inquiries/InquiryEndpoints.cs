using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Samples.MouldMarket.Data;
using SmartTrade.Samples.MouldMarket.Market;
using SmartTrade.Sdk.Idempotency;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Samples.MouldMarket.Inquiries;

/// <summary>A buyer asks mould makers for a mould (<c>POST</c>) and sees their own inquiries (<c>GET</c>).</summary>
public static class InquiryEndpoints
{
    /// <summary>Maps <c>/api/v1/moulds/inquiries</c>.</summary>
    /// <param name="endpoints">The plugin's route builder.</param>
    public static IEndpointRouteBuilder MapMouldInquiries(this IEndpointRouteBuilder endpoints)
    {
        var inquiries = endpoints.MapGroup("/api/v1/moulds/inquiries")
            .WithTags("Mould market")
            .RequireAuthorization(Roles.Buyer);
        inquiries.MapPost("/", CreateAsync)
            .WithName("CreateMouldInquiry")
            .WithSummary("Sends an inquiry for a mould to the market's makers.")
            .WithIdempotency();
        inquiries.MapGet("/", ListAsync)
            .WithName("ListMyMouldInquiries")
            .WithSummary("Lists the signed-in buyer's inquiries, newest first.");
        return endpoints;
    }

    /// <summary>An inquiry as a buyer sends it.</summary>
    /// <param name="MouldType">A mould type code: injection, die-casting, blow or stamping.</param>
    /// <param name="PartDescription">What the part is (up to 500 characters).</param>
    /// <param name="Cavities">Cavities wanted, 1 to 128.</param>
    /// <param name="ExpectedShots">Mould life wanted, 1,000 to 10,000,000 shots.</param>
    /// <param name="NeededBy">The latest acceptable delivery date, after today.</param>
    public sealed record CreateInquiry(string? MouldType, string? PartDescription, int Cavities, long ExpectedShots, DateOnly NeededBy);

    private static async Task<Results<Created<MouldInquiry>, ValidationProblem>> CreateAsync(
        CreateInquiry request,
        ClaimsPrincipal user,
        MouldMarketDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var errors = new Dictionary<string, string[]>();
        var mouldTypes = MouldMarketDescriptor.MouldTypeCodes();
        if (request.MouldType is null || !mouldTypes.Contains(request.MouldType))
        {
            errors["mouldType"] = [$"Choose one of: {string.Join(", ", mouldTypes)}."];
        }

        if (string.IsNullOrWhiteSpace(request.PartDescription) || request.PartDescription.Length > 500)
        {
            errors["partDescription"] = ["Describe the part in 1 to 500 characters."];
        }

        if (request.Cavities is < 1 or > 128)
        {
            errors["cavities"] = ["Cavities must be between 1 and 128."];
        }

        if (request.ExpectedShots is < 1_000 or > 10_000_000)
        {
            errors["expectedShots"] = ["Mould life must be between 1,000 and 10,000,000 shots."];
        }

        if (request.NeededBy <= today)
        {
            errors["neededBy"] = ["The date must be after today."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The inquiry is not valid", type: ProblemTypes.Validation);
        }

        var inquiry = new MouldInquiry
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            BuyerId = user.FindFirstValue(ClaimTypes.NameIdentifier)!,
            MouldType = request.MouldType!,
            PartDescription = request.PartDescription!.Trim(),
            Cavities = request.Cavities,
            ExpectedShots = request.ExpectedShots,
            NeededBy = request.NeededBy,
            CreatedAt = time.GetUtcNow(),
        };
        db.Inquiries.Add(inquiry);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/moulds/inquiries/{inquiry.Id}", inquiry);
    }

    private static async Task<Ok<List<MouldInquiry>>> ListAsync(ClaimsPrincipal user, MouldMarketDbContext db, CancellationToken cancellationToken)
    {
        var buyer = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var mine = await db.Inquiries.AsNoTracking().Where(i => i.BuyerId == buyer).ToListAsync(cancellationToken);

        // Ordered in memory: SQLite cannot order by DateTimeOffset, and a buyer has few inquiries.
        return TypedResults.Ok(mine.OrderByDescending(i => i.CreatedAt).ToList());
    }
}
