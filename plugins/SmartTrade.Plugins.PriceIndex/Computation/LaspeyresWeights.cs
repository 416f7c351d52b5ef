namespace SmartTrade.Plugins.PriceIndex.Computation;

/// <summary>
/// Laspeyres weights from base-period traded value, in millionths that always sum to exactly 1,000,000.
/// </summary>
/// <remarks>
/// Shares are exact decimals; an optional cap limits any single weight, the excess going to the others in proportion
/// to their traded value, repeated until none is above the cap (when the cap cannot be met, because
/// cap x constituents with a weight is under 100%, those constituents weigh equally). Shares become
/// millionths by the largest-remainder rule (floor each, then one more millionth to the largest remainders, ties to the
/// earlier constituent). A constituent that is not eligible (no reference price) weighs 0; when the eligible ones
/// traded nothing, they weigh equally.
/// </remarks>
public static class LaspeyresWeights
{
    /// <summary>One million: a weight of 100%.</summary>
    public const long Whole = 1_000_000;

    /// <summary>The weights in millionths, or all zero when no constituent is eligible.</summary>
    /// <param name="tradedValue">Each constituent's traded value in the base period (any consistent unit).</param>
    /// <param name="eligible">Whether each constituent has a reference price.</param>
    /// <param name="capPpm">The largest single weight in millionths, or null for none.</param>
    public static long[] FromTradedValue(IReadOnlyList<decimal> tradedValue, IReadOnlyList<bool> eligible, long? capPpm)
    {
        int n = tradedValue.Count;
        var shares = new decimal[n];
        int eligibleCount = 0;
        decimal total = 0;
        for (int i = 0; i < n; i++)
        {
            if (eligible[i])
            {
                eligibleCount++;
                total += Math.Max(0, tradedValue[i]);
            }
        }
        if (eligibleCount == 0)
        {
            return new long[n];
        }
        var basis = new decimal[n];
        for (int i = 0; i < n; i++)
        {
            basis[i] = !eligible[i] ? 0 : total == 0 ? 1 : Math.Max(0, tradedValue[i]);
        }
        decimal cap = capPpm is { } c ? c / (decimal)Whole : 1;
        int weighed = basis.Count(b => b > 0);
        if (cap * weighed < 1)
        {
            for (int i = 0; i < n; i++)
            {
                shares[i] = basis[i] > 0 ? 1m / weighed : 0;
            }
        }
        else
        {
            Distribute(basis, shares, cap);
        }
        return ToMillionths(shares);
    }

    private static void Distribute(decimal[] basis, decimal[] shares, decimal cap)
    {
        var capped = new bool[basis.Length];
        while (true)
        {
            decimal free = 1, freeBasis = 0;
            int freeCount = 0;
            for (int i = 0; i < basis.Length; i++)
            {
                if (capped[i])
                {
                    free -= cap;
                }
                else if (basis[i] > 0)
                {
                    freeBasis += basis[i];
                    freeCount++;
                }
            }
            bool changed = false;
            for (int i = 0; i < basis.Length; i++)
            {
                if (capped[i])
                {
                    shares[i] = cap;
                    continue;
                }
                shares[i] = freeBasis == 0 ? (basis[i] > 0 ? free / freeCount : 0) : free * basis[i] / freeBasis;
            }
            for (int i = 0; i < basis.Length; i++)
            {
                if (!capped[i] && shares[i] > cap)
                {
                    capped[i] = true;
                    changed = true;
                }
            }
            if (!changed)
            {
                return;
            }
        }
    }

    private static long[] ToMillionths(decimal[] shares)
    {
        var result = new long[shares.Length];
        var remainders = new decimal[shares.Length];
        long sum = 0;
        for (int i = 0; i < shares.Length; i++)
        {
            decimal scaled = shares[i] * Whole;
            result[i] = (long)Math.Floor(scaled);
            remainders[i] = scaled - result[i];
            sum += result[i];
        }
        long missing = sum == 0 ? 0 : Whole - sum;
        var order = Enumerable.Range(0, shares.Length).Where(i => shares[i] > 0).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToList();
        for (int k = 0; k < missing; k++)
        {
            result[order[k % order.Count]]++;
        }
        return result;
    }
}

/// <summary>
/// The Laspeyres formula as published: I = round(L x sum(w_i x p_i / r_i) / 1,000,000, 2), where L is the period's link
/// value (the base value in the first period), w_i the weight in millionths, r_i the reference price (at the base or
/// link window) and p_i the current price; halves round away from zero. Constituents with weight 0 are skipped.
/// </summary>
public static class Laspeyres
{
    /// <summary>The index value, in points with two decimals.</summary>
    /// <param name="link">The period's link value.</param>
    /// <param name="weightsPpm">Weights in millionths.</param>
    /// <param name="references">Reference prices (or sub-index values).</param>
    /// <param name="current">Current prices (or sub-index values).</param>
    public static decimal Value(decimal link, ReadOnlySpan<long> weightsPpm, ReadOnlySpan<decimal> references, ReadOnlySpan<decimal> current)
    {
        decimal sum = 0;
        for (int i = 0; i < weightsPpm.Length; i++)
        {
            if (weightsPpm[i] != 0)
            {
                sum += weightsPpm[i] * current[i] / references[i];
            }
        }
        return Math.Round(link * sum / LaspeyresWeights.Whole, 2, MidpointRounding.AwayFromZero);
    }
}
