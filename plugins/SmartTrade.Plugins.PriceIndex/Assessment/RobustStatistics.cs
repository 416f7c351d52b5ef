namespace SmartTrade.Plugins.PriceIndex.Assessment;

/// <summary>
/// Median, MAD and VWAP on integer prices, exactly: medians are kept doubled (the mean of two middle fen is a
/// half fen at worst) so nothing is ever rounded until the published price. Hot path: spans, no allocation.
/// </summary>
public static class RobustStatistics
{
    /// <summary>Twice the median of <paramref name="values"/>, which it reorders in place (selection, not a full sort); 0 for none.</summary>
    public static long TwiceMedian(Span<long> values)
    {
        int n = values.Length;
        if (n == 0)
        {
            return 0;
        }
        int half = n / 2;
        long upper = Select(values, half);
        if ((n & 1) == 1)
        {
            return 2 * upper;
        }
        // Everything left of the selected element is at most it: the largest of them is the lower middle value.
        long lower = values[0];
        for (int i = 1; i < half; i++)
        {
            lower = Math.Max(lower, values[i]);
        }
        return lower + upper;
    }

    /// <summary>
    /// Puts the k-th smallest value (from 0) at index k, smaller or equal ones before it and larger or equal after
    /// (quickselect with a median-of-three pivot), and returns it.
    /// </summary>
    public static long Select(Span<long> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (right > left)
        {
            if (right - left < 16)
            {
                values[left..(right + 1)].Sort();
                return values[k];
            }
            int middle = left + ((right - left) / 2);
            if (values[middle] < values[left]) { (values[middle], values[left]) = (values[left], values[middle]); }
            if (values[right] < values[left]) { (values[right], values[left]) = (values[left], values[right]); }
            if (values[right] < values[middle]) { (values[right], values[middle]) = (values[middle], values[right]); }
            long pivot = values[middle];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) { i++; }
                while (values[j] > pivot) { j--; }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }
        return values[k];
    }

    /// <summary>
    /// Marks the outliers of <paramref name="values"/>: those further than k x MAD from the median. With fewer than
    /// three values, or a MAD of zero, nothing is an outlier (there is no spread to measure against).
    /// </summary>
    /// <param name="values">The observations.</param>
    /// <param name="scratch">Working space at least as long as <paramref name="values"/>.</param>
    /// <param name="kHundredths">k in hundredths (300 is 3.00).</param>
    /// <param name="outlier">Set for each value: whether it is left out.</param>
    /// <param name="twiceMedian">Twice the median.</param>
    /// <param name="fourTimesMad">Four times the MAD (the median of the absolute deviations).</param>
    /// <returns>How many values are kept.</returns>
    public static int MarkOutliers(ReadOnlySpan<long> values, Span<long> scratch, int kHundredths, Span<bool> outlier, out long twiceMedian, out long fourTimesMad)
    {
        int n = values.Length;
        var work = scratch[..n];
        values.CopyTo(work);
        twiceMedian = TwiceMedian(work);
        for (int i = 0; i < n; i++)
        {
            work[i] = Math.Abs((2 * values[i]) - twiceMedian);
        }
        fourTimesMad = TwiceMedian(work);
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            // |x - m| > k x MAD  <=>  200 x |2x - 2m| > kHundredths x 4 MAD, all in integers.
            bool isOutlier = n >= 3 && fourTimesMad > 0 && 200 * Math.Abs((2 * values[i]) - twiceMedian) > (long)kHundredths * fourTimesMad;
            outlier[i] = isOutlier;
            kept += isOutlier ? 0 : 1;
        }
        return kept;
    }

    /// <summary>
    /// The volume-weighted average price of the values not marked, rounded to the nearest fen (halves up):
    /// sum(price x quantity) / sum(quantity). Returns 0 when nothing is kept.
    /// </summary>
    public static long Vwap(ReadOnlySpan<long> prices, ReadOnlySpan<long> quantities, ReadOnlySpan<bool> outlier, out long quantity)
    {
        Int128 value = 0;
        quantity = 0;
        for (int i = 0; i < prices.Length; i++)
        {
            if (!outlier[i])
            {
                value += (Int128)prices[i] * quantities[i];
                quantity += quantities[i];
            }
        }
        return quantity == 0 ? 0 : (long)(((2 * value) + quantity) / (2 * (Int128)quantity));
    }

    /// <summary>A doubled median as a price in fen, halves rounded up.</summary>
    public static long RoundHalfUp(long twiceValue) => (twiceValue + 1) / 2;

    /// <summary>A doubled (or quadrupled) integer as an exact decimal.</summary>
    public static decimal Exact(long scaled, int divisor) => (decimal)scaled / divisor;
}
