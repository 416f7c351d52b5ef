using Microsoft.AspNetCore.Http;

namespace SmartTrade.Sdk.Http;

/// <summary>
/// Why a plugin refused a request: an HTTP status, a problem type (<c>/problems/{plugin-id}/{code}</c>), the stable
/// code clients switch on, a detail for a person, and the request field at fault when there is one. A refused request
/// changed nothing. <see cref="ToProblem"/> turns it into an RFC 9457 problem-details answer shaped like the host's own.
/// </summary>
/// <remarks>
/// A plugin usually derives a record of its own that fixes the type prefix, so its code reads in its domain's words:
/// <code>
/// public sealed record FreightRefusal(int Status, string Code, string Detail, string? Field = null)
///     : Refusal(Status, "/problems/acme-freight/" + Code, Code, Detail, Field);
/// </code>
/// </remarks>
/// <param name="Status">The HTTP status to answer with (4xx).</param>
/// <param name="Type">The problem type, <c>/problems/{plugin-id}/{code}</c>.</param>
/// <param name="Code">The stable code, the last segment of <paramref name="Type"/>; answered as the <c>code</c> extension.</param>
/// <param name="Detail">What was wrong, for a person.</param>
/// <param name="Field">The request field at fault (camelCase), if any; answered under <c>errors</c>.</param>
public record Refusal(int Status, string Type, string Code, string Detail, string? Field = null)
{
    /// <summary>
    /// The refusal as problem details: <c>type</c>, a title for its status, <c>detail</c>, the <c>code</c> extension,
    /// and <c>errors</c> (<c>{ field: [detail] }</c>) when a field is at fault.
    /// </summary>
    /// <returns>The result to return from an endpoint.</returns>
    public IResult ToProblem()
    {
        var extensions = new Dictionary<string, object?> { ["code"] = Code };
        if (Field is { } field)
        {
            extensions["errors"] = new Dictionary<string, string[]> { [field] = [Detail] };
        }

        return TypedResults.Problem(detail: Detail, statusCode: Status, title: TitleOf(Status), type: Type, extensions: extensions);
    }

    /// <summary>The problem title the SDK gives a refusal status: a fixed English phrase, never the detail.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <returns>The title.</returns>
    public static string TitleOf(int status) => status switch
    {
        400 => "The request is not valid",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        _ => "Request refused",
    };
}
