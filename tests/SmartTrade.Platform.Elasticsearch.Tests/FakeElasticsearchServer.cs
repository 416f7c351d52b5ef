using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SmartTrade.Platform.Elasticsearch.Tests;

/// <summary>A request the fake server received, with its body decompressed.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, string? ContentEncoding, string Body);

/// <summary>
/// A local HTTP server that answers like Elasticsearch: the product header, gzip request bodies accepted, canned
/// answers for index exists/create, bulk and search. Every request is recorded.
/// </summary>
public sealed class FakeElasticsearchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeElasticsearchServer(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public bool IndexExists { get; set; }

    public string BulkResponse { get; set; } = """{"took":3,"errors":false,"items":[]}""";

    public string SearchResponse { get; set; } = """{"took":1,"timed_out":false,"hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]}}""";

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeElasticsearchServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeElasticsearchServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = new Uri(app.Urls.First());
        return server;
    }

    public RecordedRequest Single(string method, string pathStart)
        => Assert.Single(Requests, r => r.Method == method && r.Path.StartsWith(pathStart, StringComparison.Ordinal));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Stream body = request.Body;
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(request.Body, CompressionMode.Decompress);
        }

        string text;
        using (var reader = new StreamReader(body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync();
        }

        Requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, request.ContentType, request.Headers.ContentEncoding.ToString(), text));

        var response = context.Response;
        response.Headers["X-Elastic-Product"] = "Elasticsearch";
        response.ContentType = "application/json; charset=UTF-8";
        var path = request.Path.Value ?? "/";
        switch (request.Method)
        {
            case "HEAD":
                response.StatusCode = IndexExists ? 200 : 404;
                return;
            case "PUT":
                IndexExists = true;
                await response.WriteAsync($$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{path.Trim('/')}}"}""");
                return;
            case "POST" when path.EndsWith("/_bulk", StringComparison.Ordinal):
                await response.WriteAsync(BulkResponse);
                return;
            case "POST" when path.EndsWith("/_search", StringComparison.Ordinal):
                await response.WriteAsync(SearchResponse);
                return;
            case "GET" when path == "/":
                await response.WriteAsync("""{"name":"fake","cluster_name":"fake","version":{"number":"9.1.0","build_flavor":"default"},"tagline":"You Know, for Search"}""");
                return;
            default:
                response.StatusCode = 400;
                await response.WriteAsync("""{"error":{"type":"illegal_argument_exception","reason":"unexpected request"},"status":400}""");
                return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
