using SmartTrade.Plugins.AgriMarket.Market;
using SmartTrade.Plugins.ApplianceMarket.Market;
using SmartTrade.Plugins.WarehouseReceipts.Market;
using SmartTrade.Samples.MouldMarket.Market;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Benchmarks.Search;

/// <summary>
/// A catalogue of any size across the four markets, made from the listing number alone (no shared random state),
/// so that listing <c>n</c> is the same on every machine and every run, and any slice can be made on its own:
/// 70% small appliances from about 140 Yuyao and Cixi makers (brand, model, power, capacity, certifications,
/// minimum order), 15% Yuyao farm produce, 10% plastics warehouse receipts, 5% moulds. Titles and descriptions are
/// in Chinese and English and name the maker's town, so a town such as 慈溪 matches a large part of the catalogue.
/// Attribute values come from each market's own schema (allowed codes, categories), so every listing is valid.
/// </summary>
public static class SyntheticCatalog
{
    /// <summary>Changes whenever the generator changes, so that a stored index made by another version is rebuilt.</summary>
    public const int Revision = 1;

    private const ulong Seed = 0x5EED_2026_0003;

    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The four markets' descriptors, as the plugins declare them.</summary>
    public static IReadOnlyList<MarketDescriptor> Markets { get; } =
    [
        ApplianceMarketDescriptor.Create(),
        AgriMarketDescriptor.Create(),
        PlasticsReceiptMarketDescriptor.Create(),
        MouldMarketDescriptor.Create(),
    ];

    private static readonly MarketDescriptor Agri = Markets[1];
    private static readonly MarketDescriptor Plastics = Markets[2];
    private static readonly MarketDescriptor Moulds = Markets[3];

    private sealed record Town(string Zh, string En, string City, string CityEn);

    private sealed record ProductLine(string Category, string[] Nouns, string NounEn, int[] Watts, int[] CapacitiesMl, long BasePriceFen, (string Zh, string En)[] Features);

    private static readonly Town[] Towns =
    [
        new("泗门镇", "Simen", "余姚", "Yuyao"), new("马渚镇", "Mazhu", "余姚", "Yuyao"), new("低塘街道", "Ditang", "余姚", "Yuyao"),
        new("朗霞街道", "Langxia", "余姚", "Yuyao"), new("小曹娥镇", "Xiaocao'e", "余姚", "Yuyao"), new("阳明街道", "Yangming", "余姚", "Yuyao"),
        new("观海卫镇", "Guanhaiwei", "慈溪", "Cixi"), new("周巷镇", "Zhouxiang", "慈溪", "Cixi"), new("附海镇", "Fuhai", "慈溪", "Cixi"),
        new("长河镇", "Changhe", "慈溪", "Cixi"), new("坎墩街道", "Kandun", "慈溪", "Cixi"), new("新浦镇", "Xinpu", "慈溪", "Cixi"),
        new("逍林镇", "Xiaolin", "慈溪", "Cixi"), new("胜山镇", "Shengshan", "慈溪", "Cixi"),
    ];

    // Brand names are made from two syllables each, 12 x 12 = 144 makers.
    private static readonly (string Zh, string Pinyin)[] BrandHeads =
    [
        ("瑞", "Rui"), ("明", "Ming"), ("伟", "Wei"), ("精", "Jing"), ("康", "Kang"), ("星", "Xing"),
        ("暖", "Nuan"), ("清", "Qing"), ("锦", "Jin"), ("佳", "Jia"), ("优", "You"), ("金", "Jin"),
    ];

    private static readonly (string Zh, string Pinyin)[] BrandTails =
    [
        ("丰", "feng"), ("辉", "hui"), ("达", "da"), ("工", "gong"), ("美", "mei"), ("光", "guang"),
        ("源", "yuan"), ("诚", "cheng"), ("程", "cheng"), ("宜", "yi"), ("品", "pin"), ("帆", "fan"),
    ];

    private static readonly ProductLine[] Lines =
    [
        new("kitchen/kettle", ["电热水壶", "电水壶", "烧水壶"], "electric kettle", [1500, 1800, 2200], [1000, 1500, 1700, 2000], 6_900,
            [("304不锈钢", "304 stainless steel"), ("双层防烫", "double-wall"), ("智能保温", "keep-warm"), ("高硼硅玻璃", "glass"), ("恒温调温", "variable-temperature")]),
        new("kitchen/rice-cooker", ["电饭煲", "电饭锅"], "rice cooker", [500, 700, 860], [2000, 3000, 4000, 5000], 15_900,
            [("球釜内胆", "spherical pot"), ("24小时预约", "24-hour timer"), ("IH电磁加热", "IH induction"), ("迷你", "mini")]),
        new("kitchen/blender", ["料理机", "破壁机"], "blender", [300, 800, 1200], [600, 1000, 1750], 12_900,
            [("静音", "quiet"), ("便携", "portable"), ("加热", "heated")]),
        new("kitchen/air-fryer", ["空气炸锅"], "air fryer", [1200, 1400, 1700], [3500, 4500, 5500], 19_900,
            [("可视窗", "viewing-window"), ("无油", "oil-free"), ("双篮", "dual-basket")]),
        new("kitchen/induction-cooker", ["电磁炉"], "induction cooker", [2100, 2200], [], 13_900,
            [("触控", "touch-control"), ("火锅专用", "hot-pot"), ("超薄", "slim")]),
        new("kitchen/soymilk-maker", ["豆浆机"], "soymilk maker", [800, 1000], [800, 1200], 19_900,
            [("免滤", "no-filter"), ("预约", "timer")]),
        new("climate/fan", ["电风扇", "落地扇", "台扇"], "electric fan", [35, 45, 55, 60], [], 8_900,
            [("直流变频", "DC inverter"), ("遥控", "remote-controlled"), ("塔式", "tower")]),
        new("climate/heater", ["取暖器", "电暖器"], "heater", [1000, 2000, 2200], [], 12_900,
            [("油汀", "oil-filled"), ("暖风", "fan"), ("石墨烯", "graphene")]),
        new("climate/dehumidifier", ["除湿机", "抽湿机"], "dehumidifier", [180, 240, 400], [2000, 3000, 4500], 49_900,
            [("家用", "home"), ("静音", "quiet"), ("大除湿量", "high-capacity")]),
        new("cleaning/vacuum", ["吸尘器"], "vacuum cleaner", [120, 450, 600], [500, 800], 29_900,
            [("无线手持", "cordless"), ("车载", "car"), ("除螨", "mite-removal")]),
        new("cleaning/iron", ["电熨斗"], "iron", [1200, 2000, 2400], [250, 300], 5_900,
            [("蒸汽", "steam"), ("陶瓷底板", "ceramic")]),
        new("cleaning/garment-steamer", ["挂烫机"], "garment steamer", [1500, 1800, 2000], [1600, 2000], 15_900,
            [("手持", "handheld"), ("立式", "standing")]),
        new("personal-care/hair-dryer", ["吹风机", "电吹风"], "hair dryer", [1200, 1600, 1800, 2000], [], 7_900,
            [("负离子", "ionic"), ("高速", "high-speed"), ("折叠", "foldable")]),
        new("personal-care/shaver", ["剃须刀"], "shaver", [3, 5, 10], [], 9_900,
            [("三刀头", "three-head"), ("往复式", "reciprocating"), ("USB充电", "USB-charged")]),
    ];

    private static readonly long[] MinimumOrders = [1, 1, 1, 1, 20, 100, 500, 2_000, 5_000];

    private static readonly string[][] Certifications = [["CCC"], ["CCC", "CE"], ["CCC", "CE", "CB"], ["CCC", "CE", "CB", "UL"]];

    /// <summary>The listing with number <paramref name="n"/> (0-based), Active and in stock.</summary>
    public static Listing Listing(int n)
    {
        var random = new Rng(Seed, (ulong)n);
        var bucket = random.Next(100);
        var listing = bucket switch
        {
            < 70 => Appliance(n, ref random),
            < 85 => Produce(n, ref random),
            < 95 => Receipt(n, ref random),
            _ => Mould(n, ref random),
        };
        return listing;
    }

    /// <summary>A deterministic id for listing <paramref name="n"/>, increasing with n like the host's version-7 ids.</summary>
    public static Guid Id(int n)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, 0x0193_0000_0000_0000L + n);
        bytes[..8].Reverse();
        bytes[8] = 0x80;
        bytes[15] = (byte)n;
        return new Guid(bytes, bigEndian: true);
    }

    private static Listing Appliance(int n, ref Rng random)
    {
        var head = random.Next(BrandHeads.Length);
        var tail = random.Next(BrandTails.Length);
        var maker = (head * BrandTails.Length) + tail;
        var brandZh = BrandHeads[head].Zh + BrandTails[tail].Zh;
        var brandEn = BrandHeads[head].Pinyin + BrandTails[tail].Pinyin;
        var town = Towns[maker % Towns.Length];
        var line = Lines[random.Next(Lines.Length)];
        var noun = line.Nouns[random.Next(line.Nouns.Length)];
        var feature = line.Features[random.Next(line.Features.Length)];
        var watts = line.Watts[random.Next(line.Watts.Length)];
        int? capacity = line.CapacitiesMl.Length == 0 ? null : line.CapacitiesMl[random.Next(line.CapacitiesMl.Length)];
        var model = $"{brandEn[..2].ToUpperInvariant()}-{char.ToUpperInvariant(line.NounEn[0])}{watts / 10 % 1000:000}{random.Next(100):00}";
        var moq = MinimumOrders[random.Next(MinimumOrders.Length)];
        var certifications = Certifications[random.Next(Certifications.Length)];
        var warranty = 6 * (1 + random.Next(4));

        var price = line.BasePriceFen + (watts * 3) + ((capacity ?? 0) * 2) + (random.Next(200) * 100);
        price = (price / 1_000 * 1_000) + 900;
        if (moq >= 100)
        {
            price = price * 80 / 100 / 100 * 100;
        }

        var size = capacity is { } ml ? (ml >= 1000 ? $"{ml / 1000.0:0.#}L " : $"{ml}mL ") : string.Empty;
        var company = $"{town.City}市{brandZh}电器有限公司";
        var title = new LocalizedText(
            $"{brandZh} {feature.Zh}{noun} {size}{watts}W {model}",
            $"{brandEn} {feature.En} {line.NounEn} {size}{watts} W {model}");
        var description = new LocalizedText(
            $"{company}自产{feature.Zh}{noun}，额定功率 {watts} 瓦{(capacity is null ? string.Empty : $"，容量 {size.Trim()}")}。" +
            $"{string.Join("、", certifications)} 认证，整机保修 {warranty} 个月，{town.City}{town.Zh}工厂发货。" +
            (moq > 1 ? $"批发起订 {moq} 件，可贴牌定制。" : "零售单件起售。"),
            $"Made in {town.En}, {town.CityEn} by {brandEn} Electric: a {feature.En} {line.NounEn}, {watts} W" +
            $"{(capacity is null ? string.Empty : $", {size.Trim()}")}. {string.Join(", ", certifications)} certified, {warranty}-month warranty." +
            (moq > 1 ? $" Wholesale from {moq} pieces; private label available." : " Sold singly."));

        var attributes = new Dictionary<string, AttributeValue>
        {
            ["brand"] = AttributeValue.Keyword(brandEn),
            ["model"] = AttributeValue.Keyword(model),
            ["voltageV"] = AttributeValue.Integer(line.NounEn == "shaver" ? 5 : 220),
            ["powerWatts"] = AttributeValue.Integer(watts),
            ["certifications"] = AttributeValue.MultiChoice(certifications),
            ["warrantyMonths"] = AttributeValue.Integer(warranty),
            ["leadTimeDays"] = AttributeValue.Integer(moq > 1 ? 7 + random.Next(28) : 2),
            ["minimumOrderQuantity"] = AttributeValue.Integer(moq),
        };
        if (capacity is { } capacityMl)
        {
            attributes["capacityMl"] = AttributeValue.Integer(capacityMl);
        }

        return Create(n, ApplianceMarketDescriptor.MarketId, $"merchant-appliance-{maker:000}", title, description, line.Category, price, "piece", attributes);
    }

    private static Listing Produce(int n, ref Rng random)
    {
        var product = Pick(Agri, "product", ref random);
        var town = Pick(Agri, "originTown", ref random);
        var grade = Pick(Agri, "grade", ref random);
        var storage = Pick(Agri, "storage", ref random);
        var category = product.Code switch
        {
            "bayberry" => "fruit/bayberry",
            "mustard-tuber" => "preserved/mustard-tuber",
            "tea" => "tea/green-tea",
            "rice" => "grain/rice",
            "water-bamboo" => "vegetables/water-bamboo",
            "bamboo-shoot" => "vegetables/bamboo-shoot",
            _ => "vegetables/leafy-greens",
        };
        var producer = random.Next(60);
        var weight = 250 * (1 + random.Next(40));
        var unit = weight >= 5_000 ? "box" : "kg";
        var price = (1_500 + (weight * (3 + random.Next(20)) / 10)) / 100 * 100;
        var certifications = random.Next(3) switch { 0 => new[] { "green-food" }, 1 => ["geographical-indication"], _ => ["organic", "green-food"] };
        var title = new LocalizedText(
            $"余姚{town.Names["zh-CN"]}{grade.Names["zh-CN"]}{product.Names["zh-CN"]} {weight / 1000.0:0.##}千克",
            $"Yuyao {town.Names["en"]} {product.Names["en"]}, {grade.Names["en"]}, {weight / 1000.0:0.##} kg");
        var description = new LocalizedText(
            $"产自余姚市{town.Names["zh-CN"]}，合作社统一采收、分级，{storage.Names["zh-CN"]}保存，产地直发。",
            $"Grown in {town.Names["en"]}, Yuyao; picked and graded by the co-operative, stored {storage.Names["en"].ToLowerInvariant()}, shipped from the farm.");
        var attributes = new Dictionary<string, AttributeValue>
        {
            ["product"] = AttributeValue.Choice(product.Code),
            ["originTown"] = AttributeValue.Choice(town.Code),
            ["originVillage"] = AttributeValue.Text($"{town.Names["zh-CN"]}第{1 + random.Next(20)}村"),
            ["producer"] = AttributeValue.Keyword($"余姚{town.Names["zh-CN"]}第{producer}合作社"),
            ["certifications"] = AttributeValue.MultiChoice(certifications),
            ["grade"] = AttributeValue.Choice(grade.Code),
            ["harvestDate"] = AttributeValue.Date(new DateOnly(2025, 1, 1).AddDays(random.Next(365))),
            ["netWeightGrams"] = AttributeValue.Integer(weight),
            ["shelfLifeDays"] = AttributeValue.Integer(3 + random.Next(360)),
            ["storage"] = AttributeValue.Choice(storage.Code),
        };
        return Create(n, AgriMarketDescriptor.MarketId, $"merchant-agri-{producer:00}", title, description, category, price, unit, attributes);
    }

    private static Listing Receipt(int n, ref Rng random)
    {
        var category = LeafPaths(Plastics)[random.Next(LeafPaths(Plastics).Count)];
        var polymer = category.Split('/')[0];
        var producer = Pick(Plastics, "producer", ref random);
        var warehouse = Pick(Plastics, "warehouse", ref random);
        var grade = $"{polymer[..1]}{random.Next(10)}{random.Next(100):00}{(char)('A' + random.Next(6))}";
        var tonnes = 5 * (1 + random.Next(20));
        var price = (650_000 + (random.Next(300) * 1_000)) / 100 * 100;
        var polymerNames = Plastics.Attributes.Single(a => a.Key == "polymer").AllowedValues.Single(v => v.Code == polymer).Names;
        var title = new LocalizedText(
            $"{producer.Names["zh-CN"]} {polymerNames["zh-CN"]} {grade} 仓单 {tonnes}吨",
            $"{producer.Names["en"]} {polymerNames["en"]} {grade} receipt, {tonnes} t");
        var description = new LocalizedText(
            $"标准品仓单，存于{warehouse.Names["zh-CN"]}，含税价，余姚交割。",
            $"Standard-grade receipt held at {warehouse.Names["en"]}, tax-inclusive, delivered in Yuyao.");
        var attributes = new Dictionary<string, AttributeValue>
        {
            ["polymer"] = AttributeValue.Choice(polymer),
            ["gradeCode"] = AttributeValue.Keyword(grade),
            ["producer"] = AttributeValue.Choice(producer.Code),
            ["warehouse"] = AttributeValue.Choice(warehouse.Code),
            ["meltFlowIndexCentigrams"] = AttributeValue.Integer(50 + random.Next(3_000)),
            ["netWeightKg"] = AttributeValue.Integer(tonnes * 1_000),
            ["productionDate"] = AttributeValue.Date(new DateOnly(2025, 1, 1).AddDays(random.Next(365))),
            ["inspectionCertificate"] = AttributeValue.Keyword($"QC-{n:00000000}"),
        };
        return Create(n, PlasticsReceiptMarketDescriptor.MarketId, $"merchant-plastics-{random.Next(40):00}", title, description, category, price, "tonne", attributes);
    }

    private static Listing Mould(int n, ref Rng random)
    {
        var category = LeafPaths(Moulds)[random.Next(LeafPaths(Moulds).Count)];
        var type = Pick(Moulds, "mouldType", ref random);
        var steel = Pick(Moulds, "steelGrade", ref random);
        var cavities = 1 << random.Next(6);
        var categoryNames = Moulds.Categories.Single(c => c.Code == category).Names;
        var price = 2_000_000 + (random.Next(400) * 100_000);
        var town = Towns[random.Next(6)];
        var title = new LocalizedText(
            $"{categoryNames["zh-CN"]}{type.Names["zh-CN"]} {cavities}腔 {steel.Code}",
            $"{type.Names["en"]} for {categoryNames["en"].ToLowerInvariant()}, {cavities} cavities, {steel.Code}");
        var description = new LocalizedText(
            $"余姚{town.Zh}模具厂设计制造，{steel.Names["zh-CN"]}，来样来图定制。",
            $"Designed and built by a mould maker in {town.En}, Yuyao; {steel.Names["en"]}; made to your sample or drawing.");
        var attributes = new Dictionary<string, AttributeValue>
        {
            ["mouldType"] = AttributeValue.Choice(type.Code),
            ["cavities"] = AttributeValue.Integer(cavities),
            ["steelGrade"] = AttributeValue.Choice(steel.Code),
            ["mouldLifeShots"] = AttributeValue.Integer(100_000 * (1 + random.Next(50))),
            ["hotRunner"] = AttributeValue.Boolean(random.Next(2) == 0),
            ["leadTimeDays"] = AttributeValue.Integer(20 + random.Next(60)),
            ["maxPartWeightGrams"] = AttributeValue.Integer(5 + random.Next(5_000)),
        };
        return Create(n, MouldMarketDescriptor.MarketId, $"merchant-mould-{random.Next(30):00}", title, description, category, price, "set", attributes);
    }

    private static Listing Create(int n, string market, string merchant, LocalizedText title, LocalizedText description, string category, long price, string unit, Dictionary<string, AttributeValue> attributes)
    {
        var created = Epoch.AddMinutes(n);
        return new Listing
        {
            Id = Id(n),
            MarketId = market,
            MerchantId = merchant,
            Title = title,
            Description = description,
            CategoryPath = category,
            Price = new Money(price, "CNY"),
            Unit = unit,
            Stock = 100,
            Attributes = attributes,
            Status = ListingStatus.Active,
            Version = 1,
            CreatedAt = created,
            UpdatedAt = created,
        };
    }

    private static AllowedValue Pick(MarketDescriptor market, string key, ref Rng random)
    {
        var values = market.Attributes.Single(a => a.Key == key).AllowedValues;
        return values[random.Next(values.Count)];
    }

    private static readonly Dictionary<string, IReadOnlyList<string>> Leaves = Markets.ToDictionary(m => m.Id, m => (IReadOnlyList<string>)Flatten(m.Categories, null).ToList());

    private static IReadOnlyList<string> LeafPaths(MarketDescriptor market) => Leaves[market.Id];

    private static IEnumerable<string> Flatten(IReadOnlyList<CategoryDefinition> categories, string? parent)
    {
        foreach (var category in categories)
        {
            var path = parent is null ? category.Code : $"{parent}/{category.Code}";
            if (category.Children.Count == 0)
            {
                yield return path;
            }

            foreach (var child in Flatten(category.Children, path))
            {
                yield return child;
            }
        }
    }

    /// <summary>SplitMix64 over (seed, listing number): a small, fast generator that needs no shared state.</summary>
    private struct Rng(ulong seed, ulong stream)
    {
        private ulong _state = seed ^ (stream * 0x9E37_79B9_7F4A_7C15);

        public int Next(int bound)
        {
            _state += 0x9E37_79B9_7F4A_7C15;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
            z ^= z >> 31;
            return (int)(z % (ulong)bound);
        }
    }
}
