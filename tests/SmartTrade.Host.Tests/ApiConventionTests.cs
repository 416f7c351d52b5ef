using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Identity;
using SmartTrade.Sdk.Security;
using Xunit;

namespace SmartTrade.Host.Tests;

/// <summary>Authentication, problem details, idempotency, health and OpenAPI, as every client sees them.</summary>
public sealed class ApiConventionTests(ApplianceMarketHost shared) : IClassFixture<ApplianceMarketHost>, IDisposable
{
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Theory]
    [InlineData("admin@smarttrade.demo")]
    [InlineData("merchant@smarttrade.demo")]
    [InlineData("buyer@smarttrade.demo")]
    [InlineData("trader@smarttrade.demo")]
    [InlineData("warehouse@smarttrade.demo")]
    public async Task Each_demo_account_gets_a_bearer_token_in_the_oauth_shape(string email)
    {
        var host = shared.Host;

        var response = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password = TestHost.Password });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(body!["access_token"]!.GetValue<string>()));
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_wrong_password_is_401_problem_details()
    {
        var host = shared.Host;

        var response = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "buyer@smarttrade.demo", password = "wrong-password" });

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "/problems/unauthorized");
    }

    [Fact]
    public async Task A_token_request_without_email_or_password_is_400_with_field_errors()
    {
        var host = shared.Host;

        var response = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "" });
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "/problems/validation");

        Assert.NotNull(problem["errors"]!["password"]);
    }

    [Fact]
    public async Task A_forged_bearer_token_is_401()
    {
        var host = shared.Host;
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/admin/plugins")).StatusCode);
    }

    [Fact]
    public async Task Outside_development_no_demo_account_exists_even_in_a_data_directory_that_had_them()
    {
        await using (var development = new TestHost(_folders))
        {
            Assert.Equal(HttpStatusCode.OK, (await development.CreateClient().GetAsync("/health/ready")).StatusCode);
        }

        await using var production = new TestHost(_folders, environment: "Production");
        var response = await production.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@smarttrade.demo", password = TestHost.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var scope = production.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();
        foreach (var (email, _, _) in AccountSeeder.DemoAccounts)
        {
            Assert.Null(await users.FindByEmailAsync(email));
        }
    }

    [Fact]
    public async Task An_unknown_route_is_404_problem_details()
    {
        var host = shared.Host;

        await AssertProblemAsync(await host.CreateClient().GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound, "/problems/not-found");
    }

    [Fact]
    public async Task A_wrong_method_is_405_problem_details()
    {
        var host = shared.Host;

        await AssertProblemAsync(await host.CreateClient().DeleteAsync("/api/v1/auth/token"), HttpStatusCode.MethodNotAllowed, "/problems/method-not-allowed");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"email\": 42, \"password\": {}}")]
    public async Task A_malformed_body_is_400_problem_details_never_500(string body)
    {
        var host = shared.Host;

        var response = await host.CreateClient().PostAsync("/api/v1/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "/problems/bad-request");
    }

    [Fact]
    public async Task A_repeated_request_with_the_same_idempotency_key_replays_the_first_result_and_creates_nothing()
    {
        var client = await shared.NewAccountAsync(Roles.Merchant);
        var before = await ThingCountAsync(client);

        var first = await PostThingAsync(client, "key-1", "kettle");
        var second = await PostThingAsync(client, "key-1", "kettle");
        var created = await ThingCountAsync(client) - before;

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, created);
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_request_is_422_and_creates_nothing()
    {
        var client = await shared.NewAccountAsync(Roles.Merchant);
        var before = await ThingCountAsync(client);

        await PostThingAsync(client, "key-2", "kettle");
        var reused = await PostThingAsync(client, "key-2", "fan");

        await AssertProblemAsync(reused, HttpStatusCode.UnprocessableEntity, "/problems/idempotency-key-reused");
        Assert.Equal(1, await ThingCountAsync(client) - before);
    }

    [Fact]
    public async Task Idempotency_keys_belong_to_their_caller()
    {
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var before = await ThingCountAsync(merchant);

        await PostThingAsync(merchant, "shared-key", "kettle");
        var other = await PostThingAsync(buyer, "shared-key", "kettle");

        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await ThingCountAsync(merchant) - before);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_idempotency_key_create_exactly_once()
    {
        var client = await shared.NewAccountAsync(Roles.Merchant);
        var before = await ThingCountAsync(client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PostThingAsync(client, "race-key", "kettle")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(1, await ThingCountAsync(client) - before);
    }

    [Fact]
    public async Task A_request_refused_as_invalid_is_replayed_as_refused_and_a_new_key_can_succeed()
    {
        var client = await shared.NewAccountAsync(Roles.Merchant);

        var invalid = await PostThingAsync(client, "key-bad", " ");
        var replay = await PostThingAsync(client, "key-bad", " ");
        var valid = await PostThingAsync(client, "key-good", "kettle");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
    }

    [Fact]
    public async Task An_oversized_idempotency_key_is_400()
    {
        var client = await shared.NewAccountAsync(Roles.Merchant);

        await AssertProblemAsync(await PostThingAsync(client, new string('k', 256), "kettle"), HttpStatusCode.BadRequest, "/problems/validation");
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_200_with_their_checks()
    {
        var host = shared.Host;
        var client = host.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetFromJsonAsync<JsonObject>("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", ready!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["checks"]!["plugins"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_describes_host_and_plugin_endpoints_and_the_reference_is_served()
    {
        _folders.WithShippedPlugins();
        await using var host = new TestHost(_folders);
        var client = host.CreateClient();

        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var reference = await client.GetAsync("/api/reference/");

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/auth/token", paths);
        Assert.Contains("/api/v1/admin/plugins", paths);
        Assert.Contains("/api/v1/markets", paths);
        Assert.Contains("/api/v1/index/definitions", paths);
        Assert.Contains("/api/v1/moulds/import-template.csv", paths);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_follows_plugins_being_disabled_and_enabled()
    {
        _folders.WithShippedPlugins();
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();

        var before = await PathsAsync(admin);
        await admin.PostAsync("/api/v1/admin/plugins/mould-market/disable", null);
        var disabled = await PathsAsync(admin);
        await admin.PostAsync("/api/v1/admin/plugins/mould-market/enable", null);
        var enabled = await PathsAsync(admin);

        Assert.Contains("/api/v1/moulds/import-template.csv", before);
        Assert.DoesNotContain("/api/v1/moulds/import-template.csv", disabled);
        Assert.Contains("/api/v1/moulds/import-template.csv", enabled);
    }

    private static async Task<List<string>> PathsAsync(HttpClient client)
        => (await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!["paths"]!.AsObject().Select(p => p.Key).ToList();

    // The probe counts the things of the whole (shared) host; a test compares the count before and after.
    private static async Task<int> ThingCountAsync(HttpClient client)
        => (await client.GetFromJsonAsync<JsonObject>("/api/v1/test-plugins/probe-idem/things/count"))!["count"]!.GetValue<int>();

    private static async Task<HttpResponseMessage> PostThingAsync(HttpClient client, string key, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/test-plugins/probe-idem/things") { Content = JsonContent.Create(new { name }) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(type, problem["type"]!.GetValue<string>());
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }
}
