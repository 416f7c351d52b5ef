using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Data;
using SmartTrade.Plugins.PriceIndex.Inputs;
using SmartTrade.Plugins.PriceIndex.Methodology;
using SmartTrade.Plugins.PriceIndex.Publication;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.PriceIndex.Demo;

/// <summary>
/// Development demo history: synthetic receipt-market trades (a random walk per grade, a few fat-finger outliers),
/// firm quotes from three demo merchants in thin windows and one assessor judgment, from the base date to now; then
/// the history is computed and published by the same publisher as live windows, and one window is corrected for a
/// late-reported trade. Deterministic (fixed seed); seeds once, and never when real values were published already.
/// </summary>
/// <param name="db">The plugin's tables.</param>
/// <param name="methodology">The windows and base date.</param>
/// <param name="publisher">Publishes the history.</param>
/// <param name="time">The clock.</param>
public sealed class IndexDemoData(PriceIndexDbContext db, MethodologyBook methodology, IndexPublisher publisher, TimeProvider time) : IDemoDataSeeder
{
    /// <summary>Trade ids of demo trades start with this.</summary>
    public const string TradePrefix = "DEMO-";

    private static readonly (string Grade, long YuanPerTonne, int TradesPerWindow)[] Market =
    [
        ("PP-T30S", 7_450, 6), ("PP-K8003", 7_800, 3), ("PP-Z30S", 7_600, 2),
        ("HDPE-5000S", 8_300, 3), ("HDPE-DMDA8008", 8_100, 2), ("LLDPE-7042", 8_050, 5), ("LDPE-2426H", 9_600, 2),
        ("PVC-SG-5", 4_900, 4), ("ABS-0215A", 10_800, 2), ("ABS-PA-757", 11_900, 3), ("PS-GPPS-123P", 8_700, 1), ("PET-CR-8816", 6_200, 1),
    ];

    private static readonly (string Email, string Name)[] QuoteDesks =
    [
        ("quotes-zhongsu@smarttrade.demo", "余姚中塑化工贸易"),
        ("quotes-yongsu@smarttrade.demo", "宁波甬塑贸易"),
        ("quotes-huasu@smarttrade.demo", "慈溪华塑供应链"),
    ];

    /// <inheritdoc />
    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        if (await db.Trades.AnyAsync(t => t.TradeId.StartsWith(TradePrefix), cancellationToken)
            || !await publisher.RestartIfNothingPublishedAsync(cancellationToken))
        {
            return;
        }
        var submitters = new List<(string Id, string Name)>();
        foreach (var (email, name) in QuoteDesks)
        {
            submitters.Add((await context.EnsureAccountAsync(email, name, [Roles.Merchant], cancellationToken), name));
        }
        var assessor = await context.EnsureAccountAsync("admin@smarttrade.demo", "Administrator", [Roles.Admin], cancellationToken);

        var (_, parameters) = await methodology.CurrentAsync(cancellationToken);
        var schedule = new WindowSchedule(parameters.Windows, parameters.BaseDate);
        var now = time.GetUtcNow();
        var windows = schedule.Between(long.MinValue, now.ToUnixTimeMilliseconds()).ToList();
        var history = Generate(windows, submitters, assessor);
        db.Trades.AddRange(history.Trades);
        db.Quotes.AddRange(history.Quotes);
        db.Judgments.AddRange(history.Judgments);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await publisher.PublishDueAsync(cancellationToken);

        // A trade reported late: executed in a published window, stored after it, and brought in by a correction.
        if (history.LateTrade is { } late && history.LateWindow is { } window)
        {
            db.Trades.Add(late);
            await db.SaveChangesAsync(cancellationToken);
            await publisher.CorrectAsync(window.Date, window.Time, $"补录迟报成交 {late.TradeId} / Late-reported trade {late.TradeId} included", cancellationToken);
        }
    }

    private static (List<RecordedTrade> Trades, List<FirmQuote> Quotes, List<AssessorJudgment> Judgments, RecordedTrade? LateTrade, AssessmentWindow? LateWindow) Generate(
        List<AssessmentWindow> windows, List<(string Id, string Name)> submitters, string assessor)
    {
        var random = new Random(20251201);
        var fair = Market.Select(m => (double)m.YuanPerTonne).ToArray();
        var trades = new List<RecordedTrade>();
        var quotes = new List<FirmQuote>();
        var judgments = new List<AssessorJudgment>();
        long sequence = 0;
        DateOnly? day = null;
        RecordedTrade? late = null;
        AssessmentWindow? lateWindow = null;
        for (int w = 0; w < windows.Count; w++)
        {
            var window = windows[w];
            if (window.Date != day)
            {
                day = window.Date;
                // A shared market drift and each grade's own move, about 1% a day at most.
                double market = (random.NextDouble() - 0.48) * 0.012;
                for (int g = 0; g < fair.Length; g++)
                {
                    fair[g] *= 1 + market + ((random.NextDouble() - 0.5) * 0.008);
                }
            }
            for (int g = 0; g < Market.Length; g++)
            {
                int count = random.Next(0, (2 * Market[g].TradesPerWindow) + 1);
                for (int t = 0; t < count; t++)
                {
                    double price = fair[g] * (1 + ((random.NextDouble() - 0.5) * 0.008));
                    if (random.Next(150) == 0)
                    {
                        price *= random.Next(2) == 0 ? 0.92 : 1.08;
                    }
                    trades.Add(new RecordedTrade
                    {
                        TradeId = $"{TradePrefix}{Market[g].Grade}-{++sequence:D6}",
                        MarketId = RecordTrade.ReceiptMarket,
                        Grade = Market[g].Grade,
                        PriceMinor = (long)Math.Round(price) * 100,
                        QuantityKg = random.Next(5, 41) * 1_000L,
                        ExecutedAtMs = TradeTime(window, random),
                        ReceivedAtMs = window.EndMs,
                    });
                }
                if (count < 3 && random.Next(10) < 7)
                {
                    for (int s = 0; s < submitters.Count; s++)
                    {
                        bool bid = (s + w) % 2 == 0;
                        double price = fair[g] * (1 + ((bid ? -1 : 1) * (0.001 + (random.NextDouble() * 0.004))));
                        quotes.Add(new FirmQuote
                        {
                            Grade = Market[g].Grade,
                            Side = bid ? "Bid" : "Offer",
                            PriceMinor = (long)Math.Round(price) * 100,
                            QuantityKg = random.Next(10, 101) * 1_000L,
                            SubmitterId = submitters[s].Id,
                            SubmitterName = submitters[s].Name,
                            SubmittedAtMs = window.EndMs - (long)TimeSpan.FromMinutes(30 + random.Next(60)).TotalMilliseconds,
                            ValidUntilMs = window.EndMs + (long)TimeSpan.FromHours(1).TotalMilliseconds,
                        });
                    }
                }
                else if (count == 0 && g == Market.Length - 2 && judgments.Count < 3)
                {
                    judgments.Add(new AssessorJudgment
                    {
                        Grade = Market[g].Grade,
                        WindowEndMs = window.EndMs,
                        PriceMinor = (long)Math.Round(fair[g]) * 100,
                        Reason = "无成交、报价不足；参考华东现货商报盘与上一窗口价格判断。/ No trades and too few quotes; judged from East China spot offers and the previous window.",
                        AssessorId = assessor,
                        EnteredAtMs = window.EndMs - (long)TimeSpan.FromMinutes(5).TotalMilliseconds,
                    });
                }
            }
            if (w == windows.Count - 20 && w > 0)
            {
                lateWindow = window;
                late = new RecordedTrade
                {
                    TradeId = $"{TradePrefix}LATE-{window.Date:yyyyMMdd}",
                    MarketId = RecordTrade.ReceiptMarket,
                    Grade = Market[0].Grade,
                    PriceMinor = (long)Math.Round(fair[0] * 1.002) * 100,
                    QuantityKg = 60_000,
                    ExecutedAtMs = window.EndMs - (long)TimeSpan.FromMinutes(10).TotalMilliseconds,
                    ReceivedAtMs = window.EndMs + (long)TimeSpan.FromHours(2).TotalMilliseconds,
                };
            }
        }
        return (trades, quotes, judgments, late, lateWindow);
    }

    // Within the market's sessions before the window's end: 09:00-10:00 for the 10:00 window, 10:00-11:30 and
    // 13:30-15:00 for the 15:00 window; other window times take the hour before them.
    private static long TradeTime(AssessmentWindow window, Random random)
    {
        var start = window.Date.ToDateTime(window.Time);
        int minute = random.Next(1, 60);
        var at = window.Time == new TimeOnly(15, 0)
            ? (minute = random.Next(0, 180)) < 90 ? window.Date.ToDateTime(new TimeOnly(10, 0)).AddMinutes(minute + 1) : window.Date.ToDateTime(new TimeOnly(13, 30)).AddMinutes(minute - 89)
            : start.AddMinutes(-minute);
        return new DateTimeOffset(at, AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();
    }
}
