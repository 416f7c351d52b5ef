using SmartTrade.Sdk.Localization;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>
/// A deliverable grade: one producer's polymer grade (PP T30S by 镇海炼化). Grades of the same polymer and grade code
/// from different producers are one instrument and trade as one.
/// </summary>
public sealed class Grade
{
    /// <summary>The grade's id.</summary>
    public int Id { get; set; }

    /// <summary>The polymer code (PP, HDPE, LDPE, LLDPE, PVC, ABS, PS, PET).</summary>
    public required string Polymer { get; set; }

    /// <summary>The producer's grade code, such as <c>T30S</c>.</summary>
    public required string GradeCode { get; set; }

    /// <summary>The producer's code, as the market's <c>producer</c> attribute uses it (e.g. <c>zhenhai-refining</c>).</summary>
    public required string Producer { get; set; }

    /// <summary>The producer's name in Simplified Chinese.</summary>
    public required string ProducerNameZh { get; set; }

    /// <summary>The producer's name in English.</summary>
    public required string ProducerNameEn { get; set; }

    /// <summary>The product form in the market's category tree (e.g. <c>raffia</c> under PP).</summary>
    public required string Form { get; set; }

    /// <summary>Melt flow index in centigrams per 10 minutes (3.0 g/10 min = 300), when the grade has one.</summary>
    public int? MeltFlowIndexCentigrams { get; set; }

    /// <summary>The instrument this grade is delivered under.</summary>
    public required string InstrumentCode { get; set; }

    /// <summary>The producer's name in both languages.</summary>
    public LocalizedText ProducerNames => new(ProducerNameZh, ProducerNameEn);
}

/// <summary>A traded instrument: one polymer and grade code (<c>PP-T30S</c>), quoted in fen per tonne, quantities in kg.</summary>
public sealed class Instrument
{
    /// <summary>The instrument's code: polymer and grade code, such as <c>PP-T30S</c>.</summary>
    public required string Code { get; set; }

    /// <summary>The polymer code.</summary>
    public required string Polymer { get; set; }

    /// <summary>The grade code.</summary>
    public required string GradeCode { get; set; }

    /// <summary>The name in Simplified Chinese.</summary>
    public required string NameZh { get; set; }

    /// <summary>The name in English.</summary>
    public required string NameEn { get; set; }

    /// <summary>Smallest price step, in fen per tonne (100 = 1 yuan/t).</summary>
    public long TickSize { get; set; }

    /// <summary>Smallest quantity step, in kg (1,000 = 1 t).</summary>
    public long LotSize { get; set; }

    /// <summary>Largest order, in lots.</summary>
    public long MaxOrderLots { get; set; }

    /// <summary>The exchange's number for the instrument, unique, from 1 (the matching engine keys on integers).</summary>
    public int TradingId { get; set; }

    /// <summary>The settlement price the exchange starts from when it first lists the instrument, in fen per tonne.</summary>
    public long ReferencePrice { get; set; }

    /// <summary>The name in both languages.</summary>
    public LocalizedText Names => new(NameZh, NameEn);

    /// <summary>The trading rules the matching engine takes.</summary>
    public Trading.InstrumentSpec ToSpec() => new() { TickSize = TickSize, LotSize = LotSize, MaxOrderLots = MaxOrderLots };
}
