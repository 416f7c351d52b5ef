namespace SmartTrade.Plugins.AgriMarket.Batches;

/// <summary>Dates of the market: harvests, shelf lives and windows are days in Asia/Shanghai.</summary>
public static class AgriCalendar
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The day it is in Yuyao at <paramref name="now"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, China).DateTime);

    /// <summary>Today in Yuyao by the host's clock.</summary>
    public static DateOnly Today(TimeProvider time) => DayOf(time.GetUtcNow());
}
