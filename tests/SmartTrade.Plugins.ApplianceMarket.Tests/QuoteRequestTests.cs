using SmartTrade.Plugins.ApplianceMarket;
using SmartTrade.Plugins.ApplianceMarket.Quotes;

namespace SmartTrade.Plugins.ApplianceMarket.Tests;

/// <summary>The quote request's transitions, each decided at the instant it is given.</summary>
public sealed class QuoteRequestTests
{
    private static readonly DateTimeOffset Asked = new(2026, 11, 28, 10, 0, 0, QuoteRequest.ChinaOffset);

    private static QuoteRequest NewRequest() => new()
    {
        Id = Guid.NewGuid(),
        ListingId = Guid.NewGuid(),
        MerchantId = "maker",
        BuyerId = "shop",
        BuyerCompany = "惠民家电",
        ListingTitleZh = "电水壶",
        ListingTitleEn = "Kettle",
        Unit = "piece",
        Quantity = 500,
        DeliveryDate = new DateOnly(2026, 12, 28),
        Status = QuoteStatus.Requested,
        CreatedAt = Asked,
        UpdatedAt = Asked,
        Version = 1,
    };

    private static QuoteRequest Quoted()
    {
        var request = NewRequest();
        Assert.Null(request.Quote(8_800, new DateOnly(2026, 12, 5), null, Asked));
        return request;
    }

    [Fact]
    public void A_quote_expires_at_the_start_of_the_day_after_its_validity_in_Beijing()
        => Assert.Equal(new DateTimeOffset(2026, 12, 5, 16, 0, 0, TimeSpan.Zero), Quoted().ExpiresAt);

    [Fact]
    public void A_quote_is_accepted_in_its_last_tick()
    {
        var request = Quoted();

        Assert.Null(request.BeginAcceptance(request.ExpiresAt!.Value.AddTicks(-1)));
        Assert.Equal(QuoteStatus.Accepting, request.Status);
    }

    [Fact]
    public void A_quote_is_refused_at_its_expiry_and_stays_quoted()
    {
        var request = Quoted();

        var refusal = request.BeginAcceptance(request.ExpiresAt!.Value);

        Assert.Equal(ApplianceProblems.QuoteExpired, refusal?.Code);
        Assert.Equal(QuoteStatus.Quoted, request.Status);
        Assert.Equal("Expired", request.StateAt(request.ExpiresAt.Value));
    }

    [Fact]
    public void An_acceptance_begun_before_the_expiry_completes_after_it()
    {
        var request = Quoted();
        request.BeginAcceptance(request.ExpiresAt!.Value.AddSeconds(-1));
        var orderId = Guid.NewGuid();

        request.CompleteAcceptance(orderId, request.ExpiresAt.Value.AddMinutes(1));

        Assert.Equal("Accepted", request.StateAt(request.ExpiresAt.Value.AddMinutes(1)));
        Assert.Equal(orderId, request.OrderId);
    }

    [Fact]
    public void A_request_without_a_quote_cannot_be_accepted()
        => Assert.Equal(ApplianceProblems.WrongState, NewRequest().BeginAcceptance(Asked)?.Code);

    [Fact]
    public void A_declined_quote_cannot_be_accepted_or_quoted_again()
    {
        var request = Quoted();
        Assert.Null(request.Decline("buyer", "太贵", Asked));

        Assert.Equal(ApplianceProblems.WrongState, request.BeginAcceptance(Asked)?.Code);
        Assert.Equal(ApplianceProblems.WrongState, request.Quote(8_000, new DateOnly(2026, 12, 6), null, Asked)?.Code);
    }

    [Fact]
    public void A_live_quote_cannot_be_replaced_but_an_expired_one_can()
    {
        var request = Quoted();

        var whileLive = request.Quote(8_000, new DateOnly(2026, 12, 10), null, Asked);
        var afterExpiry = request.Quote(8_000, new DateOnly(2026, 12, 10), null, request.ExpiresAt!.Value);

        Assert.Equal(ApplianceProblems.WrongState, whileLive?.Code);
        Assert.Null(afterExpiry);
        Assert.Equal(8_000, request.UnitPriceMinor);
    }

    [Fact]
    public void An_abandoned_acceptance_leaves_the_quote_as_it_was()
    {
        var request = Quoted();
        request.BeginAcceptance(Asked);

        request.AbandonAcceptance(Asked);

        Assert.Equal(QuoteStatus.Quoted, request.Status);
        Assert.Null(request.AcceptedAt);
    }

    [Fact]
    public void Every_transition_moves_the_concurrency_version()
    {
        var request = NewRequest();
        request.Quote(8_800, new DateOnly(2026, 12, 5), null, Asked);
        request.BeginAcceptance(Asked);
        request.CompleteAcceptance(Guid.NewGuid(), Asked);

        Assert.Equal(4, request.Version);
    }
}
