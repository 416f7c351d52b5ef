using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Indices;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Plugins.PriceIndex.Methodology;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;

namespace SmartTrade.Plugins.PriceIndex.Screen;

/// <summary>
/// The storefront's index pages: <c>/index</c> (chart, table, corrections, live), <c>/index/methodology</c> and
/// <c>/index/quotes</c> (merchants submit firm quotes).
/// </summary>
public static class IndexPages
{
    private static readonly LocalizedText Title = new("中塑价格指数", "Plastics price index");
    private static readonly LocalizedText MethodologyTitle = new("指数方法", "Index methodology");
    private static readonly LocalizedText QuotesTitle = new("确定报价", "Firm quotes");

    /// <summary>The ranges the chart offers: key, days back (0 for everything), labels.</summary>
    public static readonly IReadOnlyList<(string Key, int Days, string Zh, string En)> Ranges =
        [("1m", 31, "1个月", "1 month"), ("3m", 92, "3个月", "3 months"), ("6m", 183, "6个月", "6 months"), ("1y", 366, "1年", "1 year"), ("all", 0, "全部", "All")];

    /// <summary>Maps the pages and their menu entries.</summary>
    public static IEndpointRouteBuilder MapIndexScreen(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/index").ExcludeFromDescription();
        pages.MapGet("/", HomeAsync).WithNavigation(new NavigationEntry("/index", Title, Order: 40)).WithMetadata(new StorefrontPageMetadata(Title));
        pages.MapGet("/methodology", MethodologyAsync).WithMetadata(new StorefrontPageMetadata(MethodologyTitle));
        pages.MapGet("/quotes", QuotesAsync).RequireAuthorization(Roles.Merchant)
            .WithNavigation(new NavigationEntry("/index/quotes", QuotesTitle, NavigationArea.Merchant, Order: 60, Role: Roles.Merchant));
        pages.MapPost("/quotes", SubmitAsync).RequireAuthorization(Roles.Merchant);
        return endpoints;
    }

    private static async Task<IResult> HomeAsync(string? range, IndexSeriesReader reader, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var chosen = Ranges.FirstOrDefault(r => r.Key == range);
        if (chosen.Key is null)
        {
            chosen = Ranges.Single(r => r.Key == "1y");
        }
        var last = await reader.LastDateAsync(cancellationToken) ?? PlasticsPriceIndices.BaseDate;
        var from = chosen.Days == 0 ? PlasticsPriceIndices.BaseDate : last.AddDays(-chosen.Days);
        var series = new List<(IndexDefinition Index, IReadOnlyList<SeriesPoint> Points)>();
        foreach (var index in PlasticsPriceIndices.All)
        {
            series.Add((index, await reader.SeriesAsync(index.Code, from, last, cancellationToken)));
        }
        return pages.Page<IndexPage>(Title, new Dictionary<string, object?>
        {
            [nameof(IndexPage.Series)] = series,
            [nameof(IndexPage.Range)] = chosen.Key,
            [nameof(IndexPage.Corrections)] = await reader.CorrectionsAsync(from, last, cancellationToken),
        });
    }

    private static async Task<IResult> MethodologyAsync(MethodologyBook book, IStorefrontPages pages, CancellationToken cancellationToken)
        => pages.Page<MethodologyPage>(MethodologyTitle, new Dictionary<string, object?>
        {
            [nameof(MethodologyPage.History)] = (await book.HistoryAsync(cancellationToken)).Select(MethodologyVersionView.Of).ToList(),
        });

    private static Task<IResult> QuotesAsync(string? submitted, QuoteDesk desk, IStorefrontPages pages, CancellationToken cancellationToken)
        => RenderQuotesAsync(desk, pages, new QuotePage.QuoteForm(), new Dictionary<string, string>(),
            submitted is null ? null : Ui.T($"报价 {submitted} 已提交。", $"Quote {submitted} submitted."), StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> SubmitAsync([FromForm] QuotePage.QuoteForm form, ClaimsPrincipal user, QuoteDesk desk, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        long? price = Figures.ParseYuan(form.Price);
        long? quantity = Figures.ParseTonnes(form.Quantity);
        DateTimeOffset? validUntil = DateTime.TryParseExact(form.ValidUntil, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, AssessmentWindow.ShanghaiOffset)
            : null;
        if (price is null)
        {
            errors["priceMinor"] = Ui.T("请输入价格（元/吨），最多两位小数。", "Enter a price in yuan per tonne with at most two decimals.");
        }
        if (quantity is null)
        {
            errors["quantityKg"] = Ui.T("请输入数量（吨），最多三位小数。", "Enter a quantity in tonnes with at most three decimals.");
        }
        if (validUntil is null)
        {
            errors["validUntil"] = Ui.T("请选择有效期（北京时间）。", "Choose until when the quote is firm (Beijing time).");
        }
        if (errors.Count == 0)
        {
            var (quote, refusal) = await desk.SubmitAsync(new SubmitQuoteRequest(form.Grade, form.Side, price, quantity, validUntil), InputEndpoints.UserId(user), InputEndpoints.DisplayName(user), cancellationToken);
            if (quote is not null)
            {
                return Results.Redirect($"/index/quotes?submitted={quote.Id}", permanent: false, preserveMethod: false);
            }
            errors[refusal!.Field] = refusal.Message.Get();
        }
        return await RenderQuotesAsync(desk, pages, form, errors, null, StatusCodes.Status422UnprocessableEntity, cancellationToken);
    }

    private static async Task<IResult> RenderQuotesAsync(QuoteDesk desk, IStorefrontPages pages, QuotePage.QuoteForm form, Dictionary<string, string> errors, string? message, int status, CancellationToken cancellationToken)
        => pages.Page<QuotePage>(QuotesTitle, new Dictionary<string, object?>
        {
            [nameof(QuotePage.Active)] = (await desk.ActiveAsync(null, cancellationToken)).Select(QuoteView.Of).ToList(),
            [nameof(QuotePage.Form)] = form,
            [nameof(QuotePage.Errors)] = errors,
            [nameof(QuotePage.Message)] = message,
        }, status);
}
