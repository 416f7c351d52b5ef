using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Data;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Platform.Payments.Tests;

public sealed class PaymentRegistrationTests
{
    [Fact]
    public void Should_register_only_the_sandbox_when_stripe_is_not_configured()
    {
        using var services = Build(new Dictionary<string, string?>());
        using var scope = services.CreateScope();

        var registry = scope.ServiceProvider.GetRequiredService<IPaymentGatewayRegistry>();

        Assert.Equal([PaymentGatewayIds.Sandbox], registry.Gateways.Select(g => g.Id));
        Assert.IsType<SandboxGateway>(registry.Default);
        Assert.Null(registry.Find(PaymentGatewayIds.Stripe));
    }

    [Fact]
    public void Should_register_stripe_when_a_secret_key_is_configured()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["SmartTrade:Payments:DefaultGateway"] = "stripe",
            ["SmartTrade:Payments:Stripe:SecretKey"] = "sk_test_x",
            ["SmartTrade:Payments:Stripe:WebhookSecret"] = "whsec_x",
            ["SmartTrade:Payments:Stripe:ApiBase"] = "http://127.0.0.1:9",
        });
        using var scope = services.CreateScope();

        var registry = scope.ServiceProvider.GetRequiredService<IPaymentGatewayRegistry>();

        Assert.IsType<StripeGateway>(registry.Default);
        Assert.IsType<SandboxGateway>(registry.Find("SANDBOX"));
        Assert.Equal(2, scope.ServiceProvider.GetServices<IPaymentGateway>().Count());
    }

    [Fact]
    public void Should_refuse_stripe_without_a_webhook_secret_naming_the_setting_not_the_key()
    {
        using var services = Build(new Dictionary<string, string?> { ["SmartTrade:Payments:Stripe:SecretKey"] = "sk_test_secret_value" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StripePaymentOptions>>().Value);

        Assert.Contains("WebhookSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_test_secret_value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_stripe_as_default_when_it_is_not_configured()
    {
        using var services = Build(new Dictionary<string, string?> { ["SmartTrade:Payments:DefaultGateway"] = "stripe" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PaymentOptions>>().Value);
    }

    [Fact]
    public void Should_describe_stripe_options_without_their_secrets()
    {
        var options = new StripePaymentOptions { SecretKey = "sk_live_abc", WebhookSecret = "whsec_abc" };

        var text = options.ToString();

        Assert.DoesNotContain("sk_live_abc", text, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_abc", text, StringComparison.Ordinal);
        Assert.Contains("secret key set", text, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<PlatformDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        services.AddSmartTradePayments(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
