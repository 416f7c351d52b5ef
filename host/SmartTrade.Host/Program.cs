using Scalar.AspNetCore;
using SmartTrade.Host;
using SmartTrade.Host.Storefront;
using SmartTrade.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddSmartTradePlatform();
builder.AddStorefront();

var app = builder.Build();
app.UseSmartTradePlatform();
app.MapScalarApiReference("/api/reference", options => options.WithTitle("SmartTrade API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapStorefront();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>The host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
