using System.Buffers.Binary;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Hosting;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Platform.Catalog;

/// <summary>
/// Listing images: uploaded by the owning merchant (JPEG, PNG or WebP, recognised by their bytes, at most
/// <see cref="MaxBytes"/>), stored under the data directory, served from <c>/media/listings/{id}/{file}</c>.
/// </summary>
public static class ListingImages
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxImagesPerListing = 12;

    public static IEndpointRouteBuilder MapListingImageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var images = endpoints.MapGroup("/api/v1/listings/{id:guid}/images").WithTags("Listings").RequireAuthorization(Roles.Merchant);
        images.MapPost("/", UploadAsync)
            .WithName("UploadListingImage")
            .WithSummary("Adds an image (multipart field 'image'; JPEG, PNG or WebP up to 5 MiB) to the merchant's listing.")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        images.MapDelete("/{imageId:guid}", DeleteAsync).WithName("DeleteListingImage").WithSummary("Removes an image from the merchant's listing.");
        endpoints.MapGet("/media/listings/{id:guid}/{file}", Serve).WithTags("Listings").WithName("GetListingImage").ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(Guid id, HttpRequest request, ListingGallery gallery, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Status(415, ProblemTypes.UnsupportedMediaType, "Upload the image as multipart/form-data in a field named 'image'.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MaxBytes }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Problems.Status(413, ProblemTypes.PayloadTooLarge, $"An image is at most {MaxBytes / (1024 * 1024)} MiB.");
        }

        var merchant = request.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var outcome = await gallery.AddAsync(merchant, id, form.Files.GetFile("image"), ListingPrecondition.Any, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return ListingEndpoints.Problem(refusal);
        }

        ListingEndpoints.SetETag(request.HttpContext, outcome.Listing!);
        return TypedResults.Created(outcome.Listing!.Images[^1].Url, outcome.Listing.ToListing());
    }

    private static async Task<IResult> DeleteAsync(Guid id, Guid imageId, HttpContext http, ListingGallery gallery, CancellationToken cancellationToken)
    {
        var outcome = await gallery.RemoveAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, id, imageId, cancellationToken);
        return outcome.Refusal is { } refusal ? ListingEndpoints.Problem(refusal) : TypedResults.NoContent();
    }

    private static IResult Serve(Guid id, string file, DataDirectory data)
    {
        // Only names this module wrote: a GUID and a known extension, nothing that could leave the folder.
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || !Guid.TryParseExact(file[..dot], "N", out _) || file[(dot + 1)..] is not ("jpg" or "png" or "webp"))
        {
            return Problems.Status(404, ProblemTypes.NotFound, "No such image.");
        }

        var path = Path.Combine(Folder(data, id), file);
        if (!File.Exists(path))
        {
            return Problems.Status(404, ProblemTypes.NotFound, "No such image.");
        }

        var contentType = file[(dot + 1)..] switch { "jpg" => "image/jpeg", "png" => "image/png", _ => "image/webp" };
        return TypedResults.PhysicalFile(path, contentType, enableRangeProcessing: false);
    }

    internal static string Folder(DataDirectory data, Guid listingId) => Path.Combine(data.Root, "uploads", "listings", listingId.ToString("N"));

    internal static (string ContentType, string Extension)? Recognise(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ("image/jpeg", "jpg");
        }

        if (bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ("image/png", "png");
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ("image/webp", "webp");
        }

        return null;
    }

    internal static (int? Width, int? Height) Dimensions(ReadOnlySpan<byte> bytes, string extension)
    {
        if (extension == "png" && bytes.Length >= 24)
        {
            return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]));
        }

        if (extension == "jpg")
        {
            // Walk the markers to the first start-of-frame segment, which holds height then width.
            var i = 2;
            while (i + 9 < bytes.Length && bytes[i] == 0xFF)
            {
                var marker = bytes[i + 1];
                var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 2)..]);
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    return (BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 5)..]));
                }

                i += 2 + length;
            }
        }

        return (null, null);
    }
}
