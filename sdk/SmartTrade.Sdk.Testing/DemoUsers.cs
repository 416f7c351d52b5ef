namespace SmartTrade.Sdk.Testing;

/// <summary>
/// The demo accounts the host seeds in the Development environment, which <see cref="PluginTestHost"/> runs in.
/// Each has the password <see cref="Password"/>; <see cref="PluginTestHost.ClientForAsync"/> signs one in.
/// </summary>
public static class DemoUsers
{
    /// <summary>The password of every demo account in a test host.</summary>
    public const string Password = "Demo123!";

    /// <summary>The administrator (role Admin): manages plugins, markets and the search index.</summary>
    public const string Admin = "admin@smarttrade.demo";

    /// <summary>A merchant (role Merchant): lists goods and fulfils orders.</summary>
    public const string Merchant = "merchant@smarttrade.demo";

    /// <summary>A buyer (role Buyer): buys and pays.</summary>
    public const string Buyer = "buyer@smarttrade.demo";

    /// <summary>A trader (role Trader): trades on exchange markets.</summary>
    public const string Trader = "trader@smarttrade.demo";

    /// <summary>Every account above, administrator first.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Merchant, Buyer, Trader];
}
