using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Hosting;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Plugins;

/// <summary>Why an uploaded package was not installed before the runtime saw it.</summary>
/// <param name="Status">403 upload off, 400 no file or not a valid package, 413 too large.</param>
/// <param name="Type">The problem type.</param>
/// <param name="Title">The problem title.</param>
/// <param name="Detail">The reason in zh-CN and en (a package's own fault is described in English only).</param>
public sealed record PluginUploadRefusal(int Status, string Type, string Title, LocalizedText Detail);

/// <summary>
/// Installs or upgrades a plugin from an uploaded zip, the same for the admin API and the admin page: only when
/// <c>SmartTrade:PluginUpload:Enabled</c>, within the package limits, extracted safely, then handed to the runtime.
/// </summary>
public sealed class PluginPackageUpload(PluginRuntime runtime, DataDirectory data, IOptions<SmartTradeOptions> options)
{
    public const string Field = "package";

    public bool Enabled => options.Value.PluginUpload.Enabled;

    public long MaxPackageBytes => options.Value.PluginUpload.MaxPackageBytes;

    public static PluginUploadRefusal Disabled { get; } = new(403, ProblemTypes.FeatureDisabled, "Plugin upload is disabled", new(
        "插件上传未开启（设置 SmartTrade:PluginUpload:Enabled 为 true 后可用）。",
        "Set SmartTrade:PluginUpload:Enabled to true to allow administrators to upload plugins."));

    public PluginUploadRefusal TooLarge => new(413, ProblemTypes.PayloadTooLarge, "Package too large", new(
        $"插件包最大 {MaxPackageBytes} 字节。", $"A plugin package may be at most {MaxPackageBytes} bytes."));

    public async Task<(PluginOperationResult? Result, PluginUploadRefusal? Refusal)> InstallAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var upload = options.Value.PluginUpload;
        if (!upload.Enabled)
        {
            return (null, Disabled);
        }

        if (file is null || file.Length == 0)
        {
            return (null, new PluginUploadRefusal(400, ProblemTypes.Validation, "Package missing", new(
                "请选择插件包（zip 文件）。", "Send the plugin zip in a multipart field named 'package'.")));
        }

        if (file.Length > upload.MaxPackageBytes)
        {
            return (null, TooLarge);
        }

        string? folder;
        string? error;
        await using (var stream = file.OpenReadStream())
        {
            (folder, error) = PluginPackage.Extract(stream, data.InstalledPlugins, data.Temp, new PluginUploadLimits(upload.MaxEntries, upload.MaxExtractedBytes));
        }

        if (folder is null)
        {
            return (null, new PluginUploadRefusal(400, "/problems/invalid-plugin-package", "Invalid plugin package", new(
                "插件包无效：" + error, error ?? "The package is not valid.")));
        }

        return (await runtime.InstallAsync(folder, cancellationToken), null);
    }
}
