using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace SmartTrade.Host.Tests;

/// <summary>Listing images: checked by their bytes and size, stored on disk, served back.</summary>
public sealed class ListingImageTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public ListingImageTests() => _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_png_is_stored_with_its_size_in_pixels_and_served_back_byte_for_byte()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await CreateListingAsync(merchant);
        var png = Png(640, 480);

        var response = await UploadAsync(merchant, listing, png, "image/png");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var image = body!["images"]![0]!;
        var served = await host.CreateClient().GetAsync(image["url"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((640, 480), (image["width"]!.GetValue<int>(), image["height"]!.GetValue<int>()));
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, body["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_even_when_named_and_typed_as_one()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await CreateListingAsync(merchant);

        var response = await UploadAsync(merchant, listing, Encoding.UTF8.GetBytes("<?php echo 'not an image'; ?>"), "image/png");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty((await merchant.GetFromJsonAsync<JsonObject>(listing))!["images"]!.AsArray());
    }

    [Fact]
    public async Task An_image_over_five_mebibytes_is_refused()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await CreateListingAsync(merchant);
        var big = new byte[(5 * 1024 * 1024) + 1];
        Png(10, 10).CopyTo(big, 0);

        var response = await UploadAsync(merchant, listing, big, "image/png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Another_merchant_cannot_add_or_remove_images()
    {
        await using var host = new TestHost(_folders);
        var owner = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await CreateListingAsync(owner);
        var uploaded = await (await UploadAsync(owner, listing, Png(8, 8), "image/png")).Content.ReadFromJsonAsync<JsonObject>();
        var imageId = uploaded!["images"]![0]!["id"]!.GetValue<string>();
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");

        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(buyer, listing, Png(8, 8), "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.DeleteAsync($"{listing}/images/{imageId}")).StatusCode);
        Assert.Single((await owner.GetFromJsonAsync<JsonObject>(listing))!["images"]!.AsArray());
    }

    [Fact]
    public async Task A_removed_image_is_no_longer_served()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await CreateListingAsync(merchant);
        var uploaded = await (await UploadAsync(merchant, listing, Png(8, 8), "image/png")).Content.ReadFromJsonAsync<JsonObject>();
        var image = uploaded!["images"]![0]!;

        var deleted = await merchant.DeleteAsync($"{listing}/images/{image["id"]!.GetValue<string>()}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync(image["url"]!.GetValue<string>())).StatusCode);
    }

    [Theory]
    [InlineData("../../keys/key.xml")]
    [InlineData("..%2F..%2Fsmarttrade.db")]
    [InlineData("not-a-guid.png")]
    public async Task Media_paths_outside_stored_images_are_404(string file)
    {
        await using var host = new TestHost(_folders);

        var response = await host.CreateClient().GetAsync($"/media/listings/{Guid.NewGuid()}/{file}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static byte[] Png(int width, int height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), (uint)height);
        bytes[24] = 8;
        bytes[25] = 6;
        return bytes;
    }

    private static async Task<string> CreateListingAsync(HttpClient merchant)
    {
        var response = await merchant.PostAsJsonAsync("/api/v1/listings", new
        {
            marketId = "appliances",
            title = new Dictionary<string, string> { ["zh-CN"] = "静音落地扇", ["en"] = "Quiet floor fan" },
            categoryPath = "climate/fan",
            priceMinor = 19_900,
            unit = "piece",
            stock = 30,
            attributes = new Dictionary<string, object> { ["brand"] = "Cixi Breeze", ["model"] = "CB-40", ["powerWatts"] = 45 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string listing, byte[] content, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "image", "photo.png");
        return await client.PostAsync($"{listing}/images", form);
    }
}
