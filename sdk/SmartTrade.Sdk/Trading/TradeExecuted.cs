using System.Text.Json.Serialization;
using MediatR;

namespace SmartTrade.Sdk.Trading;

/// <summary>
/// A trade concluded on an exchange market (such as the plastics warehouse-receipt exchange), published as a MediatR
/// notification once the trade is durable. Price indices and other plugins consume it. Delivery is at least once and
/// in trade order per instrument: a handler may see a trade again after a restart and should key on
/// <see cref="TradeId"/>.
/// </summary>
public sealed record TradeExecuted : INotification
{
    /// <summary>A stable, unique id of the trade, e.g. <c>PP-T30S-000123</c>.</summary>
    [JsonPropertyName("tradeId")]
    public required string TradeId { get; init; }

    /// <summary>The market it traded on, e.g. <c>plastics-receipts</c>.</summary>
    [JsonPropertyName("marketId")]
    public required string MarketId { get; init; }

    /// <summary>The instrument's code, e.g. <c>PP-T30S</c>.</summary>
    [JsonPropertyName("instrumentCode")]
    public required string InstrumentCode { get; init; }

    /// <summary>The commodity family of the instrument, e.g. <c>PP</c>.</summary>
    [JsonPropertyName("commodity")]
    public required string Commodity { get; init; }

    /// <summary>The trade's sequence number on its instrument, from 1.</summary>
    [JsonPropertyName("sequence")]
    public required long Sequence { get; init; }

    /// <summary>The price per <see cref="PriceUnit"/>, in the currency's minor unit (fen).</summary>
    [JsonPropertyName("priceMinor")]
    public required long PriceMinor { get; init; }

    /// <summary>ISO 4217 currency of the price, e.g. <c>CNY</c>.</summary>
    [JsonPropertyName("currency")]
    public required string Currency { get; init; }

    /// <summary>What the price is per, e.g. <c>t</c> (tonne).</summary>
    [JsonPropertyName("priceUnit")]
    public required string PriceUnit { get; init; }

    /// <summary>The quantity traded in <see cref="QuantityUnit"/>.</summary>
    [JsonPropertyName("quantity")]
    public required long Quantity { get; init; }

    /// <summary>The unit of <see cref="Quantity"/>, e.g. <c>kg</c>.</summary>
    [JsonPropertyName("quantityUnit")]
    public required string QuantityUnit { get; init; }

    /// <summary>The traded value in the currency's minor unit.</summary>
    [JsonPropertyName("valueMinor")]
    public required long ValueMinor { get; init; }

    /// <summary>When the trade was executed.</summary>
    [JsonPropertyName("executedAt")]
    public required DateTimeOffset ExecutedAt { get; init; }
}
