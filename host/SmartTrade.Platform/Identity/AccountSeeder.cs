using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform.Identity;

/// <summary>Creates the roles, and in Development one demo account per role.</summary>
public sealed class AccountSeeder(
    RoleManager<IdentityRole> roles,
    UserManager<PlatformUser> users,
    PlatformDbContext db,
    TimeProvider time,
    ILogger<AccountSeeder> logger)
{
    /// <summary>The demo accounts: email, display name, role.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Role)> DemoAccounts =
    [
        ("admin@smarttrade.demo", "平台管理员 Platform admin", Roles.Admin),
        ("merchant@smarttrade.demo", "余姚小家电商行 Yuyao Appliances Co.", Roles.Merchant),
        ("buyer@smarttrade.demo", "王女士 Ms Wang", Roles.Buyer),
        ("trader@smarttrade.demo", "宁波塑化贸易 Ningbo Plastics Trading", Roles.Trader),
        ("warehouse@smarttrade.demo", "余姚中塑仓储 Yuyao Plastics Warehousing", Roles.WarehouseOperator),
    ];

    public async Task SeedRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    public async Task SeedDemoAccountsAsync(string password)
    {
        foreach (var (email, name, role) in DemoAccounts)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = time.GetUtcNow() };
                Check(await users.CreateAsync(user, password), email);
                logger.LogInformation("Seeded demo account {Email} ({Role})", email, role);
            }

            if (!await users.IsInRoleAsync(user, role))
            {
                Check(await users.AddToRoleAsync(user, role), email);
            }
        }
    }

    /// <summary>
    /// Creates a demo merchant of a plugin's demo catalogue when missing; returns its user id. Demo e-mails end in
    /// <c>.demo</c>, which is how <see cref="RemoveDemoAccountsAsync"/> finds them outside Development.
    /// </summary>
    public Task<string> EnsureDemoMerchantAsync(string email, string displayName, string password)
        => EnsureDemoAccountAsync(email, displayName, [Roles.Merchant], password);

    /// <summary>
    /// Creates a demo account when missing and adds the roles it lacks (a plugin's demo data asks for these); returns
    /// its user id. Only <c>.demo</c> e-mails and known roles are accepted.
    /// </summary>
    public async Task<string> EnsureDemoAccountAsync(string email, string displayName, IReadOnlyCollection<string> roles, string password)
    {
        if (!email.EndsWith(".demo", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Demo account e-mails must end in .demo; '{email}' does not.");
        }

        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
        {
            throw new InvalidOperationException($"'{unknown}' is not a SmartTrade role.");
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new PlatformUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = time.GetUtcNow() };
            Check(await users.CreateAsync(user, password), email);
            logger.LogInformation("Seeded demo account {Email} ({Roles})", email, string.Join(", ", roles));
        }

        foreach (var role in roles)
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                Check(await users.AddToRoleAsync(user, role), email);
            }
        }

        return user.Id;
    }

    /// <summary>The id of the account with this e-mail, if any.</summary>
    public async Task<string?> FindUserIdAsync(string email) => (await users.FindByEmailAsync(email))?.Id;

    /// <summary>
    /// Outside Development no demo account may exist, even in a data directory once used for a demo; their listings
    /// go with them (out of the catalogue and the search index), so nobody can buy from a merchant who is gone.
    /// </summary>
    public async Task RemoveDemoAccountsAsync()
    {
        var demo = users.Users.Where(u => u.Email != null && u.Email.EndsWith(".demo")).ToList();
        foreach (var user in demo)
        {
            var now = time.GetUtcNow();
            foreach (var listing in await db.Set<ListingEntity>().Where(l => l.MerchantId == user.Id).ToListAsync())
            {
                db.Remove(listing);
                db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.Deleted, now) with { Version = listing.Version + 1 }, now);
            }

            await db.SaveChangesAsync();
            Check(await users.DeleteAsync(user), user.Email!);
            logger.LogWarning("Removed demo account {Email}: demo accounts exist only in Development", user.Email);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
