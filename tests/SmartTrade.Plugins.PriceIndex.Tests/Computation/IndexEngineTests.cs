using SmartTrade.Plugins.PriceIndex.Assessment;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Methodology;

namespace SmartTrade.Plugins.PriceIndex.Tests.Computation;

/// <summary>
/// A hand-checked run across a year end: base 2025-12-30 15:00, re-weighting and chain-linking on 2026-01-01 10:00.
/// Only PP-T30S, PP-K8003 and PVC-SG-5 trade; thresholds are 1 trade and 1 kg so every trade counts.
/// </summary>
public sealed class IndexEngineTests
{
    private static readonly DateOnly BaseDate = new(2025, 12, 30);

    private static readonly MethodologyParameters Parameters = new() { BaseDate = BaseDate, MinTrades = 1, MinQuantityKg = 1 };

    private readonly IndexEngine _engine = new(Parameters, "test");

    [Fact]
    public void Nothing_is_published_before_the_base_window_and_the_base_window_is_1000()
    {
        var before = Step(BaseDate, 10, ("PP-T30S", 800_000, 10_000));
        var at = Step(BaseDate, 15, ("PP-T30S", 800_000, 10_000), ("PP-K8003", 900_000, 20_000), ("PVC-SG-5", 500_000, 40_000));

        Assert.Empty(before.Values);
        Assert.Single(before.Assessments);
        Assert.Equal(1000.00m, Value(at, "ZSPI"));
        Assert.Equal(1000.00m, Value(at, "ZSPI-PP"));
        Assert.Equal(1000.00m, Value(at, "ZSPI-PVC"));
        Assert.DoesNotContain(at.Values, v => v.Code == "ZSPI-PE");
    }

    [Fact]
    public void Base_weights_are_the_base_dates_traded_value()
    {
        var at = RunToBase();

        // PP: T30S 8,000 x 20 t = 160,000 yuan; K8003 9,000 x 20 t = 180,000 yuan -> 470,588 and 529,412 millionths.
        var pp = Inputs(at, "ZSPI-PP").Period;
        Assert.Equal([("PP-T30S", 470_588L, (decimal?)800_000m), ("PP-K8003", 529_412L, 900_000m), ("PP-Z30S", 0L, null)],
            pp.Constituents.Select(c => (c.Code, c.WeightPpm, c.Reference)));
        // Composite: PP 340,000 yuan, PVC 200,000 yuan -> 629,630 and 370,370 millionths; the sub-indices without trades weigh 0.
        var composite = Inputs(at, "ZSPI").Period;
        Assert.Equal([629_630L, 0, 370_370, 0, 0], composite.Constituents.Select(c => c.WeightPpm));
        Assert.True(Inputs(at, "ZSPI").PeriodStartsHere);
    }

    [Fact]
    public void A_window_value_is_the_laspeyres_of_current_prices_against_the_base()
    {
        RunToBase();
        var quiet = Step(BaseDate.AddDays(1), 10);
        var moved = Step(BaseDate.AddDays(1), 15, ("PP-T30S", 840_000, 10_000), ("PVC-SG-5", 475_000, 10_000));

        // Nothing traded: prices carried forward, values unchanged.
        Assert.Equal(1000.00m, Value(quiet, "ZSPI"));
        Assert.All(quiet.Assessments, a => Assert.Equal(AssessmentMethod.CarriedForward, a.Method));
        // PP = 1000 x (470,588 x 8400/8000 + 529,412 x 9000/9000) / 10^6 = 1000 x 1.0235294 = 1023.53
        Assert.Equal(1023.53m, Value(moved, "ZSPI-PP"));
        // PVC = 1000 x 4750/5000 = 950.00
        Assert.Equal(950.00m, Value(moved, "ZSPI-PVC"));
        // ZSPI = 1000 x (629,630 x 1023.53/1000 + 370,370 x 950/1000) / 10^6 = 996.30
        Assert.Equal(996.30m, Value(moved, "ZSPI"));
    }

    [Fact]
    public void The_first_window_of_a_new_year_reweights_from_traded_value_and_chain_links_to_the_previous_window()
    {
        RunToBase();
        Step(BaseDate.AddDays(1), 10);
        Step(BaseDate.AddDays(1), 15, ("PP-T30S", 840_000, 10_000), ("PP-K8003", 900_000, 10_000), ("PVC-SG-5", 475_000, 10_000));

        var first = Step(new DateOnly(2026, 1, 1), 10, ("PP-T30S", 882_000, 10_000));

        // Traded since the base window: T30S 84,000 yuan, K8003 90,000 -> 482,758.6 and 517,241.4 -> 482,759 and 517,241
        // millionths; references at the link window 2025-12-31 15:00 (8,400 and 9,000), link value 1023.53.
        var pp = Inputs(first, "ZSPI-PP");
        Assert.True(pp.PeriodStartsHere);
        Assert.Equal(("2025-12-31 15:00", 1023.53m), (pp.Period.LinkWindow, pp.Period.LinkValue));
        Assert.Equal([482_759L, 517_241, 0], pp.Period.Constituents.Select(c => c.WeightPpm));
        Assert.Equal([(decimal?)840_000m, 900_000m, null], pp.Period.Constituents.Select(c => c.Reference));
        // PP = 1023.53 x (482,759 x 8820/8400 + 517,241 x 9000/9000) / 10^6 = 1023.53 x 1.02413795 = 1048.24
        Assert.Equal(1048.24m, Value(first, "ZSPI-PP"));
        Assert.Equal(950.00m, Value(first, "ZSPI-PVC"));
        // Composite weights: PP 174,000, PVC 47,500 yuan -> 785,553.05 and 214,446.95 -> 785,553 and 214,447; link 996.30;
        // ZSPI = 996.30 x (785,553 x 1048.24/1023.53 + 214,447 x 950/950) / 10^6 = 1015.19
        var composite = Inputs(first, "ZSPI");
        Assert.Equal([785_553L, 0, 214_447, 0, 0], composite.Period.Constituents.Select(c => c.WeightPpm));
        Assert.Equal(996.30m, composite.Period.LinkValue);
        Assert.Equal(1015.19m, Value(first, "ZSPI"));
    }

    [Fact]
    public void Chain_linking_keeps_the_series_level_when_prices_do_not_move_across_the_reweighting()
    {
        RunToBase();
        Step(BaseDate.AddDays(1), 15, ("PP-T30S", 840_000, 10_000), ("PVC-SG-5", 475_000, 10_000));

        var first = Step(new DateOnly(2026, 1, 1), 10);

        Assert.Equal(1023.53m, Value(first, "ZSPI-PP"));
        Assert.Equal(996.30m, Value(first, "ZSPI"));
    }

    [Fact]
    public void Every_value_equals_the_formula_on_its_listed_inputs()
    {
        RunToBase();
        var moved = Step(BaseDate.AddDays(1), 15, ("PP-T30S", 840_000, 10_000), ("PVC-SG-5", 475_000, 10_000));

        Assert.All(moved.Values, v => Assert.Equal(v.Value, v.Inputs.Compute()));
    }

    private WindowResult RunToBase()
    {
        Step(BaseDate, 10, ("PP-T30S", 800_000, 10_000));
        return Step(BaseDate, 15, ("PP-T30S", 800_000, 10_000), ("PP-K8003", 900_000, 20_000), ("PVC-SG-5", 500_000, 40_000));
    }

    private WindowResult Step(DateOnly date, int hour, params (string Grade, long Price, long Kg)[] trades)
    {
        var window = _engine.Schedule.On(date).Single(w => w.Time.Hour == hour);
        var grouped = WindowTrades.Group(
            [.. trades.Select((t, i) => (IndexEngine.GradeIndex(t.Grade), new TradeInput($"{date:MMdd}-{hour}-{i}", t.Price, t.Kg, window.End.AddMinutes(-10))))],
            IndexEngine.Grades.Count);
        return _engine.Step(window, grouped, null, null, listInputs: true);
    }

    private static decimal Value(WindowResult result, string code) => result.Values.Single(v => v.Code == code).Value;

    private static IndexValueInputs Inputs(WindowResult result, string code) => result.Values.Single(v => v.Code == code).Inputs;
}
