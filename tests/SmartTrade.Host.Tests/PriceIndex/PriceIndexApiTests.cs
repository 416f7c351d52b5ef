using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static SmartTrade.Host.Tests.PriceIndex.PriceIndexHost;

namespace SmartTrade.Host.Tests.PriceIndex;

/// <summary>The price index over HTTP (<c>/api/v1/index</c>): trades from the exchange's events, windows, series, inputs, corrections, bad input.</summary>
public sealed class PriceIndexApiTests : IAsyncLifetime, IDisposable
{
    private const string Merchant = "merchant@smarttrade.demo";
    private readonly TestFolders _folders = new();
    private readonly FakeTimeProvider _time = Clock();
    private TestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = Create(_folders, _time);
        _ = _host.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _folders.Dispose();

    /// <summary>Base day: PP-T30S at 8,000 and PVC-SG-5 at 5,000 by 15:00, so the base window publishes 1000 for PP, PVC and the composite.</summary>
    private async Task<LiveFeed> PublishBaseAsync()
    {
        var feed = await LiveFeed.OpenAsync(_host.CreateClient());
        await TradeAsync(_host, "PP-T30S-000001", "PP-T30S", 800_000, 10_000, At(BaseDate, 14, 0));
        await TradeAsync(_host, "PVC-SG-5-000001", "PVC-SG-5", 500_000, 10_000, At(BaseDate, 14, 5));
        _time.SetUtcNow(At(BaseDate, 15, 0));
        Assert.Equal(1000m, (await feed.ValueOfAsync("ZSPI"))["value"]!.GetValue<decimal>());
        return feed;
    }

    [Fact]
    public async Task A_trade_from_the_exchange_shows_in_the_next_windows_value_and_on_the_live_feed()
    {
        await using var feed = await PublishBaseAsync();

        await TradeAsync(_host, "PP-T30S-000002", "PP-T30S", 820_000, 10_000, At(BaseDate.AddDays(1), 9, 30));
        _time.SetUtcNow(At(BaseDate.AddDays(1), 10, 0));

        // PP = 1000 x 8200/8000 = 1025.00; composite weights 8,000 x 10 t : 5,000 x 10 t -> 615,385 and 384,615:
        // 1000 x (615,385 x 1.025 + 384,615 x 1) / 10^6 = 1015.38
        Assert.Equal(1025.00m, (await feed.ValueOfAsync("ZSPI-PP"))["value"]!.GetValue<decimal>());
        Assert.Equal(1015.38m, (await feed.ValueOfAsync("ZSPI"))["value"]!.GetValue<decimal>());
        var series = (await _host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/index/ZSPI-PP?from=2026-03-02&to=2026-03-03"))!;
        Assert.Equal([(1000.00m, "2026-03-02", "15:00"), (1025.00m, "2026-03-03", "10:00")],
            series["points"]!.AsArray().Select(p => (p!["value"]!.GetValue<decimal>(), p["date"]!.GetValue<string>(), p["window"]!.GetValue<string>())));
        var grade = (await _host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/index/grades/PP-T30S?from=2026-03-02&to=2026-03-03"))!;
        // The base day's 10:00 window had no trade and no earlier price: no assessment.
        Assert.Equal([(800_000L, "Vwap", "15:00"), (820_000L, "Vwap", "10:00")],
            grade["points"]!.AsArray().Select(p => (p!["priceMinor"]!.GetValue<long>(), p["method"]!.GetValue<string>(), p["window"]!.GetValue<string>())));
    }

    [Fact]
    public async Task The_series_is_served_as_csv_and_the_inputs_list_everything_behind_a_value()
    {
        await using var feed = await PublishBaseAsync();

        var csv = await _host.CreateClient().GetAsync("/api/v1/index/ZSPI?from=2026-03-02&to=2026-03-02&format=csv");
        var inputs = (await _host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/index/ZSPI-PP/values/2026-03-02/inputs"))!;

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["code,date,window,value,version,methodologyVersion,publishedAt,correctionReason", "ZSPI,2026-03-02,15:00,1000.00,1,1.0,2026-03-02T15:00:00+08:00,"],
            (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var value = inputs["values"]!.AsArray().Single()!;
        Assert.Equal("1.0", value["methodologyVersion"]!.GetValue<string>());
        Assert.Equal(1000m, value["inputs"]!["period"]!["linkValue"]!.GetValue<decimal>());
        var grade = value["assessments"]!.AsArray().Single()!;
        Assert.Equal(("PP-T30S", "Vwap", "PP-T30S-000001"), (grade["grade"]!.GetValue<string>(), grade["method"]!.GetValue<string>(), grade["assessment"]!["trades"]![0]!["tradeId"]!.GetValue<string>()));
        Assert.Equal(1, inputs["methodology"]!["1.0"]!["minTrades"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_correction_publishes_a_second_version_with_its_reason_and_both_versions_stay_readable()
    {
        await using var feed = await PublishBaseAsync();
        await TradeAsync(_host, "PP-T30S-000002", "PP-T30S", 820_000, 10_000, At(BaseDate.AddDays(1), 9, 30));
        _time.SetUtcNow(At(BaseDate.AddDays(1), 10, 0));
        await feed.ValueOfAsync("ZSPI");
        var admin = await _host.AdminAsync();

        // Reported late: 8,500 x 30 t -> VWAP (8,200 x 10 + 8,500 x 30) / 40 = 8,425; PP 1000 x 8425/8000 = 1053.13.
        await TradeAsync(_host, "PP-T30S-000003", "PP-T30S", 850_000, 30_000, At(BaseDate.AddDays(1), 9, 45));
        var corrected = await admin.PostAsJsonAsync("/api/v1/index/corrections", new { date = "2026-03-03", window = "10:00", reason = "Late-reported trade PP-T30S-000003" });
        var again = await admin.PostAsJsonAsync("/api/v1/index/corrections", new { date = "2026-03-03", window = "10:00", reason = "Again" });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(1053.13m, (await feed.ValueOfAsync("ZSPI-PP"))["value"]!.GetValue<decimal>());
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "nothing-to-correct");
        var inputs = (await _host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/index/ZSPI-PP/values/2026-03-03/inputs"))!;
        Assert.Equal([(1, 1025.00m, (string?)null), (2, 1053.13m, "Late-reported trade PP-T30S-000003")],
            inputs["values"]!.AsArray().Select(v => (v!["version"]!.GetValue<int>(), v["value"]!.GetValue<decimal>(), v["correctionReason"]?.GetValue<string>())));
        var point = (await _host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/index/ZSPI-PP?from=2026-03-03&to=2026-03-03"))!["points"]![0]!;
        Assert.Equal((2, 1053.13m), (point["version"]!.GetValue<int>(), point["value"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task A_merchants_firm_quote_is_kept_with_who_and_when()
    {
        var merchant = await _host.ClientForAsync(Merchant);

        var created = await merchant.PostAsJsonAsync("/api/v1/index/quotes", new { grade = "ABS-0215A", side = "Offer", priceMinor = 1_080_000, quantityKg = 50_000, validUntil = At(BaseDate, 12, 0) });
        var listed = (await _host.CreateClient().GetFromJsonAsync<JsonArray>("/api/v1/index/quotes?grade=ABS-0215A"))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var quote = Assert.Single(listed)!;
        Assert.Equal((Merchant, "Offer", 1_080_000L), (quote["submitter"]!.GetValue<string>(), quote["side"]!.GetValue<string>(), quote["priceMinor"]!.GetValue<long>()));
        Assert.Equal(At(BaseDate, 8, 0), quote["submittedAt"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData("PP-T30S", "Bid", -800_000, 10_000, 4, "invalid-price")]
    [InlineData("PP-NOPE", "Bid", 800_000, 10_000, 4, "unknown-grade")]
    [InlineData("PP-T30S", "Bid", 800_000, 10_000, -1, "quote-expired")]
    [InlineData("PP-T30S", "Both", 800_000, 10_000, 4, "invalid-side")]
    [InlineData("PP-T30S", "Bid", 800_000, 0, 4, "invalid-quantity")]
    public async Task A_bad_quote_is_refused_with_problem_details_and_stores_nothing(string grade, string side, long price, long kg, int validHours, string code)
    {
        var merchant = await _host.ClientForAsync(Merchant);

        var response = await merchant.PostAsJsonAsync("/api/v1/index/quotes", new { grade, side, priceMinor = price, quantityKg = kg, validUntil = At(BaseDate, 8, 0).AddHours(validHours) });

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, code);
        Assert.Empty((await _host.CreateClient().GetFromJsonAsync<JsonArray>("/api/v1/index/quotes"))!);
    }

    [Fact]
    public async Task A_judgment_without_a_reason_or_for_no_window_is_refused_and_one_with_a_reason_decides_a_window_without_data()
    {
        var admin = await _host.AdminAsync();

        var noReason = await admin.PostAsJsonAsync("/api/v1/index/judgments", new { grade = "PS-GPPS-123P", date = "2026-03-02", window = "15:00", priceMinor = 870_000, reason = "  " });
        var noWindow = await admin.PostAsJsonAsync("/api/v1/index/judgments", new { grade = "PS-GPPS-123P", date = "2026-03-07", window = "15:00", priceMinor = 870_000, reason = "Saturday" });
        var badPrice = await admin.PostAsJsonAsync("/api/v1/index/judgments", new { grade = "PS-GPPS-123P", date = "2026-03-02", window = "15:00", priceMinor = -1, reason = "Negative" });
        var kept = await admin.PostAsJsonAsync("/api/v1/index/judgments", new { grade = "PS-GPPS-123P", date = "2026-03-02", window = "15:00", priceMinor = 870_000, reason = "No trades; Yuyao spot offers at 8,700." });
        await using var feed = await PublishBaseAsync();

        await AssertProblemAsync(noReason, HttpStatusCode.UnprocessableEntity, "reason-required");
        await AssertProblemAsync(noWindow, HttpStatusCode.UnprocessableEntity, "unknown-window");
        await AssertProblemAsync(badPrice, HttpStatusCode.UnprocessableEntity, "invalid-price");
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var inputs = (await _host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/index/ZSPI-PS/values/2026-03-02/inputs"))!;
        var grade = inputs["values"]![0]!["assessments"]![0]!;
        Assert.Equal(("Judgment", 870_000L), (grade["method"]!.GetValue<string>(), grade["priceMinor"]!.GetValue<long>()));
        Assert.Equal("No trades; Yuyao spot offers at 8,700.", grade["assessment"]!["judgment"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Who_may_write_and_what_is_not_found()
    {
        var buyer = await _host.ClientForAsync("buyer@smarttrade.demo");
        var merchant = await _host.ClientForAsync(Merchant);
        var anonymous = _host.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.PostAsJsonAsync("/api/v1/index/quotes", new { grade = "PP-T30S" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.PostAsJsonAsync("/api/v1/index/corrections", new { date = "2026-03-02", window = "15:00", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/index/judgments", new { })).StatusCode);
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/index/ZSPI-XX"), HttpStatusCode.NotFound, "unknown-index");
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/index/grades/PP-XX"), HttpStatusCode.UnprocessableEntity, "unknown-grade");
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/index/ZSPI?from=2026-13-01"), HttpStatusCode.BadRequest, "invalid-date");
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/index/ZSPI?from=9999-12-31&to=9999-12-31"), HttpStatusCode.BadRequest, "invalid-date");
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/index/ZSPI/values/0001-01-01/inputs"), HttpStatusCode.BadRequest, "invalid-date");
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/index/ZSPI?from=2026-03-05&to=2026-03-01"), HttpStatusCode.BadRequest, "invalid-range");
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/index/ZSPI/values/2026-03-02/inputs"), HttpStatusCode.NotFound, "not-published");
        await AssertProblemAsync(await (await _host.AdminAsync()).PostAsJsonAsync("/api/v1/index/corrections", new { date = "2026-03-03", window = "10:00", reason = "Too early" }), HttpStatusCode.NotFound, "not-published");
    }

    [Fact]
    public async Task The_methodology_is_published_with_its_version_history_and_a_new_version_needs_valid_parameters_and_a_note()
    {
        var admin = await _host.AdminAsync();
        var current = (await _host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/index/methodology"))!;
        var parameters = current["current"]!["parameters"]!.DeepClone().AsObject();
        parameters["minTrades"] = 2;
        var badBase = parameters.DeepClone().AsObject();
        badBase["baseDate"] = "2026-03-03";

        var published = await admin.PostAsJsonAsync("/api/v1/index/methodology", new { parameters, noteZh = "VWAP 至少 2 笔成交。", noteEn = "VWAP needs at least 2 trades." });
        var refused = await admin.PostAsJsonAsync("/api/v1/index/methodology", new { parameters = badBase, noteZh = "改基期", noteEn = "Move the base" });
        var history = (await _host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/index/methodology"))!["history"]!.AsArray();

        Assert.Equal("1.0", current["current"]!["version"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "invalid-methodology");
        Assert.Equal([("1.0", 1), ("1.1", 2)], history.Select(v => (v!["version"]!.GetValue<string>(), v["parameters"]!["minTrades"]!.GetValue<int>())));
        Assert.Equal(At(BaseDate, 10, 0), history[1]!["effectiveFrom"]!.GetValue<DateTimeOffset>());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("/problems/price-index/" + code, problem["type"]!.GetValue<string>());
    }
}
