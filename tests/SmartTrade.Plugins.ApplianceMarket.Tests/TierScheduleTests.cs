using SmartTrade.Plugins.ApplianceMarket;
using SmartTrade.Plugins.ApplianceMarket.Pricing;

namespace SmartTrade.Plugins.ApplianceMarket.Tests;

/// <summary>Which price a quantity gets from a schedule, and which schedules a merchant may set.</summary>
public sealed class TierScheduleTests
{
    private const long Retail = 12_900;

    private static readonly TierPrice[] Breaks = [new(500, 9_900), new(50, 11_900), new(100, 10_900)];

    [Theory]
    [InlineData(1L, Retail)]
    [InlineData(49L, Retail)]
    [InlineData(50L, 11_900L)]
    [InlineData(99L, 11_900L)]
    [InlineData(100L, 10_900L)]
    [InlineData(499L, 10_900L)]
    [InlineData(500L, 9_900L)]
    [InlineData(1_000_000L, 9_900L)]
    public void A_quantity_gets_the_price_of_the_largest_break_it_reaches(long quantity, long expected)
        => Assert.Equal(expected, TierSchedule.PriceFor(Retail, Breaks, quantity).UnitPriceMinor);

    [Fact]
    public void Below_every_break_the_retail_price_applies_and_no_break_is_named()
        => Assert.Null(TierSchedule.PriceFor(Retail, Breaks, 49).Tier);

    [Fact]
    public void Without_breaks_every_quantity_pays_retail()
        => Assert.Equal(Retail, TierSchedule.PriceFor(Retail, [], 10_000).UnitPriceMinor);

    [Fact]
    public void A_falling_schedule_below_retail_is_accepted_in_any_order()
        => Assert.Null(TierSchedule.Check(Retail, Breaks));

    [Fact]
    public void Equal_prices_at_two_breaks_are_accepted()
        => Assert.Null(TierSchedule.Check(Retail, [new(10, 12_000), new(20, 12_000)]));

    [Theory]
    [InlineData(0L, 9_000L, ApplianceProblems.InvalidQuantity)]
    [InlineData(-1L, 9_000L, ApplianceProblems.InvalidQuantity)]
    [InlineData(1L, 9_000L, ApplianceProblems.InvalidTiers)]
    [InlineData(1_000_001L, 9_000L, ApplianceProblems.InvalidTiers)]
    [InlineData(10L, Retail, ApplianceProblems.InvalidPrice)]
    [InlineData(10L, 0L, ApplianceProblems.InvalidPrice)]
    public void A_break_outside_the_rules_is_refused_with_its_code(long minQuantity, long price, string code)
        => Assert.Equal(code, TierSchedule.Check(Retail, [new(minQuantity, price)])?.Code);

    [Fact]
    public void Two_breaks_at_the_same_quantity_are_refused()
        => Assert.Equal(ApplianceProblems.InvalidTiers, TierSchedule.Check(Retail, [new(10, 12_000), new(10, 11_000)])?.Code);

    [Fact]
    public void A_break_dearer_than_a_smaller_one_is_refused()
        => Assert.Equal(ApplianceProblems.InvalidTiers, TierSchedule.Check(Retail, [new(10, 11_000), new(100, 11_500)])?.Code);

    [Fact]
    public void More_than_eight_breaks_are_refused()
        => Assert.Equal(
            ApplianceProblems.InvalidTiers,
            TierSchedule.Check(Retail, Enumerable.Range(1, 9).Select(i => new TierPrice(i * 10, Retail - (i * 100))).ToList())?.Code);
}
