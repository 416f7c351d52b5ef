using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class PriceBandTests
{
    [Fact]
    public void Default_band_is_four_percent_either_side_of_the_previous_settlement_price()
    {
        Assert.Equal(new PriceBand(768_000, 832_000), PriceBand.FromSettlement(800_000, tickSize: 100));
    }

    [Fact]
    public void Limits_off_the_tick_are_rounded_inward()
    {
        // 8,123.45 yuan/t: exact limits 7,798.512 and 8,448.388 yuan/t.
        Assert.Equal(new PriceBand(779_900, 844_800), PriceBand.FromSettlement(812_345, tickSize: 100));
    }

    [Fact]
    public void Limit_is_configurable_in_basis_points()
    {
        Assert.Equal(new PriceBand(760_000, 840_000), PriceBand.FromSettlement(800_000, tickSize: 100, limitBasisPoints: 500));
        Assert.Equal(new PriceBand(800_000, 800_000), PriceBand.FromSettlement(800_000, tickSize: 100, limitBasisPoints: 0));
    }

    [Fact]
    public void Lower_limit_never_falls_below_one_tick()
    {
        Assert.Equal(new PriceBand(100, 20_000), PriceBand.FromSettlement(10_000, tickSize: 100, limitBasisPoints: 10_000));
    }

    [Fact]
    public void A_band_with_no_price_on_the_tick_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PriceBand.FromSettlement(812_345, tickSize: 100, limitBasisPoints: 0));
    }

    [Theory]
    [InlineData(0, 100, 400)]
    [InlineData(800_000, 0, 400)]
    [InlineData(800_000, 100, -1)]
    [InlineData(800_000, 100, 10_001)]
    public void Nonsense_inputs_are_refused(long price, long tick, int basisPoints)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PriceBand.FromSettlement(price, tick, basisPoints));
    }

    [Fact]
    public void Both_limits_belong_to_the_band()
    {
        var band = new PriceBand(768_000, 832_000);

        Assert.True(band.Contains(768_000));
        Assert.True(band.Contains(832_000));
        Assert.False(band.Contains(767_900));
        Assert.False(band.Contains(832_100));
    }
}
