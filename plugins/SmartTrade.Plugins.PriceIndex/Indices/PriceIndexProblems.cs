using Microsoft.AspNetCore.Http;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Plugins.PriceIndex.Indices;

/// <summary>Why the index refused a request: a stable code (<c>/problems/price-index/{code}</c>), the field and the message.</summary>
/// <param name="Code">The problem code, e.g. <c>unknown-grade</c>.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Field">The request field at fault, or empty.</param>
/// <param name="Message">What is wrong, in both languages.</param>
public sealed record PriceIndexRefusal(string Code, int Status, string Field, LocalizedText Message)
{
    /// <summary>The problem type base of the plugin.</summary>
    public const string ProblemBase = "/problems/price-index/";

    /// <summary>The answer for an API client: problem details with the code and field; nothing was changed.</summary>
    public IResult ToProblem() => TypedResults.Problem(
        detail: Message.Get(System.Globalization.CultureInfo.GetCultureInfo(LocalizedText.English)) + " Nothing was changed.",
        statusCode: Status,
        title: Title,
        type: ProblemBase + Code,
        extensions: new Dictionary<string, object?> { ["code"] = Code, ["field"] = Field });

    private string Title => Code switch
    {
        "unknown-index" => "No such index.",
        "unknown-grade" => "The grade is not assessed by the index.",
        "not-published" => "Nothing is published for that window.",
        "nothing-to-correct" => "The correction would change nothing.",
        _ => "The request is invalid.",
    };

    /// <summary>An unknown index code.</summary>
    public static PriceIndexRefusal UnknownIndex(string code) => new("unknown-index", StatusCodes.Status404NotFound, "code",
        new($"没有代码为 {code} 的指数。", $"No index has the code '{code}'."));

    /// <summary>An unknown grade.</summary>
    public static PriceIndexRefusal UnknownGrade(string? grade) => new("unknown-grade", StatusCodes.Status422UnprocessableEntity, "grade",
        new($"指数不评估牌号 {grade}。", $"The index does not assess the grade '{grade}'."));

    /// <summary>A price that is missing, zero, negative or absurd.</summary>
    public static PriceIndexRefusal InvalidPrice(string field = "priceMinor") => new("invalid-price", StatusCodes.Status422UnprocessableEntity, field,
        new("价格须为正数（分/吨），且不超过 100 万元/吨。", "The price must be positive, in fen per tonne, and at most 1,000,000 yuan per tonne."));

    /// <summary>A written reason is missing.</summary>
    public static PriceIndexRefusal ReasonRequired() => new("reason-required", StatusCodes.Status422UnprocessableEntity, "reason",
        new("请写明理由（最多 1000 字）。", "Give a written reason (at most 1000 characters)."));

    /// <summary>A date or time that is not a window.</summary>
    public static PriceIndexRefusal UnknownWindow() => new("unknown-window", StatusCodes.Status422UnprocessableEntity, "window",
        new("该日期和时间不是指数的评估窗口（交易日的发布时间）。", "The date and time are not an assessment window (a publication time on a trading day)."));

    /// <summary>The first date the API reads.</summary>
    public static readonly DateOnly FirstServedDate = new(2000, 1, 1);

    /// <summary>The last date the API reads.</summary>
    public static readonly DateOnly LastServedDate = new(2099, 12, 31);

    /// <summary>Reads a <c>yyyy-MM-dd</c> date between <see cref="FirstServedDate"/> and <see cref="LastServedDate"/>, or null.</summary>
    public static DateOnly? ParseDate(string? text)
        => DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
           && date >= FirstServedDate && date <= LastServedDate
            ? date
            : null;

    /// <summary>A date that cannot be read.</summary>
    public static PriceIndexRefusal InvalidDate(string field) => new("invalid-date", StatusCodes.Status400BadRequest, field,
        new("日期格式应为 yyyy-MM-dd，且在 2000 至 2099 年之间。", "Dates are written yyyy-MM-dd, from 2000 to 2099."));
}
