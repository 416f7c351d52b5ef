using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SmartTrade.Storefront.E2E.Steps;

/// <summary>A real, decodable PNG (a steel-blue kettle shape on white) for listing images the browser must show.</summary>
public static class KettlePng
{
    public static byte[] Create(int width, int height)
    {
        // Raw scanlines: filter byte 0, then RGB.
        var raw = new byte[height * (1 + (width * 3))];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + (width * 3));
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = Colour(x, y, width, height);
                var at = row + 1 + (x * 3);
                (raw[at], raw[at + 1], raw[at + 2]) = (r, g, b);
            }
        }

        byte[] compressed;
        using (var buffer = new MemoryStream())
        {
            using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            compressed = buffer.ToArray();
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8; // bits per sample
        header[9] = 2; // truecolour RGB

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static (byte R, byte G, byte B) Colour(int x, int y, int width, int height)
    {
        // An ellipse for the body, a rectangle for the handle; white around.
        double cx = width * 0.45, cy = height * 0.58, rx = width * 0.28, ry = height * 0.34;
        var dx = (x - cx) / rx;
        var dy = (y - cy) / ry;
        if ((dx * dx) + (dy * dy) <= 1)
        {
            var shade = (byte)(150 + (int)(60 * (1 - Math.Abs(dx))));
            return ((byte)(shade - 90), (byte)(shade - 40), shade);
        }

        var handle = x > width * 0.70 && x < width * 0.80 && y > height * 0.35 && y < height * 0.80;
        return handle ? ((byte)40, (byte)45, (byte)50) : ((byte)255, (byte)255, (byte)255);
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
