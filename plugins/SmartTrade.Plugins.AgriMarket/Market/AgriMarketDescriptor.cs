using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Plugins.AgriMarket.Market;

/// <summary>
/// The Yuyao farm-produce market (<c>agri</c>): local produce with its origin town, producer, certification,
/// grade, shelf life and storage, sold by the kilogram or by the box.
/// </summary>
public static class AgriMarketDescriptor
{
    /// <summary>The market's identifier.</summary>
    public const string MarketId = "agri";

    /// <summary>Builds the market's descriptor.</summary>
    public static MarketDescriptor Create() => new()
    {
        Id = MarketId,
        Names = new("余姚农产品", "Yuyao farm produce"),
        Description = new(
            "产地直供的余姚农产品：梁弄、大岚、四明山的茶与笋，荸荠种杨梅，河姆渡茭白，泗门榨菜。",
            "Farm-direct produce of Yuyao: tea and bamboo shoots from the Siming hills, Biqi bayberries, Hemudu water bamboo, Simen preserved mustard tuber."),
        Units =
        [
            new("kg", new("千克", "kg")),
            new("box", new("箱", "box")),
        ],
        Categories =
        [
            Category("fruit", "水果", "Fruit",
                Category("bayberry", "杨梅", "Chinese bayberry")),
            Category("vegetables", "蔬菜", "Vegetables",
                Category("water-bamboo", "茭白", "Water bamboo"),
                Category("bamboo-shoot", "竹笋", "Bamboo shoots"),
                Category("leafy-greens", "叶菜", "Leafy greens")),
            Category("preserved", "腌制品", "Preserved goods",
                Category("mustard-tuber", "榨菜", "Preserved mustard tuber")),
            Category("tea", "茶叶", "Tea",
                Category("green-tea", "绿茶", "Green tea")),
            Category("grain", "粮油", "Grain and oil",
                Category("rice", "大米", "Rice")),
        ],
        Attributes =
        [
            new()
            {
                Key = "product",
                Names = new("品名", "Product"),
                Type = AttributeType.Choice,
                Required = true,
                AllowedValues = Products,
            },
            new()
            {
                Key = "originTown",
                Names = new("产地乡镇", "Origin town"),
                Type = AttributeType.Choice,
                Required = true,
                AllowedValues = OriginTowns,
            },
            new()
            {
                Key = "originVillage",
                Names = new("产地村", "Origin village"),
                Type = AttributeType.Text,
                MaxLength = 64,
                Searchable = true,
            },
            new()
            {
                Key = "producer",
                Names = new("生产者或合作社", "Producer or co-operative"),
                Type = AttributeType.Keyword,
                Required = true,
                MaxLength = 128,
                Searchable = true,
            },
            new()
            {
                Key = "certifications",
                Names = new("认证", "Certifications"),
                Type = AttributeType.MultiChoice,
                AllowedValues =
                [
                    new("green-food", new("绿色食品", "Green Food")),
                    new("organic", new("有机产品", "Organic")),
                    new("geographical-indication", new("地理标志", "Geographical indication")),
                ],
            },
            new()
            {
                Key = "grade",
                Names = new("等级", "Grade"),
                Type = AttributeType.Choice,
                AllowedValues =
                [
                    new("premium", new("特级", "Premium")),
                    new("first", new("一级", "Grade 1")),
                    new("second", new("二级", "Grade 2")),
                ],
            },
            new()
            {
                Key = "harvestDate",
                Names = new("采收日期", "Harvest date"),
                Type = AttributeType.Date,
            },
            new()
            {
                Key = "netWeightGrams",
                Names = new("净含量", "Net weight"),
                Type = AttributeType.Integer,
                Unit = "g",
                Required = true,
                Min = 1,
                Max = 1_000_000,
            },
            new()
            {
                Key = "shelfLifeDays",
                Names = new("保质期", "Shelf life"),
                Type = AttributeType.Integer,
                Unit = "day",
                Required = true,
                Min = 1,
                Max = 1_095,
            },
            new()
            {
                Key = SeasonMonths,
                Names = new("当季月份", "In season"),
                Type = AttributeType.MultiChoice,
                AllowedValues = Months,
            },
            new()
            {
                Key = "storage",
                Names = new("储存方式", "Storage"),
                Type = AttributeType.Choice,
                Required = true,
                AllowedValues =
                [
                    new("ambient", new("常温", "Ambient")),
                    new("chilled", new("冷藏", "Chilled")),
                    new("frozen", new("冷冻", "Frozen")),
                ],
            },
        ],
        Facets =
        [
            new() { Field = "product", Names = new("品名", "Product") },
            new() { Field = "originTown", Names = new("产地", "Origin"), Size = 30 },
            new() { Field = "certifications", Names = new("认证", "Certifications") },
            new() { Field = SeasonMonths, Names = new("当季", "In season"), Size = 12 },
            new()
            {
                Field = BuiltInFields.Price,
                Names = new("价格", "Price"),
                Kind = FacetKind.Range,
                // Bounds are fen: 5,000 fen = 50 yuan.
                Ranges =
                [
                    new("lt-50", null, 5_000, new("50 元以下", "Under 50 CNY")),
                    new("50-100", 5_000, 10_000, new("50–100 元", "50–100 CNY")),
                    new("100-200", 10_000, 20_000, new("100–200 元", "100–200 CNY")),
                    new("200-500", 20_000, 50_000, new("200–500 元", "200–500 CNY")),
                    new("gte-500", 50_000, null, new("500 元及以上", "500 CNY and above")),
                ],
            },
        ],
        LineChoices =
        [
            new()
            {
                Key = DeliveryDate,
                Names = new("送达日期", "Delivery date"),
                Type = AttributeType.Date,
            },
        ],
        LineDetails =
        [
            new()
            {
                Key = TraceCode,
                Names = new("溯源码", "Trace code"),
                Type = AttributeType.Keyword,
            },
        ],
    };

    /// <summary>The months a product is in season (codes <c>1</c> to <c>12</c>); the "in season now" facet filters on the current month.</summary>
    public const string SeasonMonths = "seasonMonths";

    /// <summary>The buyer's choice of delivery date on an order line (a date).</summary>
    public const string DeliveryDate = "deliveryDate";

    /// <summary>The trace code of the batch an order line comes from, kept on the line.</summary>
    public const string TraceCode = "traceCode";

    private static readonly AllowedValue[] Months = Enumerable.Range(1, 12)
        .Select(m => new AllowedValue(m.ToString(System.Globalization.CultureInfo.InvariantCulture), new($"{m}月", System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m))))
        .ToArray();

    private static readonly AllowedValue[] Products =
    [
        new("bayberry", new("杨梅", "Chinese bayberry")),
        new("mustard-tuber", new("榨菜", "Preserved mustard tuber")),
        new("tea", new("茶叶", "Tea")),
        new("rice", new("大米", "Rice")),
        new("water-bamboo", new("茭白", "Water bamboo")),
        new("bamboo-shoot", new("竹笋", "Bamboo shoots")),
        new("vegetables", new("蔬菜", "Vegetables")),
    ];

    private static readonly AllowedValue[] OriginTowns =
    [
        new("lianglong", new("梁弄镇", "Lianglong")),
        new("dalan", new("大岚镇", "Dalan")),
        new("simingshan", new("四明山镇", "Simingshan")),
        new("lubu", new("陆埠镇", "Lubu")),
        new("luting", new("鹿亭乡", "Luting")),
        new("mazhu", new("马渚镇", "Mazhu")),
        new("simen", new("泗门镇", "Simen")),
        new("linshan", new("临山镇", "Linshan")),
        new("huangjiabu", new("黄家埠镇", "Huangjiabu")),
        new("xiaocao-e", new("小曹娥镇", "Xiaocao'e")),
        new("hemudu", new("河姆渡镇", "Hemudu")),
        new("sanqishi", new("三七市镇", "Sanqishi")),
        new("zhangting", new("丈亭镇", "Zhangting")),
        new("moushan", new("牟山镇", "Moushan")),
        new("dayin", new("大隐镇", "Dayin")),
        new("ditang", new("低塘街道", "Ditang Subdistrict")),
        new("langxia", new("朗霞街道", "Langxia Subdistrict")),
    ];

    private static CategoryDefinition Category(string code, string zhCn, string en, params CategoryDefinition[] children) =>
        new() { Code = code, Names = new LocalizedText(zhCn, en), Children = children };
}
