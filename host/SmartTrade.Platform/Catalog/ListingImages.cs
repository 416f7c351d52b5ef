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

    private static async Task<IResult> UploadAsync(
        Guid id,
        HttpRequest request,
        PlatformDbContext db,
        DataDirectory data,
        OutboxProcessor outbox,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var listing = await db.Set<ListingEntity>().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null)
        {
            return Problems.Status(404, ProblemTypes.NotFound, $"No listing {id}.");
        }

        if (request.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) != listing.MerchantId)
        {
            return Problems.Status(403, ProblemTypes.Forbidden, "Only the merchant who owns this listing may change its images.");
        }

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

        var file = form.Files.GetFile("image");
        if (file is null || file.Length == 0)
        {
            return Problems.Validation(new() { ["image"] = ["Send the image in a multipart field named 'image'."] });
        }

        if (file.Length > MaxBytes)
        {
            return Problems.Status(413, ProblemTypes.PayloadTooLarge, $"An image is at most {MaxBytes / (1024 * 1024)} MiB.");
        }

        var existing = listing.Images;
        if (existing.Count >= MaxImagesPerListing)
        {
            return Problems.Status(409, ProblemTypes.Conflict, $"A listing has at most {MaxImagesPerListing} images.");
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var format = Recognise(bytes);
        if (format is null)
        {
            return Problems.Status(415, ProblemTypes.UnsupportedMediaType, "The file is not a JPEG, PNG or WebP image.");
        }

        if (!string.IsNullOrEmpty(file.ContentType) && !string.Equals(file.ContentType, format.Value.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Status(415, ProblemTypes.UnsupportedMediaType, $"The file is {format.Value.ContentType} but was sent as {file.ContentType}.");
        }

        var imageId = Guid.NewGuid();
        var fileName = $"{imageId:N}.{format.Value.Extension}";
        var folder = Directory.CreateDirectory(Folder(data, id)).FullName;
        var path = Path.Combine(folder, fileName);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);

        var (width, height) = Dimensions(bytes, format.Value.Extension);
        var now = time.GetUtcNow();
        listing.Images = [.. existing, new ListingImage
        {
            Id = imageId,
            Url = $"/media/listings/{id}/{fileName}",
            ContentType = format.Value.ContentType,
            Width = width,
            Height = height,
        }];
        listing.Touch(now);
        db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.Updated, now), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            File.Delete(path);
            return Problems.Status(412, ProblemTypes.PreconditionFailed, "The listing changed while the image was uploading; retry.");
        }

        outbox.Notify();
        request.HttpContext.Response.Headers.ETag = $"\"{listing.Version}\"";
        return TypedResults.Created(listing.Images[^1].Url, listing.ToListing());
    }

    private static async Task<IResult> DeleteAsync(Guid id, Guid imageId, HttpContext http, PlatformDbContext db, DataDirectory data, OutboxProcessor outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var listing = await db.Set<ListingEntity>().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null || listing.Images.All(i => i.Id != imageId))
        {
            return Problems.Status(404, ProblemTypes.NotFound, $"No image {imageId} on listing {id}.");
        }

        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) != listing.MerchantId)
        {
            return Problems.Status(403, ProblemTypes.Forbidden, "Only the merchant who owns this listing may change its images.");
        }

        var image = listing.Images.First(i => i.Id == imageId);
        var now = time.GetUtcNow();
        listing.Images = listing.Images.Where(i => i.Id != imageId).ToList();
        listing.Touch(now);
        db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.Updated, now), now);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        var file = Path.Combine(Folder(data, id), Path.GetFileName(image.Url));
        if (File.Exists(file))
        {
            File.Delete(file);
        }

        return TypedResults.NoContent();
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

    private static string Folder(DataDirectory data, Guid listingId) => Path.Combine(data.Root, "uploads", "listings", listingId.ToString("N"));

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

    private static (int? Width, int? Height) Dimensions(ReadOnlySpan<byte> bytes, string extension)
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
