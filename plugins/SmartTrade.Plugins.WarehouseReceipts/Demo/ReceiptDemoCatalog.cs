using System.Globalization;
using SmartTrade.Plugins.WarehouseReceipts.Market;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Plugins.WarehouseReceipts.Demo;

/// <summary>
/// Demo spot offers of receipted plastics: Yuyao and Ningbo traders selling lots of standard grades held at the
/// approved warehouses, priced per tonne at levels typical of the East China market.
/// </summary>
public sealed class ReceiptDemoCatalog : IDemoCatalog
{
    private sealed record Trader(string Email, string Name, string NameEn);

    private sealed record Grade(string Polymer, string Code, string Form, string Producer, string ProducerZh, int? MeltFlowCentigrams, long YuanPerTonne, string UseZh, string UseEn);

    private static readonly Trader[] Traders =
    [
        new("sucheng@plastics.demo", "余姚市塑城化工贸易有限公司", "Yuyao Sucheng Chemical Trading"),
        new("yangming@plastics.demo", "余姚市阳明塑料经营部", "Yuyao Yangming Plastics"),
        new("gangsu@plastics.demo", "宁波港塑化供应链有限公司", "Ningbo Gangsu Plastics Supply Chain"),
        new("chengdong@plastics.demo", "余姚市城东塑化有限公司", "Yuyao Chengdong Plastics"),
    ];

    private static readonly Grade[] Grades =
    [
        new("PP", "T30S", "raffia", "zhenhai-refining", "镇海炼化", 300, 7_420, "编织袋、扁丝", "woven bags and tape"),
        new("PP", "T30S", "raffia", "lanzhou-petrochemical", "兰州石化", 300, 7_380, "编织袋、扁丝", "woven bags and tape"),
        new("PP", "K8003", "copolymer", "yanshan-petrochemical", "燕山石化", 250, 7_650, "汽车配件、家电外壳", "car parts and appliance housings"),
        new("PP", "Z30S", "fiber", "zhenhai-refining", "镇海炼化", 2_500, 7_560, "无纺布、纤维", "nonwovens and fibre"),
        new("HDPE", "5000S", "monofilament", "daqing-petrochemical", "大庆石化", 90, 8_230, "拉丝、薄膜", "monofilament and film"),
        new("HDPE", "DMDA8008", "injection", "dushanzi-petrochemical", "独山子石化", 700, 8_080, "周转箱、瓶盖", "crates and caps"),
        new("LLDPE", "7042", "film", "jilin-petrochemical", "吉林石化", 200, 8_120, "农膜、包装膜", "agricultural and packaging film"),
        new("LLDPE", "7042", "film", "maoming-petrochemical", "中石化茂名", 200, 8_150, "农膜、包装膜", "agricultural and packaging film"),
        new("LDPE", "2426H", "film", "daqing-petrochemical", "大庆石化", 200, 9_780, "重包装膜、热收缩膜", "heavy-duty and shrink film"),
        new("PVC", "SG-5", "suspension", "xinjiang-zhongtai", "新疆中泰", null, 5_180, "管材、型材", "pipes and profiles"),
        new("PVC", "SG-5", "suspension", "beiyuan-chemical", "陕西北元", null, 5_220, "管材、型材", "pipes and profiles"),
        new("ABS", "0215A", "general-purpose", "jilin-petrochemical", "吉林石化", 2_200, 11_050, "家电外壳、玩具", "appliance housings and toys"),
        new("ABS", "PA-757", "general-purpose", "chimei-zhenjiang", "镇江奇美", 1_800, 12_400, "小家电外壳、电子电器", "small-appliance housings and electronics"),
        new("PS", "GPPS-123P", "gpps", "yangzi-petrochemical", "扬子石化", 800, 8_650, "透明包装、文具", "clear packaging and stationery"),
        new("PET", "CR-8816", "bottle", "china-resources-chemical", "华润化学", null, 6_280, "饮料瓶、片材", "drinks bottles and sheet"),
    ];

    private static readonly string[] Warehouses = [.. ReferenceData.Warehouses.Select(w => w.Code)];

    private static readonly long[] LotsTonnes = [25, 50, 100, 30];

    /// <inheritdoc />
    public IReadOnlyList<DemoMerchant> Merchants { get; } = Traders.Select(t => new DemoMerchant(t.Email, t.Name)).ToList();

    /// <inheritdoc />
    public IReadOnlyList<DemoListing> Listings(DateOnly today)
    {
        var listings = new List<DemoListing>();
        for (var i = 0; i < Grades.Length * 2; i++)
        {
            var grade = Grades[i % Grades.Length];
            var trader = Traders[i % Traders.Length];
            var tonnes = LotsTonnes[i % LotsTonnes.Length];
            var warehouse = Warehouses[i % Warehouses.Length];

            // Traders quote around the market: a few tens of yuan either side.
            var yuanPerTonne = grade.YuanPerTonne + ((i % 5) - 2) * 20;
            var produced = today.AddDays(-(14 + (i * 3 % 40)));
            var attributes = new Dictionary<string, object>
            {
                ["polymer"] = grade.Polymer,
                ["gradeCode"] = grade.Code,
                ["producer"] = grade.Producer,
                ["warehouse"] = warehouse,
                ["netWeightKg"] = tonnes * 1_000,
                ["productionDate"] = produced,
                ["inspectionCertificate"] = string.Create(CultureInfo.InvariantCulture, $"ZS{produced:yyyyMM}-{1000 + (i * 137 % 9000):0000}"),
            };
            if (grade.MeltFlowCentigrams is { } mfi)
            {
                attributes["meltFlowIndexCentigrams"] = mfi;
            }

            listings.Add(new DemoListing
            {
                Key = $"{trader.Email.Split('@')[0]}/{grade.Polymer}-{grade.Code}-{grade.Producer}-{i}".ToLowerInvariant(),
                MerchantEmail = trader.Email,
                MarketId = PlasticsReceiptMarketDescriptor.MarketId,
                Title = new LocalizedText(
                    $"{grade.Polymer} {grade.Code} {grade.ProducerZh} 仓单 {tonnes} 吨",
                    $"{grade.Polymer} {grade.Code} ({grade.Producer.Replace('-', ' ')}) receipt, {tonnes} t"),
                Description = new LocalizedText(
                    $"{grade.ProducerZh}{grade.Polymer} {grade.Code}，用于{grade.UseZh}。在库仓单，含税价，{tonnes} 吨整批转让，买方凭仓单在指定交割库提货。",
                    $"{grade.Polymer} {grade.Code} for {grade.UseEn}. Receipted stock, tax-inclusive price, {tonnes} t sold as one lot; the buyer takes delivery at the approved warehouse against the receipt."),
                CategoryPath = $"{grade.Polymer}/{grade.Form}",
                PriceMinor = yuanPerTonne * 100,
                Unit = "tonne",
                Stock = tonnes,
                Attributes = attributes,
            });
        }

        return listings;
    }
}
