using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Sdk.Idempotency;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>
/// The registry's HTTP API under <c>/api/v1/receipts</c>: reference data and verification for anyone; load-ins and
/// receipts for traders, warehouse operators and admins, each checked for role and ownership.
/// </summary>
public static class ReceiptEndpoints
{
    /// <summary>The routes' prefix.</summary>
    public const string Prefix = "/api/v1/receipts";

    /// <summary>Rejecting a load-in.</summary>
    /// <param name="Reason">Why, for the trader (up to 500 characters).</param>
    public sealed record RejectRequest(string? Reason);

    /// <summary>Pledging a receipt to a lender, named by the email of the lender's account or by its user id.</summary>
    /// <param name="PledgeeId">The lender's user id.</param>
    /// <param name="PledgeeEmail">The email of the lender's account.</param>
    public sealed record PledgeRequest(string? PledgeeId, string? PledgeeEmail = null);

    /// <summary>Splitting a receipt.</summary>
    /// <param name="PartsKg">The new receipts' quantities in kg, adding up to the receipt's.</param>
    public sealed record SplitRequest(IReadOnlyList<long>? PartsKg);

    /// <summary>Merging receipts.</summary>
    /// <param name="Numbers">The receipt numbers.</param>
    public sealed record MergeRequest(IReadOnlyList<string>? Numbers);

    /// <summary>Maps the registry's routes.</summary>
    /// <param name="endpoints">The plugin's route builder.</param>
    public static IEndpointRouteBuilder MapReceiptRegistry(this IEndpointRouteBuilder endpoints)
    {
        var receipts = endpoints.MapGroup(Prefix).WithTags("Warehouse receipts");

        receipts.MapGet("/warehouses", async (ReceiptRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.WarehousesAsync(ct)))
            .AllowAnonymous().WithName("ListReceiptWarehouses").WithSummary("The approved delivery warehouses in Yuyao.");
        receipts.MapGet("/grades", async (ReceiptRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.GradesAsync(ct)))
            .AllowAnonymous().WithName("ListReceiptGrades").WithSummary("The deliverable grades: polymer, grade code, producer and instrument.");
        receipts.MapGet("/instruments", async (ReceiptRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.InstrumentsAsync(ct)))
            .AllowAnonymous().WithName("ListReceiptInstruments").WithSummary("The traded instruments with tick (fen/t), lot (kg) and order size limit (lots).");
        receipts.MapGet("/{number}/verify", VerifyAsync)
            .AllowAnonymous().WithName("VerifyReceipt")
            .WithSummary("A receipt's history from the hash-chained registry log, its lineage, and whether the chain and the receipt are intact; no sign-in.")
            .Produces<ReceiptVerification>().ProducesProblem(StatusCodes.Status404NotFound);

        receipts.MapPost("/load-ins", DeclareAsync)
            .RequireAuthorization(Roles.Trader).WithIdempotency().WithName("DeclareLoadIn")
            .WithSummary("A trader declares goods of a grade coming into an approved warehouse, for inspection.")
            .Produces<LoadInView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        receipts.MapGet("/load-ins", ListLoadInsAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Trader, Roles.WarehouseOperator)).WithName("ListLoadIns")
            .WithSummary("The trader's load-ins, or with as=operator those at the warehouses the user operates (status= filters).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        receipts.MapGet("/load-ins/{id:guid}", GetLoadInAsync)
            .RequireAuthorization().WithName("GetLoadIn").WithSummary("One load-in, to its trader, an operator of its warehouse, or an admin.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        receipts.MapPost("/load-ins/{id:guid}/issue", IssueAsync)
            .RequireAuthorization(Roles.WarehouseOperator).WithIdempotency().WithName("IssueReceipt")
            .WithSummary("An operator of the load-in's warehouse issues a receipt for the net weight inspected; the trader then accepts it.")
            .Produces<ReceiptView>(StatusCodes.Status201Created).ProducesRegistryProblems();
        receipts.MapPost("/load-ins/{id:guid}/reject", RejectAsync)
            .RequireAuthorization(Roles.WarehouseOperator).WithName("RejectLoadIn")
            .WithSummary("An operator of the load-in's warehouse rejects it at inspection, with a reason.")
            .Produces<LoadInView>().ProducesRegistryProblems();

        receipts.MapGet("/mine", MineAsync)
            .RequireAuthorization(Roles.Trader).WithName("ListMyReceipts")
            .WithSummary("The trader's receipts (active, pledged, waiting for acceptance; includeClosed=true adds the split, merged and cancelled ones).");
        receipts.MapGet("/holdings", async (ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.HoldingsAsync(UserId(user), ct)))
            .RequireAuthorization(Roles.Trader).WithName("GetMyReceiptHoldings")
            .WithSummary("The trader's holdings per instrument in kg: free, frozen for sell orders, pledged, and waiting for acceptance.");
        receipts.MapGet("/pledges", async (ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.PledgesOfAsync(UserId(user), ct)))
            .RequireAuthorization().WithName("ListMyPledges").WithSummary("Pledges the user made or holds as pledgee.");
        receipts.MapGet("/{number}", GetAsync)
            .RequireAuthorization().WithName("GetReceipt").WithSummary("One receipt, to its owner, its pledgee, an operator of its warehouse, or an admin.")
            .Produces<ReceiptView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        receipts.MapPost("/{number}/accept", AcceptAsync)
            .RequireAuthorization(Roles.Trader).WithName("AcceptReceipt").WithSummary("The owner accepts a receipt issued to them; it becomes active.")
            .Produces<ReceiptView>().ProducesRegistryProblems();
        receipts.MapPost("/{number}/pledge", PledgeAsync)
            .RequireAuthorization(Roles.Trader).WithIdempotency().WithName("PledgeReceipt")
            .WithSummary("The owner pledges an active receipt to a lender; it cannot be sold or pledged again until released.")
            .Produces<PledgeView>(StatusCodes.Status201Created).ProducesRegistryProblems();
        receipts.MapPost("/{number}/release", ReleaseAsync)
            .RequireAuthorization().WithName("ReleaseReceiptPledge").WithSummary("The pledgee (or an admin) releases a pledged receipt.")
            .Produces<PledgeView>().ProducesRegistryProblems();
        receipts.MapPost("/{number}/split", SplitAsync)
            .RequireAuthorization(Roles.Trader).WithIdempotency().WithName("SplitReceipt")
            .WithSummary("The owner splits an active receipt into receipts whose quantities add up to it.")
            .Produces<IReadOnlyList<ReceiptView>>(StatusCodes.Status201Created).ProducesRegistryProblems();
        receipts.MapPost("/merge", MergeAsync)
            .RequireAuthorization(Roles.Trader).WithIdempotency().WithName("MergeReceipts")
            .WithSummary("The owner merges active receipts of one grade at one warehouse into one.")
            .Produces<ReceiptView>(StatusCodes.Status201Created).ProducesRegistryProblems();
        receipts.MapPost("/{number}/cancel", CancelAsync)
            .RequireAuthorization(Roles.Trader).WithName("CancelReceiptForLoadOut")
            .WithSummary("The owner cancels an active, unfrozen receipt to take the goods out of the warehouse.")
            .Produces<ReceiptView>().ProducesRegistryProblems();

        receipts.MapGet("/warehouses/operators", async (ReceiptRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.OperatorsAsync(ct)))
            .RequireAuthorization(Roles.Admin).WithName("ListWarehouseOperators").WithSummary("Which users operate which warehouses.");
        receipts.MapPut("/warehouses/{code}/operators/{userId}", AssignOperatorAsync)
            .RequireAuthorization(Roles.Admin).WithName("AssignWarehouseOperator").WithSummary("Makes a user (who needs the WarehouseOperator role) an operator of a warehouse.")
            .Produces<OperatorView>().ProducesRegistryProblems();
        receipts.MapDelete("/warehouses/{code}/operators/{userId}", RemoveOperatorAsync)
            .RequireAuthorization(Roles.Admin).WithName("RemoveWarehouseOperator").WithSummary("Stops a user operating a warehouse.")
            .ProducesRegistryProblems();
        receipts.MapGet("/registry/verify", async (ReceiptRegistry registry, CancellationToken ct) => TypedResults.Ok(await registry.VerifyChainAsync(ct)))
            .RequireAuthorization(Roles.Admin).WithName("VerifyReceiptRegistry").WithSummary("Recomputes the whole registry log chain from its first entry to its head.");
        return endpoints;
    }

    private static async Task<IResult> VerifyAsync(string number, ReceiptRegistry registry, CancellationToken ct)
        => await registry.VerifyAsync(number, ct) is { } verification
            ? TypedResults.Ok(verification)
            : new RegistryRefusal(404, RegistryProblems.ReceiptNotFound, $"There is no receipt {number}.").ToProblem();

    private static async Task<IResult> DeclareAsync(LoadInDeclaration declaration, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.DeclareLoadInAsync(UserId(user), declaration, ct), l => TypedResults.Created($"{Prefix}/load-ins/{l.Id}", l));

    private static async Task<IResult> ListLoadInsAsync(string? @as, string? status, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
    {
        LoadInStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<LoadInStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return new RegistryRefusal(400, RegistryProblems.InvalidInput, "status is Declared, Issued or Rejected.", "status").ToProblem();
            }

            wanted = parsed;
        }

        if (@as == "operator")
        {
            return user.IsInRole(Roles.WarehouseOperator)
                ? TypedResults.Ok(await registry.LoadInsAtWarehousesOfAsync(UserId(user), wanted, ct))
                : new RegistryRefusal(403, RegistryProblems.NotWarehouseOperator, "Only warehouse operators list the load-ins at their warehouses.").ToProblem();
        }

        var mine = await registry.LoadInsOfTraderAsync(UserId(user), ct);
        return TypedResults.Ok(wanted is null ? mine : mine.Where(l => l.Status == wanted).ToList());
    }

    private static async Task<IResult> GetLoadInAsync(Guid id, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
    {
        var loadIn = await registry.LoadInAsync(id, ct);
        if (loadIn is null)
        {
            return new RegistryRefusal(404, RegistryProblems.LoadInNotFound, $"There is no load-in {id}.").ToProblem();
        }

        var me = UserId(user);
        return loadIn.TraderId == me || user.IsInRole(Roles.Admin) || await registry.IsOperatorAsync(me, loadIn.Warehouse, ct)
            ? TypedResults.Ok(loadIn)
            : new RegistryRefusal(403, RegistryProblems.NotLoadInOwner, $"Load-in {id} was declared by someone else.").ToProblem();
    }

    private static async Task<IResult> IssueAsync(Guid id, ReceiptIssue issue, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.IssueAsync(UserId(user), id, issue, ct), r => TypedResults.Created($"{Prefix}/{r.Number}", r));

    private static async Task<IResult> RejectAsync(Guid id, RejectRequest request, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.RejectLoadInAsync(UserId(user), id, request.Reason, ct), TypedResults.Ok);

    private static async Task<IResult> MineAsync(bool? includeClosed, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => TypedResults.Ok(await registry.ReceiptsOfAsync(UserId(user), includeClosed ?? false, ct));

    private static async Task<IResult> GetAsync(string number, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
    {
        var receipt = await registry.ReceiptAsync(number, ct);
        if (receipt is null)
        {
            return new RegistryRefusal(404, RegistryProblems.ReceiptNotFound, $"There is no receipt {number}.").ToProblem();
        }

        var me = UserId(user);
        var visible = receipt.OwnerId == me
                      || user.IsInRole(Roles.Admin)
                      || await registry.IsOperatorAsync(me, receipt.Warehouse, ct)
                      || (await registry.PledgesOfAsync(me, ct)).Any(p => p.ReceiptNumber == number && p.PledgeeId == me);
        return visible ? TypedResults.Ok(receipt) : new RegistryRefusal(403, RegistryProblems.NotReceiptOwner, $"Receipt {number} belongs to someone else.").ToProblem();
    }

    private static async Task<IResult> AcceptAsync(string number, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.AcceptAsync(UserId(user), number, ct), TypedResults.Ok);

    private static async Task<IResult> PledgeAsync(string number, PledgeRequest request, ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, CancellationToken ct)
    {
        var (pledgee, refusal) = await PledgeParties.ResolveAsync(accounts, request.PledgeeId, request.PledgeeEmail, ct);
        return refusal is not null
            ? refusal.ToProblem()
            : Answer(await registry.PledgeAsync(UserId(user), number, pledgee!.UserId, ct), p => TypedResults.Created($"{Prefix}/{number}", p));
    }

    private static async Task<IResult> ReleaseAsync(string number, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.ReleasePledgeAsync(UserId(user), user.IsInRole(Roles.Admin), number, ct), TypedResults.Ok);

    private static async Task<IResult> SplitAsync(string number, SplitRequest request, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.SplitAsync(UserId(user), number, request.PartsKg, ct), parts => TypedResults.Created($"{Prefix}/mine", parts));

    private static async Task<IResult> MergeAsync(MergeRequest request, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.MergeAsync(UserId(user), request.Numbers, ct), r => TypedResults.Created($"{Prefix}/{r.Number}", r));

    private static async Task<IResult> CancelAsync(string number, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.CancelForLoadOutAsync(UserId(user), number, ct), TypedResults.Ok);

    private static async Task<IResult> AssignOperatorAsync(string code, string userId, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.AssignOperatorAsync(UserId(user), code, userId, ct), TypedResults.Ok);

    private static async Task<IResult> RemoveOperatorAsync(string code, string userId, ClaimsPrincipal user, ReceiptRegistry registry, CancellationToken ct)
        => Answer(await registry.RemoveOperatorAsync(UserId(user), code, userId, ct), _ => TypedResults.NoContent());

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static IResult Answer<T>(RegistryResult<T> result, Func<T, IResult> success)
        => result.Refusal is { } refusal ? refusal.ToProblem() : success(result.Value!);

    private static RouteHandlerBuilder ProducesRegistryProblems(this RouteHandlerBuilder builder)
        => builder
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
