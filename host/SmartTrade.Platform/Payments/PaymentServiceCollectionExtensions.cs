using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Platform.Payments;

/// <summary>Registers the payment gateways and their registry.</summary>
public static class PaymentServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Sandbox gateway (always), the Stripe gateway (when <c>SmartTrade:Payments:Stripe:SecretKey</c> is
    /// set) and <see cref="IPaymentGatewayRegistry"/>. Options are validated when the host starts. The gateways are
    /// scoped: they use the scope's <see cref="Data.PlatformDbContext"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application configuration (the root; the section is <c>SmartTrade:Payments</c>).</param>
    public static IServiceCollection AddSmartTradePayments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PaymentOptions.Section);
        services.TryAddSingleton(TimeProvider.System);

        var stripeConfigured = !string.IsNullOrWhiteSpace(section.GetSection(StripePaymentOptions.SubSection)[nameof(StripePaymentOptions.SecretKey)]);
        services.AddOptions<PaymentOptions>()
            .Bind(section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DefaultGateway), "SmartTrade:Payments:DefaultGateway must not be empty.")
            .Validate(
                o => !string.Equals(o.DefaultGateway, PaymentGatewayIds.Stripe, StringComparison.OrdinalIgnoreCase) || stripeConfigured,
                "SmartTrade:Payments:DefaultGateway is 'stripe' but SmartTrade:Payments:Stripe:SecretKey is not set.")
            .ValidateOnStart();

        services.AddScoped<SandboxGateway>();
        services.AddScoped<IPaymentGateway>(sp => sp.GetRequiredService<SandboxGateway>());

        if (stripeConfigured)
        {
            services.AddOptions<StripePaymentOptions>()
                .Bind(section.GetSection(StripePaymentOptions.SubSection))
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StripePaymentOptions>, StripePaymentOptionsValidator>());
            services.AddSingleton<StripeConnection>();
            services.AddScoped<StripeGateway>();
            services.AddScoped<IPaymentGateway>(sp => sp.GetRequiredService<StripeGateway>());
        }

        services.AddScoped<IPaymentGatewayRegistry, PaymentGatewayRegistry>();
        return services;
    }
}
