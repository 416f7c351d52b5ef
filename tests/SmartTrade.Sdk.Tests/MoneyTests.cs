namespace SmartTrade.Sdk.Tests;

public sealed class MoneyTests
{
    [Fact]
    public void Adding_money_of_the_same_currency_adds_minor_units()
        => Assert.Equal(Money.FromFen(15_000), Money.FromFen(12_990) + Money.FromFen(2_010));

    [Fact]
    public void Subtracting_money_can_go_negative()
        => Assert.Equal(new Money(-500, "CNY"), Money.FromFen(1_000) - Money.FromFen(1_500));

    [Fact]
    public void Multiplying_a_unit_price_by_a_quantity_gives_the_line_amount()
        => Assert.Equal(Money.FromFen(38_970), Money.FromFen(12_990) * 3);

    [Fact]
    public void Adding_money_of_different_currencies_throws()
        => Assert.Throws<InvalidOperationException>(() => Money.FromFen(100) + new Money(100, "USD"));

    [Fact]
    public void Subtracting_money_of_different_currencies_throws()
        => Assert.Throws<InvalidOperationException>(() => Money.FromFen(100) - new Money(100, "USD"));

    [Fact]
    public void Comparing_money_of_different_currencies_throws()
        => Assert.Throws<InvalidOperationException>(() => Money.FromFen(100) < new Money(200, "USD"));

    [Fact]
    public void Comparing_money_of_the_same_currency_compares_amounts()
    {
        Assert.True(Money.FromFen(100) < Money.FromFen(200));
        Assert.True(Money.FromFen(200) >= Money.FromFen(200));
        Assert.False(Money.FromFen(100) > Money.FromFen(200));
    }

    [Fact]
    public void Adding_past_the_largest_amount_throws_overflow()
        => Assert.Throws<OverflowException>(() => Money.FromFen(long.MaxValue) + Money.FromFen(1));

    [Fact]
    public void Subtracting_past_the_smallest_amount_throws_overflow()
        => Assert.Throws<OverflowException>(() => Money.FromFen(long.MinValue) - Money.FromFen(1));

    [Fact]
    public void Multiplying_past_the_largest_amount_throws_overflow()
        => Assert.Throws<OverflowException>(() => Money.FromFen(long.MaxValue / 2 + 1) * 2);

    [Theory]
    [InlineData(10_000, 5, 5)] // 0.05% of 100.00 = 0.05
    [InlineData(12_990, 5, 6)] // 6.495 fen is below half: 6
    [InlineData(10_000, 15, 15)]
    [InlineData(100, 50, 1)] // 0.5 fen rounds up to 1
    [InlineData(100, 49, 0)] // 0.49 fen rounds down to 0
    [InlineData(300, 50, 2)] // 1.5 fen rounds away from zero to 2
    [InlineData(-100, 50, -1)] // -0.5 fen rounds away from zero to -1
    [InlineData(-300, 50, -2)] // -1.5 fen rounds away from zero to -2
    [InlineData(-100, 49, 0)]
    [InlineData(100, -50, -1)]
    [InlineData(0, 9_999, 0)]
    [InlineData(12_345, 10_000, 12_345)] // 100%
    public void Basis_points_round_half_away_from_zero(long minor, long basisPoints, long expected)
        => Assert.Equal(new Money(expected, "CNY"), new Money(minor, "CNY").MultiplyBasisPoints(basisPoints));

    [Fact]
    public void Basis_points_of_a_huge_amount_do_not_overflow_in_between()
        => Assert.Equal(Money.FromFen(long.MaxValue / 2 + 1), Money.FromFen(long.MaxValue).MultiplyBasisPoints(5_000));

    [Fact]
    public void Basis_points_that_overflow_the_result_throw()
        => Assert.Throws<OverflowException>(() => Money.FromFen(long.MaxValue).MultiplyBasisPoints(20_000));

    [Theory]
    [InlineData(12_990, "CNY", "129.90 CNY")]
    [InlineData(5, "CNY", "0.05 CNY")]
    [InlineData(0, "CNY", "0.00 CNY")]
    [InlineData(-12_990, "CNY", "-129.90 CNY")]
    [InlineData(-5, "USD", "-0.05 USD")]
    [InlineData(long.MinValue, "CNY", "-92233720368547758.08 CNY")]
    public void Formats_with_two_decimals_and_the_currency(long minor, string currency, string expected)
        => Assert.Equal(expected, new Money(minor, currency).ToString());

    [Fact]
    public void Serializes_as_minor_units_and_currency()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Money.FromFen(12_990));
        Assert.Equal("""{"minor":12990,"currency":"CNY"}""", json);
        Assert.Equal(Money.FromFen(12_990), System.Text.Json.JsonSerializer.Deserialize<Money>(json));
    }
}
