using System.Globalization;

namespace SmartTrade.Plugins.PriceIndex.Computation;

/// <summary>
/// One assessment window: a publication time on a trading day, Asia/Shanghai. It covers the trades executed after
/// the previous window's end up to and including its own end.
/// </summary>
/// <param name="Date">The trading day.</param>
/// <param name="Time">The local publication time.</param>
/// <param name="Slot">Which window of the day, from 0.</param>
/// <param name="IsLastOfDay">Whether it is the day's closing window.</param>
public readonly record struct AssessmentWindow(DateOnly Date, TimeOnly Time, int Slot, bool IsLastOfDay)
{
    /// <summary>China has one offset all year (no daylight saving time).</summary>
    public static readonly TimeSpan ShanghaiOffset = TimeSpan.FromHours(8);

    /// <summary>The end of the window as an instant.</summary>
    public DateTimeOffset End => new(Date.ToDateTime(Time), ShanghaiOffset);

    /// <summary>The end in Unix milliseconds, the key windows are stored under.</summary>
    public long EndMs => End.ToUnixTimeMilliseconds();

    /// <summary>The time as <c>HH:mm</c>.</summary>
    public string TimeText => Time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The local date of an instant in Shanghai.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ShanghaiOffset).DateTime);

    /// <inheritdoc />
    public override string ToString() => $"{Date:yyyy-MM-dd} {TimeText}";
}

/// <summary>The windows of the trading days (Monday to Friday; the plugin keeps no holiday calendar) from the base date on.</summary>
/// <param name="times">The window times of each day, in order.</param>
/// <param name="firstDate">The first day with windows (the base date).</param>
public sealed class WindowSchedule(IReadOnlyList<TimeOnly> times, DateOnly firstDate)
{
    private readonly TimeOnly[] _times = [.. times.Order()];

    /// <summary>Whether windows are published on this day.</summary>
    public static bool IsTradingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The first day with windows.</summary>
    public DateOnly FirstDate => firstDate;

    /// <summary>The windows of one day (none on a weekend or before the first date).</summary>
    public IEnumerable<AssessmentWindow> On(DateOnly date)
    {
        if (!IsTradingDay(date) || date < firstDate)
        {
            yield break;
        }
        for (int slot = 0; slot < _times.Length; slot++)
        {
            yield return new AssessmentWindow(date, _times[slot], slot, slot == _times.Length - 1);
        }
    }

    /// <summary>The window with this date and time, or null when it is not one.</summary>
    public AssessmentWindow? Find(DateOnly date, TimeOnly time)
    {
        foreach (var window in On(date))
        {
            if (window.Time == time)
            {
                return window;
            }
        }
        return null;
    }

    /// <summary>The windows whose end is after <paramref name="afterMs"/> (exclusive) and at or before <paramref name="uptoMs"/>, in order.</summary>
    /// <param name="afterMs">Unix ms; windows ending at or before it are left out. Use <see cref="long.MinValue"/> for all.</param>
    /// <param name="uptoMs">Unix ms, inclusive.</param>
    public IEnumerable<AssessmentWindow> Between(long afterMs, long uptoMs)
    {
        var start = afterMs == long.MinValue ? firstDate : Max(firstDate, AssessmentWindow.LocalDate(DateTimeOffset.FromUnixTimeMilliseconds(afterMs)));
        var last = AssessmentWindow.LocalDate(DateTimeOffset.FromUnixTimeMilliseconds(uptoMs));
        for (var date = start; date <= last; date = date.AddDays(1))
        {
            foreach (var window in On(date))
            {
                long end = window.EndMs;
                if (end > afterMs && end <= uptoMs)
                {
                    yield return window;
                }
            }
        }
    }

    /// <summary>The first window ending after <paramref name="afterMs"/>.</summary>
    public AssessmentWindow Next(long afterMs)
    {
        var date = afterMs == long.MinValue ? firstDate : Max(firstDate, AssessmentWindow.LocalDate(DateTimeOffset.FromUnixTimeMilliseconds(afterMs)));
        for (; ; date = date.AddDays(1))
        {
            foreach (var window in On(date))
            {
                if (window.EndMs > afterMs)
                {
                    return window;
                }
            }
        }
    }

    /// <summary>The window before <paramref name="window"/>, or null for the very first.</summary>
    public AssessmentWindow? Previous(AssessmentWindow window)
    {
        for (var date = window.Date; date >= firstDate; date = date.AddDays(-1))
        {
            AssessmentWindow? latest = null;
            foreach (var candidate in On(date))
            {
                if (candidate.EndMs < window.EndMs)
                {
                    latest = candidate;
                }
            }
            if (latest is not null)
            {
                return latest;
            }
        }
        return null;
    }

    /// <summary>The start of the first day, Unix ms: trades before it belong to no window.</summary>
    public long StartMs => new DateTimeOffset(firstDate.ToDateTime(TimeOnly.MinValue), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
