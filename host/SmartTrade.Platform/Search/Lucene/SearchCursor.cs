using System.Buffers.Binary;
using System.Buffers.Text;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Search.Lucene;

/// <summary>
/// A cursor that cannot be read: not produced by this engine, damaged, or made for another sort order.
/// The HTTP layer answers it with 400 Bad Request.
/// </summary>
public sealed class InvalidSearchCursorException : ArgumentException
{
    public InvalidSearchCursorException()
        : base("The search cursor is not valid.", nameof(SearchQuery.Cursor))
    {
    }

    public InvalidSearchCursorException(string message)
        : base(message, nameof(SearchQuery.Cursor))
    {
    }

    public InvalidSearchCursorException(string message, Exception innerException)
        : base(message, nameof(SearchQuery.Cursor), innerException)
    {
    }
}

/// <summary>
/// Where the next page starts (search-after): the sort value of the last hit served, its listing id as the
/// tiebreak, and how many hits came before so ranks continue. Encoded as base64url of a fixed 34-byte layout:
/// format (1), sort (1), value (8), listing id (16), hits served so far (8).
/// </summary>
/// <remarks>
/// For price and newest the sort values belong to the listing, so paging stays stable while the index changes:
/// a listing is neither repeated nor skipped unless its own price or position changes. For relevance the value
/// is the score (as float bits), which depends on the whole index; equal scores are ordered by listing id.
/// </remarks>
/// <param name="Sort">The effective sort the cursor was made for.</param>
/// <param name="Value">The sort value: price in minor units, created-at ticks, or the score's float bits.</param>
/// <param name="ListingId">The last listing served.</param>
/// <param name="Served">How many hits were served before the next page.</param>
public sealed record SearchCursor(SearchSort Sort, long Value, Guid ListingId, long Served)
{
    private const byte Format = 1;
    private const int Length = 34;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Format;
        bytes[1] = (byte)Sort;
        BinaryPrimitives.WriteInt64BigEndian(bytes[2..], Value);
        ListingId.TryWriteBytes(bytes[10..26]);
        BinaryPrimitives.WriteInt64BigEndian(bytes[26..], Served);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a cursor made for <paramref name="sort"/>.</summary>
    /// <exception cref="InvalidSearchCursorException">The text is not such a cursor.</exception>
    public static SearchCursor Decode(string text, SearchSort sort)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException ex)
        {
            throw new InvalidSearchCursorException("The search cursor is not valid base64url.", ex);
        }

        if (bytes.Length != Length || bytes[0] != Format)
        {
            throw new InvalidSearchCursorException();
        }

        if (bytes[1] != (byte)sort)
        {
            throw new InvalidSearchCursorException("The search cursor belongs to another sort order.");
        }

        var served = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(26));
        if (served < 0)
        {
            throw new InvalidSearchCursorException();
        }

        return new SearchCursor(sort, BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(2)), new Guid(bytes.AsSpan(10, 16)), served);
    }
}
