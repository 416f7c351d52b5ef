using SmartTrade.Samples.MouldMarket.Market;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Samples.MouldMarket.Demo;

/// <summary>
/// Demo offers of the mould market: Yuyao mould makers quoting standard moulds for typical parts. It shows how a
/// third-party plugin contributes demo data through the SDK alone (<see cref="IDemoCatalog"/>).
/// </summary>
public sealed class MouldDemoCatalog : IDemoCatalog
{
    private sealed record Maker(string Email, string Name);

    private sealed record Mould(
        string Key, string Category, string MouldType, string PartZh, string PartEn, int Cavities, string Steel,
        long Shots, bool HotRunner, int LeadDays, int PartGrams, long Yuan);

    private static readonly Maker[] Makers =
    [
        new("hengtong@moulds.demo", "余姚市恒通模具有限公司"),
        new("jingyi@moulds.demo", "余姚市精艺塑料模具厂"),
        new("lanjiang@moulds.demo", "余姚兰江压铸模具有限公司"),
    ];

    private static readonly Mould[] Moulds =
    [
        new("kettle-base", "home-appliance", "injection", "电水壶底座", "kettle base", 2, "718H", 500_000, true, 35, 180, 68_000),
        new("fan-blade", "home-appliance", "injection", "落地扇扇叶", "floor-fan blade", 1, "P20", 300_000, false, 28, 260, 42_000),
        new("rice-cooker-lid", "home-appliance", "injection", "电饭煲上盖", "rice-cooker lid", 1, "718H", 500_000, true, 40, 420, 96_000),
        new("bottle-cap-32", "packaging", "injection", "28 mm 瓶盖", "28 mm bottle cap", 32, "S136", 3_000_000, true, 45, 3, 185_000),
        new("pet-preform", "packaging", "injection", "PET 瓶坯", "PET preform", 16, "S136", 2_000_000, true, 50, 24, 260_000),
        new("hdpe-drum", "packaging", "blow", "20 L 化工桶", "20 L chemical drum", 1, "P20", 800_000, false, 30, 950, 58_000),
        new("washer-bottle", "automotive", "blow", "汽车玻璃水壶", "windscreen-washer bottle", 1, "718H", 600_000, false, 35, 310, 72_000),
        new("bumper-bracket", "automotive", "injection", "保险杠支架", "bumper bracket", 2, "718H", 500_000, true, 45, 150, 128_000),
        new("gearbox-housing", "automotive", "die-casting", "铝合金变速箱壳体", "aluminium gearbox housing", 1, "H13", 100_000, false, 60, 6_800, 520_000),
        new("motor-end-cap", "electronics", "die-casting", "电机端盖", "motor end cap", 4, "2344", 150_000, false, 40, 220, 165_000),
        new("socket-panel", "electronics", "injection", "开关插座面板", "switch and socket plate", 4, "NAK80", 1_000_000, true, 30, 35, 88_000),
        new("connector-shell", "electronics", "stamping", "连接器端子级进模", "connector terminal progressive die", 1, "2344", 5_000_000, false, 45, 2, 150_000),
        new("storage-box", "housewares", "injection", "收纳箱", "storage box", 1, "P20", 500_000, true, 35, 1_200, 110_000),
        new("syringe-barrel", "medical", "injection", "5 mL 注射器针筒", "5 mL syringe barrel", 16, "S136", 2_000_000, true, 55, 4, 230_000),
    ];

    /// <inheritdoc />
    public IReadOnlyList<DemoMerchant> Merchants { get; } = Makers.Select(m => new DemoMerchant(m.Email, m.Name)).ToList();

    /// <inheritdoc />
    public IReadOnlyList<DemoListing> Listings(DateOnly today)
    {
        var listings = new List<DemoListing>(Moulds.Length);
        for (int i = 0; i < Moulds.Length; i++)
        {
            var mould = Moulds[i];
            var maker = mould.MouldType == "die-casting" ? Makers[2] : Makers[i % 2];
            listings.Add(new DemoListing
            {
                Key = $"{maker.Email.Split('@')[0]}/{mould.Key}",
                MerchantEmail = maker.Email,
                MarketId = MouldMarketDescriptor.MarketId,
                Title = new LocalizedText($"{mould.PartZh}模具 {mould.Cavities} 腔", $"{char.ToUpperInvariant(mould.PartEn[0])}{mould.PartEn[1..]} mould, {mould.Cavities} cavit{(mould.Cavities == 1 ? "y" : "ies")}"),
                Description = new LocalizedText(
                    $"{maker.Name}制造，{mould.Steel} 模具钢，设计寿命 {mould.Shots:N0} 模次{(mould.HotRunner ? "，热流道" : "")}，交期 {mould.LeadDays} 天。可按客户制品图修改。",
                    $"Made in Yuyao in {mould.Steel} steel for {mould.Shots:N0} shots{(mould.HotRunner ? ", hot runner" : "")}, delivered in {mould.LeadDays} days; adapted to the customer's part drawing."),
                CategoryPath = mould.Category,
                PriceMinor = mould.Yuan * 100,
                Unit = "set",
                Stock = 3,
                Attributes = new Dictionary<string, object>
                {
                    ["mouldType"] = mould.MouldType,
                    ["cavities"] = mould.Cavities,
                    ["steelGrade"] = mould.Steel,
                    ["mouldLifeShots"] = mould.Shots,
                    ["hotRunner"] = mould.HotRunner,
                    ["leadTimeDays"] = mould.LeadDays,
                    ["maxPartWeightGrams"] = mould.PartGrams,
                },
            });
        }
        return listings;
    }
}
