using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Hosting;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform.Plugins;

/// <summary>The administrator's plugin API under <c>/api/v1/admin/plugins</c>.</summary>
public static class PluginAdminEndpoints
{
    /// <summary>Maps the plugin admin endpoints (Admin role only).</summary>
    /// <param name="endpoints">The route builder.</param>
    public static IEndpointRouteBuilder MapPluginAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/v1/admin/plugins")
            .WithTags("Plugin administration")
            .RequireAuthorization(Roles.Admin);

        admin.MapGet("/", (PluginRuntime runtime) => TypedResults.Ok(runtime.List()))
            .WithName("ListPlugins")
            .WithSummary("Lists every plugin with its version, state and the reason for that state.");

        admin.MapGet("/{id}", Results<Ok<PluginDetails>, ProblemHttpResult> (string id, PluginRuntime runtime) =>
                runtime.Get(id) is { } details ? TypedResults.Ok(details) : NotFound(id))
            .WithName("GetPlugin")
            .WithSummary("Shows one plugin, its private assemblies and its routes.");

        admin.MapPost("/{id}/enable", async (string id, PluginRuntime runtime, CancellationToken ct) => Answer(await runtime.EnableAsync(id, ct)))
            .WithName("EnablePlugin")
            .WithSummary("Enables a plugin without restarting the host.");

        admin.MapPost("/{id}/disable", async (string id, PluginRuntime runtime, CancellationToken ct) => Answer(await runtime.DisableAsync(id, ct)))
            .WithName("DisablePlugin")
            .WithSummary("Disables a plugin; in-flight requests finish, new ones no longer reach it.");

        admin.MapPost("/", UploadAsync)
            .WithName("UploadPlugin")
            .WithSummary("Installs or upgrades a plugin from a zip package (multipart field 'package'). Off unless SmartTrade:PluginUpload:Enabled is true.")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(
        HttpRequest request,
        PluginRuntime runtime,
        DataDirectory data,
        IOptions<SmartTradeOptions> options,
        CancellationToken cancellationToken)
    {
        var upload = options.Value.PluginUpload;
        if (!upload.Enabled)
        {
            return TypedResults.Problem(statusCode: 403, type: ProblemTypes.FeatureDisabled, title: "Plugin upload is disabled",
                detail: "Set SmartTrade:PluginUpload:Enabled to true to allow administrators to upload plugins.");
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: 415, type: ProblemTypes.UnsupportedMediaType, title: "Multipart form expected",
                detail: "Upload the package as multipart/form-data in a field named 'package'.");
        }

        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // Room for the multipart framing around the package itself.
            size.MaxRequestBodySize = upload.MaxPackageBytes + (64 * 1024);
        }

        if (request.ContentLength > upload.MaxPackageBytes + (64 * 1024))
        {
            return TooLarge(upload.MaxPackageBytes);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = upload.MaxPackageBytes }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TooLarge(upload.MaxPackageBytes);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(upload.MaxPackageBytes);
        }

        var file = form.Files.GetFile("package") ?? (form.Files.Count == 1 ? form.Files[0] : null);
        if (file is null || file.Length == 0)
        {
            return TypedResults.Problem(statusCode: 400, type: ProblemTypes.Validation, title: "Package missing",
                detail: "Send the plugin zip in a multipart field named 'package'.");
        }

        if (file.Length > upload.MaxPackageBytes)
        {
            return TooLarge(upload.MaxPackageBytes);
        }

        string? folder;
        string? error;
        await using (var stream = file.OpenReadStream())
        {
            (folder, error) = PluginPackage.Extract(stream, data.InstalledPlugins, data.Temp, new PluginUploadLimits(upload.MaxEntries, upload.MaxExtractedBytes));
        }

        if (folder is null)
        {
            return TypedResults.Problem(statusCode: 400, type: "/problems/invalid-plugin-package", title: "Invalid plugin package", detail: error);
        }

        return Answer(await runtime.InstallAsync(folder, cancellationToken));
    }

    private static IResult Answer(PluginOperationResult result)
    {
        if (result.Succeeded)
        {
            return result.StatusCode == 201
                ? TypedResults.Created($"/api/v1/admin/plugins/{result.Plugin!.Id}", result.Plugin)
                : TypedResults.Ok(result.Plugin);
        }

        return TypedResults.Problem(
            statusCode: result.StatusCode,
            type: result.StatusCode switch { 404 => ProblemTypes.NotFound, 409 => ProblemTypes.Conflict, _ => "/problems/plugin-not-started" },
            title: result.StatusCode switch { 404 => "Plugin not found", 409 => "Plugin state conflict", _ => "Plugin could not be started" },
            detail: result.Error,
            extensions: result.Plugin is null ? null : new Dictionary<string, object?> { ["plugin"] = result.Plugin });
    }

    private static ProblemHttpResult NotFound(string id)
        => TypedResults.Problem(statusCode: 404, type: ProblemTypes.NotFound, title: "Plugin not found", detail: $"No plugin '{id}'.");

    private static ProblemHttpResult TooLarge(long max)
        => TypedResults.Problem(statusCode: 413, type: ProblemTypes.PayloadTooLarge, title: "Package too large", detail: $"A plugin package may be at most {max} bytes.");
}
