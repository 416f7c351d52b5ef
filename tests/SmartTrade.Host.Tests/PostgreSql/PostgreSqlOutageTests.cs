using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Xunit;

namespace SmartTrade.Host.Tests.PostgreSql;

/// <summary>A host without plugins whose PostgreSQL connections go through a <see cref="TcpRelay"/> the test can cut.</summary>
public sealed class RelayedPostgreSql : PostgreSqlHost
{
    public TcpRelay Relay { get; private set; } = null!;

    protected override IEnumerable<string> Plugins => [];

    protected override string ConnectionString(PostgreSqlTestDatabase database)
    {
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        Relay = new TcpRelay(direct.Host!, direct.Port);
        return new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = Relay.Port }.ConnectionString;
    }

    protected override ValueTask StoppedAsync() => Relay.DisposeAsync();
}

/// <summary>
/// When the database stops answering, the host says it is not ready and refuses database work with a 503 problem (not
/// a 500); when it answers again, the host is ready at the next check without a restart.
/// </summary>
public sealed class PostgreSqlOutageTests(RelayedPostgreSql fixture) : IClassFixture<RelayedPostgreSql>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.Relay.Restore(); // even when an assertion failed half-way
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_lost_database_makes_the_host_not_ready_with_503_problems_and_it_recovers_by_itself()
    {
        var client = fixture.Host.CreateClient();
        var missing = $"/api/v1/listings/{Guid.NewGuid()}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(missing)).StatusCode);

        fixture.Relay.Cut();
        var down = await client.GetAsync("/health/ready");
        var refused = await client.GetAsync(missing);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var database = (await down.Content.ReadFromJsonAsync<JsonObject>())!["checks"]!["database"]!;
        Assert.Equal("Unhealthy", database["status"]!.GetValue<string>());
        Assert.Equal("PostgreSQL", database["data"]!["provider"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/problems/service-unavailable", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>());
        Assert.NotNull(refused.Headers.RetryAfter);

        fixture.Relay.Restore();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(missing)).StatusCode);
    }
}
