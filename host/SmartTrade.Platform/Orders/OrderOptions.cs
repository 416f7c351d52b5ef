namespace SmartTrade.Platform.Orders;

/// <summary>Order timings, under <c>SmartTrade:Orders</c>.</summary>
public sealed class OrderOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "SmartTrade:Orders";

    /// <summary>How long checkout reserves stock for an unpaid order before it expires. Default 15 minutes.</summary>
    public TimeSpan ReservationTime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long after delivery an order completes by itself when the buyer does not confirm receipt (as the big
    /// Chinese marketplaces do). Default 7 days.
    /// </summary>
    public TimeSpan AutoCompleteAfter { get; set; } = TimeSpan.FromDays(7);
}
