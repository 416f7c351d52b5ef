namespace SmartTrade.Plugins.ApplianceMarket.Pricing;

/// <summary>A price break as buyers and the API see it.</summary>
/// <param name="MinQuantity">The smallest quantity that gets the price.</param>
/// <param name="UnitPriceMinor">The unit price in fen.</param>
public sealed record TierPrice(long MinQuantity, long UnitPriceMinor);

/// <summary>
/// A listing's price schedule: the retail price for single units and the wholesale breaks above it. The rules for a
/// schedule a merchant sets live here too, so the API, the merchant page and the demo agree.
/// </summary>
public static class TierSchedule
{
    /// <summary>The most breaks a listing may have.</summary>
    public const int MaxTiers = 8;

    /// <summary>The largest quantity a break may start at.</summary>
    public const long MaxQuantity = 1_000_000;

    /// <summary>
    /// The unit price of a line of <paramref name="quantity"/> units: the break with the largest minimum not above the
    /// quantity, or the retail price below every break.
    /// </summary>
    /// <param name="retailMinor">The listing's price in fen.</param>
    /// <param name="tiers">The breaks, in any order.</param>
    /// <param name="quantity">The line's quantity.</param>
    /// <returns>The unit price and the break that gave it (<see langword="null"/> for retail).</returns>
    public static (long UnitPriceMinor, TierPrice? Tier) PriceFor(long retailMinor, IEnumerable<TierPrice> tiers, long quantity)
    {
        TierPrice? best = null;
        foreach (var tier in tiers)
        {
            if (tier.MinQuantity <= quantity && (best is null || tier.MinQuantity > best.MinQuantity))
            {
                best = tier;
            }
        }

        return best is null ? (retailMinor, null) : (best.UnitPriceMinor, best);
    }

    /// <summary>
    /// Why a schedule cannot be set, or <see langword="null"/> when it can: each break starts at 2 to
    /// <see cref="MaxQuantity"/> units, no two at the same quantity, each price is positive and below the retail price,
    /// and a larger quantity never costs more per unit.
    /// </summary>
    /// <param name="retailMinor">The listing's price in fen.</param>
    /// <param name="tiers">The proposed breaks.</param>
    /// <returns>The stable code and an explanation, or <see langword="null"/>.</returns>
    public static (string Code, string Detail)? Check(long retailMinor, IReadOnlyList<TierPrice> tiers)
    {
        if (tiers.Count > MaxTiers)
        {
            return (ApplianceProblems.InvalidTiers, $"A listing has at most {MaxTiers} price breaks.");
        }

        foreach (var tier in tiers)
        {
            if (tier.MinQuantity < 1)
            {
                return (ApplianceProblems.InvalidQuantity, "A price break's minimum quantity must be positive.");
            }

            if (tier.MinQuantity is 1 or > MaxQuantity)
            {
                return (ApplianceProblems.InvalidTiers, $"A price break starts at 2 to {MaxQuantity} units; a single unit sells at the retail price.");
            }

            if (tier.UnitPriceMinor <= 0 || tier.UnitPriceMinor >= retailMinor)
            {
                return (ApplianceProblems.InvalidPrice, $"A wholesale price must be above zero and below the retail price of {retailMinor} fen.");
            }
        }

        var ordered = tiers.OrderBy(t => t.MinQuantity).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].MinQuantity == ordered[i - 1].MinQuantity)
            {
                return (ApplianceProblems.InvalidTiers, $"Two price breaks start at {ordered[i].MinQuantity} units.");
            }

            if (ordered[i].UnitPriceMinor > ordered[i - 1].UnitPriceMinor)
            {
                return (ApplianceProblems.InvalidTiers, $"From {ordered[i].MinQuantity} units the price may not be higher than from {ordered[i - 1].MinQuantity}.");
            }
        }

        return null;
    }
}
