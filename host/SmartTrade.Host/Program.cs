using SmartTrade.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddSmartTradeHost();

var app = builder.Build();
app.UseSmartTradeHost();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

/// <summary>The host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
