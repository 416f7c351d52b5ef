using SmartTrade.Host.Storefront.Components.Pages;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Plugins;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Security;
using SmartTrade.Sdk.Storefront;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Host.Storefront;

/// <summary>
/// The administrator's plugin page: every plugin with its state and reason, enable, disable and package upload,
/// through the same <see cref="PluginRuntime"/> and <see cref="PluginPackageUpload"/> as the admin API.
/// </summary>
public static class AdminPages
{
    private static readonly LocalizedText PluginsTitle = new("插件管理", "Plugins");

    internal static void MapAdminPages(this WebApplication app)
    {
        var admin = app.MapGroup("/admin").ExcludeFromDescription().RequireAuthorization(Roles.Admin);
        admin.MapGet("/plugins", (string? done, string? plugin, PluginRuntime runtime, PluginPackageUpload upload, IStorefrontPages pages)
                => Page(pages, runtime, upload, Notice(done, plugin, runtime), null, null, StatusCodes.Status200OK))
            .WithNavigation(new NavigationEntry("/admin/plugins", PluginsTitle, NavigationArea.Admin, 10, Roles.Admin));
        admin.MapPost("/plugins/{id}/enable", async (string id, PluginRuntime runtime, PluginPackageUpload upload, IStorefrontPages pages, CancellationToken ct)
            => Answer(await runtime.EnableAsync(id, ct), "enabled", T("插件没有启用：", "The plugin was not enabled: "), pages, runtime, upload)).RequireFormToken();
        admin.MapPost("/plugins/{id}/disable", async (string id, PluginRuntime runtime, PluginPackageUpload upload, IStorefrontPages pages, CancellationToken ct)
            => Answer(await runtime.DisableAsync(id, ct), "disabled", T("插件没有停用：", "The plugin was not disabled: "), pages, runtime, upload)).RequireFormToken();
        admin.MapPost("/plugins/upload", UploadAsync).RequireFormToken();
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, PluginRuntime runtime, PluginPackageUpload upload, IStorefrontPages pages, CancellationToken cancellationToken)
    {
        var fields = await request.ReadFormAsync(cancellationToken);
        var (result, refusal) = await upload.InstallAsync(fields.Files.GetFile(PluginPackageUpload.Field), cancellationToken);
        if (refusal is not null)
        {
            var errors = new FieldErrors();
            errors.Report(PluginPackageUpload.Field, refusal.Detail);
            return Page(pages, runtime, upload, null, T("插件包没有安装。", "The package was not installed."), errors, refusal.Status);
        }

        return Answer(result!, "installed", T("插件包没有安装：", "The package was not installed: "), pages, runtime, upload);
    }

    private static IResult Answer(PluginOperationResult result, string done, string failed, IStorefrontPages pages, PluginRuntime runtime, PluginPackageUpload upload)
        => result.Succeeded
            ? Results.LocalRedirect($"/admin/plugins?done={done}&plugin={Uri.EscapeDataString(result.Plugin!.Id)}")
            : result.StatusCode == StatusCodes.Status404NotFound
                ? ShopPages.NotFound(pages)
                : Page(pages, runtime, upload, null, failed + result.Error, null, result.StatusCode);

    private static string? Notice(string? done, string? id, PluginRuntime runtime)
    {
        var name = id is null ? null : runtime.List().FirstOrDefault(p => p.Id == id) is { } plugin ? plugin.Names?.Get() ?? plugin.Name : null;
        return (done, name) switch
        {
            (_, null) => null,
            ("enabled", _) => T($"已启用“{name}”。", $"“{name}” is enabled."),
            ("disabled", _) => T($"已停用“{name}”。", $"“{name}” is disabled."),
            ("installed", _) => T($"已安装“{name}”。", $"“{name}” is installed."),
            _ => null,
        };
    }

    private static IResult Page(IStorefrontPages pages, PluginRuntime runtime, PluginPackageUpload upload, string? notice, string? error, FieldErrors? errors, int status)
        => pages.Page<PluginAdmin>(PluginsTitle, new Dictionary<string, object?>
        {
            [nameof(PluginAdmin.Plugins)] = runtime.List(),
            [nameof(PluginAdmin.UploadEnabled)] = upload.Enabled,
            [nameof(PluginAdmin.MaxPackageBytes)] = upload.MaxPackageBytes,
            [nameof(PluginAdmin.Notice)] = notice,
            [nameof(PluginAdmin.Error)] = error,
            [nameof(PluginAdmin.Errors)] = errors?.InCurrentCulture(),
        }, status);
}
