namespace SmartTrade.Platform.Payments;

/// <summary>
/// Bank account numbers the Sandbox gateway understands for payouts (any account holder and bank), as
/// <see cref="SmartTrade.Sdk.Payments.SandboxTestCards"/> are for payments. Any other number of 8 to 34 digits (spaces
/// and dashes allowed) is paid at once, like <see cref="Pays"/>; anything else is refused as a bad request.
/// </summary>
public static class SandboxTestBankAccounts
{
    /// <summary>An account whose payouts are paid at once: <c>6200 0000 0000 0001</c>.</summary>
    public const string Pays = "6200000000000001";

    /// <summary>An account that does not exist: payouts to it fail with <see cref="SandboxGateway.NoAccount"/>, <c>6200 0000 0000 0002</c>.</summary>
    public const string DoesNotExist = "6200000000000002";

    /// <summary>
    /// An account whose payouts stay pending for <see cref="SandboxGateway.PendingPayoutDelay"/> after they were made,
    /// then read back as paid: <c>6200 0000 0000 0003</c>. Lets callers test their handling of pending payouts.
    /// </summary>
    public const string PaysAfterDelay = "6200000000000003";
}
