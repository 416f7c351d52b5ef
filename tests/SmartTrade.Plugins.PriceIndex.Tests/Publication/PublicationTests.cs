using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Plugins.PriceIndex.Assessment;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Methodology;
using SmartTrade.Plugins.PriceIndex.Publication;
using static SmartTrade.Plugins.PriceIndex.Tests.Publication.IndexDatabase;

namespace SmartTrade.Plugins.PriceIndex.Tests.Publication;

/// <summary>Publication on a real database: windows published once, in order, durably; corrections as new versions.</summary>
public sealed class PublicationTests
{
    // Base 2026-03-02 (a Monday); 1 trade and 1 kg are enough, so each trade shows directly.
    private static readonly Dictionary<string, string?> Small = new() { ["BaseDate"] = "2026-03-02", ["MinTrades"] = "1", ["MinQuantityKg"] = "1" };

    [Fact]
    public async Task A_window_is_published_once_its_end_has_passed_and_only_once()
    {
        await using var db = await CreateAsync(Shanghai(2026, 3, 2, 9, 0), Small);
        await db.TradeAsync("t1", "PP-T30S", 800_000, 10_000, Shanghai(2026, 3, 2, 9, 30));

        Assert.Equal(0, await db.Publisher.PublishDueAsync(CancellationToken.None));
        db.Time.SetUtcNow(Shanghai(2026, 3, 2, 10, 0));
        Assert.Equal(1, await db.Publisher.PublishDueAsync(CancellationToken.None));
        Assert.Equal(0, await db.Publisher.PublishDueAsync(CancellationToken.None));

        var assessment = Assert.Single(await db.ReadAsync(d => d.Assessments.ToListAsync()));
        Assert.Equal(("PP-T30S", 800_000L, 1, "Vwap"), (assessment.Grade, assessment.PriceMinor, assessment.Version, assessment.Method));
        Assert.Empty(await db.ReadAsync(d => d.IndexValues.ToListAsync()));
    }

    [Fact]
    public async Task A_new_trade_shows_in_the_next_windows_value_and_is_sent_to_live_listeners()
    {
        await using var db = await CreateAsync(Shanghai(2026, 3, 2, 9, 0), Small);
        await db.TradeAsync("t1", "PP-T30S", 800_000, 10_000, Shanghai(2026, 3, 2, 14, 0));
        db.Time.SetUtcNow(Shanghai(2026, 3, 2, 15, 0));
        await db.Publisher.PublishDueAsync(CancellationToken.None);
        using var listening = new CancellationTokenSource();
        var feed = db.Feed.Subscribe(listening.Token);

        await db.TradeAsync("t2", "PP-T30S", 820_000, 10_000, Shanghai(2026, 3, 3, 9, 15));
        db.Time.SetUtcNow(Shanghai(2026, 3, 3, 10, 0));
        await db.Publisher.PublishDueAsync(CancellationToken.None);

        var sent = new List<PublishedValueEvent>();
        while (feed.TryRead(out var value))
        {
            sent.Add(value);
        }
        // PP-T30S is the only PP grade with a base price: 1000 x 8200/8000 = 1025.00, and the composite follows.
        Assert.Contains(new PublishedValueEvent("ZSPI-PP", new DateOnly(2026, 3, 3), "10:00", 1025.00m, 1, "1.0"), sent);
        Assert.Contains(sent, v => v.Code == "ZSPI" && v.Value == 1025.00m);
    }

    [Fact]
    public async Task A_restarted_publisher_continues_from_the_saved_state_as_if_it_had_never_stopped()
    {
        var trades = new[]
        {
            ("a", "PP-T30S", 800_000L, Shanghai(2026, 3, 2, 14, 0)), ("b", "PVC-SG-5", 500_000L, Shanghai(2026, 3, 2, 14, 5)),
            ("c", "PP-T30S", 810_000L, Shanghai(2026, 3, 3, 9, 30)), ("d", "PVC-SG-5", 495_000L, Shanghai(2026, 3, 4, 14, 0)),
        };
        await using var once = await CreateAsync(Shanghai(2026, 3, 2, 9, 0), Small);
        await using var twice = await CreateAsync(Shanghai(2026, 3, 2, 9, 0), Small);
        foreach (var (id, grade, price, at) in trades)
        {
            await once.TradeAsync(id, grade, price, 10_000, at);
            await twice.TradeAsync(id, grade, price, 10_000, at);
        }

        once.Time.SetUtcNow(Shanghai(2026, 3, 4, 16, 0));
        await once.Publisher.PublishDueAsync(CancellationToken.None);
        twice.Time.SetUtcNow(Shanghai(2026, 3, 3, 12, 0));
        await twice.Publisher.PublishDueAsync(CancellationToken.None);
        twice.Time.SetUtcNow(Shanghai(2026, 3, 4, 16, 0));
        await new IndexPublisher(twice.Scopes, twice.Time, new IndexFeed()).PublishDueAsync(CancellationToken.None);

        Assert.Equal(await ValuesAsync(once), await ValuesAsync(twice));
        // Five windows from the base (03-02 15:00 to 03-04 15:00) of the three live indices: PP, PVC and the composite.
        Assert.Equal(15, (await ValuesAsync(once)).Count);
    }

    [Fact]
    public async Task A_correction_for_a_late_trade_publishes_a_second_version_with_its_reason_and_keeps_the_first()
    {
        await using var db = await CreateAsync(Shanghai(2026, 3, 2, 9, 0), Small);
        await db.TradeAsync("t1", "PP-T30S", 800_000, 10_000, Shanghai(2026, 3, 2, 14, 0));
        await db.TradeAsync("t2", "PP-T30S", 820_000, 10_000, Shanghai(2026, 3, 3, 9, 0));
        db.Time.SetUtcNow(Shanghai(2026, 3, 3, 11, 0));
        await db.Publisher.PublishDueAsync(CancellationToken.None);

        // Reported after the 10:00 window was published: 8,200 x 10 t and 8,500 x 30 t -> VWAP 8,425; PP 1000 x 8425/8000 = 1053.13.
        await db.TradeAsync("late", "PP-T30S", 850_000, 30_000, Shanghai(2026, 3, 3, 9, 40));
        var outcome = await db.Publisher.CorrectAsync(new DateOnly(2026, 3, 3), new TimeOnly(10, 0), "Late-reported trade included", CancellationToken.None);

        Assert.Equal(CorrectionRefusal.None, outcome.Refusal);
        var pp = await db.ReadAsync(d => d.IndexValues.Where(v => v.IndexCode == "ZSPI-PP").OrderBy(v => v.WindowEndMs).ThenBy(v => v.Version).ToListAsync());
        Assert.Equal([(1000.00m, 1, (string?)null), (1025.00m, 1, null), (1053.13m, 2, "Late-reported trade included")], pp.Select(v => (v.Value, v.Version, v.CorrectionReason)));
        var grade = await db.ReadAsync(d => d.Assessments.Where(a => a.Grade == "PP-T30S" && a.Version == 2).SingleAsync());
        Assert.Equal(842_500, grade.PriceMinor);
        Assert.Contains("late", JsonSerializer.Deserialize<PriceAssessment>(grade.InputsJson, MethodologyBook.Json)!.Trades.Select(t => t.TradeId));
    }

    [Fact]
    public async Task A_correction_that_would_change_nothing_is_refused_and_publishes_nothing()
    {
        await using var db = await CreateAsync(Shanghai(2026, 3, 2, 9, 0), Small);
        await db.TradeAsync("t1", "PP-T30S", 800_000, 10_000, Shanghai(2026, 3, 2, 14, 0));
        db.Time.SetUtcNow(Shanghai(2026, 3, 3, 11, 0));
        await db.Publisher.PublishDueAsync(CancellationToken.None);
        int before = await db.ReadAsync(d => d.IndexValues.CountAsync());

        var outcome = await db.Publisher.CorrectAsync(new DateOnly(2026, 3, 3), new TimeOnly(10, 0), "Nothing new", CancellationToken.None);

        Assert.Equal(CorrectionRefusal.NothingChanged, outcome.Refusal);
        Assert.Equal(before, await db.ReadAsync(d => d.IndexValues.CountAsync()));
    }

    [Fact]
    public async Task The_base_window_and_unpublished_windows_are_not_corrected()
    {
        await using var db = await CreateAsync(Shanghai(2026, 3, 2, 9, 0), Small);
        await db.TradeAsync("t1", "PP-T30S", 800_000, 10_000, Shanghai(2026, 3, 2, 14, 0));
        db.Time.SetUtcNow(Shanghai(2026, 3, 2, 16, 0));
        await db.Publisher.PublishDueAsync(CancellationToken.None);
        await db.TradeAsync("late", "PP-T30S", 900_000, 10_000, Shanghai(2026, 3, 2, 14, 30));

        Assert.Equal(CorrectionRefusal.PeriodStart, (await db.Publisher.CorrectAsync(new DateOnly(2026, 3, 2), new TimeOnly(15, 0), "Late", CancellationToken.None)).Refusal);
        Assert.Equal(CorrectionRefusal.NotPublished, (await db.Publisher.CorrectAsync(new DateOnly(2026, 3, 3), new TimeOnly(10, 0), "Late", CancellationToken.None)).Refusal);
        Assert.Equal(CorrectionRefusal.UnknownWindow, (await db.Publisher.CorrectAsync(new DateOnly(2026, 3, 2), new TimeOnly(11, 0), "Late", CancellationToken.None)).Refusal);
    }

    [Fact]
    public async Task A_trade_delivered_twice_is_kept_once_and_other_markets_are_ignored()
    {
        await using var db = await CreateAsync(Shanghai(2026, 3, 2, 9, 0), Small);

        await db.TradeAsync("t1", "PP-T30S", 800_000, 10_000, Shanghai(2026, 3, 2, 9, 30));
        await db.TradeAsync("t1", "PP-T30S", 800_000, 10_000, Shanghai(2026, 3, 2, 9, 30));
        await db.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Inputs.RecordTrade>().Handle(Trade("other", "PP-T30S", 1, 1, Shanghai(2026, 3, 2, 9, 30), market: "appliances"), CancellationToken.None);
            return 0;
        });

        Assert.Equal(["t1"], await db.ReadAsync(d => d.Trades.Select(t => t.TradeId).ToListAsync()));
    }

    private static async Task<List<(string Code, long Window, decimal Value)>> ValuesAsync(IndexDatabase db)
    {
        var rows = await db.ReadAsync(d => d.IndexValues.OrderBy(v => v.WindowEndMs).ThenBy(v => v.IndexCode)
            .Select(v => new { v.IndexCode, v.WindowEndMs, v.ValueHundredths }).ToListAsync());
        return [.. rows.Select(v => (v.IndexCode, v.WindowEndMs, v.ValueHundredths / 100m))];
    }
}
