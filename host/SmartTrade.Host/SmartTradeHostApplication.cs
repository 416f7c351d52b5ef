using Scalar.AspNetCore;
using SmartTrade.Host.Storefront;
using SmartTrade.Platform;

namespace SmartTrade.Host;

/// <summary>
/// The whole host, composed once: the platform (plugin runtime, data, identity, commerce, HTTP conventions), the
/// storefront and the browsable API reference. <c>Program</c> runs it; the plugin test harness
/// (SmartTrade.Sdk.Testing) boots the same composition in-process, so a plugin is tested against the real host.
/// </summary>
public static class SmartTradeHostApplication
{
    /// <summary>Registers the host's services and settings.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder AddSmartTradeHost(this WebApplicationBuilder builder)
    {
        builder.AddSmartTradePlatform();
        builder.AddStorefront();
        return builder;
    }

    /// <summary>Sets up the request pipeline and maps the host's endpoints, pages and API reference.</summary>
    /// <param name="app">The built application.</param>
    /// <returns>The application.</returns>
    public static WebApplication UseSmartTradeHost(this WebApplication app)
    {
        app.UseSmartTradePlatform();
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("SmartTrade API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapStorefront();
        return app;
    }
}
