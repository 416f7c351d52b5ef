using Microsoft.AspNetCore.Http;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Http;

/// <summary>Short forms for the problem responses the platform's endpoints return.</summary>
public static class Problems
{
    public static IResult Status(int status, string type, string detail)
        => TypedResults.Problem(statusCode: status, type: type, title: Title(status), detail: detail);

    public static IResult Validation(Dictionary<string, string[]> errors)
        => TypedResults.ValidationProblem(errors, title: "The request is not valid", type: ProblemTypes.Validation);

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Sign-in required",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        412 => "Precondition failed",
        428 => "Precondition required",
        _ => "Request refused",
    };
}
