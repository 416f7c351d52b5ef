using SmartTrade.Plugins.PriceIndex.Computation;

namespace SmartTrade.Plugins.PriceIndex.Tests.Computation;

/// <summary>Worked examples of the weights (millionths, caps) and the Laspeyres formula.</summary>
public sealed class LaspeyresTests
{
    [Fact]
    public void Weights_are_shares_of_traded_value_in_millionths_that_sum_to_exactly_one_million()
    {
        // 1/3 each is 333,333.33...: floors sum to 999,999, the missing millionth goes to the first of the tied remainders.
        Assert.Equal([333_334, 333_333, 333_333], LaspeyresWeights.FromTradedValue([1m, 1m, 1m], [true, true, true], null));
        // 160,000 : 180,000 -> 470,588.235 and 529,411.765: the larger remainder gets the millionth.
        Assert.Equal([470_588, 529_412], LaspeyresWeights.FromTradedValue([160_000m, 180_000m], [true, true], null));
    }

    [Fact]
    public void A_constituent_without_a_reference_price_weighs_nothing()
        => Assert.Equal([0, 1_000_000], LaspeyresWeights.FromTradedValue([500m, 100m], [false, true], null));

    [Fact]
    public void Eligible_constituents_that_traded_nothing_weigh_equally()
        => Assert.Equal([500_000, 500_000, 0], LaspeyresWeights.FromTradedValue([0m, 0m, 0m], [true, true, false], null));

    [Fact]
    public void A_cap_moves_the_excess_to_the_others_in_proportion_to_their_traded_value()
    {
        // 70 : 20 : 10 with a 50% cap: 50%, then 50% split 20 : 10 -> 33.3333%, 16.6667% (the larger remainder rounds up).
        Assert.Equal([500_000, 333_333, 166_667], LaspeyresWeights.FromTradedValue([70m, 20m, 10m], [true, true, true], 500_000));
    }

    [Fact]
    public void A_cap_is_applied_again_when_the_redistribution_pushes_another_weight_over_it()
    {
        // 60 : 30 : 10 with a 40% cap: A capped at 40%; 60% split 30 : 10 gives B 45%, capped too; C takes the 20% left.
        Assert.Equal([400_000, 400_000, 200_000], LaspeyresWeights.FromTradedValue([60m, 30m, 10m], [true, true, true], 400_000));
    }

    [Fact]
    public void A_cap_that_cannot_be_met_gives_equal_weights()
        => Assert.Equal([500_000, 500_000], LaspeyresWeights.FromTradedValue([90m, 10m], [true, true], 400_000));

    [Fact]
    public void The_value_is_the_link_times_the_weighted_price_relatives()
    {
        // 1000 x (0.6 x 8400/8000 + 0.4 x 4750/5000) = 1000 x (0.63 + 0.38) = 1010.00
        Assert.Equal(1010.00m, Laspeyres.Value(1000m, [600_000, 400_000], [8000m, 5000m], [8400m, 4750m]));
    }

    [Fact]
    public void The_value_is_rounded_to_two_decimals_with_halves_away_from_zero()
    {
        // 1000 x 800,004 / 800,000 = 1000.005 exactly -> 1000.01 (banker's rounding would give 1000.00).
        Assert.Equal(1000.01m, Laspeyres.Value(1000m, [1_000_000], [800_000m], [800_004m]));
        // 1000 x 800,003 / 800,000 = 1000.00375 -> 1000.00.
        Assert.Equal(1000.00m, Laspeyres.Value(1000m, [1_000_000], [800_000m], [800_003m]));
    }
}
