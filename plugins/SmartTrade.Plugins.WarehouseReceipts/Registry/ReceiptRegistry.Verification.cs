using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>One log entry in a receipt's history, with what verification found of it.</summary>
/// <param name="Sequence">Position in the chain.</param>
/// <param name="At">When the change was made.</param>
/// <param name="Action">What happened.</param>
/// <param name="ActorId">Who made it.</param>
/// <param name="ReceiptNumbers">The receipts concerned.</param>
/// <param name="Details">The change's parameters and the receipts' states after it.</param>
/// <param name="PreviousHash">The stored hash of the entry before.</param>
/// <param name="Hash">The stored hash of this entry.</param>
/// <param name="HashValid">Whether this entry's content still gives its stored hash.</param>
/// <param name="LinkValid">Whether it links to its neighbours: its previous hash is the entry before's (itself intact), and the entry after (or the chain head) carries its hash.</param>
public sealed record HistoryEntry(
    long Sequence,
    DateTimeOffset At,
    string Action,
    string ActorId,
    IReadOnlyList<string> ReceiptNumbers,
    JsonElement Details,
    string PreviousHash,
    string Hash,
    bool HashValid,
    bool LinkValid);

/// <summary>A receipt's verifiable history: every log entry about it and the receipts it came from.</summary>
/// <param name="Number">The receipt number.</param>
/// <param name="Receipt">The receipt as registered now.</param>
/// <param name="Intact">Whether every entry's hash and links check out and the receipt matches its last logged state.</param>
/// <param name="MatchesLog">Whether the receipt's owner, grade, warehouse, quantity and status are those the log last recorded.</param>
/// <param name="Problems">What failed, if anything.</param>
/// <param name="History">The entries, oldest first, with the receipts it came from (lineage).</param>
public sealed record ReceiptVerification(
    string Number,
    ReceiptView Receipt,
    bool Intact,
    bool MatchesLog,
    IReadOnlyList<string> Problems,
    IReadOnlyList<HistoryEntry> History);

/// <summary>The whole chain's verification.</summary>
/// <param name="Intact">Whether every entry recomputes to its hash, links to the one before, and the head is the last.</param>
/// <param name="Entries">How many entries were checked.</param>
/// <param name="HeadSequence">The head's sequence.</param>
/// <param name="HeadHash">The head's hash.</param>
/// <param name="FirstBrokenSequence">The first entry that failed, if any.</param>
/// <param name="Problem">What failed, if anything.</param>
public sealed record ChainVerification(bool Intact, long Entries, long HeadSequence, string HeadHash, long? FirstBrokenSequence, string? Problem);

/// <content>Verification of a receipt's history and of the whole chain.</content>
public sealed partial class ReceiptRegistry
{
    /// <summary>Most receipt numbers or log sequences one verification query asks for.</summary>
    private const int ReadChunk = 1_000;

    /// <summary>
    /// A receipt's history with its verification: the entries about it and about the receipts it came from (a split's
    /// or merge's sources, back to issue), each recomputed and checked against its neighbours in the chain, and the
    /// receipt compared with the state the log last recorded for it. <see langword="null"/> when there is no such receipt.
    /// </summary>
    /// <param name="number">The receipt number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ReceiptVerification?> VerifyAsync(string number, CancellationToken cancellationToken)
    {
        var receipt = await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
        if (receipt is null)
        {
            return null;
        }

        // A receipt joined from many others (deliveries join lots) has a long lineage: it is read in chunks, each well
        // inside the number of parameters a statement may have.
        var lineage = await LineageAsync(receipt, cancellationToken);
        var sequences = new HashSet<long>();
        foreach (var chunk in lineage.Chunk(ReadChunk))
        {
            sequences.UnionWith(await db.RegistryLogReceipts.AsNoTracking()
                .Where(i => chunk.Contains(i.ReceiptNumber)).Select(i => i.Sequence).ToListAsync(cancellationToken));
        }

        // Each entry's neighbours are read too, to check the links on both sides.
        var wanted = sequences.SelectMany(s => new[] { s - 1, s, s + 1 }).Where(s => s > 0).Distinct().ToList();
        var entries = new Dictionary<long, RegistryLogEntry>();
        foreach (var chunk in wanted.Chunk(ReadChunk))
        {
            foreach (var entry in await db.RegistryLog.AsNoTracking().Where(e => chunk.Contains(e.Sequence)).ToListAsync(cancellationToken))
            {
                entries[entry.Sequence] = entry;
            }
        }
        var head = await db.ChainHead.AsNoTracking().SingleAsync(h => h.Id == RegistryChainHead.SingletonId, cancellationToken);

        var problems = new List<string>();
        var history = new List<HistoryEntry>();
        foreach (var sequence in sequences.Order())
        {
            if (!entries.TryGetValue(sequence, out var entry))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Entry {sequence} is indexed but missing from the log."));
                continue;
            }

            var hashValid = entry.ComputeHash() == entry.Hash;
            var linkValid = LinksBack(entry, entries) && LinksForward(entry, entries, head);
            if (!hashValid)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Entry {sequence} was altered: its content no longer gives its hash."));
            }

            if (!linkValid)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"Entry {sequence} does not link to its neighbours in the chain."));
            }

            history.Add(new HistoryEntry(
                entry.Sequence, entry.At, entry.Action, entry.ActorId, entry.ReceiptNumbers.Split(',', StringSplitOptions.RemoveEmptyEntries),
                ParseDetails(entry.Details), entry.PreviousHash, entry.Hash, hashValid, linkValid));
        }

        var matches = MatchesLastLoggedState(receipt, history);
        if (!matches)
        {
            problems.Add($"Receipt {number} differs from the state the log last recorded for it.");
        }

        return new ReceiptVerification(number, ReceiptView.Of(receipt), problems.Count == 0, matches, problems, history);
    }

    /// <summary>Verifies the whole chain from the first entry to the head, in batches.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ChainVerification> VerifyChainAsync(CancellationToken cancellationToken)
    {
        const int batch = 1_000;
        var head = await db.ChainHead.AsNoTracking().SingleAsync(h => h.Id == RegistryChainHead.SingletonId, cancellationToken);
        var (expected, previousHash, count) = (1L, RegistryHash.Genesis, 0L);
        while (true)
        {
            var from = expected;
            var entries = await db.RegistryLog.AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence).Take(batch).ToListAsync(cancellationToken);
            foreach (var entry in entries)
            {
                var problem = entry.Sequence != expected ? string.Create(CultureInfo.InvariantCulture, $"entry {expected} is missing")
                    : entry.PreviousHash != previousHash ? "its previous hash is not the hash of the entry before"
                    : entry.ComputeHash() != entry.Hash ? "its content no longer gives its hash"
                    : null;
                if (problem is not null)
                {
                    return new ChainVerification(false, count, head.Sequence, head.Hash, expected, problem);
                }

                (expected, previousHash, count) = (expected + 1, entry.Hash, count + 1);
            }

            if (entries.Count < batch)
            {
                break;
            }
        }

        return head.Sequence == count && head.Hash == previousHash
            ? new ChainVerification(true, count, head.Sequence, head.Hash, null, null)
            : new ChainVerification(false, count, head.Sequence, head.Hash, count + 1, "the chain head is not the last entry");
    }

    /// <summary>The receipt and those it came from, back to the receipts issued for load-ins.</summary>
    private async Task<List<string>> LineageAsync(WarehouseReceipt receipt, CancellationToken cancellationToken)
    {
        var lineage = new List<string> { receipt.Number };
        var seen = new HashSet<string>(StringComparer.Ordinal) { receipt.Number };
        var next = receipt.Sources.ToList();
        while (next.Count > 0 && lineage.Count < 10_000)
        {
            var fresh = next.Where(seen.Add).ToList();
            lineage.AddRange(fresh);
            var sources = new List<string>();
            foreach (var chunk in fresh.Chunk(ReadChunk))
            {
                sources.AddRange(await db.Receipts.AsNoTracking().Where(r => chunk.Contains(r.Number) && r.SourceNumbers != null)
                    .Select(r => r.SourceNumbers!).ToListAsync(cancellationToken));
            }

            next = sources.SelectMany(s => s.Split(',')).ToList();
        }

        return lineage;
    }

    private static bool LinksBack(RegistryLogEntry entry, Dictionary<long, RegistryLogEntry> entries)
        => entry.Sequence == 1
            ? entry.PreviousHash == RegistryHash.Genesis
            : entries.TryGetValue(entry.Sequence - 1, out var before) && before.Hash == entry.PreviousHash && before.ComputeHash() == before.Hash;

    private static bool LinksForward(RegistryLogEntry entry, Dictionary<long, RegistryLogEntry> entries, RegistryChainHead head)
        => entries.TryGetValue(entry.Sequence + 1, out var after)
            ? after.PreviousHash == entry.Hash
            : head.Sequence == entry.Sequence && head.Hash == entry.Hash;

    private static bool MatchesLastLoggedState(WarehouseReceipt receipt, List<HistoryEntry> history)
    {
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (!history[i].Details.TryGetProperty("receipts", out var states) || states.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var state in states.EnumerateArray())
            {
                if (state.TryGetProperty("number", out var n) && n.GetString() == receipt.Number)
                {
                    try
                    {
                        return state.Deserialize<ReceiptState>(DetailsJson) == StateOf(receipt);
                    }
                    catch (JsonException)
                    {
                        return false;
                    }
                }
            }
        }

        return false;
    }

    private static JsonElement ParseDetails(string details)
    {
        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // A tampered entry may not even be JSON; its hash check already reports it.
            return JsonSerializer.SerializeToElement(details);
        }
    }
}
