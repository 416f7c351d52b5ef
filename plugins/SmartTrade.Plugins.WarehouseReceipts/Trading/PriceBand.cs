namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// The prices allowed during one trading day (the daily limit), both ends included, in fen per tonne.
/// </summary>
/// <param name="Lower">Lowest allowed price (the limit-down price).</param>
/// <param name="Upper">Highest allowed price (the limit-up price).</param>
public readonly record struct PriceBand(long Lower, long Upper)
{
    /// <summary>The market's default daily limit: 4% of the previous settlement price, in basis points.</summary>
    public const int DefaultLimitBasisPoints = 400;

    /// <summary>Whether <paramref name="price"/> may trade today.</summary>
    public bool Contains(long price) => price >= Lower && price <= Upper;

    /// <summary>
    /// The band around a previous settlement price: ± <paramref name="limitBasisPoints"/>, rounded inward
    /// to the tick so that no price beyond the exact limit is ever allowed. Integer arithmetic only.
    /// </summary>
    /// <exception cref="ArgumentException">The rounded band is empty (a price too small for its tick).</exception>
    public static PriceBand FromSettlement(long previousSettlementPrice, long tickSize, int limitBasisPoints = DefaultLimitBasisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(previousSettlementPrice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tickSize);
        ArgumentOutOfRangeException.ThrowIfNegative(limitBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limitBasisPoints, BasisPointsPerUnit);

        // Exact limits are price * (10000 ± bp) / 10000; dividing once by 10000 * tick keeps every step exact.
        long divisor = checked(BasisPointsPerUnit * tickSize);
        long upperNumerator = checked(previousSettlementPrice * (BasisPointsPerUnit + limitBasisPoints));
        long lowerNumerator = checked(previousSettlementPrice * (BasisPointsPerUnit - limitBasisPoints));
        long upper = upperNumerator / divisor * tickSize;
        long lower = Math.Max(tickSize, (lowerNumerator + divisor - 1) / divisor * tickSize);
        if (lower > upper)
        {
            throw new ArgumentException(
                $"A {limitBasisPoints} bp band around {previousSettlementPrice} holds no multiple of the tick {tickSize}.",
                nameof(previousSettlementPrice));
        }
        return new PriceBand(lower, upper);
    }

    private const long BasisPointsPerUnit = 10_000;
}
