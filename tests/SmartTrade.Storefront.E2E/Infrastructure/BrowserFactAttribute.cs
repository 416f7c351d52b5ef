using Xunit;

namespace SmartTrade.Storefront.E2E.Infrastructure;

/// <summary>
/// A test that drives Debian's Chromium. Skipped, with the reason, when <c>SMARTTRADE_TEST_CHROMIUM</c> is not set on
/// a developer's machine; under CI (<c>CI=true</c>) it runs regardless, so a missing browser fails instead of
/// passing unnoticed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = BrowserSetup.SkipReason;
}
