using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Identity;
using SmartTrade.Sdk.Security;
using Xunit;

namespace SmartTrade.Host.Tests.Receipts;

/// <summary>The receipt registry over HTTP (<c>/api/v1/receipts</c>): who may do what, and bad input.</summary>
public sealed class ReceiptApiTests : IAsyncLifetime, IDisposable
{
    private const string Trader = "trader@smarttrade.demo";
    private const string Trader2 = "trader2@smarttrade.demo";
    private const string Operator = "warehouse@smarttrade.demo";

    private readonly TestFolders _folders = new();
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        _host = new TestHost(_folders);
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().EnsureDemoAccountAsync(Trader2, "Second trader", [Roles.Trader], TestHost.Password);
        var admin = await _host.AdminAsync();
        var assigned = await admin.PutAsync($"/api/v1/receipts/warehouses/zs-storage-1/operators/{await UserIdAsync(Operator)}", null);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task The_openapi_document_describes_the_registry_routes_and_their_problems()
    {
        var document = (await _host.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        var verify = paths["/api/v1/receipts/{number}/verify"]!["get"]!;
        Assert.False(string.IsNullOrEmpty(verify["summary"]!.GetValue<string>()));
        Assert.NotNull(verify["responses"]!["404"]);
        Assert.NotNull(paths["/api/v1/receipts/load-ins/{id}/issue"]!["post"]!["responses"]!["409"]);
        Assert.NotNull(paths["/api/v1/receipts/{number}/split"]!["post"]);
    }

    [Fact]
    public async Task Reference_data_is_served_without_sign_in()
    {
        var anonymous = _host.CreateClient();

        var warehouses = await anonymous.GetFromJsonAsync<JsonArray>("/api/v1/receipts/warehouses");
        var grades = await anonymous.GetFromJsonAsync<JsonArray>("/api/v1/receipts/grades");
        var instruments = await anonymous.GetFromJsonAsync<JsonArray>("/api/v1/receipts/instruments");

        Assert.Equal(5, warehouses!.Count);
        Assert.Contains(warehouses, w => w!["code"]!.GetValue<string>() == "zs-storage-1" && w["names"]!["zh-CN"]!.GetValue<string>() == "余姚中塑仓储一号库");
        Assert.Contains(grades!, g => g!["gradeCode"]!.GetValue<string>() == "T30S" && g["producer"]!.GetValue<string>() == "zhenhai-refining");
        var pp = instruments!.Single(i => i!["code"]!.GetValue<string>() == "PP-T30S")!;
        Assert.Equal((100L, 1_000L, 1_000L), (pp["tickSize"]!.GetValue<long>(), pp["lotSize"]!.GetValue<long>(), pp["maxOrderLots"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_trader_gets_a_receipt_through_load_in_inspection_and_acceptance()
    {
        var trader = await _host.ClientForAsync(Trader);
        var warehouse = await _host.ClientForAsync(Operator);

        var declared = await trader.PostAsJsonAsync("/api/v1/receipts/load-ins", Declaration(50_000));
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var loadIn = (await declared.Content.ReadFromJsonAsync<JsonObject>())!;
        var inbox = await warehouse.GetFromJsonAsync<JsonArray>("/api/v1/receipts/load-ins?as=operator&status=Declared");
        Assert.Equal(loadIn["id"]!.GetValue<string>(), Assert.Single(inbox!)!["id"]!.GetValue<string>());

        var issued = await warehouse.PostAsJsonAsync($"/api/v1/receipts/load-ins/{loadIn["id"]}/issue", new { netWeightKg = 49_960, inspectionCertificate = "ZS202611-0007" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var number = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        var accepted = await trader.PostAsync($"/api/v1/receipts/{number}/accept", null);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var mine = await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/mine");
        Assert.Equal(number, Assert.Single(mine!)!["number"]!.GetValue<string>());
        Assert.Equal("Active", mine![0]!["status"]!.GetValue<string>());
        var holding = Assert.Single((await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/holdings"))!)!;
        Assert.Equal(("PP-T30S", 49_960L), (holding["instrument"]!.GetValue<string>(), holding["freeKg"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Anyone_verifies_a_receipts_history_without_signing_in()
    {
        var number = await ActiveReceiptAsync(20_000);

        var verification = await _host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/receipts/{number}/verify");

        Assert.True(verification!["intact"]!.GetValue<bool>());
        Assert.Equal(
            ["receipt-issued", "receipt-accepted"],
            verification["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()));
        Assert.All(verification["history"]!.AsArray(), h => Assert.Matches("^[0-9a-f]{64}$", h!["hash"]!.GetValue<string>()));
        var missing = await _host.CreateClient().GetAsync("/api/v1/receipts/ZS-2026-999999/verify");
        await AssertProblemAsync(missing, HttpStatusCode.NotFound, "receipt-not-found");
    }

    [Fact]
    public async Task Changing_the_registry_requires_signing_in()
    {
        var number = await ActiveReceiptAsync(20_000);
        var anonymous = _host.CreateClient();

        var responses = new[]
        {
            await anonymous.PostAsJsonAsync("/api/v1/receipts/load-ins", Declaration(10_000)),
            await anonymous.PostAsJsonAsync($"/api/v1/receipts/{number}/pledge", new { pledgeeId = "someone" }),
            await anonymous.PostAsJsonAsync($"/api/v1/receipts/{number}/split", new { partsKg = new[] { 10_000, 10_000 } }),
            await anonymous.PostAsync($"/api/v1/receipts/{number}/cancel", null),
            await anonymous.GetAsync("/api/v1/receipts/mine"),
            await anonymous.PutAsync("/api/v1/receipts/warehouses/zs-storage-2/operators/anyone", null),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("Active", (await ReceiptAsync(number))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_traders_receipt_is_forbidden_to_read_or_change()
    {
        var number = await ActiveReceiptAsync(20_000);
        var other = await _host.ClientForAsync(Trader2);

        var responses = new[]
        {
            await other.GetAsync($"/api/v1/receipts/{number}"),
            await other.PostAsJsonAsync($"/api/v1/receipts/{number}/pledge", new { pledgeeId = await UserIdAsync(Trader2) }),
            await other.PostAsJsonAsync($"/api/v1/receipts/{number}/split", new { partsKg = new[] { 10_000, 10_000 } }),
            await other.PostAsync($"/api/v1/receipts/{number}/cancel", null),
            await other.PostAsync($"/api/v1/receipts/{number}/release", null),
        };

        foreach (var response in responses.Take(4))
        {
            await AssertProblemAsync(response, HttpStatusCode.Forbidden, "not-receipt-owner");
        }

        await AssertProblemAsync(responses[4], HttpStatusCode.Conflict, "receipt-not-pledged");
        var receipt = await ReceiptAsync(number);
        Assert.Equal(("Active", 20_000L), (receipt["status"]!.GetValue<string>(), receipt["quantityKg"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Only_operators_of_the_load_ins_warehouse_inspect_it()
    {
        var trader = await _host.ClientForAsync(Trader);
        var loadIn = (await (await trader.PostAsJsonAsync("/api/v1/receipts/load-ins", Declaration(10_000, warehouse: "zs-storage-2"))).Content.ReadFromJsonAsync<JsonObject>())!;
        var issue = new { netWeightKg = 10_000, inspectionCertificate = "X-1" };

        var byTrader = await trader.PostAsJsonAsync($"/api/v1/receipts/load-ins/{loadIn["id"]}/issue", issue);
        var byOperatorElsewhere = await (await _host.ClientForAsync(Operator)).PostAsJsonAsync($"/api/v1/receipts/load-ins/{loadIn["id"]}/issue", issue);

        Assert.Equal(HttpStatusCode.Forbidden, byTrader.StatusCode);
        await AssertProblemAsync(byOperatorElsewhere, HttpStatusCode.Forbidden, "not-warehouse-operator");
        Assert.Equal("Declared", (await trader.GetFromJsonAsync<JsonObject>($"/api/v1/receipts/load-ins/{loadIn["id"]}"))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pledge_is_released_by_its_pledgee_not_by_the_owner()
    {
        var number = await ActiveReceiptAsync(20_000);
        var trader = await _host.ClientForAsync(Trader);
        var lender = await _host.ClientForAsync(Trader2);

        var pledged = await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/pledge", new { pledgeeId = await UserIdAsync(Trader2) });
        var again = await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/pledge", new { pledgeeId = await UserIdAsync(Trader2) });
        var byOwner = await trader.PostAsync($"/api/v1/receipts/{number}/release", null);
        var seenByLender = await lender.GetAsync($"/api/v1/receipts/{number}");
        var byLender = await lender.PostAsync($"/api/v1/receipts/{number}/release", null);

        Assert.Equal(HttpStatusCode.Created, pledged.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "receipt-not-active");
        await AssertProblemAsync(byOwner, HttpStatusCode.Forbidden, "not-pledgee");
        Assert.Equal(HttpStatusCode.OK, seenByLender.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byLender.StatusCode);
        Assert.Equal("Active", (await ReceiptAsync(number))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_lender_is_named_by_account_email_or_user_id_and_an_unknown_account_is_refused()
    {
        var number = await ActiveReceiptAsync(20_000);
        var trader = await _host.ClientForAsync(Trader);
        var lenderId = await UserIdAsync(Trader2);

        var unknownEmail = await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/pledge", new { pledgeeEmail = "nobody@bank.example" });
        var unknownId = await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/pledge", new { pledgeeId = "no-such-user" });
        var nobody = await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/pledge", new { });
        var twoAccounts = await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/pledge", new { pledgeeEmail = Trader2, pledgeeId = await UserIdAsync(Trader) });
        Assert.Equal("Active", (await ReceiptAsync(number))["status"]!.GetValue<string>());
        var byEmail = await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/pledge", new { pledgeeEmail = " Trader2@SmartTrade.demo " });

        await AssertProblemAsync(unknownEmail, HttpStatusCode.UnprocessableEntity, "unknown-account");
        await AssertProblemAsync(unknownId, HttpStatusCode.UnprocessableEntity, "unknown-account");
        await AssertProblemAsync(nobody, HttpStatusCode.BadRequest, "invalid-input");
        await AssertProblemAsync(twoAccounts, HttpStatusCode.BadRequest, "invalid-input");
        Assert.Equal(HttpStatusCode.Created, byEmail.StatusCode);
        Assert.Equal(lenderId, (await byEmail.Content.ReadFromJsonAsync<JsonObject>())!["pledgeeId"]!.GetValue<string>());
        Assert.Equal("Pledged", (await ReceiptAsync(number))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_problem_and_changes_nothing()
    {
        var number = await ActiveReceiptAsync(20_000);
        var trader = await _host.ClientForAsync(Trader);
        var historyBefore = (await VerifyAsync(number))["history"]!.AsArray().Count;

        await AssertProblemAsync(await trader.PostAsJsonAsync("/api/v1/receipts/load-ins", Declaration(0)), HttpStatusCode.BadRequest, "invalid-quantity", "quantityKg");
        await AssertProblemAsync(await trader.PostAsJsonAsync("/api/v1/receipts/load-ins", Declaration(-5_000)), HttpStatusCode.BadRequest, "invalid-quantity", "quantityKg");
        await AssertProblemAsync(await trader.PostAsJsonAsync("/api/v1/receipts/load-ins", Declaration(1_000, instrument: "PP-NOPE")), HttpStatusCode.BadRequest, "unknown-instrument", "instrument");
        await AssertProblemAsync(await trader.PostAsJsonAsync("/api/v1/receipts/load-ins", Declaration(1_000, warehouse: "shanghai-free-zone")), HttpStatusCode.BadRequest, "unknown-warehouse", "warehouse");
        await AssertProblemAsync(await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/split", new { partsKg = new[] { 10_000, 5_000 } }), HttpStatusCode.BadRequest, "split-does-not-sum", "partsKg");
        await AssertProblemAsync(await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/split", new { partsKg = new[] { 25_000, -5_000 } }), HttpStatusCode.BadRequest, "invalid-quantity", "partsKg");
        await AssertProblemAsync(await trader.PostAsJsonAsync("/api/v1/receipts/merge", new { numbers = new[] { number } }), HttpStatusCode.UnprocessableEntity, "merge-mismatch", "numbers");
        var malformed = await trader.PostAsync("/api/v1/receipts/load-ins", new StringContent("{\"quantityKg\": \"lots\"", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await trader.GetAsync("/api/v1/receipts/load-ins?status=Shipped")).StatusCode);

        Assert.Single((await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/load-ins"))!);
        Assert.Equal(historyBefore, (await VerifyAsync(number))["history"]!.AsArray().Count);
        var receipt = await ReceiptAsync(number);
        Assert.Equal(("Active", 20_000L), (receipt["status"]!.GetValue<string>(), receipt["quantityKg"]!.GetValue<long>()));
        var holding = Assert.Single((await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/holdings"))!)!;
        Assert.Equal(20_000, holding["freeKg"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_split_and_a_merge_over_http_keep_the_total()
    {
        var number = await ActiveReceiptAsync(20_000);
        var trader = await _host.ClientForAsync(Trader);

        var split = await trader.PostAsJsonAsync($"/api/v1/receipts/{number}/split", new { partsKg = new[] { 5_000, 15_000 } });
        var parts = (await split.Content.ReadFromJsonAsync<JsonArray>())!.Select(p => p!["number"]!.GetValue<string>()).ToList();
        var merged = await trader.PostAsJsonAsync("/api/v1/receipts/merge", new { numbers = parts });

        Assert.Equal(HttpStatusCode.Created, split.StatusCode);
        Assert.Equal(HttpStatusCode.Created, merged.StatusCode);
        Assert.Equal(20_000, (await merged.Content.ReadFromJsonAsync<JsonObject>())!["quantityKg"]!.GetValue<long>());
        var verification = await VerifyAsync(parts[0]);
        Assert.True(verification["intact"]!.GetValue<bool>());
    }

    private static object Declaration(long kg, string instrument = "PP-T30S", string warehouse = "zs-storage-1") => new
    {
        instrument,
        producer = "zhenhai-refining",
        warehouse,
        quantityKg = kg,
        productionDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-20)).ToString("yyyy-MM-dd"),
        batchNumber = "B-1",
    };

    /// <summary>A receipt of the demo trader's at zs-storage-1, issued by the demo operator and accepted.</summary>
    private async Task<string> ActiveReceiptAsync(long kg)
    {
        var trader = await _host.ClientForAsync(Trader);
        var loadIn = (await (await trader.PostAsJsonAsync("/api/v1/receipts/load-ins", Declaration(kg))).Content.ReadFromJsonAsync<JsonObject>())!;
        var issued = await (await _host.ClientForAsync(Operator)).PostAsJsonAsync(
            $"/api/v1/receipts/load-ins/{loadIn["id"]}/issue", new { netWeightKg = kg, inspectionCertificate = "ZS202611-0001" });
        var number = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await trader.PostAsync($"/api/v1/receipts/{number}/accept", null)).StatusCode);
        return number;
    }

    private async Task<JsonObject> ReceiptAsync(string number)
        => (await (await _host.ClientForAsync(Trader)).GetFromJsonAsync<JsonObject>($"/api/v1/receipts/{number}"))!;

    private async Task<JsonObject> VerifyAsync(string number)
        => (await _host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/receipts/{number}/verify"))!;

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>().FindByEmailAsync(email))!.Id;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"/problems/warehouse-receipts/{code}", problem["type"]!.GetValue<string>());
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        if (field is not null)
        {
            Assert.NotNull(problem["errors"]![field]);
        }
    }
}
