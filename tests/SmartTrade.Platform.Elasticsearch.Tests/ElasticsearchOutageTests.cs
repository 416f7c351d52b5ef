using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmartTrade.Platform.Search;
using SmartTrade.Platform.Search.Elasticsearch;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Elasticsearch.Tests;

/// <summary>The cluster not answering is told apart from a request it refuses, for searches, index writes and health.</summary>
public sealed class ElasticsearchOutageTests
{
    [Fact]
    public async Task A_search_or_index_write_while_the_cluster_cannot_be_reached_fails_as_unavailable()
    {
        var search = Search(new Uri($"http://127.0.0.1:{ClosedPort()}"));

        await Assert.ThrowsAsync<CatalogSearchUnavailableException>(() => search.SearchAsync(new SearchQuery { Text = "kettle" }));
        await Assert.ThrowsAsync<CatalogSearchUnavailableException>(() => search.IndexAsync([ElasticsearchCatalogSearchTests.Kettle()]));
    }

    [Fact]
    public async Task The_health_check_fails_with_its_registered_status_while_the_cluster_cannot_be_reached_and_is_healthy_when_it_answers()
    {
        await using var server = await FakeElasticsearchServer.StartAsync();
        var down = new ElasticsearchHealthCheck(Search(new Uri($"http://127.0.0.1:{ClosedPort()}")));
        var up = new ElasticsearchHealthCheck(Search(server.Url));

        var whileDown = await down.CheckHealthAsync(Context(down));
        var whileUp = await up.CheckHealthAsync(Context(up));

        Assert.Equal(HealthStatus.Degraded, whileDown.Status);
        Assert.Equal(HealthStatus.Healthy, whileUp.Status);
    }

    private static ElasticsearchCatalogSearch Search(Uri url)
        => new(new ElasticsearchSearchOptions { Url = url }, new FixedMarketSchemas(ElasticsearchCatalogSearchTests.Market));

    private static HealthCheckContext Context(IHealthCheck check)
        => new() { Registration = new HealthCheckRegistration("elasticsearch", check, HealthStatus.Degraded, ["ready"]) };

    // A port nothing listens on: taken from the system, then let go.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
