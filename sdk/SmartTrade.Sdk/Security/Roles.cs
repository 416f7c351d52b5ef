namespace SmartTrade.Sdk.Security;

/// <summary>The roles a SmartTrade user can hold. Use them in authorization policies and checks.</summary>
public static class Roles
{
    /// <summary>Buys goods in the storefront markets.</summary>
    public const string Buyer = "Buyer";

    /// <summary>Lists goods in a market and ships orders for them.</summary>
    public const string Merchant = "Merchant";

    /// <summary>Trades warehouse receipts on the exchange.</summary>
    public const string Trader = "Trader";

    /// <summary>Operates an approved warehouse: inspects goods and issues receipts.</summary>
    public const string WarehouseOperator = "WarehouseOperator";

    /// <summary>Operates the platform: plugins, reference data, corrections.</summary>
    public const string Admin = "Admin";

    /// <summary>Every role, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Buyer, Merchant, Trader, WarehouseOperator, Admin];
}
