using System.Buffers.Binary;
using System.Numerics;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>
/// The binary form of an <see cref="ExchangeCommand"/> in a journal: every field at a fixed offset, little-endian, the
/// same in the journal file and in the PostgreSQL journal's rows, so one format is read and written everywhere.
/// </summary>
internal static class ExchangeCommandCodec
{
    /// <summary>Bytes of one encoded command.</summary>
    public const int PayloadLength = 1 + 8 + 8 + 4 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 4 + 4 + 4 + 8;

    /// <summary>Writes <paramref name="c"/> into the first <see cref="PayloadLength"/> bytes of <paramref name="p"/>.</summary>
    public static void Encode(in ExchangeCommand c, Span<byte> p)
    {
        p[0] = (byte)c.Kind;
        BinaryPrimitives.WriteInt64LittleEndian(p[1..], c.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(p[9..], c.Timestamp);
        BinaryPrimitives.WriteInt32LittleEndian(p[17..], c.InstrumentId);
        BinaryPrimitives.WriteInt64LittleEndian(p[21..], c.TraderId);
        BinaryPrimitives.WriteInt64LittleEndian(p[29..], c.OrderId);
        BinaryPrimitives.WriteInt32LittleEndian(p[37..], (byte)c.Side | (byte)c.OrderType << 8 | (byte)c.TimeInForce << 16 | (byte)c.SelfTradePrevention << 24);
        BinaryPrimitives.WriteInt64LittleEndian(p[41..], c.Price);
        BinaryPrimitives.WriteInt64LittleEndian(p[49..], c.Quantity);
        BinaryPrimitives.WriteInt64LittleEndian(p[57..], c.Amount);
        BinaryPrimitives.WriteInt64LittleEndian(p[65..], c.Reference);
        BinaryPrimitives.WriteInt64LittleEndian(p[73..], c.TickSize);
        BinaryPrimitives.WriteInt64LittleEndian(p[81..], c.LotSize);
        BinaryPrimitives.WriteInt64LittleEndian(p[89..], c.MaxOrderLots);
        BinaryPrimitives.WriteInt32LittleEndian(p[97..], c.FeeBasisPoints);
        BinaryPrimitives.WriteInt32LittleEndian(p[101..], c.LimitBasisPoints);
        BinaryPrimitives.WriteInt32LittleEndian(p[105..], c.TradingDay);
        BinaryPrimitives.WriteInt64LittleEndian(p[109..], c.ClientKey);
    }

    /// <summary>Reads a command written by <see cref="Encode"/>.</summary>
    public static ExchangeCommand Decode(ReadOnlySpan<byte> p)
    {
        int flags = BinaryPrimitives.ReadInt32LittleEndian(p[37..]);
        return new ExchangeCommand
        {
            Kind = (ExchangeCommandKind)p[0],
            Sequence = BinaryPrimitives.ReadInt64LittleEndian(p[1..]),
            Timestamp = BinaryPrimitives.ReadInt64LittleEndian(p[9..]),
            InstrumentId = BinaryPrimitives.ReadInt32LittleEndian(p[17..]),
            TraderId = BinaryPrimitives.ReadInt64LittleEndian(p[21..]),
            OrderId = BinaryPrimitives.ReadInt64LittleEndian(p[29..]),
            Side = (Side)(flags & 0xFF),
            OrderType = (OrderType)(flags >> 8 & 0xFF),
            TimeInForce = (TimeInForce)(flags >> 16 & 0xFF),
            SelfTradePrevention = (SelfTradePrevention)(flags >> 24 & 0xFF),
            Price = BinaryPrimitives.ReadInt64LittleEndian(p[41..]),
            Quantity = BinaryPrimitives.ReadInt64LittleEndian(p[49..]),
            Amount = BinaryPrimitives.ReadInt64LittleEndian(p[57..]),
            Reference = BinaryPrimitives.ReadInt64LittleEndian(p[65..]),
            TickSize = BinaryPrimitives.ReadInt64LittleEndian(p[73..]),
            LotSize = BinaryPrimitives.ReadInt64LittleEndian(p[81..]),
            MaxOrderLots = BinaryPrimitives.ReadInt64LittleEndian(p[89..]),
            FeeBasisPoints = BinaryPrimitives.ReadInt32LittleEndian(p[97..]),
            LimitBasisPoints = BinaryPrimitives.ReadInt32LittleEndian(p[101..]),
            TradingDay = BinaryPrimitives.ReadInt32LittleEndian(p[105..]),
            ClientKey = BinaryPrimitives.ReadInt64LittleEndian(p[109..]),
        };
    }

    /// <summary>CRC-32C (Castagnoli) of <paramref name="data"/>, with the hardware instruction where there is one.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        }
        for (; i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }
        return ~crc;
    }

}
