using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.PriceIndex.Assessment;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Plugins.PriceIndex.Indices;

namespace SmartTrade.Plugins.PriceIndex.Inputs;

/// <summary>A merchant's firm bid or offer as submitted (API body or storefront form).</summary>
/// <param name="Grade">The grade, e.g. <c>PP-T30S</c>.</param>
/// <param name="Side"><c>Bid</c> or <c>Offer</c>.</param>
/// <param name="PriceMinor">Fen per tonne.</param>
/// <param name="QuantityKg">Kilograms firm at that price.</param>
/// <param name="ValidUntil">When it stops being firm; must be in the future, at most 31 days away.</param>
public sealed record SubmitQuoteRequest(
    [property: JsonPropertyName("grade")] string? Grade,
    [property: JsonPropertyName("side")] string? Side,
    [property: JsonPropertyName("priceMinor")] long? PriceMinor,
    [property: JsonPropertyName("quantityKg")] long? QuantityKg,
    [property: JsonPropertyName("validUntil")] DateTimeOffset? ValidUntil);

/// <summary>A firm quote as the API shows it.</summary>
public sealed record QuoteView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("grade")] string Grade,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("priceMinor")] long PriceMinor,
    [property: JsonPropertyName("quantityKg")] long QuantityKg,
    [property: JsonPropertyName("submitter")] string Submitter,
    [property: JsonPropertyName("submittedAt")] DateTimeOffset SubmittedAt,
    [property: JsonPropertyName("validUntil")] DateTimeOffset ValidUntil)
{
    /// <summary>The view of a stored quote.</summary>
    public static QuoteView Of(FirmQuote quote) => new(quote.Id, quote.Grade, quote.Side, quote.PriceMinor, quote.QuantityKg, quote.SubmitterName,
        WindowInputs.Instant(quote.SubmittedAtMs), WindowInputs.Instant(quote.ValidUntilMs));
}

/// <summary>Takes firm quotes from merchants: checks them, then keeps them unchanged. Who and when come from the sign-in and the clock.</summary>
/// <param name="db">The plugin's tables.</param>
/// <param name="time">The clock.</param>
public sealed class QuoteDesk(PriceIndexDbContext db, TimeProvider time)
{
    /// <summary>The highest price accepted: 1,000,000 yuan per tonne.</summary>
    public const long MaxPriceMinor = 100_000_000;

    /// <summary>The largest quantity accepted: 1,000,000 t.</summary>
    public const long MaxQuantityKg = 1_000_000_000;

    /// <summary>How long a quote may stay firm.</summary>
    public static readonly TimeSpan MaxValidity = TimeSpan.FromDays(31);

    /// <summary>Keeps the quote, or says why not (nothing is stored then).</summary>
    /// <param name="request">The quote.</param>
    /// <param name="submitterId">The merchant's user id.</param>
    /// <param name="submitterName">The merchant's display name.</param>
    /// <param name="cancellationToken">Cancelled with the request.</param>
    public async Task<(FirmQuote? Quote, PriceIndexRefusal? Refusal)> SubmitAsync(SubmitQuoteRequest request, string submitterId, string submitterName, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Check(request, now) is { } refusal)
        {
            return (null, refusal);
        }
        var quote = new FirmQuote
        {
            Grade = request.Grade!,
            Side = Enum.Parse<QuoteSide>(request.Side!, ignoreCase: true).ToString(),
            PriceMinor = request.PriceMinor!.Value,
            QuantityKg = request.QuantityKg!.Value,
            SubmitterId = submitterId,
            SubmitterName = submitterName.Length > 100 ? submitterName[..100] : submitterName,
            SubmittedAtMs = now.ToUnixTimeMilliseconds(),
            ValidUntilMs = request.ValidUntil!.Value.ToUnixTimeMilliseconds(),
        };
        db.Quotes.Add(quote);
        await db.SaveChangesAsync(cancellationToken);
        return (quote, null);
    }

    /// <summary>The quotes firm now, for one grade or all, newest first.</summary>
    public async Task<IReadOnlyList<FirmQuote>> ActiveAsync(string? grade, CancellationToken cancellationToken)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await db.Quotes.AsNoTracking()
            .Where(q => q.ValidUntilMs > now && (grade == null || q.Grade == grade))
            .OrderByDescending(q => q.SubmittedAtMs).ThenByDescending(q => q.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
    }

    private static PriceIndexRefusal? Check(SubmitQuoteRequest request, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(request.Grade) || IndexEngine.GradeIndex(request.Grade) < 0)
        {
            return PriceIndexRefusal.UnknownGrade(request.Grade);
        }
        if (!Enum.TryParse<QuoteSide>(request.Side, ignoreCase: true, out var side) || !Enum.IsDefined(side) || int.TryParse(request.Side, out _))
        {
            return new PriceIndexRefusal("invalid-side", 422, "side", new("请选择买价（Bid）或卖价（Offer）。", "The side is Bid or Offer."));
        }
        if (request.PriceMinor is not (> 0 and <= MaxPriceMinor))
        {
            return PriceIndexRefusal.InvalidPrice();
        }
        if (request.QuantityKg is not (> 0 and <= MaxQuantityKg))
        {
            return new PriceIndexRefusal("invalid-quantity", 422, "quantityKg", new("数量须为正数（千克），不超过 100 万吨。", "The quantity must be positive, in kg, and at most 1,000,000 t."));
        }
        if (request.ValidUntil is not { } validUntil || validUntil <= now)
        {
            return new PriceIndexRefusal("quote-expired", 422, "validUntil", new("有效期须在将来：确定报价要到那时仍然有效。", "Valid until must be in the future: a firm quote stays firm until then."));
        }
        if (validUntil - now > MaxValidity)
        {
            return new PriceIndexRefusal("validity-too-long", 422, "validUntil", new("确定报价的有效期最长 31 天。", "A firm quote may stay firm for at most 31 days."));
        }
        return null;
    }
}
