using SmartTrade.Sdk.Http;

namespace SmartTrade.Plugins.ApplianceMarket;

/// <summary>The stable problem codes of the appliance market (<c>/problems/appliances/{code}</c>).</summary>
public static class ApplianceProblems
{
    /// <summary>The prefix of every appliance problem type.</summary>
    public const string TypePrefix = "/problems/appliances/";

    /// <summary>A request field is missing or malformed (400).</summary>
    public const string InvalidInput = "invalid-input";

    /// <summary>A filter or attribute that the appliance schema does not have (400).</summary>
    public const string UnknownAttribute = "unknown-attribute";

    /// <summary>A quantity in another unit than the listing's (400).</summary>
    public const string WrongUnit = "wrong-unit";

    /// <summary>A quantity that is zero, negative or too large (400).</summary>
    public const string InvalidQuantity = "invalid-quantity";

    /// <summary>A price that is zero, negative or out of range (400).</summary>
    public const string InvalidPrice = "invalid-price";

    /// <summary>Price breaks that contradict each other (400).</summary>
    public const string InvalidTiers = "invalid-tiers";

    /// <summary>A delivery date outside the window the listing allows (400).</summary>
    public const string DeliveryDateOutOfWindow = "delivery-date-out-of-window";

    /// <summary>A quote's validity date outside its window (400).</summary>
    public const string ValidUntilOutOfWindow = "valid-until-out-of-window";

    /// <summary>No such appliance listing (404).</summary>
    public const string ListingNotFound = "listing-not-found";

    /// <summary>No such quote request (404).</summary>
    public const string RequestNotFound = "request-not-found";

    /// <summary>The listing belongs to another merchant (403).</summary>
    public const string NotYourListing = "not-your-listing";

    /// <summary>The quote request belongs to another buyer or is addressed to another merchant (403).</summary>
    public const string NotYourRequest = "not-your-request";

    /// <summary>A merchant asked for a quote on a listing of their own (422).</summary>
    public const string OwnListing = "own-listing";

    /// <summary>The request is not in a state that allows this (409): quoting it twice, accepting a declined quote.</summary>
    public const string WrongState = "wrong-state";

    /// <summary>The quote's validity ran out before it was accepted (409).</summary>
    public const string QuoteExpired = "quote-expired";

    /// <summary>A line below the listing's minimum order quantity (422).</summary>
    public const string BelowMinimumOrder = "below-minimum-order";

    /// <summary>The accepted quote could not become an order (409): the listing is gone, out of stock or suspended.</summary>
    public const string OrderNotPlaced = "order-not-placed";

    /// <summary>The problem type of a code.</summary>
    /// <param name="code">One of the codes above.</param>
    public static string TypeOf(string code) => TypePrefix + code;
}

/// <summary>Why the market refused a request; a refused request changed nothing. <see cref="Refusal.ToProblem"/> answers it.</summary>
/// <param name="Status">The HTTP status to answer with.</param>
/// <param name="Code">The stable code, one of <see cref="ApplianceProblems"/>.</param>
/// <param name="Detail">What was wrong, for a person.</param>
/// <param name="Field">The request field at fault (camelCase), if any.</param>
public sealed record ApplianceRefusal(int Status, string Code, string Detail, string? Field = null)
    : Refusal(Status, ApplianceProblems.TypeOf(Code), Code, Detail, Field);

/// <summary>The outcome of a market operation: a value, or the refusal.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class ApplianceResult<T>
{
    private ApplianceResult(T? value, ApplianceRefusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>The value, when the operation succeeded.</summary>
    public T? Value { get; }

    /// <summary>Why it was refused; <see langword="null"/> when it succeeded.</summary>
    public ApplianceRefusal? Refusal { get; }

    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => Refusal is null;

    /// <summary>A success.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator ApplianceResult<T>(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    /// <param name="refusal">Why.</param>
    public static implicit operator ApplianceResult<T>(ApplianceRefusal refusal) => new(default, refusal);
}
