using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Samples.MouldMarket.Market;

/// <summary>
/// The Yuyao mould market (<c>moulds</c>): made-to-order and ready moulds from Yuyao, China's mould capital
/// (模具之乡), categorized by the industry the parts are for and sold by the set.
/// </summary>
public static class MouldMarketDescriptor
{
    /// <summary>The market's identifier.</summary>
    public const string MarketId = "moulds";

    /// <summary>The codes allowed for the <c>mouldType</c> attribute.</summary>
    public static IReadOnlyList<string> MouldTypeCodes()
        => Create().Attributes.Single(a => a.Key == "mouldType").AllowedValues.Select(v => v.Code).ToList();

    /// <summary>Builds the market's descriptor.</summary>
    public static MarketDescriptor Create() => new()
    {
        Id = MarketId,
        Names = new("余姚模具市场", "Yuyao mould market"),
        Description = new(
            "中国模具之乡余姚的注塑模、压铸模、吹塑模与冲压模，服务汽车、家电、包装与电子行业。",
            "Injection, die-casting, blow and stamping moulds from Yuyao, China's mould capital, for automotive, appliance, packaging and electronics parts."),
        Units =
        [
            new("set", new("套", "set")),
        ],
        Categories =
        [
            Category("automotive", "汽车零部件", "Automotive parts"),
            Category("home-appliance", "家电", "Home appliances"),
            Category("packaging", "包装容器", "Packaging"),
            Category("electronics", "电子电器", "Electronics"),
            Category("housewares", "日用品", "Housewares"),
            Category("medical", "医疗器械", "Medical devices"),
        ],
        Attributes =
        [
            new()
            {
                Key = "mouldType",
                Names = new("模具类型", "Mould type"),
                Type = AttributeType.Choice,
                Required = true,
                AllowedValues =
                [
                    new("injection", new("注塑模", "Injection mould")),
                    new("die-casting", new("压铸模", "Die-casting die")),
                    new("blow", new("吹塑模", "Blow mould")),
                    new("stamping", new("冲压模", "Stamping die")),
                ],
            },
            new()
            {
                Key = "cavities",
                Names = new("型腔数", "Cavities"),
                Type = AttributeType.Integer,
                Unit = "cavity",
                Required = true,
                Min = 1,
                Max = 256,
            },
            new()
            {
                Key = "steelGrade",
                Names = new("模具钢", "Steel grade"),
                Type = AttributeType.Choice,
                Required = true,
                AllowedValues =
                [
                    new("P20", new("P20 预硬塑料模具钢", "P20 pre-hardened mould steel")),
                    new("718H", new("718H 预硬塑料模具钢", "718H pre-hardened mould steel")),
                    new("NAK80", new("NAK80 镜面模具钢", "NAK80 mirror-finish steel")),
                    new("S136", new("S136 耐腐蚀镜面钢", "S136 corrosion-resistant stainless steel")),
                    new("H13", new("H13 热作模具钢", "H13 hot-work tool steel")),
                    new("2344", new("2344 热作模具钢", "1.2344 hot-work tool steel")),
                ],
            },
            new()
            {
                Key = "mouldLifeShots",
                Names = new("模具寿命", "Mould life"),
                Type = AttributeType.Integer,
                Unit = "shot",
                Min = 1,
                Max = 10_000_000,
            },
            new()
            {
                Key = "hotRunner",
                Names = new("热流道", "Hot runner"),
                Type = AttributeType.Boolean,
            },
            new()
            {
                Key = "leadTimeDays",
                Names = new("交期", "Lead time"),
                Type = AttributeType.Integer,
                Unit = "day",
                Required = true,
                Min = 1,
                Max = 365,
            },
            new()
            {
                Key = "maxPartWeightGrams",
                Names = new("最大制品重量", "Maximum part weight"),
                Type = AttributeType.Integer,
                Unit = "g",
                Min = 1,
                Max = 100_000,
            },
        ],
        Facets =
        [
            new() { Field = "mouldType", Names = new("模具类型", "Mould type") },
            new() { Field = "steelGrade", Names = new("模具钢", "Steel grade") },
            new()
            {
                Field = "cavities",
                Names = new("型腔数", "Cavities"),
                Kind = FacetKind.Range,
                Ranges =
                [
                    new("1", 1, 2, new("单腔", "Single cavity")),
                    new("2-4", 2, 5, new("2–4 腔", "2–4 cavities")),
                    new("5-16", 5, 17, new("5–16 腔", "5–16 cavities")),
                    new("gt-16", 17, null, new("16 腔以上", "Over 16 cavities")),
                ],
            },
            new()
            {
                Field = BuiltInFields.Price,
                Names = new("价格", "Price"),
                Kind = FacetKind.Range,
                // Bounds are fen per set: 5,000,000 fen = 50,000 yuan.
                Ranges =
                [
                    new("lt-50k", null, 5_000_000, new("5 万元以下", "Under 50,000 CNY")),
                    new("50k-200k", 5_000_000, 20_000_000, new("5–20 万元", "50,000–200,000 CNY")),
                    new("200k-500k", 20_000_000, 50_000_000, new("20–50 万元", "200,000–500,000 CNY")),
                    new("gte-500k", 50_000_000, null, new("50 万元及以上", "500,000 CNY and above")),
                ],
            },
        ],
    };

    private static CategoryDefinition Category(string code, string zhCn, string en) =>
        new() { Code = code, Names = new LocalizedText(zhCn, en) };
}
