using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Plugins.WarehouseReceipts.Screen;

/// <summary>
/// The registry's storefront pages: <c>/receipts</c> (a trader's receipts, holdings, load-ins and declaration),
/// <c>/receipts/{number}</c> (a receipt's verified history for anyone, and its owner's actions) and
/// <c>/receipts/operator</c> (the warehouse desk: inspecting load-ins, issuing or rejecting). Every change goes through
/// <see cref="ReceiptRegistry"/>, whose refusals are shown next to the field at fault.
/// </summary>
public static class ReceiptPages
{
    private static readonly LocalizedText MineTitle = new("我的仓单", "My receipts");
    private static readonly LocalizedText DeskTitle = new("仓库作业", "Warehouse desk");
    private static readonly LocalizedText ReceiptTitle = new("仓单查询", "Receipt lookup");

    /// <summary>Maps the pages, their forms and their menu entries.</summary>
    public static IEndpointRouteBuilder MapReceiptPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/receipts").ExcludeFromDescription();
        pages.MapGet("/", MineAsync).RequireAuthorization(Roles.Trader)
            .WithNavigation(new NavigationEntry("/receipts", MineTitle, NavigationArea.Account, 40, Roles.Trader));
        pages.MapPost("/load-ins", DeclareAsync).RequireAuthorization(Roles.Trader).RequireFormToken();
        pages.MapPost("/{number}/accept", AcceptAsync).RequireAuthorization(Roles.Trader).RequireFormToken();

        pages.MapGet("/operator", DeskAsync).RequireAuthorization(Roles.WarehouseOperator)
            .WithNavigation(new NavigationEntry("/receipts/operator", DeskTitle, NavigationArea.Account, 41, Roles.WarehouseOperator));
        pages.MapPost("/operator/load-ins/{id:guid}/issue", IssueAsync).RequireAuthorization(Roles.WarehouseOperator).RequireFormToken();
        pages.MapPost("/operator/load-ins/{id:guid}/reject", RejectAsync).RequireAuthorization(Roles.WarehouseOperator).RequireFormToken();

        pages.MapGet("/{number}", ReceiptAsync).AllowAnonymous();
        pages.MapPost("/{number}/split", SplitAsync).RequireAuthorization(Roles.Trader).RequireFormToken();
        pages.MapPost("/{number}/pledge", PledgeAsync).RequireAuthorization(Roles.Trader).RequireFormToken();
        pages.MapPost("/{number}/release", ReleaseAsync).RequireAuthorization().RequireFormToken();
        pages.MapPost("/{number}/cancel", CancelAsync).RequireAuthorization(Roles.Trader).RequireFormToken();
        return endpoints;
    }

    // Notices after a redirect (?done=...), so a reload does not post again.
    private static string? Notice(string? done) => done switch
    {
        "declared" => T("入库申报已提交，等待仓库检验。", "Load-in declared; the warehouse will inspect it."),
        "accepted" => T("仓单已接收，现在可以使用。", "Receipt accepted; it is yours to use."),
        "split" => T("仓单已拆分，新仓单见下表。", "The receipt was split; the new receipts are listed below."),
        "pledged" => T("仓单已质押。", "The receipt is pledged."),
        "released" => T("质押已解除。", "The pledge is released."),
        "cancelled" => T("仓单已注销，可以提货。", "The receipt is cancelled; the goods can be loaded out."),
        "issued" => T("仓单已签发，等待货主接收。", "Receipt issued; the owner will accept it."),
        "rejected" => T("入库申报已拒绝。", "The load-in was rejected."),
        _ => null,
    };

    // ---- /receipts: the trader's receipts ----

    private static Task<IResult> MineAsync(string? done, ClaimsPrincipal user, ReceiptRegistry registry, IStorefrontPages pages, CancellationToken cancellationToken)
        => RenderMineAsync(user, registry, pages, new MyReceipts.LoadInForm(), new Dictionary<string, string>(), Notice(done), StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> DeclareAsync([FromForm] MyReceipts.LoadInForm form, ClaimsPrincipal user, ReceiptRegistry registry, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var grades = await registry.GradesAsync(cancellationToken);
        var grade = int.TryParse(form.Grade, NumberStyles.None, CultureInfo.InvariantCulture, out var gradeId) ? grades.Find(g => g.Id == gradeId) : null;
        if (grade is null)
        {
            errors["loadin-grade"] = T("请选择牌号和生产商。", "Choose the grade and producer.");
        }

        var kg = RegistryText.ParseKg(form.QuantityKg);
        if (kg is null)
        {
            errors["loadin-quantity"] = T("请填写整数公斤数。", "Enter a whole number of kg.");
        }

        DateOnly? produced = null;
        if (DateOnly.TryParseExact(form.ProductionDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            produced = date;
        }
        else
        {
            errors["loadin-date"] = T("请按 年-月-日 填写生产日期。", "Enter the production date as year-month-day.");
        }

        if (errors.Count == 0)
        {
            var declared = await registry.DeclareLoadInAsync(
                UserId(user), new LoadInDeclaration(grade!.InstrumentCode, grade.Producer, form.Warehouse, kg!.Value, produced, form.BatchNumber), cancellationToken);
            if (declared.Refusal is not { } refusal)
            {
                return Redirect("/receipts?done=declared");
            }

            errors[refusal.Field switch
            {
                "quantityKg" => "loadin-quantity",
                "instrument" or "producer" => "loadin-grade",
                "warehouse" => "loadin-warehouse",
                "productionDate" => "loadin-date",
                "batchNumber" => "loadin-batch",
                _ => "loadin",
            }] = RegistryText.Describe(refusal);
            return await RenderMineAsync(user, registry, pages, form, errors, null, refusal.Status, cancellationToken);
        }

        return await RenderMineAsync(user, registry, pages, form, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
    }

    private static async Task<IResult> AcceptAsync(string number, ClaimsPrincipal user, ReceiptRegistry registry, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var accepted = await registry.AcceptAsync(UserId(user), number, cancellationToken);
        return accepted.Refusal is { } refusal
            ? await RenderMineAsync(user, registry, pages, new MyReceipts.LoadInForm(), new Dictionary<string, string> { ["accept"] = RegistryText.Describe(refusal) }, null, refusal.Status, cancellationToken)
            : Redirect("/receipts?done=accepted");
    }

    private static async Task<IResult> RenderMineAsync(
        ClaimsPrincipal user, ReceiptRegistry registry, IStorefrontPages pages, MyReceipts.LoadInForm form, Dictionary<string, string> errors, string? notice, int status, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        return pages.Page<MyReceipts>(MineTitle, new Dictionary<string, object?>
        {
            [nameof(MyReceipts.Receipts)] = await registry.ReceiptsOfAsync(me, includeClosed: false, cancellationToken),
            [nameof(MyReceipts.Holdings)] = await registry.HoldingsAsync(me, cancellationToken),
            [nameof(MyReceipts.LoadIns)] = await registry.LoadInsOfTraderAsync(me, cancellationToken),
            [nameof(MyReceipts.Reference)] = await ReferenceAsync(registry, cancellationToken),
            [nameof(MyReceipts.Form)] = form,
            [nameof(MyReceipts.Errors)] = errors,
            [nameof(MyReceipts.Notice)] = notice,
        }, status);
    }

    // ---- /receipts/{number}: a receipt's verified history, and its owner's actions ----

    private static Task<IResult> ReceiptAsync(string number, string? done, HttpContext http, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, CancellationToken cancellationToken)
        => RenderReceiptAsync(number, http.User, registry, accounts, pages, new ReceiptDetail.ActionForms(), new Dictionary<string, string>(), Notice(done), StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> SplitAsync(string number, [FromForm] string? parts, ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var forms = new ReceiptDetail.ActionForms(Parts: parts);
        var partsKg = RegistryText.ParseParts(parts);
        if (partsKg is null)
        {
            var error = T("请用逗号分隔各部分的整数公斤数，例如 10000, 5000。", "Separate the parts' whole kg with commas, e.g. 10000, 5000.");
            return await RenderReceiptAsync(number, user, registry, accounts, pages, forms, new Dictionary<string, string> { ["split-parts"] = error }, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        var split = await registry.SplitAsync(UserId(user), number, partsKg, cancellationToken);
        return split.Refusal is { } refusal
            ? await RenderReceiptAsync(number, user, registry, accounts, pages, forms, new Dictionary<string, string> { ["split-parts"] = RegistryText.Describe(refusal) }, null, refusal.Status, cancellationToken)
            : Redirect("/receipts?done=split");
    }

    private static async Task<IResult> PledgeAsync(string number, [FromForm] string? pledgeeEmail, ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var (pledgee, refusal) = await PledgeParties.ResolveAsync(accounts, null, pledgeeEmail, cancellationToken);
        if (pledgee is not null)
        {
            refusal = (await registry.PledgeAsync(UserId(user), number, pledgee.UserId, cancellationToken)).Refusal;
        }

        return refusal is not null
            ? await RenderReceiptAsync(number, user, registry, accounts, pages, new ReceiptDetail.ActionForms(PledgeeEmail: pledgeeEmail), new Dictionary<string, string> { ["pledge-pledgee"] = RegistryText.Describe(refusal) }, null, refusal.Status, cancellationToken)
            : Redirect($"/receipts/{Uri.EscapeDataString(number)}?done=pledged");
    }

    private static async Task<IResult> ReleaseAsync(string number, ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var released = await registry.ReleasePledgeAsync(UserId(user), user.IsInRole(Roles.Admin), number, cancellationToken);
        return released.Refusal is { } refusal
            ? await RenderReceiptAsync(number, user, registry, accounts, pages, new ReceiptDetail.ActionForms(), new Dictionary<string, string> { ["release"] = RegistryText.Describe(refusal) }, null, refusal.Status, cancellationToken)
            : Redirect($"/receipts/{Uri.EscapeDataString(number)}?done=released");
    }

    private static async Task<IResult> CancelAsync(string number, ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var cancelled = await registry.CancelForLoadOutAsync(UserId(user), number, cancellationToken);
        return cancelled.Refusal is { } refusal
            ? await RenderReceiptAsync(number, user, registry, accounts, pages, new ReceiptDetail.ActionForms(), new Dictionary<string, string> { ["cancel"] = RegistryText.Describe(refusal) }, null, refusal.Status, cancellationToken)
            : Redirect($"/receipts/{Uri.EscapeDataString(number)}?done=cancelled");
    }

    private static async Task<IResult> RenderReceiptAsync(
        string number, ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, ReceiptDetail.ActionForms forms, Dictionary<string, string> errors, string? notice, int status, CancellationToken cancellationToken)
    {
        var verification = await registry.VerifyAsync(number, cancellationToken);
        if (verification is null)
        {
            return pages.Message(StatusCodes.Status404NotFound, ReceiptTitle, new LocalizedText($"没有编号为 {number} 的仓单。", $"There is no receipt {number}."));
        }

        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var receipt = verification.Receipt;
        PledgeView? pledge = null;
        if (me is not null && receipt.PledgeId is { } pledgeId)
        {
            pledge = (await registry.PledgesOfAsync(me, cancellationToken)).FirstOrDefault(p => p.Id == pledgeId);
        }

        // The parties of a pledge see each other by name and account email; nobody else sees either.
        var pledgee = pledge is null ? null : await accounts.FindAsync(pledge.PledgeeId, cancellationToken);
        var pledgor = pledge is null || pledge.PledgeeId != me ? null : await accounts.FindAsync(pledge.PledgorId, cancellationToken);

        return pages.Page<ReceiptDetail>(new LocalizedText($"仓单 {receipt.Number}", $"Receipt {receipt.Number}"), new Dictionary<string, object?>
        {
            [nameof(ReceiptDetail.Verification)] = verification,
            [nameof(ReceiptDetail.Reference)] = await ReferenceAsync(registry, cancellationToken),
            [nameof(ReceiptDetail.IsOwner)] = me == receipt.OwnerId && user.IsInRole(Roles.Trader),
            [nameof(ReceiptDetail.Pledge)] = pledge,
            [nameof(ReceiptDetail.Pledgee)] = pledgee,
            [nameof(ReceiptDetail.Pledgor)] = pledgor,
            [nameof(ReceiptDetail.MayRelease)] = receipt.Status == ReceiptStatus.Pledged && (user.IsInRole(Roles.Admin) || (pledge is not null && pledge.PledgeeId == me)),
            [nameof(ReceiptDetail.Forms)] = forms,
            [nameof(ReceiptDetail.Errors)] = errors,
            [nameof(ReceiptDetail.Notice)] = notice,
        }, status);
    }

    // ---- /receipts/operator: the warehouse desk ----

    private static Task<IResult> DeskAsync(string? done, ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, CancellationToken cancellationToken)
        => RenderDeskAsync(user, registry, accounts, pages, null, new WarehouseDesk.DecisionForm(), new Dictionary<string, string>(), Notice(done), StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> IssueAsync(Guid id, [FromForm] WarehouseDesk.DecisionForm form, ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var kg = RegistryText.ParseKg(form.NetWeightKg);
        if (kg is null)
        {
            var errors = new Dictionary<string, string> { [WarehouseDesk.FieldId("weight", id)] = T("请填写检验得到的净重（整数公斤）。", "Enter the net weight found, in whole kg.") };
            return await RenderDeskAsync(user, registry, accounts, pages, id, form, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
        }

        var issued = await registry.IssueAsync(UserId(user), id, new ReceiptIssue(kg.Value, form.InspectionCertificate), cancellationToken);
        if (issued.Refusal is not { } refusal)
        {
            return Redirect("/receipts/operator?done=issued");
        }

        var field = refusal.Field switch { "netWeightKg" => "weight", "inspectionCertificate" => "certificate", _ => "issue" };
        return await RenderDeskAsync(user, registry, accounts, pages, id, form, new Dictionary<string, string> { [WarehouseDesk.FieldId(field, id)] = RegistryText.Describe(refusal) }, null, refusal.Status, cancellationToken);
    }

    private static async Task<IResult> RejectAsync(Guid id, [FromForm] WarehouseDesk.DecisionForm form, ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var rejected = await registry.RejectLoadInAsync(UserId(user), id, form.Reason, cancellationToken);
        if (rejected.Refusal is not { } refusal)
        {
            return Redirect("/receipts/operator?done=rejected");
        }

        var field = refusal.Field == "reason" ? "reason" : "reject";
        return await RenderDeskAsync(user, registry, accounts, pages, id, form, new Dictionary<string, string> { [WarehouseDesk.FieldId(field, id)] = RegistryText.Describe(refusal) }, null, refusal.Status, cancellationToken);
    }

    private static async Task<IResult> RenderDeskAsync(
        ClaimsPrincipal user, ReceiptRegistry registry, IAccountDirectory accounts, IStorefrontPages pages, Guid? posted, WarehouseDesk.DecisionForm form, Dictionary<string, string> errors, string? notice, int status, CancellationToken cancellationToken)
    {
        var me = UserId(user);
        var loadIns = await registry.LoadInsAtWarehousesOfAsync(me, null, cancellationToken);
        // The warehouse deals with the trader who declared the goods: it sees who that is.
        var traders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var traderId in loadIns.Select(l => l.TraderId).Distinct(StringComparer.Ordinal))
        {
            traders[traderId] = (await accounts.FindAsync(traderId, cancellationToken))?.Describe() ?? traderId;
        }

        // A decision on a load-in that has no form here (someone else's, or decided already) is answered at the top.
        var formError = errors.Count > 0 && posted is { } id && loadIns.All(l => l.Id != id || l.Status != LoadInStatus.Declared)
            ? errors.Values.First()
            : null;
        return pages.Page<WarehouseDesk>(DeskTitle, new Dictionary<string, object?>
        {
            [nameof(WarehouseDesk.Warehouses)] = (await registry.OperatorsAsync(cancellationToken)).Where(o => o.UserId == me).Select(o => o.Warehouse).ToList(),
            [nameof(WarehouseDesk.LoadIns)] = loadIns,
            [nameof(WarehouseDesk.Traders)] = traders,
            [nameof(WarehouseDesk.Reference)] = await ReferenceAsync(registry, cancellationToken),
            [nameof(WarehouseDesk.Posted)] = posted,
            [nameof(WarehouseDesk.Form)] = form,
            [nameof(WarehouseDesk.Errors)] = errors,
            [nameof(WarehouseDesk.FormError)] = formError,
            [nameof(WarehouseDesk.Notice)] = notice,
        }, status);
    }

    private static async Task<RegistryReference> ReferenceAsync(ReceiptRegistry registry, CancellationToken cancellationToken)
        => new(await registry.GradesAsync(cancellationToken), await registry.WarehousesAsync(cancellationToken));

    private static IResult Redirect(string url) => Results.Redirect(url, permanent: false, preserveMethod: false);

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has a user id.");
}

/// <summary>The registry's reference data as the pages name things: grades by id, warehouses by code.</summary>
/// <param name="Grades">The deliverable grades.</param>
/// <param name="Warehouses">The approved warehouses.</param>
public sealed record RegistryReference(IReadOnlyList<Grade> Grades, IReadOnlyList<Warehouse> Warehouses)
{
    /// <summary>A grade as "PP T30S · 镇海炼化", or its id when unknown.</summary>
    public string GradeName(int gradeId)
        => Grades.FirstOrDefault(g => g.Id == gradeId) is { } grade
            ? $"{grade.Polymer} {grade.GradeCode} · {T(grade.ProducerNameZh, grade.ProducerNameEn)}"
            : gradeId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A warehouse's name, or its code when unknown.</summary>
    public string WarehouseName(string code)
        => Warehouses.FirstOrDefault(w => w.Code == code) is { } warehouse ? T(warehouse.NameZh, warehouse.NameEn) : code;
}
