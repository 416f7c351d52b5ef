using SmartTrade.Plugins.PriceIndex.Assessment;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Methodology;

namespace SmartTrade.Plugins.PriceIndex.Tests.Assessment;

/// <summary>Worked examples of the assessment rules, prices in fen per tonne, quantities in kg (defaults: 3 trades, 50 t, 3 submitters, k = 3).</summary>
public sealed class GradeAssessorTests
{
    private static readonly AssessmentWindow Window = new(new DateOnly(2026, 3, 2), new TimeOnly(10, 0), 0, false);
    private static readonly DateTimeOffset At = Window.End.AddMinutes(-30);
    private readonly GradeAssessor _assessor = new(new MethodologyParameters());

    [Fact]
    public void Vwap_is_traded_value_over_quantity_rounded_to_the_fen()
    {
        // (8000 x 20 + 8010 x 30 + 8030 x 15) / 65 = 520,750 / 65 = 8,011.538... yuan -> 8,011.54 yuan = 801,154 fen.
        var result = Assess([Trade("a", 800_000, 20_000), Trade("b", 801_000, 30_000), Trade("c", 803_000, 15_000)]);

        Assert.Equal(AssessmentMethod.Vwap, result!.Method);
        Assert.Equal(801_154, result.PriceMinor);
        Assert.Equal(["a", "b", "c"], result.Trades.Select(t => t.TradeId));
    }

    [Fact]
    public void Two_trades_are_below_the_minimum_count_so_the_median_of_quotes_decides()
    {
        var result = Assess(
            [Trade("a", 800_000, 40_000), Trade("b", 801_000, 40_000)],
            [Quote(1, "m1", 799_000), Quote(2, "m2", 800_000), Quote(3, "m3", 802_000)]);

        Assert.Equal(AssessmentMethod.QuoteMedian, result!.Method);
        Assert.Equal(800_000, result.PriceMinor);
        Assert.Equal(3, result.Quotes.Count);
    }

    [Fact]
    public void Three_trades_of_30_tonnes_are_below_the_minimum_tonnage_so_quotes_decide()
    {
        var result = Assess(
            [Trade("a", 800_000, 10_000), Trade("b", 801_000, 10_000), Trade("c", 802_000, 10_000)],
            [Quote(1, "m1", 805_000), Quote(2, "m2", 806_000), Quote(3, "m3", 807_000)]);

        Assert.Equal(AssessmentMethod.QuoteMedian, result!.Method);
        Assert.Equal(806_000, result.PriceMinor);
    }

    [Fact]
    public void Exactly_three_trades_and_50_tonnes_are_enough_for_vwap()
    {
        // (8000 x 10 + 8100 x 20 + 8200 x 20) / 50 = 406,000 / 50 = 8,120 yuan.
        var result = Assess([Trade("a", 800_000, 10_000), Trade("b", 810_000, 20_000), Trade("c", 820_000, 20_000)]);

        Assert.Equal(AssessmentMethod.Vwap, result!.Method);
        Assert.Equal(812_000, result.PriceMinor);
    }

    [Fact]
    public void An_even_number_of_quotes_takes_the_mean_of_the_middle_two_with_half_a_fen_rounded_up()
    {
        // Middle two of 800000, 800001, 800002, 800004: (800001 + 800002) / 2 = 800001.5 -> 800002.
        var result = Assess([], [Quote(1, "m1", 800_000), Quote(2, "m2", 800_001), Quote(3, "m3", 800_002), Quote(4, "m4", 800_004)]);

        Assert.Equal(AssessmentMethod.QuoteMedian, result!.Method);
        Assert.Equal(800_002, result.PriceMinor);
    }

    [Fact]
    public void Each_submitter_counts_with_its_latest_bid_and_latest_offer_only()
    {
        // m1's bid at 7,000 was replaced by its later bid at 8,010: the quotes are 8,010 (m1 bid), 8,030 (m1 offer), 8,000, 8,020 -> (8,010 + 8,020) / 2.
        var result = Assess([],
        [
            Quote(1, "m1", 700_000, QuoteSide.Bid, At.AddMinutes(-20)),
            Quote(2, "m1", 801_000, QuoteSide.Bid, At.AddMinutes(-5)),
            Quote(3, "m1", 803_000, QuoteSide.Offer, At.AddMinutes(-5)),
            Quote(4, "m2", 800_000),
            Quote(5, "m3", 802_000),
        ]);

        Assert.Equal(801_500, result!.PriceMinor);
        Assert.DoesNotContain(result.Quotes, q => q.QuoteId == 1);
    }

    [Fact]
    public void Quotes_from_two_submitters_are_not_enough_and_the_previous_price_is_carried_forward_and_flagged()
    {
        var result = Assess([Trade("a", 800_000, 10_000)], [Quote(1, "m1", 805_000), Quote(2, "m1", 806_000, QuoteSide.Offer), Quote(3, "m2", 807_000)], previous: (790_000, "2026-02-27 15:00"));

        Assert.Equal(AssessmentMethod.CarriedForward, result!.Method);
        Assert.Equal(790_000, result.PriceMinor);
        Assert.Equal("2026-02-27 15:00", result.CarriedFrom);
        Assert.Contains("carried forward", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_judgment_decides_when_trades_and_quotes_are_not_enough_and_keeps_its_reason()
    {
        var judgment = new JudgmentInput(7, "assessor", 795_000, "No trades; spot offers in Yuyao at 7,950.", At);

        var result = Assess([Trade("a", 800_000, 10_000)], [], judgment, previous: (790_000, "2026-02-27 15:00"));

        Assert.Equal(AssessmentMethod.Judgment, result!.Method);
        Assert.Equal(795_000, result.PriceMinor);
        Assert.Equal("No trades; spot offers in Yuyao at 7,950.", result.Judgment!.Reason);
    }

    [Fact]
    public void Trades_take_precedence_over_quotes_and_judgment()
    {
        var judgment = new JudgmentInput(7, "assessor", 700_000, "Should not be used.", At);

        var result = Assess(
            [Trade("a", 800_000, 20_000), Trade("b", 800_000, 20_000), Trade("c", 800_000, 20_000)],
            [Quote(1, "m1", 900_000), Quote(2, "m2", 900_000), Quote(3, "m3", 900_000)], judgment);

        Assert.Equal(AssessmentMethod.Vwap, result!.Method);
        Assert.Equal(800_000, result.PriceMinor);
    }

    [Fact]
    public void A_trade_beyond_three_mads_from_the_median_is_excluded_and_listed_with_its_distance()
    {
        // Median 8,020; deviations 20, 10, 0, 10, 980 -> MAD 10; 980 > 3 x 10, so 9,000 is out.
        // VWAP of the rest (20 t each): (8000 + 8010 + 8020 + 8030) / 4 = 8,015 yuan.
        var result = Assess(
        [
            Trade("a", 800_000, 20_000), Trade("b", 801_000, 20_000), Trade("c", 802_000, 20_000), Trade("d", 803_000, 20_000), Trade("fat-finger", 900_000, 20_000),
        ]);

        Assert.Equal(801_500, result!.PriceMinor);
        var excluded = Assert.Single(result.ExcludedTrades);
        Assert.Equal(("fat-finger", 900_000L, 98_000m), (excluded.Id, excluded.PriceMinor, excluded.DeviationMinor));
        Assert.Equal(4, result.Trades.Count);
    }

    [Fact]
    public void A_trade_exactly_three_mads_away_is_kept()
    {
        // 8,000, 8,010, 8,010, 8,025: median 8,010, deviations 10, 0, 0, 15 -> MAD (0 + 10) / 2 = 5; 15 = 3 x 5 is not beyond.
        // VWAP (equal tonnage): (8000 + 8010 + 8010 + 8025) / 4 = 8,011.25 yuan.
        var result = Assess([Trade("a", 800_000, 20_000), Trade("b", 801_000, 20_000), Trade("c", 801_000, 20_000), Trade("d", 802_500, 20_000)]);

        Assert.Empty(result!.ExcludedTrades);
        Assert.Equal(801_125, result.PriceMinor);
    }

    [Fact]
    public void With_a_mad_of_zero_nothing_is_excluded()
    {
        // Median 8,000 and three trades at it: MAD 0, so there is no spread to call 8,400 an outlier.
        var result = Assess([Trade("a", 800_000, 20_000), Trade("b", 800_000, 20_000), Trade("c", 800_000, 20_000), Trade("d", 840_000, 20_000)]);

        Assert.Empty(result!.ExcludedTrades);
        Assert.Equal(810_000, result.PriceMinor);
    }

    [Fact]
    public void An_outlying_quote_is_excluded_and_the_submitters_left_must_still_be_enough()
    {
        // 8,000, 8,010, 8,020, 9,500: median 8,015, MAD 10 -> 9,500 is out, three submitters remain; median 8,010.
        var enough = Assess([], [Quote(1, "m1", 800_000), Quote(2, "m2", 801_000), Quote(3, "m3", 802_000), Quote(4, "m4", 950_000)]);
        // Without m3 only two submitters remain after the outlier: carried forward.
        var short_ = Assess([], [Quote(1, "m1", 800_000), Quote(2, "m2", 801_000), Quote(3, "m2", 801_500, QuoteSide.Offer), Quote(4, "m4", 950_000)], previous: (790_000, "2026-02-27 15:00"));

        Assert.Equal((AssessmentMethod.QuoteMedian, 801_000L), (enough!.Method, enough.PriceMinor));
        Assert.Equal("4", Assert.Single(enough.ExcludedQuotes).Id);
        Assert.Equal(AssessmentMethod.CarriedForward, short_!.Method);
    }

    [Fact]
    public void Without_data_or_a_previous_price_there_is_no_assessment()
        => Assert.Null(Assess([]));

    [Fact]
    public void The_fast_path_gives_the_same_price_and_method_as_the_listed_assessment()
    {
        var trades = new[] { Trade("a", 800_000, 20_000), Trade("b", 801_000, 10_000), Trade("fat", 900_000, 5_000) };
        var quotes = new[] { Quote(1, "m1", 805_000), Quote(2, "m2", 806_000), Quote(3, "m3", 807_000) };

        var listed = Assess(trades, quotes);
        long? price = _assessor.Price(trades.Select(t => t.PriceMinor).ToArray(), trades.Select(t => t.QuantityKg).ToArray(), quotes, null, null, out var method);

        Assert.Equal((listed!.PriceMinor, listed.Method), (price!.Value, method));
    }

    private PriceAssessment? Assess(TradeInput[] trades, QuoteInput[]? quotes = null, JudgmentInput? judgment = null, (long, string)? previous = null)
        => _assessor.Assess("PP-T30S", Window, trades, quotes ?? [], judgment, previous);

    private static TradeInput Trade(string id, long price, long kg) => new(id, price, kg, At);

    private static QuoteInput Quote(long id, string submitter, long price, QuoteSide side = QuoteSide.Bid, DateTimeOffset? at = null)
        => new(id, submitter, submitter, side, price, 50_000, at ?? At, Window.End.AddHours(1));
}
