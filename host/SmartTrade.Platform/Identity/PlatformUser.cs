using Microsoft.AspNetCore.Identity;

namespace SmartTrade.Platform.Identity;

/// <summary>A SmartTrade account: a buyer, merchant, trader, warehouse operator or administrator.</summary>
public sealed class PlatformUser : IdentityUser
{
    /// <summary>The name shown in the storefront (a person's or a company's).</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
