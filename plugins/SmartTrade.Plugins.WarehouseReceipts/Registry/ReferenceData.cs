namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>
/// The registry's reference data: the approved warehouses of Yuyao, the deliverable grades and their instruments.
/// The initial migration seeds it (in every environment), and the market's descriptor lists the same warehouses.
/// </summary>
public static class ReferenceData
{
    /// <summary>Trading rules every instrument starts with: tick 1 yuan/t, lot 1 t, at most 1,000 lots an order.</summary>
    public static readonly Trading.InstrumentSpec DefaultSpec = new();

    /// <summary>The approved delivery warehouses.</summary>
    public static IReadOnlyList<Warehouse> Warehouses { get; } =
    [
        Warehouse("zs-storage-1", "余姚中塑仓储一号库", "Yuyao Zhongsu Storage Warehouse No. 1",
            "浙江省余姚市中国塑料城仓储区一号库", "Store 1, China Plastics City storage zone, Yuyao, Zhejiang", 30_000),
        Warehouse("zs-storage-2", "余姚中塑仓储二号库", "Yuyao Zhongsu Storage Warehouse No. 2",
            "浙江省余姚市中国塑料城仓储区二号库", "Store 2, China Plastics City storage zone, Yuyao, Zhejiang", 25_000),
        Warehouse("plastics-city-logistics", "塑料城物流园交割库", "Plastics City Logistics Park Delivery Warehouse",
            "浙江省余姚市塑料城物流园", "Plastics City Logistics Park, Yuyao, Zhejiang", 50_000),
        Warehouse("yangming-storage", "余姚阳明塑化仓储库", "Yuyao Yangming Plastics Storage Warehouse",
            "浙江省余姚市阳明街道工业功能区", "Yangming Subdistrict industrial zone, Yuyao, Zhejiang", 15_000),
        Warehouse("langxia-storage", "朗霞塑化交割库", "Langxia Plastics Delivery Warehouse",
            "浙江省余姚市朗霞街道", "Langxia Subdistrict, Yuyao, Zhejiang", 12_000),
    ];

    /// <summary>The deliverable grades: polymer, grade code and producer.</summary>
    public static IReadOnlyList<Grade> Grades { get; } =
    [
        Grade(1, "PP", "T30S", "zhenhai-refining", "镇海炼化", "Sinopec Zhenhai Refining & Chemical", "raffia", 300),
        Grade(2, "PP", "T30S", "lanzhou-petrochemical", "兰州石化", "PetroChina Lanzhou Petrochemical", "raffia", 300),
        Grade(3, "PP", "K8003", "yanshan-petrochemical", "燕山石化", "Sinopec Yanshan Petrochemical", "copolymer", 250),
        Grade(4, "PP", "Z30S", "zhenhai-refining", "镇海炼化", "Sinopec Zhenhai Refining & Chemical", "fiber", 2_500),
        Grade(5, "HDPE", "5000S", "daqing-petrochemical", "大庆石化", "PetroChina Daqing Petrochemical", "monofilament", 90),
        Grade(6, "HDPE", "DMDA8008", "dushanzi-petrochemical", "独山子石化", "PetroChina Dushanzi Petrochemical", "injection", 700),
        Grade(7, "LLDPE", "7042", "jilin-petrochemical", "吉林石化", "PetroChina Jilin Petrochemical", "film", 200),
        Grade(8, "LLDPE", "7042", "maoming-petrochemical", "中石化茂名", "Sinopec Maoming Petrochemical", "film", 200),
        Grade(9, "LDPE", "2426H", "daqing-petrochemical", "大庆石化", "PetroChina Daqing Petrochemical", "film", 200),
        Grade(10, "PVC", "SG-5", "xinjiang-zhongtai", "新疆中泰", "Xinjiang Zhongtai Chemical", "suspension", null),
        Grade(11, "PVC", "SG-5", "beiyuan-chemical", "陕西北元", "Shaanxi Beiyuan Chemical", "suspension", null),
        Grade(12, "ABS", "0215A", "jilin-petrochemical", "吉林石化", "PetroChina Jilin Petrochemical", "general-purpose", 2_200),
        Grade(13, "ABS", "PA-757", "chimei-zhenjiang", "镇江奇美", "Chi Mei (Zhenjiang)", "general-purpose", 1_800),
        Grade(14, "PS", "GPPS-123P", "yangzi-petrochemical", "扬子石化", "Sinopec Yangzi Petrochemical", "gpps", 800),
        Grade(15, "PET", "CR-8816", "china-resources-chemical", "华润化学", "China Resources Chemical Innovative Materials", "bottle", null),
    ];

    // Where each instrument's first trading day starts: a recent Yuyao spot price, fen per tonne.
    private static readonly Dictionary<string, long> ReferencePrices = new(StringComparer.Ordinal)
    {
        ["PP-T30S"] = 742_000,
        ["PP-K8003"] = 765_000,
        ["PP-Z30S"] = 756_000,
        ["HDPE-5000S"] = 823_000,
        ["HDPE-DMDA8008"] = 808_000,
        ["LLDPE-7042"] = 812_000,
        ["LDPE-2426H"] = 978_000,
        ["PVC-SG-5"] = 518_000,
        ["ABS-0215A"] = 1_105_000,
        ["ABS-PA-757"] = 1_240_000,
        ["PS-GPPS-123P"] = 865_000,
        ["PET-CR-8816"] = 628_000,
    };

    /// <summary>One instrument per polymer and grade code of <see cref="Grades"/>, numbered for the exchange in that order.</summary>
    public static IReadOnlyList<Instrument> Instruments { get; } = Grades
        .GroupBy(g => g.InstrumentCode)
        .Select((g, index) => new Instrument
        {
            TradingId = index + 1,
            ReferencePrice = ReferencePrices[g.Key],
            Code = g.Key,
            Polymer = g.First().Polymer,
            GradeCode = g.First().GradeCode,
            NameZh = $"{PolymerNameZh(g.First().Polymer)} {g.First().GradeCode}",
            NameEn = $"{g.First().Polymer} {g.First().GradeCode}",
            TickSize = DefaultSpec.TickSize,
            LotSize = DefaultSpec.LotSize,
            MaxOrderLots = DefaultSpec.MaxOrderLots,
        })
        .ToList();

    /// <summary>The instrument code of a polymer and grade code: <c>PP</c> and <c>T30S</c> give <c>PP-T30S</c>.</summary>
    /// <param name="polymer">The polymer code.</param>
    /// <param name="gradeCode">The grade code.</param>
    public static string InstrumentCodeOf(string polymer, string gradeCode) => $"{polymer}-{gradeCode}";

    private static string PolymerNameZh(string polymer) => polymer switch
    {
        "PP" => "聚丙烯",
        "HDPE" => "高密度聚乙烯",
        "LDPE" => "低密度聚乙烯",
        "LLDPE" => "线性低密度聚乙烯",
        "PVC" => "聚氯乙烯",
        "ABS" => "ABS 树脂",
        "PS" => "聚苯乙烯",
        "PET" => "聚酯",
        _ => polymer,
    };

    private static Warehouse Warehouse(string code, string nameZh, string nameEn, string addressZh, string addressEn, long capacityTonnes) => new()
    {
        Code = code,
        NameZh = nameZh,
        NameEn = nameEn,
        AddressZh = addressZh,
        AddressEn = addressEn,
        CapacityTonnes = capacityTonnes,
    };

    private static Grade Grade(int id, string polymer, string gradeCode, string producer, string producerZh, string producerEn, string form, int? meltFlow) => new()
    {
        Id = id,
        Polymer = polymer,
        GradeCode = gradeCode,
        Producer = producer,
        ProducerNameZh = producerZh,
        ProducerNameEn = producerEn,
        Form = form,
        MeltFlowIndexCentigrams = meltFlow,
        InstrumentCode = InstrumentCodeOf(polymer, gradeCode),
    };
}
