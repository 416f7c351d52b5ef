using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace SmartTrade.Host.Tests.ScaleOut;

/// <summary>The rate limits on sign-in, on a single host (counters in the process, windows on the host's clock).</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Sign_in_attempts_over_the_limit_get_429_problem_details_with_retry_after_until_the_window_ends()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 10, TimeSpan.Zero));
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?>
        {
            ["SmartTrade:RateLimits:Enabled"] = "true",
            ["SmartTrade:RateLimits:Policies:auth:PermitLimit"] = "3",
            ["SmartTrade:RateLimits:Policies:auth:Window"] = "00:01:00",
        }, time: clock);
        var client = host.CreateClient();
        var wrong = new { email = "admin@smarttrade.demo", password = "not-the-password" };

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await client.PostAsJsonAsync("/api/v1/auth/token", wrong)).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@smarttrade.demo", password = TestHost.Password });
        clock.Advance(TimeSpan.FromSeconds(50));
        var nextWindow = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@smarttrade.demo", password = TestHost.Password });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], allowed);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(50), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("/problems/rate-limited", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
    }

    [Fact]
    public async Task Without_a_Redis_connection_string_the_host_is_ready_on_its_embedded_defaults_and_reports_no_Redis()
    {
        await using var host = new TestHost(_folders);

        var response = await host.CreateClient().GetAsync("/health/ready");
        var checks = (await response.Content.ReadFromJsonAsync<JsonObject>())!["checks"]!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(checks.ContainsKey("redis"));
        Assert.True(checks.ContainsKey("database"));
    }
}
