using Microsoft.AspNetCore.Identity;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform.Identity;

/// <summary><see cref="IAccountDirectory"/> over the host's ASP.NET Core Identity accounts.</summary>
/// <param name="users">The host's user manager.</param>
internal sealed class AccountDirectory(UserManager<PlatformUser> users) : IAccountDirectory
{
    public async Task<AccountSummary?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > 450)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Summary(await users.FindByIdAsync(userId));
    }

    public async Task<AccountSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 256)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Summary(await users.FindByEmailAsync(email.Trim()));
    }

    private static AccountSummary? Summary(PlatformUser? user)
        => user is null ? null : new AccountSummary(user.Id, user.Email ?? user.UserName ?? user.Id, user.DisplayName);
}
