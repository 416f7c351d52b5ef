using System.Buffers.Binary;
using System.Numerics;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>Where the exchange's applied commands are made durable, in sequence order.</summary>
public interface IExchangeJournal : IDisposable
{
    /// <summary>Every durable command, in order. Called once, before the first append.</summary>
    IEnumerable<ExchangeCommand> ReadAll();

    /// <summary>Adds a command to the group being written; it is not durable until <see cref="Commit"/> returns.</summary>
    void Append(in ExchangeCommand command);

    /// <summary>Writes the group and waits until the storage has it (fsync). Throws when it cannot.</summary>
    void Commit();
}

/// <summary>
/// An append-only journal file. Each record is a length, a CRC-32C of the payload, and the command's fields in
/// little-endian order; a group of records is written with one write and one fsync (group commit). A crash can
/// leave only the last group half-written: reading stops at the first record whose length or checksum does not
/// hold and the file is cut back to the last whole record, whose commands were never acknowledged.
/// </summary>
public sealed class FileJournal : IExchangeJournal
{
    private const uint Magic = 0x4A585453; // "STXJ"
    private const ushort FormatVersion = 1;
    private const int HeaderLength = 8;
    private const int RecordHeaderLength = 8;
    internal const int PayloadLength = 1 + 8 + 8 + 4 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 4 + 4 + 4 + 8;

    private readonly FileStream _file;
    private byte[] _buffer = new byte[64 * (RecordHeaderLength + PayloadLength)];
    private int _buffered;
    private bool _read;

    /// <summary>Opens (or creates) the journal at <paramref name="path"/>, exclusively.</summary>
    public FileJournal(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        if (_file.Length == 0)
        {
            Span<byte> header = stackalloc byte[HeaderLength];
            BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], FormatVersion);
            _file.Write(header);
            _file.Flush(flushToDisk: true);
        }
        FilePath = path;
    }

    /// <summary>The journal file.</summary>
    public string FilePath { get; }

    /// <summary>Bytes of whole records cut off the end when the journal was read (a torn last write).</summary>
    public long TruncatedBytes { get; private set; }

    /// <inheritdoc />
    public IEnumerable<ExchangeCommand> ReadAll()
    {
        if (_read)
        {
            throw new InvalidOperationException("The journal has been read already.");
        }
        _read = true;
        return ReadRecords();
    }

    private IEnumerable<ExchangeCommand> ReadRecords()
    {
        _file.Position = 0;
        var header = new byte[HeaderLength];
        if (_file.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength
            || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            throw new InvalidDataException($"{FilePath} is not an exchange journal.");
        }
        if (BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4)) != FormatVersion)
        {
            throw new InvalidDataException($"{FilePath} has journal format {BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4))}; this version reads {FormatVersion}.");
        }

        using var reader = new BufferedStream(new NonClosingStream(_file), 1 << 16);
        var record = new byte[RecordHeaderLength + PayloadLength];
        long good = HeaderLength;
        long previous = 0;
        while (true)
        {
            int read = reader.ReadAtLeast(record, record.Length, throwOnEndOfStream: false);
            if (read < record.Length
                || BinaryPrimitives.ReadUInt32LittleEndian(record) != PayloadLength
                || BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(4)) != Crc32C(record.AsSpan(RecordHeaderLength)))
            {
                break;
            }
            var command = Decode(record.AsSpan(RecordHeaderLength));
            if (command.Sequence <= previous)
            {
                break;
            }
            previous = command.Sequence;
            good += record.Length;
            yield return command;
        }

        TruncatedBytes = _file.Length - good;
        if (TruncatedBytes > 0)
        {
            _file.SetLength(good);
            _file.Flush(flushToDisk: true);
        }
        _file.Position = good;
    }

    /// <inheritdoc />
    public void Append(in ExchangeCommand command)
    {
        const int recordLength = RecordHeaderLength + PayloadLength;
        if (_buffered + recordLength > _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var record = _buffer.AsSpan(_buffered, recordLength);
        Encode(command, record[RecordHeaderLength..]);
        BinaryPrimitives.WriteUInt32LittleEndian(record, PayloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32C(record[RecordHeaderLength..]));
        _buffered += recordLength;
    }

    /// <inheritdoc />
    public void Commit()
    {
        if (_buffered == 0)
        {
            return;
        }
        if (!_read)
        {
            throw new InvalidOperationException("Read the journal before appending to it.");
        }
        _file.Write(_buffer, 0, _buffered);
        _file.Flush(flushToDisk: true);
        _buffered = 0;
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    internal static void Encode(in ExchangeCommand c, Span<byte> p)
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

    internal static ExchangeCommand Decode(ReadOnlySpan<byte> p)
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

    internal static uint Crc32C(ReadOnlySpan<byte> data)
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

    /// <summary>Lets a buffered reader sit on the journal's stream without closing it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
