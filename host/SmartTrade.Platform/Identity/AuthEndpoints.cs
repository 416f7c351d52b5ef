using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.RateLimiting;

namespace SmartTrade.Platform.Identity;

/// <summary>The token endpoint API clients sign in with.</summary>
public static class AuthEndpoints
{
    /// <summary>Maps <c>POST /api/v1/auth/token</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/auth/token", IssueTokenAsync)
            .WithTags("Auth")
            .WithName("IssueToken")
            .WithSummary("Exchanges an email and password for a bearer access token.")
            .AllowAnonymous()
            .WithRateLimit(RateLimitPolicies.Auth);
        return endpoints;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest? request,
        UserManager<PlatformUser> users,
        SignInManager<PlatformUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer,
        TimeProvider time)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(
                statusCode: 400,
                type: ProblemTypes.Validation,
                title: "Email and password are required",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = new Dictionary<string, string[]>
                    {
                        ["email"] = string.IsNullOrWhiteSpace(request?.Email) ? ["Email is required."] : [],
                        ["password"] = string.IsNullOrEmpty(request?.Password) ? ["Password is required."] : [],
                    },
                });
        }

        var user = await users.FindByEmailAsync(request.Email.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            return TypedResults.Problem(
                statusCode: 401,
                type: ProblemTypes.Unauthorized,
                title: result.IsLockedOut ? "Account locked" : "Invalid credentials",
                detail: result.IsLockedOut ? "Too many failed attempts; try again in a few minutes." : "The email or password is not correct.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user!);
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var expires = time.GetUtcNow() + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expires }, $"{IdentityConstants.BearerScheme}:AccessToken");
        var token = options.BearerTokenProtector.Protect(ticket);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (long)options.BearerTokenExpiration.TotalSeconds));
    }

    /// <summary>The token request.</summary>
    /// <param name="Email">The account's email.</param>
    /// <param name="Password">The account's password.</param>
    public sealed record TokenRequest(
        [property: JsonPropertyName("email"), EmailAddress] string? Email,
        [property: JsonPropertyName("password")] string? Password);

    /// <summary>An issued token, in the OAuth 2.0 token response shape.</summary>
    /// <param name="AccessToken">The bearer token.</param>
    /// <param name="TokenType">Always <c>Bearer</c>.</param>
    /// <param name="ExpiresIn">Seconds until it expires.</param>
    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}
