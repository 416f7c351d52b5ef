using System.Globalization;
using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Plugins.AgriMarket.Demo;

/// <summary>
/// Demo produce from Yuyao's growers and co-operatives, each product from the towns it really comes from: tea from
/// the Siming mountains (Lianglong, Dalan, Simingshan), bayberries from Zhangting, Sanqishi and Mazhu, water bamboo
/// from Hemudu, preserved mustard tuber from Simen and Xiaocao'e, rice from the northern plain. Harvest dates are the
/// latest season before the host's date, so the catalogue always looks current.
/// </summary>
public sealed class AgriDemoCatalog : IDemoCatalog
{
    /// <summary>A demo producer and the field or farm its batches come from.</summary>
    internal sealed record Producer(string Email, string Name, string NameEn, string Town, string Village, string Farm);

    /// <summary>A demo product; a pre-sale product has no harvest yet, only the months of its season.</summary>
    internal sealed record Product(
        string Key,
        string Code,
        string Category,
        string Zh,
        string En,
        int HarvestMonth,
        int HarvestDay,
        int ShelfLifeDays,
        string Storage,
        string Unit,
        (int Grams, long PriceFen)[] Packs,
        string[] Certifications,
        string DescriptionZh,
        string DescriptionEn,
        int[] SeasonMonths,
        bool PreSale = false);

    private static readonly Producer[] Producers =
    [
        new("puxian-tea@agri.demo", "余姚市梁弄瀑布仙茗茶叶专业合作社", "Lianglong Puxian Tea Co-operative", "lianglong", "横坎头村", "横坎头村四明山茶园"),
        new("dalan-tea@agri.demo", "余姚市大岚高山茶场", "Dalan Highland Tea Farm", "dalan", "丁家畈村", "丁家畈高山茶园 2 号片区"),
        new("siming-shoots@agri.demo", "余姚市四明山笋竹专业合作社", "Simingshan Bamboo Co-operative", "simingshan", "北溪村", "北溪村毛竹林"),
        new("zhangting-bayberry@agri.demo", "余姚市丈亭杨梅专业合作社", "Zhangting Bayberry Co-operative", "zhangting", "汇头村", "汇头村杨梅山 3 号地块"),
        new("sanqishi-bayberry@agri.demo", "余姚市三七市镇杨梅种植户联合体", "Sanqishi Bayberry Growers", "sanqishi", "石步村", "石步村东岙杨梅林"),
        new("hemudu-jiaobai@agri.demo", "余姚市河姆渡茭白专业合作社", "Hemudu Water Bamboo Co-operative", "hemudu", "芦山寺村", "芦山寺村茭白田"),
        new("simen-zhacai@agri.demo", "余姚市泗门榨菜食品厂", "Simen Preserved Vegetable Works", "simen", "谢家路村", "谢家路村榨菜基地"),
        new("xiaocaoe-zhacai@agri.demo", "余姚市小曹娥榨菜专业合作社", "Xiaocao'e Mustard Tuber Co-operative", "xiaocao-e", "朗海村", "朗海村青菜头田"),
        new("mazhu-rice@agri.demo", "余姚市马渚粮食专业合作社", "Mazhu Grain Co-operative", "mazhu", "沿山村", "沿山村千亩粮食功能区"),
        new("linshan-farm@agri.demo", "余姚市临山蔬菜种植基地", "Linshan Vegetable Farm", "linshan", "邵家丘村", "邵家丘村蔬菜大棚"),
    ];

    private static readonly Product[] Products =
    [
        new("mingqian", "tea", "tea/green-tea", "明前瀑布仙茗绿茶", "Pre-Qingming Puxian green tea", 3, 28, 540, "ambient", "box",
            [(100, 26_800), (250, 62_800)], ["geographical-indication", "green-food"],
            "清明前采摘的一芽一叶，四明山云雾茶园，手工杀青，汤色嫩绿，栗香持久。", "One bud and one leaf picked before Qingming in the misty Siming mountains, hand-fired, pale green liquor with a lasting chestnut aroma.",
            [3, 4]),
        new("mingqian-presale", "tea", "tea/green-tea", "明前瀑布仙茗（春茶预售）", "Pre-Qingming Puxian green tea (spring pre-sale)", 3, 28, 540, "ambient", "box",
            [(250, 58_800)], ["geographical-indication", "green-food"],
            "预订来年春天的明前茶，采制后按您选的日期发出。", "Reserve next spring's pre-Qingming tea; it is sent on the day you choose once made.",
            [3, 4], PreSale: true),
        new("yuqian", "tea", "tea/green-tea", "雨前高山绿茶", "Highland green tea, pre-Guyu", 4, 15, 540, "ambient", "box",
            [(250, 16_800), (500, 29_800)], ["green-food"],
            "谷雨前采制的高山绿茶，滋味鲜醇，适合日常冲泡。", "Highland green tea made before Guyu; fresh and mellow, for everyday brewing.",
            [4, 5]),
        new("dongsun", "bamboo-shoot", "vegetables/bamboo-shoot", "四明山冬笋", "Siming winter bamboo shoots", 11, 20, 10, "chilled", "kg",
            [(1000, 4_800)], ["green-food"],
            "山间毛竹林现挖冬笋，带壳带泥发货，肉质脆嫩。", "Winter shoots dug from mountain moso groves, shipped in their husks with the soil on; crisp and tender.",
            [11, 12, 1]),
        new("sunggan", "bamboo-shoot", "vegetables/bamboo-shoot", "手剥笋干", "Hand-peeled dried bamboo shoots", 4, 20, 365, "ambient", "box",
            [(500, 6_800)], ["green-food"],
            "春笋手工剥制晒干，炖肉煲汤皆宜。", "Spring shoots peeled by hand and sun-dried; for braises and soups.",
            [4, 5]),
        new("bayberry-fresh", "bayberry", "fruit/bayberry", "荸荠种杨梅鲜果（六月预售）", "Fresh Biqi bayberries (June pre-sale)", 6, 15, 3, "chilled", "box",
            [(2500, 16_800)], ["geographical-indication"],
            "六月杨梅季现摘现发，冷链到家；下单时选好送达日期。", "Picked in the June season and sent by cold chain; choose the delivery day when you order.",
            [6], PreSale: true),
        new("bayberry-frozen", "bayberry", "fruit/bayberry", "荸荠种杨梅（冻鲜）", "Biqi bayberries, frozen fresh", 6, 20, 365, "frozen", "box",
            [(1000, 9_800), (2000, 17_800)], ["geographical-indication"],
            "六月采摘的荸荠种杨梅，当天速冻锁鲜，解冻即食或泡杨梅酒。", "Biqi-variety bayberries picked in June and frozen the same day; eat thawed or steep in spirit.",
            [6, 7]),
        new("bayberry-jam", "bayberry", "fruit/bayberry", "杨梅果酱", "Bayberry jam", 6, 25, 365, "ambient", "box",
            [(250, 3_800)], [],
            "当季杨梅低糖熬制。", "Made from the season's bayberries with little sugar.",
            [6, 7]),
        new("jiaobai", "water-bamboo", "vegetables/water-bamboo", "河姆渡双季茭白", "Hemudu twin-season water bamboo", 10, 25, 7, "chilled", "kg",
            [(1000, 1_600)], ["geographical-indication", "green-food"],
            "河姆渡水田种植的秋茭，白嫩无灰心，产地冷链直发。", "Autumn water bamboo from Hemudu's paddies; white, tender and without black spots, sent by cold chain.",
            [5, 6, 9, 10, 11]),
        new("zhacai-shred", "mustard-tuber", "preserved/mustard-tuber", "余姚榨菜丝", "Yuyao shredded mustard tuber", 4, 10, 270, "ambient", "box",
            [(80, 1_200), (2400, 19_800)], ["geographical-indication"],
            "当年春榨菜头腌制切丝，咸鲜脆爽，下饭佐粥。", "This spring's tubers, pickled and shredded; salty, savoury and crunchy with rice or congee.",
            [3, 4]),
        new("zhacai-whole", "mustard-tuber", "preserved/mustard-tuber", "整棵榨菜头", "Whole preserved mustard tubers", 4, 10, 365, "ambient", "kg",
            [(1000, 1_500)], [],
            "三腌三榨的整棵榨菜头，适合餐饮与食品加工。", "Whole tubers salted and pressed three times, for kitchens and food makers.",
            [3, 4]),
        new("new-rice", "rice", "grain/rice", "新米 秀水粳稻", "New-crop Xiushui japonica rice", 11, 5, 365, "ambient", "kg",
            [(1000, 998)], ["green-food"],
            "姚北平原当季新米，低温储存现磨现发，米香浓郁。", "This season's rice from the northern Yuyao plain, stored cool and milled to order; fragrant.",
            [10, 11]),
        new("greens", "vegetables", "vegetables/leafy-greens", "时令青菜组合", "Seasonal greens box", 11, 25, 5, "chilled", "box",
            [(3000, 5_800)], ["green-food"],
            "每周采摘的时令叶菜三到四种，基地直配。", "Three or four leafy greens picked each week, packed at the farm.",
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    ];

    // Which producer sells which products.
    private static readonly (string Producer, string[] Products)[] Offers =
    [
        ("puxian-tea@agri.demo", ["mingqian", "yuqian", "mingqian-presale"]),
        ("dalan-tea@agri.demo", ["mingqian", "yuqian", "sunggan"]),
        ("siming-shoots@agri.demo", ["dongsun", "sunggan"]),
        ("zhangting-bayberry@agri.demo", ["bayberry-fresh", "bayberry-frozen", "bayberry-jam"]),
        ("sanqishi-bayberry@agri.demo", ["bayberry-fresh", "bayberry-frozen"]),
        ("hemudu-jiaobai@agri.demo", ["jiaobai"]),
        ("simen-zhacai@agri.demo", ["zhacai-shred", "zhacai-whole"]),
        ("xiaocaoe-zhacai@agri.demo", ["zhacai-shred", "zhacai-whole"]),
        ("mazhu-rice@agri.demo", ["new-rice", "bayberry-frozen"]),
        ("linshan-farm@agri.demo", ["greens", "new-rice"]),
    ];

    /// <inheritdoc />
    public IReadOnlyList<DemoMerchant> Merchants { get; } = Producers.Select(p => new DemoMerchant(p.Email, p.Name)).ToList();

    /// <inheritdoc />
    public IReadOnlyList<DemoListing> Listings(DateOnly today)
    {
        var listings = new List<DemoListing>();
        var sequence = 0;
        foreach (var (email, productKeys) in Offers)
        {
            var producer = Array.Find(Producers, p => p.Email == email)!;
            foreach (var key in productKeys)
            {
                var product = Array.Find(Products, p => p.Key == key)!;
                var harvest = LatestSeason(today, product.HarvestMonth, product.HarvestDay, product.ShelfLifeDays);
                foreach (var (grams, priceFen) in product.Packs)
                {
                    listings.Add(Build(producer, product, harvest, grams, priceFen, sequence++));
                }
            }
        }

        return listings;
    }

    /// <summary>The latest harvest on that month and day that is not after today and still within shelf life if possible.</summary>
    private static DateOnly LatestSeason(DateOnly today, int month, int day, int shelfLifeDays)
    {
        var harvest = new DateOnly(today.Year, month, day);
        if (harvest > today)
        {
            harvest = harvest.AddYears(-1);
        }

        // Perishables out of season would be past their shelf life: show them as just harvested instead.
        return harvest.AddDays(shelfLifeDays) <= today ? today.AddDays(-1) : harvest;
    }

    /// <summary>The demo producer selling under this e-mail, if any.</summary>
    internal static Producer? ProducerOf(string email) => Array.Find(Producers, p => p.Email == email);

    /// <summary>The demo product a listing was built from, known by its title.</summary>
    internal static Product? ProductOf(string titleZh)
        => Products.Where(p => titleZh.StartsWith(p.Zh, StringComparison.Ordinal)).MaxBy(p => p.Zh.Length);

    private static DemoListing Build(Producer producer, Product product, DateOnly harvest, int grams, long priceFen, int sequence)
    {
        // A product sold by the kg is priced per kg; the others come in packs of their net weight.
        var byKg = product.Unit == "kg";
        var weight = grams >= 1000 ? $"{grams / 1000.0:0.#}kg" : $"{grams}g";
        var attributes = new Dictionary<string, object>
        {
            ["product"] = product.Code,
            ["originTown"] = producer.Town,
            ["originVillage"] = producer.Village,
            ["producer"] = producer.Name,
            ["certifications"] = product.Certifications,
            ["grade"] = sequence % 3 == 0 ? "premium" : "first",
            ["netWeightGrams"] = byKg ? 1000 : grams,
            ["shelfLifeDays"] = product.ShelfLifeDays,
            ["storage"] = product.Storage,
            [AgriMarketDescriptor.SeasonMonths] = product.SeasonMonths.Select(m => m.ToString(CultureInfo.InvariantCulture)).ToArray(),
        };
        if (!product.PreSale)
        {
            attributes["harvestDate"] = harvest;
        }

        return new DemoListing
        {
            Key = $"{producer.Email.Split('@')[0]}/{product.Key}/{grams}",
            MerchantEmail = producer.Email,
            MarketId = AgriMarketDescriptor.MarketId,
            Title = byKg
                ? new LocalizedText($"{product.Zh}（按千克）", $"{product.En}, by the kg")
                : new LocalizedText($"{product.Zh} {weight}", $"{product.En}, {weight}"),
            Description = new LocalizedText(
                $"{product.DescriptionZh}产自{producer.Village}，{producer.Name}。",
                $"{product.DescriptionEn} Grown in {producer.Village} by {producer.NameEn}."),
            CategoryPath = product.Category,
            PriceMinor = priceFen,
            Unit = byKg ? "kg" : "box",

            // Stock comes from the harvest batches (or the pre-sale's forecast) the demo data records for it.
            Stock = 0,
            Attributes = attributes,
        };
    }
}
