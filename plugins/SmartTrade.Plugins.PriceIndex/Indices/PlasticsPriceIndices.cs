namespace SmartTrade.Plugins.PriceIndex.Indices;

/// <summary>The 中塑价格指数 family: one sub-index per polymer and the composite ZSPI.</summary>
public static class PlasticsPriceIndices
{
    /// <summary>The methodology the definitions below belong to.</summary>
    public const string MethodologyVersion = "1.0";

    private static readonly DateOnly BaseDate = new(2016, 1, 4);

    private static readonly TimeOnly[] PublicationTimes = [new(10, 0), new(15, 0)];

    /// <summary>Every index definition, the composite first.</summary>
    public static IReadOnlyList<IndexDefinition> All { get; } =
    [
        new()
        {
            Code = "ZSPI",
            Names = new("中塑价格综合指数", "Zhongsu plastics price index (composite)"),
            Kind = IndexKind.Composite,
            Polymers = ["PP", "HDPE", "LDPE", "LLDPE", "PVC", "ABS", "PS"],
            Constituents = ["ZSPI-PP", "ZSPI-PE", "ZSPI-PVC", "ZSPI-ABS", "ZSPI-PS"],
            BaseDate = BaseDate,
            PublicationTimes = PublicationTimes,
            MethodologyVersion = MethodologyVersion,
        },
        new()
        {
            Code = "ZSPI-PP",
            Names = new("中塑聚丙烯价格指数", "Zhongsu polypropylene price index"),
            Kind = IndexKind.Polymer,
            Polymers = ["PP"],
            Constituents = ["T30S", "S1003", "PPH-T03", "Z30S", "K8003", "EPS30R"],
            BaseDate = BaseDate,
            PublicationTimes = PublicationTimes,
            MethodologyVersion = MethodologyVersion,
        },
        new()
        {
            Code = "ZSPI-PE",
            Names = new("中塑聚乙烯价格指数", "Zhongsu polyethylene price index"),
            Kind = IndexKind.Polymer,
            Polymers = ["HDPE", "LDPE", "LLDPE"],
            Constituents = ["7042", "DFDA-7042", "218W", "2426H", "2426K", "5000S", "7000F", "DMDA-8008"],
            BaseDate = BaseDate,
            PublicationTimes = PublicationTimes,
            MethodologyVersion = MethodologyVersion,
        },
        new()
        {
            Code = "ZSPI-PVC",
            Names = new("中塑聚氯乙烯价格指数", "Zhongsu PVC price index"),
            Kind = IndexKind.Polymer,
            Polymers = ["PVC"],
            Constituents = ["SG-5", "SG-3", "SG-8", "S-1000"],
            BaseDate = BaseDate,
            PublicationTimes = PublicationTimes,
            MethodologyVersion = MethodologyVersion,
        },
        new()
        {
            Code = "ZSPI-ABS",
            Names = new("中塑 ABS 价格指数", "Zhongsu ABS price index"),
            Kind = IndexKind.Polymer,
            Polymers = ["ABS"],
            Constituents = ["0215A", "121H", "PA-757K", "8391", "AG15A1"],
            BaseDate = BaseDate,
            PublicationTimes = PublicationTimes,
            MethodologyVersion = MethodologyVersion,
        },
        new()
        {
            Code = "ZSPI-PS",
            Names = new("中塑聚苯乙烯价格指数", "Zhongsu polystyrene price index"),
            Kind = IndexKind.Polymer,
            Polymers = ["PS"],
            Constituents = ["GPPS-123P", "GP-525", "HIPS-688", "PH-88"],
            BaseDate = BaseDate,
            PublicationTimes = PublicationTimes,
            MethodologyVersion = MethodologyVersion,
        },
    ];
}
