using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Sdk.Storefront;

/// <summary>
/// Protection of storefront forms against cross-site request forgery. A form carries the antiforgery token
/// (<c>&lt;AntiforgeryToken /&gt;</c> in a Razor component); an endpoint that binds form fields checks it by itself,
/// but one that takes no fields (a button-only POST such as "cancel the order") must ask for it with
/// <see cref="RequireFormToken{TBuilder}"/>.
/// </summary>
public static class FormTokens
{
    private static readonly LocalizedText Title = new("表单已过期", "The form has expired");

    private static readonly LocalizedText Explanation = new(
        "页面打开太久，或请求不是从本站的表单发出的，因此没有做任何更改。请返回并刷新页面后再试。",
        "The page was open too long, or the request did not come from this site's form, so nothing was changed. Go back, reload the page and try again.");

    /// <summary>
    /// Requires a valid antiforgery token on this endpoint's POST: without one the request is refused with 400 before
    /// the handler runs (<see cref="Rejection"/>) and nothing changes.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The endpoint (or group).</param>
    public static TBuilder RequireFormToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The metadata makes the antiforgery middleware check the token; the filter refuses what it found invalid,
        // and checks by itself where no middleware did.
        builder.WithMetadata(new RequireAntiforgeryTokenAttribute(required: true));
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var valid = context.Features.Get<IAntiforgeryValidationFeature>() is { } feature
                ? feature.IsValid
                : await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
            return valid ? await next(invocation) : Rejection(context);
        });
        return builder;
    }

    /// <summary>
    /// The answer to a request whose antiforgery token is missing or invalid: a page in the storefront's layout for a
    /// browser, problem details (400, <see cref="ProblemTypes.BadRequest"/>) for an API client.
    /// </summary>
    /// <param name="context">The refused request.</param>
    public static IResult Rejection(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wantsPage = !context.Request.Path.StartsWithSegments("/api")
            && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (wantsPage && context.RequestServices.GetService<IStorefrontPages>() is { } pages)
        {
            return pages.Message(StatusCodes.Status400BadRequest, Title, Explanation);
        }

        return Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            type: ProblemTypes.BadRequest,
            title: "Antiforgery token missing or invalid",
            detail: "Send the form's antiforgery token with the request; nothing was changed.");
    }
}
