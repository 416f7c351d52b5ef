using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmartTrade.Benchmarks.Load;

/// <summary>A failed step: which one and the HTTP status (0 when the request itself failed).</summary>
public sealed class StepFailedException(string step, int status, string detail) : Exception($"{step}: {(status == 0 ? "no response" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))} {detail}")
{
    public string Step { get; } = step;

    public int Status { get; } = status;
}

/// <summary>
/// The HTTP calls the load tool makes against a running host, as a browser or API client would: register through the
/// storefront's form (with its antiforgery token), take a bearer token, list goods, fill the cart, check out, pay.
/// </summary>
public static partial class HostApi
{
    public const string Password = "LoadTest2026!";

    private const string GoodCard = "4242 4242 4242 4242";

    /// <summary>A client for one account's API calls (bearer token), sharing <paramref name="handler"/>'s connections.</summary>
    public static HttpClient ApiClient(HttpMessageHandler handler, Uri baseAddress, string token)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Registers an account through <c>/account/register</c> and returns its bearer token.</summary>
    public static async Task<string> RegisterAsync(Uri baseAddress, string email, string displayName, string role, CancellationToken cancellationToken)
    {
        // A browser session of its own: the antiforgery cookie belongs with the form's token.
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var page = await browser.GetStringAsync("/account/register", cancellationToken);
        var token = AntiforgeryField().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["value"].Value)
            : throw new StepFailedException("register", 0, "the register page has no antiforgery token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Role"] = role,
            ["DisplayName"] = displayName,
            ["Email"] = email,
            ["Password"] = Password,
        });
        using var registered = await browser.PostAsync("/account/register", form, cancellationToken);
        if (registered.StatusCode != HttpStatusCode.Redirect)
        {
            throw new StepFailedException("register", (int)registered.StatusCode, email);
        }

        return await TokenAsync(browser, email, cancellationToken);
    }

    /// <summary>Creates and publishes a kettle listing with <paramref name="stock"/> pieces; returns its id.</summary>
    public static async Task<Guid> ListKettleAsync(HttpClient merchant, int number, long stock, CancellationToken cancellationToken)
    {
        var body = new
        {
            marketId = "appliances",
            title = new Dictionary<string, string> { ["zh-CN"] = $"压测电热水壶 {number} 号", ["en"] = $"Load-test kettle No. {number}" },
            description = new Dictionary<string, string> { ["zh-CN"] = "余姚工厂直发，304不锈钢内胆。", ["en"] = "Shipped from the factory in Yuyao; 304 stainless steel." },
            categoryPath = "kitchen/kettle",
            priceMinor = 9_900 + (number * 100),
            unit = "piece",
            stock,
            attributes = new Dictionary<string, object> { ["brand"] = "Loadtest", ["model"] = $"LT-{number:000}", ["powerWatts"] = 1800, ["certifications"] = new[] { "CCC" } },
        };
        using var created = await merchant.PostAsJsonAsync("/api/v1/listings", body, cancellationToken);
        await Expect(created, HttpStatusCode.Created, "create listing", cancellationToken);
        var location = created.Headers.Location!.ToString();
        using var published = await merchant.PostAsync($"{location}/publish", null, cancellationToken);
        await Expect(published, HttpStatusCode.OK, "publish listing", cancellationToken);
        return Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
    }

    public static async Task SetCartLineAsync(HttpClient buyer, Guid listing, long quantity, CancellationToken cancellationToken)
    {
        using var response = await buyer.PutAsJsonAsync($"/api/v1/cart/lines/{listing}", new { quantity }, cancellationToken);
        await Expect(response, HttpStatusCode.NoContent, "cart", cancellationToken);
    }

    /// <summary>Checks the cart out (with an Idempotency-Key, as a client that may retry would); returns the order id.</summary>
    public static async Task<Guid> CheckoutAsync(HttpClient buyer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders/checkout");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await buyer.SendAsync(request, cancellationToken);
        await Expect(response, HttpStatusCode.Created, "checkout", cancellationToken);
        var orders = await response.Content.ReadFromJsonAsync<JsonArray>(cancellationToken);
        return Guid.Parse(orders![0]!["id"]!.GetValue<string>());
    }

    public static async Task PayAsync(HttpClient buyer, Guid order, CancellationToken cancellationToken)
    {
        using var response = await buyer.PostAsJsonAsync(
            $"/api/v1/orders/{order}/pay",
            new { card = new { number = GoodCard, expMonth = 12, expYear = 2099, cvc = "123" } },
            cancellationToken);
        await Expect(response, HttpStatusCode.OK, "pay", cancellationToken);
    }

    /// <summary>Signs an existing account in (such as a demo account) and returns its bearer token.</summary>
    public static async Task<string> TokenAsync(Uri baseAddress, string email, string password, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return await TokenAsync(client, email, cancellationToken, password);
    }

    private static async Task<string> TokenAsync(HttpClient client, string email, CancellationToken cancellationToken, string password = Password)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, cancellationToken);
        await Expect(response, HttpStatusCode.OK, "token", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["access_token"]!.GetValue<string>();
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode expected, string step, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new StepFailedException(step, (int)response.StatusCode, body.Length > 300 ? body[..300] : body);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
