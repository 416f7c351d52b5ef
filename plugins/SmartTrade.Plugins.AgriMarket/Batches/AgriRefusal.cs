using SmartTrade.Sdk.Http;

namespace SmartTrade.Plugins.AgriMarket.Batches;

/// <summary>
/// Why the market refused a request: an HTTP status, a stable code (the problem type is <c>/problems/agri/{code}</c>),
/// a detail, and the request field at fault when there is one. A refused request changed nothing.
/// <see cref="Refusal.ToProblem"/> answers it as problem details.
/// </summary>
/// <param name="Status">The HTTP status to answer with.</param>
/// <param name="Code">The stable code, one of <see cref="AgriProblems"/>.</param>
/// <param name="Detail">What was wrong, for a person.</param>
/// <param name="Field">The request field at fault (camelCase), if any.</param>
public sealed record AgriRefusal(int Status, string Code, string Detail, string? Field = null)
    : Refusal(Status, AgriProblems.TypeOf(Code), Code, Detail, Field);

/// <summary>The outcome of an operation: a value, or the refusal.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class AgriResult<T>
{
    private AgriResult(T? value, AgriRefusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>The value, when the operation succeeded.</summary>
    public T? Value { get; }

    /// <summary>Why it was refused; <see langword="null"/> when it succeeded.</summary>
    public AgriRefusal? Refusal { get; }

    /// <summary>A success.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator AgriResult<T>(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    /// <param name="refusal">Why.</param>
    public static implicit operator AgriResult<T>(AgriRefusal refusal) => new(default, refusal);
}

/// <summary>The market's stable problem codes (<c>/problems/agri/{code}</c>).</summary>
public static class AgriProblems
{
    /// <summary>The prefix of every problem type of the market.</summary>
    public const string TypePrefix = "/problems/agri/";

    /// <summary>A field the market does not know: an unknown request property, inspection item or line choice (400).</summary>
    public const string UnknownAttribute = "unknown-attribute";

    /// <summary>A required field is missing or malformed (400).</summary>
    public const string InvalidInput = "invalid-input";

    /// <summary>A quantity is zero, negative or too large (400).</summary>
    public const string InvalidQuantity = "invalid-quantity";

    /// <summary>A quantity is given in a unit other than kg (400).</summary>
    public const string WrongUnit = "wrong-unit";

    /// <summary>A quantity makes less than one of the listing's units (422).</summary>
    public const string QuantityTooSmall = "quantity-too-small";

    /// <summary>Sale and delivery windows that are out of order or already over (400).</summary>
    public const string InvalidWindow = "invalid-window";

    /// <summary>A harvest date after today (422).</summary>
    public const string HarvestDateInFuture = "harvest-date-in-future";

    /// <summary>A batch that is already past its shelf life when recorded (422).</summary>
    public const string PastShelfLife = "past-shelf-life";

    /// <summary>No such listing (404).</summary>
    public const string UnknownListing = "unknown-listing";

    /// <summary>A listing of another market (422).</summary>
    public const string NotAgriListing = "not-agri-listing";

    /// <summary>The listing belongs to another producer (403).</summary>
    public const string NotYourListing = "not-your-listing";

    /// <summary>The batch belongs to another producer (403).</summary>
    public const string NotYourBatch = "not-your-batch";

    /// <summary>No batch has this trace code (404).</summary>
    public const string UnknownTraceCode = "unknown-trace-code";

    /// <summary>The listing already has a pre-sale waiting for its harvest (409).</summary>
    public const string PreSaleOpen = "presale-open";

    /// <summary>The listing still sells a harvested batch, so a pre-sale cannot start (409).</summary>
    public const string ListingHasStock = "listing-has-stock";

    /// <summary>The batch was harvested already (409).</summary>
    public const string AlreadyHarvested = "already-harvested";

    /// <summary>The pre-sale is not taking orders today (422).</summary>
    public const string PreSaleClosed = "presale-closed";

    /// <summary>The line needs a delivery date (400).</summary>
    public const string DeliveryDateRequired = "delivery-date-required";

    /// <summary>The chosen delivery date is outside the listing's delivery window (422).</summary>
    public const string DeliveryDateOutsideWindow = "delivery-date-outside-window";

    /// <summary>The listing was withdrawn: every batch is past its shelf life (409).</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>The problem type of a code.</summary>
    /// <param name="code">One of the codes above.</param>
    public static string TypeOf(string code) => TypePrefix + code;
}
