using System.Net;
using System.Text;
using Xunit;

namespace SmartTrade.Host.Tests.Storefront;

/// <summary>The administrator's plugin page, and a plugin's storefront pages coming and going with it.</summary>
public sealed class AdminPagesTests : IDisposable
{
    private const string PluginPage = "/test-plugins/probe-page/page";
    private readonly TestFolders _folders = new();

    public AdminPagesTests() => _folders.AddProbe("probe-page");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Disabling_a_plugin_on_the_admin_page_removes_its_pages_and_menu_entries_at_once_and_enabling_brings_them_back()
    {
        await using var host = new TestHost(_folders);
        using var admin = new Browser(host);
        using var visitor = new Browser(host);
        await admin.SignInAsync("admin@smarttrade.demo");

        var before = await visitor.OpenAsync("/");
        var pageBefore = await visitor.OpenAsync(PluginPage);
        var plugins = await admin.OpenAsync("/admin/plugins");
        var disabled = await plugins.SubmitAsync(admin, "/admin/plugins/probe-page/disable");
        var menuWhileDisabled = await visitor.OpenAsync("/");
        var pageWhileDisabled = await visitor.OpenAsync(PluginPage);
        var enabled = await disabled.SubmitAsync(admin, "/admin/plugins/probe-page/enable");
        var menuAfter = await visitor.OpenAsync("/");
        var pageAfter = await visitor.OpenAsync(PluginPage);

        Assert.Contains(PluginPage, before.Menu("main-nav"));
        Assert.Equal((HttpStatusCode.OK, "Probe page"), (pageBefore.Status, pageBefore.Heading));
        Assert.Equal("已启用", plugins.Document.QuerySelector("tr[data-plugin-id=probe-page] [data-state]")!.TextContent);
        Assert.Contains("/admin/plugins", plugins.Menu("main-nav"));
        Assert.Contains("已停用“探针插件”。", disabled.MainText);
        Assert.Equal("Disabled", disabled.Document.QuerySelector("tr[data-plugin-id=probe-page] [data-state]")!.GetAttribute("data-state"));
        Assert.DoesNotContain(PluginPage, menuWhileDisabled.Menu("main-nav"));
        Assert.Equal(HttpStatusCode.NotFound, pageWhileDisabled.Status);
        Assert.Equal("找不到页面", pageWhileDisabled.Heading);
        Assert.Contains("已启用“探针插件”。", enabled.MainText);
        Assert.Contains(PluginPage, menuAfter.Menu("main-nav"));
        Assert.Equal(HttpStatusCode.OK, pageAfter.Status);
    }

    [Fact]
    public async Task A_failed_plugin_shows_its_state_and_reason()
    {
        _folders.AddProbe("probe-broken", manifest: m => m["sdk"] = "^99.0.0");
        await using var host = new TestHost(_folders);
        using var admin = new Browser(host);
        await admin.SignInAsync("admin@smarttrade.demo");
        await admin.UseEnglishAsync();

        var plugins = await admin.OpenAsync("/admin/plugins");
        var row = plugins.Document.QuerySelector("tr[data-plugin-id=probe-broken]")!;

        Assert.Equal("Incompatible", row.QuerySelector("[data-state]")!.TextContent);
        Assert.Contains("Reason:", row.TextContent);
        Assert.Contains("99", row.QuerySelector(".reason")!.TextContent);
        Assert.Equal("1.0.0", row.QuerySelectorAll("td")[0].TextContent);
    }

    [Fact]
    public async Task An_upload_that_is_not_a_plugin_package_is_refused_next_to_the_field()
    {
        await using var host = new TestHost(_folders);
        using var admin = new Browser(host);
        await admin.SignInAsync("admin@smarttrade.demo");
        var plugins = await admin.OpenAsync("/admin/plugins");

        var refused = await plugins.SubmitAsync(admin, "/admin/plugins/upload", files: new() { ["package"] = new FormFile(Encoding.UTF8.GetBytes("not a zip"), "plugin.zip", "application/zip") });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.StartsWith("插件包无效：", refused.ErrorFor("Package"));
        Assert.Equal("插件包没有安装。", refused.Document.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Only_administrators_open_the_plugin_page()
    {
        await using var host = new TestHost(_folders);
        using var merchant = new Browser(host);
        var home = await merchant.SignInAsync("merchant@smarttrade.demo");

        var page = await merchant.OpenAsync("/admin/plugins");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.DoesNotContain("/admin/plugins", home.Menu("main-nav"));
    }
}
