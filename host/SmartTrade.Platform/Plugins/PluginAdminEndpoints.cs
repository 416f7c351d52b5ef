using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
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

    private static async Task<IResult> UploadAsync(HttpRequest request, PluginPackageUpload upload, CancellationToken cancellationToken)
    {
        if (!upload.Enabled)
        {
            return Problem(PluginPackageUpload.Disabled);
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
            return Problem(upload.TooLarge);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = upload.MaxPackageBytes }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Problem(upload.TooLarge);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(upload.TooLarge);
        }

        var file = form.Files.GetFile(PluginPackageUpload.Field) ?? (form.Files.Count == 1 ? form.Files[0] : null);
        var (result, refusal) = await upload.InstallAsync(file, cancellationToken);
        return refusal is not null ? Problem(refusal) : Answer(result!);
    }

    private static IResult Problem(PluginUploadRefusal refusal)
        => TypedResults.Problem(statusCode: refusal.Status, type: refusal.Type, title: refusal.Title,
            detail: refusal.Detail.Get(System.Globalization.CultureInfo.GetCultureInfo(Sdk.Localization.LocalizedText.English)));

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
}
