using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Hosting;
using SmartTrade.Platform.Http;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Catalog;

/// <summary>
/// Adds and removes a listing's images for its merchant, the same for the API and the storefront's pages: an image
/// is a JPEG, PNG or WebP recognised by its bytes (a declared content type must agree), at most
/// <see cref="ListingImages.MaxBytes"/>, at most <see cref="ListingImages.MaxImagesPerListing"/> per listing, stored
/// under the data directory.
/// </summary>
public sealed class ListingGallery(PlatformDbContext db, ListingCommands commands, DataDirectory data, OutboxProcessor outbox, TimeProvider time)
{
    public const string Field = "image";

    public async Task<ListingOutcome> AddAsync(string merchantId, Guid listingId, IFormFile? file, ListingPrecondition precondition, CancellationToken cancellationToken)
    {
        var (listing, refusal) = await commands.LoadOwnedAsync(merchantId, listingId, precondition, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (bytes, format, problem) = await InspectAsync(file, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var existing = listing!.Images;
        if (existing.Count >= ListingImages.MaxImagesPerListing)
        {
            return new ListingRefusal(409, ProblemTypes.Conflict, new(
                $"每个商品最多 {ListingImages.MaxImagesPerListing} 张图片。", $"A listing has at most {ListingImages.MaxImagesPerListing} images."));
        }

        var imageId = Guid.NewGuid();
        var fileName = $"{imageId:N}.{format.Extension}";
        var folder = Directory.CreateDirectory(ListingImages.Folder(data, listingId)).FullName;
        var path = Path.Combine(folder, fileName);
        await File.WriteAllBytesAsync(path, bytes!, cancellationToken);

        var (width, height) = ListingImages.Dimensions(bytes, format.Extension);
        var now = time.GetUtcNow();
        listing.Images = [.. existing, new ListingImage
        {
            Id = imageId,
            Url = $"/media/listings/{listingId}/{fileName}",
            ContentType = format.ContentType,
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
            db.ChangeTracker.Clear();
            File.Delete(path);
            return new ListingRefusal(412, ProblemTypes.PreconditionFailed, new(
                "上传图片时商品已被修改，请重试。", "The listing changed while the image was uploading; retry."));
        }

        outbox.Notify();
        return new(listing, null);
    }

    /// <summary>
    /// Reads an uploaded file and checks that it is an image this gallery takes: present, at most
    /// <see cref="ListingImages.MaxBytes"/>, a JPEG, PNG or WebP by its bytes, declared as what it is.
    /// </summary>
    public static async Task<(byte[] Bytes, (string ContentType, string Extension) Format, ListingRefusal? Refusal)> InspectAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            var errors = new FieldErrors();
            errors.Report(Field, "请选择一张图片。", "Send the image in a multipart field named 'image'.");
            return ([], default, new ListingRefusal(400, ProblemTypes.Validation, new("请选择一张图片。", "No image was sent."), errors));
        }

        if (file.Length > ListingImages.MaxBytes)
        {
            return ([], default, new ListingRefusal(413, ProblemTypes.PayloadTooLarge, new(
                $"图片太大：最大 {ListingImages.MaxBytes / (1024 * 1024)} MB。", $"An image is at most {ListingImages.MaxBytes / (1024 * 1024)} MiB.")));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        if (ListingImages.Recognise(bytes) is not { } format)
        {
            return ([], default, new ListingRefusal(415, ProblemTypes.UnsupportedMediaType, new(
                "文件不是 JPEG、PNG 或 WebP 图片。", "The file is not a JPEG, PNG or WebP image.")));
        }

        if (!string.IsNullOrEmpty(file.ContentType) && !string.Equals(file.ContentType, format.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return ([], default, new ListingRefusal(415, ProblemTypes.UnsupportedMediaType, new(
                $"文件内容是 {format.ContentType}，却以 {file.ContentType} 上传。", $"The file is {format.ContentType} but was sent as {file.ContentType}.")));
        }

        return (bytes, format, null);
    }

    public async Task<ListingOutcome> RemoveAsync(string merchantId, Guid listingId, Guid imageId, CancellationToken cancellationToken)
    {
        var (listing, refusal) = await commands.LoadOwnedAsync(merchantId, listingId, ListingPrecondition.Any, cancellationToken);
        if (refusal is { Status: 404 } || (refusal is null && listing!.Images.All(i => i.Id != imageId)))
        {
            return new ListingRefusal(404, ProblemTypes.NotFound, new("没有这张图片。", $"No image {imageId} on listing {listingId}."));
        }

        if (refusal is not null)
        {
            return refusal with
            {
                Detail = new("只有发布这个商品的商家可以修改它的图片。", "Only the merchant who owns this listing may change its images."),
            };
        }

        var image = listing!.Images.First(i => i.Id == imageId);
        var now = time.GetUtcNow();
        listing.Images = listing.Images.Where(i => i.Id != imageId).ToList();
        listing.Touch(now);
        db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.Updated, now), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ListingRefusal(412, ProblemTypes.PreconditionFailed, new(
                "删除图片时商品已被修改，请重试。", "The listing changed while the image was being removed; retry."));
        }

        outbox.Notify();
        var file = Path.Combine(ListingImages.Folder(data, listingId), Path.GetFileName(image.Url));
        if (File.Exists(file))
        {
            File.Delete(file);
        }

        return new(listing, null);
    }
}
