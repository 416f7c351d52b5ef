using Microsoft.Extensions.Options;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Platform.Payments;

/// <summary>The payment gateways the host can use, by id, and the one used when a buyer does not choose.</summary>
public interface IPaymentGatewayRegistry
{
    /// <summary>The gateway named by <c>SmartTrade:Payments:DefaultGateway</c> (<c>sandbox</c> unless configured).</summary>
    IPaymentGateway Default { get; }

    /// <summary>Every registered gateway.</summary>
    IReadOnlyList<IPaymentGateway> Gateways { get; }

    /// <summary>The gateway with the given id, or <see langword="null"/>.</summary>
    /// <param name="id">The gateway id, e.g. <c>stripe</c>; compared without regard to case.</param>
    IPaymentGateway? Find(string id);
}

/// <summary>The registry over the gateways in the container (the host's and any a plugin registers there).</summary>
internal sealed class PaymentGatewayRegistry(IEnumerable<IPaymentGateway> gateways, IOptions<PaymentOptions> options) : IPaymentGatewayRegistry
{
    private readonly IReadOnlyList<IPaymentGateway> _gateways = gateways.ToList();

    public IPaymentGateway Default => Find(options.Value.DefaultGateway)
        ?? throw new InvalidOperationException($"The default payment gateway '{options.Value.DefaultGateway}' is not registered.");

    public IReadOnlyList<IPaymentGateway> Gateways => _gateways;

    public IPaymentGateway? Find(string id)
        => _gateways.FirstOrDefault(g => string.Equals(g.Id, id, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Payment settings under <c>SmartTrade:Payments</c>.</summary>
public sealed class PaymentOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SmartTrade:Payments";

    /// <summary>The gateway used when a buyer does not choose one.</summary>
    public string DefaultGateway { get; set; } = PaymentGatewayIds.Sandbox;
}
