using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace SmartTrade.TestPlugins.Probe;

/// <summary>A storefront page contributed by the probe, to show that a plugin's pages come and go with it.</summary>
public sealed class ProbePage : ComponentBase
{
    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "h1");
        builder.AddAttribute(1, "class", "probe-page");
        builder.AddContent(2, "Probe page");
        builder.CloseElement();
    }
}
