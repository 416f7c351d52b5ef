namespace SmartTrade.Plugins.PriceIndex.Indices;

/// <summary>The 中塑价格指数 family: one sub-index per polymer and the composite ZSPI.</summary>
public static class PlasticsPriceIndices
{
    /// <summary>The methodology the definitions below belong to.</summary>
    public const string MethodologyVersion = "1.0";

    /// <summary>The base date: the first trading day of the published history (the closing window's value is 1000).</summary>
    public static readonly DateOnly BaseDate = new(2025, 12, 1);

    /// <summary>The default publication windows, Asia/Shanghai.</summary>
    public static readonly TimeOnly[] PublicationTimes = [new(10, 0), new(15, 0)];

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
            Constituents = ["PP-T30S", "PP-K8003", "PP-Z30S"],
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
            Constituents = ["HDPE-5000S", "HDPE-DMDA8008", "LLDPE-7042", "LDPE-2426H"],
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
            Constituents = ["PVC-SG-5"],
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
            Constituents = ["ABS-0215A", "ABS-PA-757"],
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
            Constituents = ["PS-GPPS-123P"],
            BaseDate = BaseDate,
            PublicationTimes = PublicationTimes,
            MethodologyVersion = MethodologyVersion,
        },
    ];

    /// <summary>
    /// Every grade assessed, as the receipt market's instrument codes: the constituents of the polymer sub-indices, then
    /// PET, which is assessed and published per grade but belongs to no index (DOMAIN: PP, PE, PVC, ABS, PS).
    /// </summary>
    public static IReadOnlyList<string> Grades { get; } =
        [.. All.Where(i => i.Kind == IndexKind.Polymer).SelectMany(i => i.Constituents), "PET-CR-8816"];

    /// <summary>The definition with this code, or null.</summary>
    /// <param name="code">An index code such as <c>ZSPI-PP</c> (case-insensitive).</param>
    public static IndexDefinition? Find(string? code)
        => All.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));
}
