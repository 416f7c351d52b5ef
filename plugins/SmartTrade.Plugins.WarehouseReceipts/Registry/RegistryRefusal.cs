using SmartTrade.Sdk.Http;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>
/// Why the registry refused a request: an HTTP status, a stable code (the problem type is
/// <c>/problems/warehouse-receipts/{code}</c>), a detail, and the request field at fault when there is one.
/// A refused request changed nothing. <see cref="Refusal.ToProblem"/> answers it as problem details.
/// </summary>
/// <param name="Status">The HTTP status to answer with.</param>
/// <param name="Code">The stable code, one of <see cref="RegistryProblems"/>.</param>
/// <param name="Detail">What was wrong, for a person.</param>
/// <param name="Field">The request field at fault (camelCase), if any.</param>
public sealed record RegistryRefusal(int Status, string Code, string Detail, string? Field = null)
    : Refusal(Status, RegistryProblems.TypeOf(Code), Code, Detail, Field);

/// <summary>The outcome of a registry operation: a value, or the refusal.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class RegistryResult<T>
{
    private RegistryResult(T? value, RegistryRefusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>The value, when the operation succeeded.</summary>
    public T? Value { get; }

    /// <summary>Why it was refused; <see langword="null"/> when it succeeded.</summary>
    public RegistryRefusal? Refusal { get; }

    /// <summary>Whether it succeeded.</summary>
    public bool Succeeded => Refusal is null;

    /// <summary>A success.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator RegistryResult<T>(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    /// <param name="refusal">Why.</param>
    public static implicit operator RegistryResult<T>(RegistryRefusal refusal) => new(default, refusal);
}

/// <summary>The stable problem codes of the registry (<c>/problems/warehouse-receipts/{code}</c>).</summary>
public static class RegistryProblems
{
    /// <summary>The prefix of every registry problem type.</summary>
    public const string TypePrefix = "/problems/warehouse-receipts/";

    /// <summary>A quantity is zero, negative, or out of range (400).</summary>
    public const string InvalidQuantity = "invalid-quantity";

    /// <summary>A request field is missing or malformed (400).</summary>
    public const string InvalidInput = "invalid-input";

    /// <summary>No such instrument (400).</summary>
    public const string UnknownInstrument = "unknown-instrument";

    /// <summary>No such approved warehouse (400 in a request body, 404 in a path).</summary>
    public const string UnknownWarehouse = "unknown-warehouse";

    /// <summary>No such grade: the producer does not make the instrument's grade (400).</summary>
    public const string UnknownGrade = "unknown-grade";

    /// <summary>The parts of a split do not add up to the receipt's quantity (400).</summary>
    public const string SplitDoesNotSum = "split-does-not-sum";

    /// <summary>No such receipt (404).</summary>
    public const string ReceiptNotFound = "receipt-not-found";

    /// <summary>No such load-in (404).</summary>
    public const string LoadInNotFound = "load-in-not-found";

    /// <summary>The receipt belongs to someone else (403).</summary>
    public const string NotReceiptOwner = "not-receipt-owner";

    /// <summary>The load-in was declared by someone else (403).</summary>
    public const string NotLoadInOwner = "not-load-in-owner";

    /// <summary>The user does not operate the warehouse concerned (403).</summary>
    public const string NotWarehouseOperator = "not-warehouse-operator";

    /// <summary>Only the pledgee or an admin releases a pledge (403).</summary>
    public const string NotPledgee = "not-pledgee";

    /// <summary>The receipt is not in a state that allows this (409), such as selling a pledged one.</summary>
    public const string ReceiptNotActive = "receipt-not-active";

    /// <summary>The receipt is not waiting for acceptance (409).</summary>
    public const string ReceiptNotPending = "receipt-not-pending";

    /// <summary>The receipt is not pledged (409).</summary>
    public const string ReceiptNotPledged = "receipt-not-pledged";

    /// <summary>The load-in was already issued or rejected (409).</summary>
    public const string LoadInDecided = "load-in-decided";

    /// <summary>Not enough free (unfrozen, unpledged) quantity (409).</summary>
    public const string InsufficientFreeQuantity = "insufficient-free-quantity";

    /// <summary>Not enough frozen quantity to unfreeze or deliver (409).</summary>
    public const string InsufficientFrozenQuantity = "insufficient-frozen-quantity";

    /// <summary>Receipts to merge differ in owner, instrument, grade or warehouse, or are fewer than two (422).</summary>
    public const string MergeMismatch = "merge-mismatch";

    /// <summary>A trader cannot transfer to, or pledge to, themselves (422).</summary>
    public const string SameParty = "same-party";

    /// <summary>No account has the email or user id given for the other party, e.g. a pledge's lender (422).</summary>
    public const string UnknownAccount = "unknown-account";

    /// <summary>The trade reference was used before for a different transfer (409).</summary>
    public const string TradeRefReused = "trade-ref-reused";

    /// <summary>The registry changed under the request too often to complete it; retry (409).</summary>
    public const string ConcurrentChange = "concurrent-change";

    /// <summary>The problem type of a code.</summary>
    /// <param name="code">A code of this class.</param>
    public static string TypeOf(string code) => TypePrefix + code;
}
