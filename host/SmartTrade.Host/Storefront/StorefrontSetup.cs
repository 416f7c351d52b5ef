using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using SmartTrade.Sdk.Localization;
using SmartTrade.Platform.Hosting;
using SmartTrade.Sdk.Storefront;

namespace SmartTrade.Host.Storefront;

/// <summary>The web storefront: server-rendered Razor components in one shared layout, zh-CN by default.</summary>
internal static class StorefrontSetup
{
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        // Chinese text as itself in the HTML rather than as numeric character references.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(
            options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddSingleton<IStorefrontPages, StorefrontPages>();
        builder.Services.AddSingleton<Navigation>();
        builder.Services.AddSingleton<OrderStatusFeed>();
        builder.Services.Configure<StatusCodePagesOptions>(options => options.HandleAsync = StatusPageAsync);
        builder.Services.AddMediatorHandlersFrom(typeof(StorefrontSetup).Assembly);
        return builder;
    }

    public static WebApplication MapStorefront(this WebApplication app)
    {
        // After the platform's antiforgery check: a form post whose token is missing or wrong is answered here, before
        // any binding or handler runs (a page for a browser, problem details for an API client), and changes nothing.
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                await FormTokens.Rejection(context).ExecuteAsync(context);
                return;
            }

            await next(context);
        });

        app.MapAccountPages();
        app.MapShopPages();
        app.MapMerchantPages();
        app.MapAdminPages();
        OrderStatusFeed.Map(app);
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var chosen = culture == "en" ? "en" : "zh-CN";
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// An empty error response (404 for an unknown path, 405, ...) becomes a page in the layout for a browser, and
    /// problem details for API clients.
    /// </summary>
    private static async Task StatusPageAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var wantsPage = !http.Request.Path.StartsWithSegments("/api")
            && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (wantsPage)
        {
            var status = http.Response.StatusCode;
            var (title, message) = status switch
            {
                404 => (new LocalizedText("找不到页面", "Page not found"), new LocalizedText("您要找的页面不存在。", "The page you are looking for does not exist.")),
                403 => (new LocalizedText("无权访问", "Not allowed"), new LocalizedText("您的账户不能打开这个页面。", "Your account cannot open this page.")),
                400 => (new LocalizedText("请求无效", "Bad request"), new LocalizedText("请求无法处理，请返回重试（表单可能已过期）。", "The request could not be handled; go back and try again (the form may have expired).")),
                _ => (new LocalizedText("出错了", "Something went wrong"), new LocalizedText("请求没有完成，请稍后再试。", "The request did not complete; try again later.")),
            };
            await StorefrontPages.Render(typeof(Components.MessagePage), title, new Dictionary<string, object?>
            {
                [nameof(Components.MessagePage.Heading)] = title,
                [nameof(Components.MessagePage.Text)] = message,
            }, status).ExecuteAsync(http);
            return;
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } });
    }

    /// <summary>Only same-site paths are followed after sign-in or a language switch (no open redirects).</summary>
    public static bool IsLocal(string? url)
        => !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
