using System.Text.Json;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Sdk.Tests;

public sealed class CommerceContractJsonTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_listing_round_trips_with_attributes_images_and_status()
    {
        var listing = new Listing
        {
            Id = Guid.NewGuid(),
            MarketId = "appliances",
            MerchantId = "merchant-1",
            Title = new LocalizedText("电水壶", "Electric kettle"),
            CategoryPath = "kitchen/kettle",
            Price = Money.FromFen(12_990),
            Unit = "piece",
            Stock = 40,
            Attributes = new Dictionary<string, AttributeValue> { ["powerWatts"] = AttributeValue.Integer(1800) },
            Images = [new ListingImage { Id = Guid.NewGuid(), Url = "/media/k.jpg", ContentType = "image/jpeg", Width = 800 }],
            Status = ListingStatus.Active,
            Version = 3,
            CreatedAt = At,
            UpdatedAt = At,
        };

        var json = JsonSerializer.Serialize(listing);
        var back = JsonSerializer.Deserialize<Listing>(json)!;

        Assert.Contains("\"status\":\"Active\"", json, StringComparison.Ordinal);
        Assert.Equal(listing.Price, back.Price);
        Assert.Equal(AttributeValue.Integer(1800), back.Attributes["powerWatts"]);
        Assert.Equal("/media/k.jpg", Assert.Single(back.Images).Url);
        Assert.Equal("Electric kettle", back.Title["en"]);
        Assert.True(back.IsOrderable);
    }

    [Fact]
    public void A_sold_out_listing_is_not_orderable()
    {
        var listing = new Listing
        {
            Id = Guid.NewGuid(),
            MarketId = "agri",
            MerchantId = "m",
            Title = new LocalizedText("杨梅", "Bayberries"),
            CategoryPath = "fruit",
            Price = Money.FromFen(3_000),
            Unit = "kg",
            Stock = 0,
            Status = ListingStatus.Active,
            CreatedAt = At,
            UpdatedAt = At,
        };

        Assert.False(listing.IsOrderable);
    }

    [Fact]
    public void An_order_event_serialized_as_its_base_type_carries_its_type_and_reads_back()
    {
        OrderEvent paid = new OrderPaid
        {
            OrderId = Guid.NewGuid(),
            OrderNumber = "20250301-000001",
            MarketId = "appliances",
            MerchantId = "merchant-1",
            BuyerId = "buyer-1",
            OccurredAt = At,
            Amount = Money.FromFen(12_990),
            PaymentId = "pi_123",
        };

        var json = JsonSerializer.Serialize(paid);
        var back = JsonSerializer.Deserialize<OrderEvent>(json);

        Assert.StartsWith("""{"type":"orderPaid",""", json, StringComparison.Ordinal);
        Assert.Equal(paid, back);
    }

    [Fact]
    public void Order_and_payment_events_are_mediatr_notifications()
    {
        Assert.True(typeof(MediatR.INotification).IsAssignableFrom(typeof(OrderRefunded)));
        Assert.True(typeof(MediatR.INotification).IsAssignableFrom(typeof(PaymentSucceeded)));
        Assert.True(typeof(MediatR.INotification).IsAssignableFrom(typeof(ListingChanged)));
    }

    [Fact]
    public void A_payment_method_round_trips_with_its_kind()
    {
        var confirm = new ConfirmPayment
        {
            PaymentIntentId = "pi_1",
            PaymentMethod = new TokenPaymentMethod { Token = "pm_card_visa" },
        };

        var back = JsonSerializer.Deserialize<ConfirmPayment>(JsonSerializer.Serialize(confirm))!;

        Assert.Equal("pm_card_visa", Assert.IsType<TokenPaymentMethod>(back.PaymentMethod).Token);
    }

    [Fact]
    public void Card_details_never_appear_in_text_output()
    {
        var card = new CardPaymentMethod { Number = "4242 4242 4242 4242", ExpiryMonth = 12, ExpiryYear = 2030, Cvc = "123" };
        var confirm = new ConfirmPayment { PaymentIntentId = "pi_1", PaymentMethod = card };

        Assert.Equal("card ****4242", card.ToString());
        Assert.DoesNotContain("4242 4242", confirm.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("123", confirm.ToString().Replace("pi_1", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Placing_results_tell_success_from_failure()
    {
        var failed = PlaceOrderResult.Failed(PlaceOrderFailureCode.InsufficientStock, "Only 3 left.", Guid.Empty);

        Assert.False(failed.Succeeded);
        Assert.Empty(failed.Orders);
        Assert.True(PlaceOrderResult.Success([]).Succeeded);
    }

    [Fact]
    public void A_rejected_webhook_is_not_accepted()
    {
        var result = PaymentWebhookResult.Rejected("bad signature");

        Assert.False(result.Accepted);
        Assert.False(result.Duplicate);
        Assert.Equal("bad signature", result.RejectionReason);
    }
}
