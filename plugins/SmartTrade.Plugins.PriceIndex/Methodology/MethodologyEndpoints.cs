using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Indices;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.PriceIndex.Methodology;

/// <summary>A methodology version as published.</summary>
public sealed record MethodologyVersionView(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("effectiveFrom")] DateTimeOffset? EffectiveFrom,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset PublishedAt,
    [property: JsonPropertyName("parameters")] MethodologyParameters Parameters,
    [property: JsonPropertyName("note")] LocalizedText Note)
{
    /// <summary>The view of a stored version.</summary>
    public static MethodologyVersionView Of(MethodologyVersion version) => new(
        version.Version,
        version.EffectiveFromMs == long.MinValue ? null : WindowInputs.Instant(version.EffectiveFromMs),
        WindowInputs.Instant(version.PublishedAtMs),
        MethodologyBook.Parameters(version),
        new LocalizedText(version.NoteZh, version.NoteEn));
}

/// <summary>A new methodology version as requested: the parameters that may change, and what changed.</summary>
public sealed record PublishMethodologyRequest(
    [property: JsonPropertyName("parameters")] MethodologyParameters? Parameters,
    [property: JsonPropertyName("noteZh")] string? NoteZh,
    [property: JsonPropertyName("noteEn")] string? NoteEn);

/// <summary>
/// The published methodology: <c>GET /api/v1/index/methodology</c> (rules, current parameters and every version) and
/// <c>POST /api/v1/index/methodology</c> (administrators: a new version, effective from the next window).
/// </summary>
public static class MethodologyEndpoints
{
    /// <summary>The rules in both languages, in the order they apply.</summary>
    public static IReadOnlyList<LocalizedText> Rules { get; } =
    [
        new("输入按 IOSCO 原则 8 的优先顺序：仓单市场的成交；商家提交的确定买卖报价（谁、何时、牌号、价格、数量、有效期）；评估员的判断（必须写明理由）。",
            "Inputs in the order of IOSCO principle 8: the receipt market's trades; merchants' firm bids and offers (who, when, grade, price, quantity, valid until); assessor judgment, always with a written reason."),
        new("每个交易日（周一至周五）按窗口评估每个牌号：窗口覆盖上一窗口结束后到本窗口结束时（北京时间）执行的成交。",
            "Each grade is assessed per window on trading days (Monday to Friday): a window covers the trades executed after the previous window's end up to its own end (Asia/Shanghai)."),
        new("离群值：与中位数的距离超过 k 倍 MAD（绝对偏差的中位数）的成交或报价被剔除并列出；少于 3 个观测值或 MAD 为 0 时不剔除。",
            "Outliers: a trade or quote further than k x MAD (median absolute deviation) from the median is excluded and listed; with fewer than 3 observations or a MAD of 0 nothing is excluded."),
        new("成交足够（剔除后不少于最少笔数和最少吨数）时取成交量加权平均价（VWAP，四舍五入到分）；否则取有效确定报价的中位数（每个报价方取最新买价和最新卖价，至少来自最少报价方数）；否则取评估员判断；否则沿用上一价格并标记。",
            "With enough trades (at least the minimum count and tonnage after exclusion) the price is their VWAP (rounded to the fen, halves up); else the median of the firm quotes valid at the window's end (each submitter's latest bid and offer, from at least the minimum number of submitters); else the assessor's judgment; else the previous price, carried forward and flagged."),
        new("分品种指数（PP、PE、PVC、ABS、PS）与综合指数：基期收盘窗口为 1000 点，拉氏权重取基期成交额，I = L × Σ(w_i × p_it / p_i0)，权重以百万分之一计、合计恰为 1,000,000（最大余数法），可设单一权重上限。",
            "Sub-indices per polymer (PP, PE, PVC, ABS, PS) and a composite: 1000 at the base date's closing window, Laspeyres weights from base-period traded value, I = L x sum(w_i x p_it / p_i0); weights in millionths summing to exactly 1,000,000 (largest remainder), with an optional cap on a single weight."),
        new("每年第一个交易日重新加权：权重取上次加权以来的成交额，参考价取上一窗口的价格，链接值 L 取上一窗口的指数值，使序列连续。",
            "Re-weighting on the first trading day of each year: weights from the traded value since the last weighting, reference prices from the previous window, and the link value L is the previous window's index value, so the series runs on without a jump."),
        new("指数值保留两位小数（四舍五入，远离零）。每个发布值不可更改并带版本；更正发布新版本并写明理由；每个值列出其输入和方法版本，任何人都可以复算。",
            "Values have two decimals (halves away from zero). Each published value is immutable and versioned; a correction publishes a new version with its reason; every value lists its inputs and methodology version so anyone can recompute it."),
    ];

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapMethodology(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/index/methodology", GetAsync)
            .WithTags("Price index")
            .WithName("GetPriceIndexMethodology")
            .WithSummary("The published methodology and its version history");
        endpoints.MapPost("/api/v1/index/methodology", PublishAsync)
            .RequireAuthorization(Roles.Admin)
            .WithTags("Price index")
            .WithName("PublishPriceIndexMethodology")
            .WithSummary("Publishes a new methodology version")
            .WithDescription("New thresholds, outlier multiplier, weight cap or windows, with what changed in both languages; effective from the next window. The base date and value cannot change.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(MethodologyBook book, CancellationToken cancellationToken)
    {
        var history = (await book.HistoryAsync(cancellationToken)).Select(MethodologyVersionView.Of).ToList();
        return TypedResults.Ok(new { current = history[^1], rules = Rules, definitions = PlasticsPriceIndices.All, history });
    }

    private static async Task<IResult> PublishAsync(PublishMethodologyRequest? request, MethodologyBook book, TimeProvider time, CancellationToken cancellationToken)
    {
        var (_, current) = await book.CurrentAsync(cancellationToken);
        if (request?.Parameters is not { } parameters || parameters.Problems() is { Count: > 0 } || parameters.BaseDate != current.BaseDate || parameters.BaseValue != current.BaseValue)
        {
            var problems = request?.Parameters?.Problems() ?? ["parameters are required."];
            return new PriceIndexRefusal("invalid-methodology", StatusCodes.Status422UnprocessableEntity, "parameters",
                new("参数无效（基期和基值不能更改）：" + string.Join(" ", problems), "The parameters are invalid (the base date and value cannot change): " + string.Join(" ", problems))).ToProblem();
        }
        if (string.IsNullOrWhiteSpace(request.NoteZh) || string.IsNullOrWhiteSpace(request.NoteEn) || request.NoteZh.Length > 1000 || request.NoteEn.Length > 1000)
        {
            return new PriceIndexRefusal("reason-required", StatusCodes.Status422UnprocessableEntity, "note", new("请用中文和英文写明更改内容和原因。", "Say what changed and why, in Chinese and English.")).ToProblem();
        }
        var now = time.GetUtcNow();
        var next = new WindowSchedule(parameters.Windows, parameters.BaseDate).Next(now.ToUnixTimeMilliseconds());
        var version = await book.PublishAsync(parameters, request.NoteZh.Trim(), request.NoteEn.Trim(), next.EndMs, now, cancellationToken);
        return TypedResults.Created("/api/v1/index/methodology", MethodologyVersionView.Of(version));
    }
}
