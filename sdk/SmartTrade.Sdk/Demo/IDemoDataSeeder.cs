namespace SmartTrade.Sdk.Demo;

/// <summary>
/// Demo data beyond listings that a plugin seeds in a Development host: its own records (receipts, quotes,
/// histories) and the demo accounts they belong to. Register it in <c>ConfigureServices</c>
/// (<c>services.AddScoped&lt;IDemoDataSeeder, MyDemoData&gt;()</c>); it resolves from a scope of the plugin's
/// services, so it can take the plugin's scoped services.
/// </summary>
/// <remarks>
/// A Development host calls it after seeding the demo catalogues (<see cref="IDemoCatalog"/>), under the same switch
/// (<c>SmartTrade:Demo:SeedCatalog</c>), on every start once the plugin is serving. It must be idempotent: a second
/// run adds nothing. Hosts outside Development never call it, and remove the demo accounts (<c>.demo</c> e-mails).
/// An exception is logged and does not stop the host or the other plugins' seeding.
/// </remarks>
public interface IDemoDataSeeder
{
    /// <summary>Seeds what is missing.</summary>
    /// <param name="context">Demo accounts and the host's date.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken);
}

/// <summary>What the host offers an <see cref="IDemoDataSeeder"/>. Hosts implement it; plugins receive it.</summary>
public abstract class DemoSeedContext
{
    /// <summary>The host's date (its TimeProvider) in Asia/Shanghai, so seeded dates look current.</summary>
    public abstract DateOnly Today { get; }

    /// <summary>
    /// Creates a demo account with the demo password when missing, and gives it the roles it lacks (an existing
    /// account keeps its name and other roles).
    /// </summary>
    /// <param name="email">The sign-in e-mail; it must end in <c>.demo</c>.</param>
    /// <param name="displayName">The name shown for a new account.</param>
    /// <param name="roles">Roles from <see cref="Security.Roles"/>.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>The account's user id.</returns>
    public abstract Task<string> EnsureAccountAsync(string email, string displayName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken);
}
