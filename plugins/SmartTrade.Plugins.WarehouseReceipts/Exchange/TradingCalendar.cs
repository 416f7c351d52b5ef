namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>
/// When the market trades: sessions on weekdays in Asia/Shanghai time (by default 09:00-11:30 and 13:30-15:00,
/// Monday to Friday), or around the clock for a demo. The trading day closes at the end of its last session.
/// </summary>
public sealed class TradingCalendar
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>The market's sessions on Monday to Friday, Asia/Shanghai.</summary>
    public static TradingCalendar Default { get; } = new(
        [new TradingSession(new TimeOnly(9, 0), new TimeOnly(11, 30)), new TradingSession(new TimeOnly(13, 30), new TimeOnly(15, 0))],
        alwaysOpen: false);

    /// <summary>Open at every moment; the trading day closes at midnight, Asia/Shanghai.</summary>
    public static TradingCalendar AroundTheClock { get; } = new([], alwaysOpen: true);

    /// <summary>A calendar with these sessions (start inclusive, end exclusive), or always open.</summary>
    public TradingCalendar(IReadOnlyList<TradingSession> sessions, bool alwaysOpen)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (!alwaysOpen && sessions.Count == 0)
        {
            throw new ArgumentException("A calendar that is not always open needs at least one session.", nameof(sessions));
        }
        for (int i = 0; i < sessions.Count; i++)
        {
            if (sessions[i].End <= sessions[i].Start || (i > 0 && sessions[i].Start < sessions[i - 1].End))
            {
                throw new ArgumentException("Sessions must be non-empty, in order and not overlapping.", nameof(sessions));
            }
        }
        Sessions = sessions;
        AlwaysOpen = alwaysOpen;
    }

    /// <summary>The sessions of a trading day.</summary>
    public IReadOnlyList<TradingSession> Sessions { get; }

    /// <summary>Whether the market never closes.</summary>
    public bool AlwaysOpen { get; }

    /// <summary>The market's clock: Shanghai time (China has no daylight saving time).</summary>
    public static DateTime ToMarketTime(DateTimeOffset instant) => instant.ToOffset(ChinaStandardTime).DateTime;

    /// <summary>Whether orders are accepted at <paramref name="instant"/>.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        if (AlwaysOpen)
        {
            return true;
        }
        var local = ToMarketTime(instant);
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }
        var time = TimeOnly.FromDateTime(local);
        foreach (var session in Sessions)
        {
            if (time >= session.Start && time < session.End)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The trading day <paramref name="instant"/> belongs to, for closing: the market date, and the moment it closes
    /// (the end of the last session, or midnight when always open).
    /// </summary>
    public (DateOnly Day, DateTimeOffset ClosesAt) TradingDayOf(DateTimeOffset instant)
    {
        var local = ToMarketTime(instant);
        var day = DateOnly.FromDateTime(local);
        var close = AlwaysOpen ? TimeOnly.MinValue : Sessions[^1].End;
        var closesAt = new DateTimeOffset(day.ToDateTime(close), ChinaStandardTime);
        if (AlwaysOpen)
        {
            closesAt = closesAt.AddDays(1);
        }
        return (day, closesAt);
    }

    /// <summary>Whether <paramref name="day"/> has sessions at all (weekdays, or every day when always open).</summary>
    public bool IsTradingDay(DateOnly day) => AlwaysOpen || day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>A trading day as the journal writes it: yyyyMMdd.</summary>
    public static int ToNumber(DateOnly day) => day.Year * 10_000 + day.Month * 100 + day.Day;
}

/// <summary>One continuous trading session of a day, market time; start inclusive, end exclusive.</summary>
public readonly record struct TradingSession(TimeOnly Start, TimeOnly End);
