using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Plugins.ApplianceMarket.Market;

/// <summary>
/// The small-appliance market (<c>appliances</c>): kitchen, climate and personal-care appliances from the
/// Yuyao and Cixi makers, sold by the piece or by the carton.
/// </summary>
public static class ApplianceMarketDescriptor
{
    /// <summary>The market's identifier.</summary>
    public const string MarketId = "appliances";

    /// <summary>Builds the market's descriptor.</summary>
    public static MarketDescriptor Create() => new()
    {
        Id = MarketId,
        Names = new("小家电市场", "Small-appliance market"),
        Description = new(
            "余姚、慈溪产业带直供的小家电：厨房电器、环境电器与个护电器，支持零售与批发起订。",
            "Small appliances direct from the Yuyao and Cixi cluster: kitchen, climate and personal-care, retail or wholesale."),
        Units =
        [
            new("piece", new("件", "piece")),
            new("carton", new("箱", "carton")),
        ],
        Categories =
        [
            Category("kitchen", "厨房电器", "Kitchen appliances",
                Category("kettle", "电水壶", "Electric kettle"),
                Category("rice-cooker", "电饭煲", "Rice cooker"),
                Category("blender", "料理机", "Blender"),
                Category("air-fryer", "空气炸锅", "Air fryer"),
                Category("induction-cooker", "电磁炉", "Induction cooker"),
                Category("soymilk-maker", "豆浆机", "Soymilk maker")),
            Category("climate", "环境电器", "Climate appliances",
                Category("fan", "电风扇", "Electric fan"),
                Category("heater", "取暖器", "Heater"),
                Category("dehumidifier", "除湿机", "Dehumidifier")),
            Category("cleaning", "清洁电器", "Cleaning appliances",
                Category("vacuum", "吸尘器", "Vacuum cleaner"),
                Category("iron", "电熨斗", "Iron"),
                Category("garment-steamer", "挂烫机", "Garment steamer")),
            Category("personal-care", "个护电器", "Personal care",
                Category("hair-dryer", "吹风机", "Hair dryer"),
                Category("shaver", "剃须刀", "Shaver")),
        ],
        Attributes =
        [
            new()
            {
                Key = "brand",
                Names = new("品牌", "Brand"),
                Type = AttributeType.Keyword,
                Required = true,
                MaxLength = 64,
                Searchable = true,
            },
            new()
            {
                Key = "model",
                Names = new("型号", "Model"),
                Type = AttributeType.Keyword,
                Required = true,
                MaxLength = 64,
                Searchable = true,
            },
            new()
            {
                Key = "voltageV",
                Names = new("额定电压", "Rated voltage"),
                Type = AttributeType.Integer,
                Unit = "V",
                // From 5 V USB-powered appliances to 240 V mains.
                Min = 3,
                Max = 400,
            },
            new()
            {
                Key = "powerWatts",
                Names = new("额定功率", "Rated power"),
                Type = AttributeType.Integer,
                Unit = "W",
                Required = true,
                Min = 1,
                Max = 10_000,
            },
            new()
            {
                Key = "capacityMl",
                Names = new("容量", "Capacity"),
                Type = AttributeType.Integer,
                Unit = "mL",
                Min = 1,
                Max = 100_000,
            },
            new()
            {
                Key = "certifications",
                Names = new("认证", "Certifications"),
                Type = AttributeType.MultiChoice,
                AllowedValues = Certifications,
            },
            new()
            {
                Key = "warrantyMonths",
                Names = new("保修期", "Warranty"),
                Type = AttributeType.Integer,
                Unit = "month",
                Min = 0,
                Max = 120,
            },
            new()
            {
                Key = "leadTimeDays",
                Names = new("发货周期", "Lead time"),
                Type = AttributeType.Integer,
                Unit = "day",
                Min = 0,
                Max = 365,
            },
            new()
            {
                Key = "minimumOrderQuantity",
                Names = new("起订量", "Minimum order quantity"),
                Type = AttributeType.Integer,
                Unit = "piece",
                Min = 1,
                Max = 1_000_000,
            },
        ],
        Facets =
        [
            new() { Field = BuiltInFields.Category, Names = new("品类", "Category") },
            new() { Field = "brand", Names = new("品牌", "Brand"), Size = 30 },
            new()
            {
                Field = "powerWatts",
                Names = new("功率", "Power"),
                Kind = FacetKind.Range,
                Ranges =
                [
                    new("lt-500", null, 500, new("500 W 以下", "Under 500 W")),
                    new("500-1000", 500, 1000, new("500–1000 W", "500–1,000 W")),
                    new("1000-1500", 1000, 1500, new("1000–1500 W", "1,000–1,500 W")),
                    new("1500-2000", 1500, 2000, new("1500–2000 W", "1,500–2,000 W")),
                    new("gte-2000", 2000, null, new("2000 W 及以上", "2,000 W and above")),
                ],
            },
            new()
            {
                Field = BuiltInFields.Price,
                Names = new("价格", "Price"),
                Kind = FacetKind.Range,
                // Bounds are fen: 10,000 fen = 100 yuan.
                Ranges =
                [
                    new("lt-100", null, 10_000, new("100 元以下", "Under 100 CNY")),
                    new("100-200", 10_000, 20_000, new("100–200 元", "100–200 CNY")),
                    new("200-500", 20_000, 50_000, new("200–500 元", "200–500 CNY")),
                    new("500-1000", 50_000, 100_000, new("500–1000 元", "500–1,000 CNY")),
                    new("gte-1000", 100_000, null, new("1000 元及以上", "1,000 CNY and above")),
                ],
            },
            new() { Field = "certifications", Names = new("认证", "Certifications") },
            new()
            {
                Field = "minimumOrderQuantity",
                Names = new("起订量", "Minimum order quantity"),
                Kind = FacetKind.Range,
                Ranges =
                [
                    new("1", 1, 2, new("单件起售", "Single units")),
                    new("2-50", 2, 51, new("2–50 件", "2–50 pieces")),
                    new("51-500", 51, 501, new("51–500 件", "51–500 pieces")),
                    new("501-2000", 501, 2001, new("501–2000 件", "501–2,000 pieces")),
                    new("gt-2000", 2001, null, new("2000 件以上", "Over 2,000 pieces")),
                ],
            },
        ],
    };

    private static readonly AllowedValue[] Certifications =
    [
        new("CCC", new("中国强制性产品认证 CCC", "China Compulsory Certification (CCC)")),
        new("CE", new("欧盟 CE", "CE (European Union)")),
        new("CB", new("IECEE CB 体系", "IECEE CB Scheme")),
        new("UL", new("美国 UL", "UL (United States)")),
    ];

    private static CategoryDefinition Category(string code, string zhCn, string en, params CategoryDefinition[] children) =>
        new() { Code = code, Names = new LocalizedText(zhCn, en), Children = children };
}
