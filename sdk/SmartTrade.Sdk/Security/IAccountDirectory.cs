namespace SmartTrade.Sdk.Security;

/// <summary>
/// Looks up the host's accounts, so a plugin can let people name each other by account email (a lender for a
/// pledge) and show who someone is instead of a user id. It reads only; accounts are managed by the host.
/// </summary>
/// <remarks>
/// An account's email is personal data: show it only to people who already deal with that account (the parties of
/// a pledge, a warehouse serving a trader), never on public pages.
/// </remarks>
public interface IAccountDirectory
{
    /// <summary>The account with this user id, or <see langword="null"/> when there is none.</summary>
    /// <param name="userId">The user id (the <c>NameIdentifier</c> claim).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<AccountSummary?> FindAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The account with this email (compared as the host normalizes emails), or <see langword="null"/>.</summary>
    /// <param name="email">The email address.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<AccountSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);
}

/// <summary>Who an account is.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Email">The account's email.</param>
/// <param name="DisplayName">The name the account goes by (a person's or a company's).</param>
public sealed record AccountSummary(string UserId, string Email, string DisplayName)
{
    /// <summary>The name and email, as shown to the account's counterparties, e.g. <c>华东塑料贸易（trader@smarttrade.demo）</c>.</summary>
    public string Describe() => string.IsNullOrWhiteSpace(DisplayName) ? Email : $"{DisplayName}（{Email}）";
}
