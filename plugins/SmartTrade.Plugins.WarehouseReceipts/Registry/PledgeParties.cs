using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>
/// Finds the lender a trader pledges a receipt to. People name a lender by the email of the lender's account (a user id
/// is nothing a person knows); API clients may pass the user id instead. Either must be an existing account: a receipt
/// pledged to nobody could never be released.
/// </summary>
public static class PledgeParties
{
    /// <summary>The lender's user id, or why the request does not name an existing account.</summary>
    /// <param name="accounts">The host's accounts.</param>
    /// <param name="pledgeeId">The lender's user id, if given.</param>
    /// <param name="pledgeeEmail">The email of the lender's account, if given (it wins over the id when both match).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public static async Task<(AccountSummary? Pledgee, RegistryRefusal? Refusal)> ResolveAsync(
        IAccountDirectory accounts, string? pledgeeId, string? pledgeeEmail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        AccountSummary? byEmail = null;
        if (!string.IsNullOrWhiteSpace(pledgeeEmail))
        {
            byEmail = await accounts.FindByEmailAsync(pledgeeEmail.Trim(), cancellationToken);
            if (byEmail is null)
            {
                return (null, new RegistryRefusal(422, RegistryProblems.UnknownAccount, $"No account has the email '{pledgeeEmail.Trim()}'.", "pledgeeEmail"));
            }
        }

        if (!string.IsNullOrWhiteSpace(pledgeeId))
        {
            var byId = await accounts.FindAsync(pledgeeId.Trim(), cancellationToken);
            if (byId is null)
            {
                return (null, new RegistryRefusal(422, RegistryProblems.UnknownAccount, $"No account has the user id '{pledgeeId.Trim()}'.", "pledgeeId"));
            }

            if (byEmail is not null && byEmail.UserId != byId.UserId)
            {
                return (null, new RegistryRefusal(400, RegistryProblems.InvalidInput, "pledgeeEmail and pledgeeId name two different accounts; send one of them.", "pledgeeEmail"));
            }

            return (byId, null);
        }

        return byEmail is not null
            ? (byEmail, null)
            : (null, new RegistryRefusal(400, RegistryProblems.InvalidInput, "Name the lender by the email of their account (pledgeeEmail) or their user id (pledgeeId).", "pledgeeEmail"));
    }
}
