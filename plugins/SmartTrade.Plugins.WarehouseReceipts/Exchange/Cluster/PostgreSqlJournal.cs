using Npgsql;
using NpgsqlTypes;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;

/// <summary>
/// A journal write was refused because another owner has taken the exchange since this one did (its fencing token is
/// higher): nothing of the group was stored, and this host must stop acting as the owner.
/// </summary>
/// <param name="message">Which token was refused and which one holds the journal.</param>
public sealed class JournalFencedException(string message) : Exception(message);

/// <summary>
/// The exchange's journal in PostgreSQL, for several hosts sharing one database (cluster mode). Each journaled command
/// is a row of <see cref="JournalTable"/>: its sequence, the fencing token of the owner that wrote it and the command in
/// the journal file's binary encoding (<see cref="ExchangeCommandCodec"/>). Beside it, <see cref="FenceTable"/> holds
/// the highest fencing token that has taken the journal.
/// </summary>
/// <remarks>
/// <para>
/// Taking the journal (<see cref="TakeOwnershipAsync"/>) raises the fence to this owner's token before anything is
/// read, and every group commit is one statement that locks the fence row (<c>FOR SHARE</c>) and inserts the group only
/// while the fence still holds this owner's token. The raise waits for a commit in flight and every later commit of a
/// deposed owner finds a higher token and stores nothing, so an owner that lost its lease without noticing (paused,
/// partitioned) can never write again, and the new owner reads every row the old one committed.
/// </para>
/// <para>
/// A group is inserted with one parameter holding the group's encoded commands back to back: one round trip and one
/// WAL flush per group, whatever its size, and no allocation per command.
/// </para>
/// </remarks>
public sealed class PostgreSqlJournal : IExchangeJournal
{
    /// <summary>The journal's table (created by the plugin's PostgreSQL migrations).</summary>
    public const string JournalTable = "warehouse_receipts_exchange_journal";

    /// <summary>The fence's table: one row per journal name with the highest token that took it.</summary>
    public const string FenceTable = "warehouse_receipts_exchange_fence";

    private const int PayloadLength = ExchangeCommandCodec.PayloadLength;

    private static readonly string InsertGroup = $"""
        WITH fence AS (SELECT token FROM {FenceTable} WHERE name = @name AND token = @token FOR SHARE)
        INSERT INTO {JournalTable} (sequence, fencing_token, payload)
        SELECT @first + i, @token, substring(@payload FROM i * {PayloadLength} + 1 FOR {PayloadLength})
        FROM fence, generate_series(0, @count - 1) AS i
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _name;
    private byte[] _buffer = new byte[256 * PayloadLength];
    private int _count;
    private long _first;
    private bool _owned;
    private bool _read;

    /// <summary>The journal named <paramref name="name"/> in the database of <paramref name="dataSource"/>, written under <paramref name="fencingToken"/>.</summary>
    /// <param name="dataSource">The database (the host's PostgreSQL database).</param>
    /// <param name="fencingToken">The owner's fencing token (its lease's), greater than every earlier owner's.</param>
    /// <param name="name">The fence's name: the name of the lease that guards the journal.</param>
    public PostgreSqlJournal(NpgsqlDataSource dataSource, long fencingToken, string name)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fencingToken);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _dataSource = dataSource;
        _name = name;
        FencingToken = fencingToken;
    }

    /// <summary>The token this journal writes under.</summary>
    public long FencingToken { get; }

    /// <summary>
    /// Raises the fence to <see cref="FencingToken"/> (creating it the first time), so no owner with a lower token
    /// can write again. Call it before reading the journal; a commit in flight of the previous owner completes first.
    /// </summary>
    /// <exception cref="JournalFencedException">The fence already holds this token or a higher one: another owner took the journal since.</exception>
    public async Task TakeOwnershipAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {FenceTable} (name, token) VALUES (@name, @token)
            ON CONFLICT (name) DO UPDATE SET token = EXCLUDED.token WHERE {FenceTable}.token < EXCLUDED.token
            """);
        command.Parameters.AddWithValue("name", _name);
        command.Parameters.AddWithValue("token", FencingToken);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new JournalFencedException($"The exchange journal '{_name}' was taken with a token at least {FencingToken} already; this owner may not write it.");
        }

        _owned = true;
    }

    /// <inheritdoc />
    public IEnumerable<ExchangeCommand> ReadAll() => ReadAfter(0);

    /// <inheritdoc />
    public IEnumerable<ExchangeCommand> ReadAfter(long sequence)
    {
        if (_read)
        {
            throw new InvalidOperationException("The journal has been read already.");
        }

        _read = true;
        return ReadRows(sequence);
    }

    private IEnumerable<ExchangeCommand> ReadRows(long after)
    {
        using var connection = _dataSource.OpenConnection();
        using var command = new NpgsqlCommand($"SELECT sequence, payload FROM {JournalTable} WHERE sequence > @after ORDER BY sequence", connection);
        command.Parameters.AddWithValue("after", after);
        using var reader = command.ExecuteReader();
        var previous = after;
        while (reader.Read())
        {
            var entry = Decode(reader.GetInt64(0), (byte[])reader[1], previous);
            previous = entry.Sequence;
            yield return entry;
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> journaled commands after <paramref name="sequence"/>, in order: what a follower's
    /// replica applies next. Stops before a gap (none is expected: groups commit one after the other).
    /// </summary>
    public static async Task<IReadOnlyList<ExchangeCommand>> ReadAfterAsync(NpgsqlDataSource dataSource, long sequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand($"SELECT sequence, payload FROM {JournalTable} WHERE sequence > @after ORDER BY sequence LIMIT @limit");
        command.Parameters.AddWithValue("after", sequence);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var commands = new List<ExchangeCommand>();
        var previous = sequence;
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowSequence = reader.GetInt64(0);
            if (rowSequence != previous + 1)
            {
                break;
            }

            var entry = Decode(rowSequence, await reader.GetFieldValueAsync<byte[]>(1, cancellationToken), previous);
            commands.Add(entry);
            previous = entry.Sequence;
        }

        return commands;
    }

    /// <summary>The highest journaled sequence (0 for an empty journal).</summary>
    public static async Task<long> LastSequenceAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand($"SELECT coalesce(max(sequence), 0) FROM {JournalTable}");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <inheritdoc />
    public void Append(in ExchangeCommand command)
    {
        if (_count == 0)
        {
            _first = command.Sequence;
        }
        else if (command.Sequence != _first + _count)
        {
            throw new ArgumentException($"Command sequence {command.Sequence} does not follow {_first + _count - 1} in the group.", nameof(command));
        }

        if ((_count + 1) * PayloadLength > _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        ExchangeCommandCodec.Encode(command, _buffer.AsSpan(_count * PayloadLength, PayloadLength));
        _count++;
    }

    /// <inheritdoc />
    /// <exception cref="JournalFencedException">Another owner has taken the journal; nothing of the group was stored.</exception>
    public void Commit()
    {
        if (_count == 0)
        {
            return;
        }

        if (!_owned || !_read)
        {
            throw new InvalidOperationException("Take ownership of the journal and read it before appending to it.");
        }

        var count = _count;
        _count = 0;
        using var command = _dataSource.CreateCommand(InsertGroup);
        command.Parameters.AddWithValue("name", _name);
        command.Parameters.AddWithValue("token", FencingToken);
        command.Parameters.AddWithValue("first", _first);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Bytea) { Value = new ArraySegment<byte>(_buffer, 0, count * PayloadLength) });
        var inserted = command.ExecuteNonQuery();
        if (inserted != count)
        {
            throw new JournalFencedException($"The exchange journal '{_name}' has been taken by a newer owner than token {FencingToken}; {count} commands were not stored.");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The data source belongs to whoever made the journal (the cluster reuses it for every owner term).
    }

    private static ExchangeCommand Decode(long sequence, byte[] payload, long previous)
    {
        if (payload.Length != PayloadLength)
        {
            throw new InvalidDataException($"Journal row {sequence} holds {payload.Length} bytes, not a command of {PayloadLength}.");
        }

        var command = ExchangeCommandCodec.Decode(payload);
        if (command.Sequence != sequence || sequence <= previous)
        {
            throw new InvalidDataException($"Journal row {sequence} holds command {command.Sequence} after {previous}; the journal is damaged.");
        }

        return command;
    }
}
