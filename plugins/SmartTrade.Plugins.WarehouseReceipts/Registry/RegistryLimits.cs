namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>Sizes the registry accepts; requests beyond them are refused with a 400.</summary>
public static class RegistryLimits
{
    /// <summary>Longest code (warehouse, instrument, grade, producer).</summary>
    public const int CodeLength = 32;

    /// <summary>Longest user id.</summary>
    public const int UserIdLength = 64;

    /// <summary>Longest reference (trade reference, batch number, inspection certificate).</summary>
    public const int ReferenceLength = 64;

    /// <summary>Longest receipt number (<c>ZS-2026-000123</c> is 14).</summary>
    public const int NumberLength = 16;

    /// <summary>Longest reason (a rejection).</summary>
    public const int ReasonLength = 500;

    /// <summary>Most parts a receipt splits into, and most receipts merged at once.</summary>
    public const int MaxParts = 50;

    /// <summary>Largest quantity of one request, in kg (1,000,000 t).</summary>
    public const long MaxQuantityKg = 1_000_000_000;
}
