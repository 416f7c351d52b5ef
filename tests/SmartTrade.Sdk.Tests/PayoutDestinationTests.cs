using System.Text.Json;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Sdk.Tests;

public sealed class PayoutDestinationTests
{
    private static readonly PayoutDestination Account = new() { AccountHolder = "张三", Account = "6222 0200 1234 5678", Bank = "中国工商银行" };

    [Fact]
    public void Printing_a_destination_or_a_payout_request_shows_only_the_accounts_last_four_digits()
    {
        var request = new CreatePayout { Reference = "w-1", Amount = Money.FromFen(100), Destination = Account, IdempotencyKey = "w-1" };

        Assert.Equal("PayoutDestination { AccountHolder = 张三, Account = •••• 5678, Bank = 中国工商银行 }", Account.ToString());
        Assert.DoesNotContain("1234", request.ToString(), StringComparison.Ordinal);
        Assert.Contains("•••• 5678", request.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6222 0200 1234 5678", "•••• 5678")]
    [InlineData("acct_1Nv0FGQ9RKHgCVdK", "•••• CVdK")]
    [InlineData("1234", "1234")]
    public void Masking_keeps_the_last_four_characters(string account, string masked)
        => Assert.Equal(masked, PayoutDestination.Mask(account));

    [Fact]
    public void A_destination_travels_as_json_with_its_whole_account_for_the_gateway()
    {
        var json = JsonSerializer.Serialize(Account);

        Assert.Contains("\"account\":\"6222 0200 1234 5678\"", json, StringComparison.Ordinal);
        Assert.Equal(Account, JsonSerializer.Deserialize<PayoutDestination>(json));
    }
}
