using Microsoft.AspNetCore.Localization;
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
        builder.Services.AddMediatorHandlersFrom(typeof(StorefrontSetup).Assembly);
        return builder;
    }

    public static WebApplication MapStorefront(this WebApplication app)
    {
        app.MapAccountPages();
        app.MapShopPages();
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

    /// <summary>Only same-site paths are followed after sign-in or a language switch (no open redirects).</summary>
    public static bool IsLocal(string? url)
        => !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
