using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrade.Host.Storefront.Components;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Storefront;

namespace SmartTrade.Host.Storefront;

/// <summary>Renders a content component inside <see cref="PageShell"/>, the shared layout, on the server.</summary>
internal sealed class StorefrontPages : IStorefrontPages
{
    public IResult Page<TComponent>(LocalizedText title, IReadOnlyDictionary<string, object?>? parameters = null, int statusCode = StatusCodes.Status200OK)
        where TComponent : IComponent
        => Render(typeof(TComponent), title, parameters, statusCode);

    public IResult Message(int statusCode, LocalizedText title, LocalizedText message)
        => Render(typeof(MessagePage), title, new Dictionary<string, object?> { [nameof(MessagePage.Heading)] = title, [nameof(MessagePage.Text)] = message }, statusCode);

    internal static RazorComponentResult Render(Type content, LocalizedText title, IReadOnlyDictionary<string, object?>? parameters, int statusCode)
        => new(typeof(PageShell), new Dictionary<string, object?>
        {
            [nameof(PageShell.Content)] = content,
            [nameof(PageShell.ContentParameters)] = parameters ?? new Dictionary<string, object?>(),
            [nameof(PageShell.Title)] = title,
        })
        {
            StatusCode = statusCode,
        };
}
