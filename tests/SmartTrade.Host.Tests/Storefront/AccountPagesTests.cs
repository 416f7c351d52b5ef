using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Identity;
using Xunit;

namespace SmartTrade.Host.Tests.Storefront;

/// <summary>Registering: the password hint states the rules the account store enforces, and broken rules are named in the user's language.</summary>
public sealed class AccountPagesTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    private static Dictionary<string, string> Registration(string password) => new()
    {
        ["Role"] = "Merchant",
        ["DisplayName"] = "余姚小家电厂",
        ["Email"] = "maker@smarttrade.test",
        ["Password"] = password,
    };

    [Fact]
    public async Task The_password_hint_names_every_rule_identity_enforces()
    {
        await using var host = new TestHost(_folders);
        using var browser = new Browser(host);

        var page = await browser.OpenAsync("/account/register");

        Assert.Equal("至少 8 位，须包含大写字母、小写字母、数字和符号（如 !、#、@）。", page.Document.GetElementById("Password-hint")!.TextContent);
    }

    [Fact]
    public async Task A_password_breaking_the_rules_is_refused_next_to_the_field_in_chinese_and_no_account_is_made()
    {
        await using var host = new TestHost(_folders);
        using var browser = new Browser(host);
        var page = await browser.OpenAsync("/account/register");

        var refused = await page.SubmitAsync(browser, "/account/register", Registration("kettles2024"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("密码须包含符号（如 !、#、@）。 密码须包含大写字母（A–Z）。", refused.ErrorFor("Password"));
        Assert.Equal("maker@smarttrade.test", refused.ValueOf("Email"));
        Assert.Null(await FindAsync(host));
    }

    [Fact]
    public async Task A_password_breaking_the_rules_is_explained_in_english_when_english_is_chosen()
    {
        await using var host = new TestHost(_folders);
        using var browser = new Browser(host);
        await browser.UseEnglishAsync();
        var page = await browser.OpenAsync("/account/register");

        var refused = await page.SubmitAsync(browser, "/account/register", Registration("Kettles2024"));

        Assert.Equal("At least 8 characters, with an upper-case letter, a lower-case letter, a digit and a symbol (such as !, # or @).", page.Document.GetElementById("Password-hint")!.TextContent);
        Assert.Equal("The password needs a symbol (such as !, # or @).", refused.ErrorFor("Password"));
    }

    [Fact]
    public async Task A_password_that_follows_the_hint_registers_a_merchant_who_lands_on_the_merchant_centre()
    {
        await using var host = new TestHost(_folders);
        using var browser = new Browser(host);
        var page = await browser.OpenAsync("/account/register");

        var registered = await page.SubmitAsync(browser, "/account/register", Registration("Kettles2024!"));

        Assert.Equal(HttpStatusCode.OK, registered.Status);
        Assert.Equal("/merchant", registered.Url);
        Assert.Equal("商家中心", registered.Heading);
        Assert.NotNull(await FindAsync(host));
    }

    private static async Task<PlatformUser?> FindAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>().FindByEmailAsync("maker@smarttrade.test");
    }
}
