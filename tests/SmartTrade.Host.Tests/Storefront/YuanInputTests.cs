using SmartTrade.Host.Storefront;
using Xunit;

namespace SmartTrade.Host.Tests.Storefront;

/// <summary>Amounts typed in yuan are read into fen exactly, by their digits.</summary>
public sealed class YuanInputTests
{
    [Theory]
    [InlineData("129.90", 12_990)]
    [InlineData("129.9", 12_990)]
    [InlineData("129", 12_900)]
    [InlineData("0.01", 1)]
    [InlineData(" ¥1,299.00 ", 129_900)]
    [InlineData("￥35", 3_500)]
    [InlineData("0.29", 29)]
    [InlineData("999999999999.99", 99_999_999_999_999)]
    public void An_amount_in_yuan_becomes_the_exact_number_of_fen(string typed, long fen)
    {
        Assert.True(YuanInput.TryParse(typed, out var parsed));
        Assert.Equal(fen, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12.345")]
    [InlineData("-5")]
    [InlineData("1e3")]
    [InlineData("12.")]
    [InlineData(".5")]
    [InlineData("1,29")]
    [InlineData("12,34.5")]
    [InlineData("abc")]
    [InlineData("1000000000000")]
    [InlineData("NaN")]
    public void Anything_else_is_not_an_amount(string typed) => Assert.False(YuanInput.TryParse(typed, out _));

    [Theory]
    [InlineData(12_990, "129.90")]
    [InlineData(5, "0.05")]
    [InlineData(0, "0.00")]
    public void Fen_show_as_yuan_with_two_decimals(long fen, string shown) => Assert.Equal(shown, YuanInput.Format(fen));
}
