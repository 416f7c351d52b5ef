using SmartTrade.Plugins.WarehouseReceipts.Market;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Registry.RegistryDatabase;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>The registry's reference data, as the migration seeds it, agrees with the market and the engine.</summary>
public sealed class ReferenceDataTests : IAsyncLifetime
{
    private RegistryDatabase _db = null!;

    public async Task InitializeAsync() => _db = await CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_migration_seeds_the_approved_warehouses_grades_and_instruments()
    {
        var warehouses = await _db.Registry(r => r.WarehousesAsync(CancellationToken.None));
        var grades = await _db.Registry(r => r.GradesAsync(CancellationToken.None));
        var instruments = await _db.Registry(r => r.InstrumentsAsync(CancellationToken.None));

        Assert.Equal(ReferenceData.Warehouses.Select(w => w.Code).Order(), warehouses.Select(w => w.Code));
        Assert.Contains(grades, g => (g.Polymer, g.GradeCode, g.Producer) == ("PP", "T30S", "zhenhai-refining"));
        Assert.Contains(grades, g => (g.Polymer, g.GradeCode) == ("HDPE", "5000S"));
        Assert.Contains(grades, g => (g.Polymer, g.GradeCode) == ("LLDPE", "7042"));
        Assert.Contains(grades, g => (g.Polymer, g.GradeCode) == ("PVC", "SG-5"));
        Assert.Contains(grades, g => (g.Polymer, g.GradeCode) == ("ABS", "0215A"));
        Assert.Equal(grades.Select(g => g.InstrumentCode).Distinct().Order(), instruments.Select(i => i.Code));
    }

    [Fact]
    public async Task Every_instrument_trades_on_the_engines_default_rules()
    {
        var spec = new InstrumentSpec();

        var instruments = await _db.Registry(r => r.InstrumentsAsync(CancellationToken.None));

        Assert.All(instruments, i => Assert.Equal(spec, i.ToSpec()));
        Assert.Equal((100L, 1_000L, 1_000L), (spec.TickSize, spec.LotSize, spec.MaxOrderLots));
        Assert.Equal("PP-T30S", instruments.Single(i => i.Polymer == "PP" && i.GradeCode == "T30S").Code);
    }

    [Fact]
    public void Every_grade_names_a_polymer_producer_and_form_the_market_lists()
    {
        var market = PlasticsReceiptMarketDescriptor.Create();
        var polymer = market.Attributes.Single(a => a.Key == "polymer").AllowedValues.Select(v => v.Code).ToHashSet();
        var producers = market.Attributes.Single(a => a.Key == "producer").AllowedValues.Select(v => v.Code).ToHashSet();
        var warehouses = market.Attributes.Single(a => a.Key == "warehouse").AllowedValues.Select(v => v.Code).ToList();

        Assert.All(ReferenceData.Grades, g =>
        {
            Assert.Contains(g.Polymer, polymer);
            Assert.Contains(g.Producer, producers);
            Assert.Contains(market.Categories.Single(c => c.Code == g.Polymer).Children, f => f.Code == g.Form);
        });
        Assert.Equal(ReferenceData.Warehouses.Select(w => w.Code), warehouses);
    }
}
