using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace SmartTrade.Host.Tests.Storefront;

/// <summary>
/// A small browser over the test host for server-rendered pages: it keeps cookies, asks for HTML, follows redirects,
/// parses each page (AngleSharp) and submits forms as a browser does, with every field the form carries (the
/// antiforgery token included) unless the test says otherwise.
/// </summary>
internal sealed class Browser : IDisposable
{
    private readonly HttpClient _client;
    private readonly IBrowsingContext _parser = BrowsingContext.New(Configuration.Default);

    public Browser(TestHost host)
    {
        _client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
    }

    public async Task<Page> OpenAsync(string url) => await ReadAsync(await _client.GetAsync(url));

    /// <summary>Signs in through the login page.</summary>
    public async Task<Page> SignInAsync(string email, string password = TestHost.Password)
    {
        var login = await OpenAsync("/account/login");
        var page = await login.SubmitAsync(this, "/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page;
    }

    /// <summary>Switches the storefront to English (the language switch's link).</summary>
    public Task<Page> UseEnglishAsync() => OpenAsync("/culture/en?returnUrl=/");

    /// <summary>Posts raw form fields, as a forged or scripted request would: nothing from any page is added.</summary>
    public async Task<Page> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
        => await ReadAsync(await _client.PostAsync(url, new FormUrlEncodedContent(fields)));

    internal async Task<Page> SendAsync(HttpRequestMessage request) => await ReadAsync(await _client.SendAsync(request));

    private async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var html = await response.Content.ReadAsStringAsync();
            var url = response.RequestMessage!.RequestUri!;
            var document = await _parser.OpenAsync(r => r.Content(html).Address(url));
            return new Page(response.StatusCode, url.PathAndQuery, response.Content.Headers.ContentType?.MediaType, html, document);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _parser.Dispose();
    }
}

/// <summary>A file chosen in a form's file input.</summary>
internal sealed record FormFile(byte[] Bytes, string FileName, string ContentType);

/// <summary>A page as the browser got it.</summary>
internal sealed record Page(HttpStatusCode Status, string Url, string? MediaType, string Html, IDocument Document)
{
    /// <summary>The visible text of the main content.</summary>
    public string MainText => Document.QuerySelector("main")?.TextContent ?? string.Empty;

    public string Heading => Document.QuerySelector("main h1")?.TextContent.Trim() ?? string.Empty;

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public string Token => Document.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")?.Value
        ?? throw new Xunit.Sdk.XunitException($"No antiforgery token on {Url}.");

    /// <summary>The links of a navigation menu (<c>account-nav</c> or <c>main-nav</c>).</summary>
    public IReadOnlyList<string> Menu(string menu) => Document.QuerySelectorAll<IHtmlAnchorElement>($"nav.{menu} a").Select(a => a.GetAttribute("href") ?? string.Empty).ToList();

    public IHtmlFormElement Form(string action)
        => Document.QuerySelectorAll<IHtmlFormElement>("form").FirstOrDefault(f => f.GetAttribute("action") == action)
           ?? throw new Xunit.Sdk.XunitException($"No form posting to {action} on {Url}:\n{MainText}");

    /// <summary>The error shown next to the element with this id (<c>{id}-error</c>), or null.</summary>
    public string? ErrorFor(string id) => Document.GetElementById(id + "-error")?.TextContent.Trim();

    /// <summary>The value the element with this id shows.</summary>
    public string? ValueOf(string id) => Document.GetElementById(id) switch
    {
        IHtmlTextAreaElement area => area.Value,
        IHtmlSelectElement select => select.Value,
        IHtmlInputElement input => input.Value,
        _ => null,
    };

    /// <summary>The value of the (first) field with this name, hidden fields included.</summary>
    public string? FieldValue(string name) => Document.QuerySelector<IHtmlInputElement>($"input[name='{name}']")?.Value;

    /// <summary>The text of the label that names the element with this id.</summary>
    public string? LabelOf(string id) => Document.QuerySelector($"label[for='{id}']")?.TextContent.Trim();

    public IReadOnlyList<string> Links => Document.QuerySelectorAll<IHtmlAnchorElement>("a").Select(a => a.GetAttribute("href") ?? string.Empty).ToList();

    /// <summary>
    /// Submits the form posting to <paramref name="action"/> with every field it carries (hidden ones included),
    /// changed by <paramref name="values"/> (several values for a group of checkboxes; an empty array unchecks them all).
    /// </summary>
    public async Task<Page> SubmitAsync(Browser browser, string action, Dictionary<string, string[]>? values = null, Dictionary<string, FormFile>? files = null)
    {
        var form = Form(action);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || (values?.ContainsKey(name) ?? false))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } choice when choice.IsChecked:
                    fields.Add(new(name, choice.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "file" or "submit" or "button" }:
                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
            }
        }

        foreach (var (name, given) in values ?? [])
        {
            fields.AddRange(given.Select(v => new KeyValuePair<string, string>(name, v)));
        }

        using var request = new HttpRequestMessage(new HttpMethod(form.Method.ToUpperInvariant()), action);
        if (form.Method.Equals("get", StringComparison.OrdinalIgnoreCase))
        {
            request.RequestUri = new Uri(action + "?" + await new FormUrlEncodedContent(fields).ReadAsStringAsync(), UriKind.Relative);
        }
        else if (form.Enctype == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }

            foreach (var (name, file) in files ?? [])
            {
                var content = new ByteArrayContent(file.Bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                multipart.Add(content, name, file.FileName);
            }

            request.Content = multipart;
        }
        else
        {
            request.Content = new FormUrlEncodedContent(fields);
        }

        return await browser.SendAsync(request);
    }

    public Task<Page> SubmitAsync(Browser browser, string action, Dictionary<string, string> values, Dictionary<string, FormFile>? files = null)
        => SubmitAsync(browser, action, values.ToDictionary(v => v.Key, v => new[] { v.Value }), files);
}
