using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Plugins.WarehouseReceipts.Market;

/// <summary>
/// The plastics warehouse-receipt market (<c>plastics-receipts</c>): standard polymer grades stored in the
/// approved delivery warehouses of Yuyao, quoted tax-inclusive in fen per tonne.
/// </summary>
public static class PlasticsReceiptMarketDescriptor
{
    /// <summary>The market's identifier.</summary>
    public const string MarketId = "plastics-receipts";

    /// <summary>Builds the market's descriptor.</summary>
    public static MarketDescriptor Create() => new()
    {
        Id = MarketId,
        Names = new("中塑仓单市场", "Plastics warehouse-receipt market"),
        Description = new(
            "浙江塑料城网上交易市场标准品仓单：聚丙烯、聚乙烯、聚氯乙烯、ABS、聚苯乙烯、聚酯，按吨含税报价，余姚指定交割库交收。",
            "Standard-grade receipts of the Zhejiang Plastics City online market: PP, PE, PVC, ABS, PS and PET, quoted per tonne tax-inclusive, delivered at approved warehouses in Yuyao."),
        Units =
        [
            new("tonne", new("吨", "tonne")),
            new("kg", new("千克", "kg")),
        ],
        Categories = Categories(),
        Attributes =
        [
            new()
            {
                Key = "polymer",
                Names = new("品种", "Polymer"),
                Type = AttributeType.Choice,
                Required = true,
                AllowedValues = Polymers,
            },
            new()
            {
                Key = "gradeCode",
                Names = new("牌号", "Grade code"),
                Type = AttributeType.Keyword,
                Required = true,
                MaxLength = 32,
                Searchable = true,
            },
            new()
            {
                Key = "producer",
                Names = new("生产企业", "Producer"),
                Type = AttributeType.Choice,
                Required = true,
                // Only brands registered with the market are deliverable, so the list is closed.
                AllowedValues = Producers,
            },
            new()
            {
                Key = "warehouse",
                Names = new("交割仓库", "Delivery warehouse"),
                Type = AttributeType.Choice,
                Required = true,
                AllowedValues = Warehouses,
            },
            new()
            {
                // Melt flow index is fractional in g/10 min (e.g. 3.0 for T30S, 0.9 for 5000S);
                // attribute values are integers, so it is kept in centigrams per 10 minutes (3.0 g/10 min = 300).
                Key = "meltFlowIndexCentigrams",
                Names = new("熔融指数（厘克/10分钟）", "Melt flow index (cg/10 min)"),
                Type = AttributeType.Integer,
                Unit = "cg/10min",
                Min = 1,
                Max = 200_000,
            },
            new()
            {
                Key = "netWeightKg",
                Names = new("净重", "Net weight"),
                Type = AttributeType.Integer,
                Unit = "kg",
                Required = true,
                Min = 1,
                Max = 10_000_000,
            },
            new()
            {
                Key = "productionDate",
                Names = new("生产日期", "Production date"),
                Type = AttributeType.Date,
                Required = true,
            },
            new()
            {
                Key = "inspectionCertificate",
                Names = new("质检报告编号", "Inspection certificate number"),
                Type = AttributeType.Keyword,
                Required = true,
                MaxLength = 64,
            },
        ],
        Facets =
        [
            new() { Field = "polymer", Names = new("品种", "Polymer") },
            new() { Field = "producer", Names = new("生产企业", "Producer"), Size = 30 },
            new() { Field = "warehouse", Names = new("交割仓库", "Delivery warehouse") },
            new()
            {
                Field = BuiltInFields.Price,
                Names = new("价格（元/吨）", "Price (CNY/t)"),
                Kind = FacetKind.Range,
                // Bounds are fen per tonne: 700,000 fen = 7,000 yuan/t.
                Ranges =
                [
                    new("lt-7000", null, 700_000, new("7000 元/吨以下", "Under 7,000 CNY/t")),
                    new("7000-8000", 700_000, 800_000, new("7000–8000 元/吨", "7,000–8,000 CNY/t")),
                    new("8000-9000", 800_000, 900_000, new("8000–9000 元/吨", "8,000–9,000 CNY/t")),
                    new("gte-9000", 900_000, null, new("9000 元/吨及以上", "9,000 CNY/t and above")),
                ],
            },
        ],
    };

    private static readonly AllowedValue[] Polymers =
    [
        new("PP", new("聚丙烯 PP", "Polypropylene (PP)")),
        new("HDPE", new("高密度聚乙烯 HDPE", "High-density polyethylene (HDPE)")),
        new("LDPE", new("低密度聚乙烯 LDPE", "Low-density polyethylene (LDPE)")),
        new("LLDPE", new("线性低密度聚乙烯 LLDPE", "Linear low-density polyethylene (LLDPE)")),
        new("PVC", new("聚氯乙烯 PVC", "Polyvinyl chloride (PVC)")),
        new("ABS", new("ABS 树脂", "Acrylonitrile butadiene styrene (ABS)")),
        new("PS", new("聚苯乙烯 PS", "Polystyrene (PS)")),
        new("PET", new("聚对苯二甲酸乙二醇酯 PET", "Polyethylene terephthalate (PET)")),
    ];

    private static readonly AllowedValue[] Producers =
    [
        new("zhenhai-refining", new("镇海炼化", "Sinopec Zhenhai Refining & Chemical")),
        new("yangzi-petrochemical", new("扬子石化", "Sinopec Yangzi Petrochemical")),
        new("yanshan-petrochemical", new("燕山石化", "Sinopec Yanshan Petrochemical")),
        new("shanghai-petrochemical", new("上海石化", "Sinopec Shanghai Petrochemical")),
        new("maoming-petrochemical", new("中石化茂名", "Sinopec Maoming Petrochemical")),
        new("qilu-petrochemical", new("齐鲁石化", "Sinopec Qilu Petrochemical")),
        new("dushanzi-petrochemical", new("独山子石化", "PetroChina Dushanzi Petrochemical")),
        new("lanzhou-petrochemical", new("兰州石化", "PetroChina Lanzhou Petrochemical")),
        new("daqing-petrochemical", new("大庆石化", "PetroChina Daqing Petrochemical")),
        new("jilin-petrochemical", new("吉林石化", "PetroChina Jilin Petrochemical")),
        new("formosa-plastics-ningbo", new("宁波台塑", "Formosa Plastics (Ningbo)")),
        new("lg-yongxing", new("宁波LG甬兴", "LG Yongxing Chemical (Ningbo)")),
        new("chimei-zhenjiang", new("镇江奇美", "Chi Mei (Zhenjiang)")),
        new("basf-ypc", new("扬子巴斯夫", "BASF-YPC")),
        new("xinjiang-zhongtai", new("新疆中泰", "Xinjiang Zhongtai Chemical")),
        new("beiyuan-chemical", new("陕西北元", "Shaanxi Beiyuan Chemical")),
        new("china-resources-chemical", new("华润化学", "China Resources Chemical Innovative Materials")),
        new("sanfangxiang", new("江阴三房巷", "Jiangyin Sanfangxiang")),
    ];

    // The registry's approved warehouses: a listing's warehouse is one a receipt can be issued at.
    private static readonly AllowedValue[] Warehouses = [.. ReferenceData.Warehouses.Select(w => new AllowedValue(w.Code, w.Names))];

    private static CategoryDefinition[] Categories() =>
    [
        Polymer("PP", "聚丙烯 PP", "Polypropylene (PP)",
            Form("raffia", "拉丝料", "Raffia"),
            Form("injection", "注塑料", "Injection moulding"),
            Form("copolymer", "共聚料", "Impact copolymer"),
            Form("film", "膜料", "Film"),
            Form("fiber", "纤维料", "Fibre")),
        Polymer("HDPE", "高密度聚乙烯 HDPE", "High-density polyethylene (HDPE)",
            Form("film", "膜料", "Film"),
            Form("monofilament", "拉丝料", "Monofilament"),
            Form("blow-moulding", "中空料", "Blow moulding"),
            Form("injection", "注塑料", "Injection moulding"),
            Form("pipe", "管材料", "Pipe")),
        Polymer("LDPE", "低密度聚乙烯 LDPE", "Low-density polyethylene (LDPE)",
            Form("film", "膜料", "Film"),
            Form("coating", "涂覆料", "Extrusion coating"),
            Form("injection", "注塑料", "Injection moulding")),
        Polymer("LLDPE", "线性低密度聚乙烯 LLDPE", "Linear low-density polyethylene (LLDPE)",
            Form("film", "膜料", "Film"),
            Form("injection", "注塑料", "Injection moulding"),
            Form("rotomoulding", "滚塑料", "Rotational moulding")),
        Polymer("PVC", "聚氯乙烯 PVC", "Polyvinyl chloride (PVC)",
            Form("suspension", "悬浮法树脂", "Suspension resin"),
            Form("paste", "糊树脂", "Paste resin")),
        Polymer("ABS", "ABS 树脂", "Acrylonitrile butadiene styrene (ABS)",
            Form("general-purpose", "通用级", "General purpose"),
            Form("high-gloss", "高光级", "High gloss"),
            Form("heat-resistant", "耐热级", "Heat resistant")),
        Polymer("PS", "聚苯乙烯 PS", "Polystyrene (PS)",
            Form("gpps", "通用级 GPPS", "General purpose (GPPS)"),
            Form("hips", "高抗冲 HIPS", "High impact (HIPS)")),
        Polymer("PET", "聚酯 PET", "Polyethylene terephthalate (PET)",
            Form("bottle", "瓶级", "Bottle grade"),
            Form("fiber", "纤维级", "Fibre grade"),
            Form("film", "膜级", "Film grade")),
    ];

    private static CategoryDefinition Polymer(string code, string zhCn, string en, params CategoryDefinition[] forms) =>
        new() { Code = code, Names = new LocalizedText(zhCn, en), Children = forms };

    private static CategoryDefinition Form(string code, string zhCn, string en) =>
        new() { Code = code, Names = new LocalizedText(zhCn, en) };
}
