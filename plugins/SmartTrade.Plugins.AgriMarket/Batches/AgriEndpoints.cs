using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.AgriMarket.Data;
using SmartTrade.Plugins.AgriMarket.Trace;
using SmartTrade.Sdk.Idempotency;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.AgriMarket.Batches;

/// <summary>
/// The market's API under <c>/api/v1/agri</c>: producers record batches, open pre-sales and record their harvests;
/// anyone reads a batch's trace record and the list of producers.
/// </summary>
public static class AgriEndpoints
{
    /// <summary>Maps the API.</summary>
    public static IEndpointRouteBuilder MapAgriApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/agri").WithTags("Farm produce");
        api.MapGet("/trace/{traceCode}", TraceAsync).AllowAnonymous().WithName("AgriTrace")
            .WithSummary("A batch's public trace record: farm, harvest, inspections, and the orders it went to (without buyers).")
            .Produces<TraceRecord>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/producers", ProducersAsync).AllowAnonymous().WithName("AgriProducers")
            .WithSummary("The producers and co-operatives known from their recorded batches.")
            .Produces<IReadOnlyList<ProducerView>>();

        var producer = api.MapGroup("/").RequireAuthorization(Roles.Merchant);
        producer.MapGet("/batches", MineAsync).WithName("AgriMyBatches").WithSummary("The producer's batches and pre-sales, newest first.")
            .Produces<IReadOnlyList<BatchView>>();
        producer.MapPost("/batches", RecordBatchAsync).WithIdempotency().WithName("AgriRecordBatch")
            .WithSummary("Records a harvested batch of one of the producer's listings; its units join the listing's stock.")
            .Produces<BatchView>(StatusCodes.Status201Created).ProducesAgriProblems();
        producer.MapPost("/presales", OpenPreSaleAsync).WithIdempotency().WithName("AgriOpenPreSale")
            .WithSummary("Opens a pre-sale: sale and delivery windows, and the listing's stock set to the forecast.")
            .Produces<BatchView>(StatusCodes.Status201Created).ProducesAgriProblems();
        producer.MapPost("/presales/{traceCode}/harvest", RecordHarvestAsync).WithIdempotency().WithName("AgriRecordHarvest")
            .WithSummary("Records a pre-sale's harvest; its orders are allocated to the batch, first placed first.")
            .Produces<BatchView>().ProducesAgriProblems();
        return endpoints;
    }

    private static RouteHandlerBuilder ProducesAgriProblems(this RouteHandlerBuilder builder)
        => builder.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static async Task<IResult> TraceAsync(string traceCode, AgriDbContext db, CancellationToken cancellationToken)
        => await TraceRecord.FindAsync(db, traceCode, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : new AgriRefusal(404, AgriProblems.UnknownTraceCode, $"No batch has trace code {traceCode}.").ToProblem();

    private static async Task<IResult> ProducersAsync(HarvestBook book, CancellationToken cancellationToken)
        => TypedResults.Ok(await book.ProducersAsync(cancellationToken));

    private static async Task<IResult> MineAsync(ClaimsPrincipal user, HarvestBook book, CancellationToken cancellationToken)
        => TypedResults.Ok(await book.MineAsync(UserId(user), cancellationToken));

    private static async Task<IResult> RecordBatchAsync(BatchInput input, ClaimsPrincipal user, HarvestBook book, CancellationToken cancellationToken)
        => Created(await book.RecordBatchAsync(UserId(user), input, cancellationToken));

    private static async Task<IResult> OpenPreSaleAsync(PreSaleInput input, ClaimsPrincipal user, HarvestBook book, CancellationToken cancellationToken)
        => Created(await book.OpenPreSaleAsync(UserId(user), input, cancellationToken));

    private static async Task<IResult> RecordHarvestAsync(string traceCode, HarvestInput input, ClaimsPrincipal user, HarvestBook book, CancellationToken cancellationToken)
    {
        var result = await book.RecordHarvestAsync(UserId(user), traceCode, input, cancellationToken);
        return result.Refusal?.ToProblem() ?? TypedResults.Ok(result.Value);
    }

    private static IResult Created(AgriResult<BatchView> result)
        => result.Refusal?.ToProblem() ?? TypedResults.Created($"/api/v1/agri/trace/{result.Value!.TraceCode}", result.Value);
}
