using System.Runtime.CompilerServices;
using Xunit;
using Xunit.Sdk;

namespace SmartTrade.Storefront.E2E.Infrastructure;

/// <summary>A browser test against the shared host: runs its steps and, when they fail, keeps what the browser showed.</summary>
[Collection(StorefrontCollection.Name)]
public abstract class StorefrontTest(StorefrontFixture fixture)
{
    protected StorefrontFixture Fixture => fixture;

    /// <summary>
    /// Runs a test's browser steps. On failure a screenshot and the HTML of every open page are kept under
    /// <c>artifacts/&lt;class&gt;.&lt;test&gt;</c> beside the test assembly, and the failure message says where.
    /// </summary>
    protected async Task InBrowserAsync(Func<BrowserSession, Task> steps, [CallerMemberName] string test = "")
    {
        await using var session = new BrowserSession(fixture);
        try
        {
            await steps(session);
        }
        catch (Exception ex)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", $"{GetType().Name}.{test}");
            var kept = await session.KeepArtifactsAsync(folder);
            throw new XunitException(
                $"{ex.GetType().Name}: {ex.Message}{Environment.NewLine}What the browser showed is kept in {folder}:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", kept) + Environment.NewLine + "Failed at:" + Environment.NewLine + ex.StackTrace);
        }
    }

    /// <summary>An e-mail address no other test uses.</summary>
    protected static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}"[..(who.Length + 13)] + "@e2e.test";
}
