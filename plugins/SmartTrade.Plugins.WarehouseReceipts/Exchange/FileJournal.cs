using System.Buffers.Binary;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>Where the exchange's applied commands are made durable, in sequence order.</summary>
public interface IExchangeJournal : IDisposable
{
    /// <summary>Every durable command, in order. Called once, before the first append.</summary>
    IEnumerable<ExchangeCommand> ReadAll();

    /// <summary>
    /// The durable commands after <paramref name="sequence"/>, in order: what an exchange whose state already holds the
    /// commands up to <paramref name="sequence"/> (a follower's replica taking over) still has to apply. Called once,
    /// instead of <see cref="ReadAll"/>, before the first append.
    /// </summary>
    IEnumerable<ExchangeCommand> ReadAfter(long sequence) => sequence == 0 ? ReadAll() : ReadAll().Where(c => c.Sequence > sequence);

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
    private const int PayloadLength = ExchangeCommandCodec.PayloadLength;

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
                || BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(4)) != ExchangeCommandCodec.Crc32C(record.AsSpan(RecordHeaderLength)))
            {
                break;
            }
            var command = ExchangeCommandCodec.Decode(record.AsSpan(RecordHeaderLength));
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
        ExchangeCommandCodec.Encode(command, record[RecordHeaderLength..]);
        BinaryPrimitives.WriteUInt32LittleEndian(record, PayloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], ExchangeCommandCodec.Crc32C(record[RecordHeaderLength..]));
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
