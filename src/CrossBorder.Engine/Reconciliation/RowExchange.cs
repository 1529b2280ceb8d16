using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>
/// Hands parsed rows between the workers of a parallel read, so that each partition of the key store is written by one
/// worker only: the partitions are split into one contiguous range per worker (neighbouring tables, whose objects sit side
/// by side in memory, mostly share an owner). A worker that parses a row of another worker's partition appends
/// it to a <see cref="RowBatch"/> for that worker; full batches, and at the end of each block the partial ones, go to the
/// owner's inbox, which the owner applies at the start of each of its blocks and once more when the file ends.
/// </summary>
/// <remarks>
/// Before this, both workers added to every partition under a lock per partition: each insert then took a lock word,
/// a table's counters and the tail of its entries from the other core's cache (the expected file, nearly all inserts,
/// cost 40% more CPU on two threads than on one). A batch instead crosses once, in order, read sequentially.
/// </remarks>
internal sealed class RowExchange
{
    private readonly ConcurrentQueue<RowBatch>[] _inboxes;
    private readonly ConcurrentQueue<RowBatch> _free = new();
    private readonly int[] _owners = new int[KeyStore.Partitions];

    /// <summary>An exchange between <paramref name="workers"/> workers (at least 2; past <see cref="KeyStore.Partitions"/>, the others only parse).</summary>
    public RowExchange(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 2);
        Workers = workers;
        _inboxes = new ConcurrentQueue<RowBatch>[workers];
        for (var w = 0; w < workers; w++)
        {
            _inboxes[w] = new ConcurrentQueue<RowBatch>();
        }
        for (var p = 0; p < _owners.Length; p++)
        {
            _owners[p] = (int)((long)p * workers / KeyStore.Partitions);
        }
    }

    /// <summary>The number of workers.</summary>
    public int Workers { get; }

    /// <summary>The worker that adds the keys of <paramref name="partition"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int OwnerOf(int partition) => _owners[partition];

    /// <summary>An empty batch for rows of <paramref name="file"/> (whose amount is in column <paramref name="amountColumn"/>, for overflow rejects).</summary>
    public RowBatch Rent(string file, int amountColumn)
    {
        if (!_free.TryDequeue(out var batch))
        {
            batch = new RowBatch();
        }
        batch.Start(file, amountColumn);
        return batch;
    }

    /// <summary>Puts <paramref name="batch"/> in <paramref name="worker"/>'s inbox (the sender no longer touches it).</summary>
    public void Send(int worker, RowBatch batch)
    {
        _inboxes[worker].Enqueue(batch);
        var pending = Interlocked.Increment(ref _pending);
        // The most batches ever waiting at once (all inboxes), for tests: memory must not grow with the lines.
        for (var most = Volatile.Read(ref _mostPending); pending > most; most = Volatile.Read(ref _mostPending))
        {
            if (Interlocked.CompareExchange(ref _mostPending, pending, most) == most)
            {
                break;
            }
        }
    }

    /// <summary>The oldest batch in <paramref name="worker"/>'s inbox; false when it is empty.</summary>
    public bool TryReceive(int worker, [NotNullWhen(true)] out RowBatch? batch)
    {
        if (!_inboxes[worker].TryDequeue(out batch))
        {
            return false;
        }
        Interlocked.Decrement(ref _pending);
        return true;
    }

    private int _pending;
    private int _mostPending;

    /// <summary>The most batches that waited in the inboxes at once.</summary>
    public int MostPending => Volatile.Read(ref _mostPending);

    /// <summary>Gives an applied batch back for reuse.</summary>
    public void Return(RowBatch batch) => _free.Enqueue(batch);

    /// <summary>Whether every inbox is empty.</summary>
    public bool IsEmpty => _inboxes.All(static inbox => inbox.IsEmpty);

    /// <summary>Empties every inbox without applying anything (a read that failed: its rows are not added).</summary>
    public void Discard()
    {
        foreach (var inbox in _inboxes)
        {
            while (inbox.TryDequeue(out var batch))
            {
                Interlocked.Decrement(ref _pending);
                Return(batch);
            }
        }
    }
}

/// <summary>
/// Rows bound for one worker: each row's fields, and in <see cref="Bytes"/> its key as the table holds it followed by
/// its amount's text (quoted if the line overflows).
/// </summary>
internal sealed class RowBatch
{
    /// <summary>Rows per batch.</summary>
    internal const int Capacity = 1024;

    private const int InitialBytes = 64 * 1024;

    public StagedRow[] Rows { get; } = new StagedRow[Capacity];

    public byte[] Bytes { get; private set; } = new byte[InitialBytes];

    public int Count { get; private set; }

    public int BytesUsed { get; private set; }

    /// <summary>The file the rows come from.</summary>
    public string File { get; private set; } = "";

    /// <summary>The 1-based column of the amount in <see cref="File"/>.</summary>
    public int AmountColumn { get; private set; }

    public void Start(string file, int amountColumn)
    {
        File = file;
        AmountColumn = amountColumn;
        Count = 0;
        BytesUsed = 0;
    }

    /// <summary>Whether a row of <paramref name="bytes"/> key and amount bytes fits (an empty batch grows to take any row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Fits(int bytes)
    {
        if (Count < Capacity && BytesUsed + bytes <= Bytes.Length)
        {
            return true;
        }
        return GrowIfEmpty(bytes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool GrowIfEmpty(int bytes)
    {
        if (Count == 0)
        {
            // A row longer than the batch's bytes (an amount written with thousands of leading zeros): room for it.
            Bytes = new byte[Math.Max(bytes, Bytes.Length * 2)];
            return true;
        }
        return false;
    }

    /// <summary>Appends a row whose key and amount text fit (see <see cref="Fits"/>); the row's offsets and lengths are set here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in StagedRow row, ReadOnlySpan<byte> key, ReadOnlySpan<byte> amountText)
    {
        var offset = BytesUsed;
        key.CopyTo(Bytes.AsSpan(offset));
        amountText.CopyTo(Bytes.AsSpan(offset + key.Length));
        BytesUsed = offset + key.Length + amountText.Length;
        ref var stored = ref Rows[Count++];
        stored = row;
        stored.KeyOffset = offset;
        stored.KeyLength = key.Length;
        stored.AmountTextLength = amountText.Length;
    }
}

/// <summary>A parsed, accepted row waiting to be added to its key (its key bytes and amount text are in a buffer beside it).</summary>
internal struct StagedRow
{
    public ulong Hash;
    public ulong PackedKey; // the key packed (with Packed; its bytes are then not kept), see KeyTable.TryPack
    public ulong Print;
    public long Amount;
    public long Line;
    public int KeyOffset;
    public int KeyLength;
    public int AmountTextLength;
    public int DayNumber;
    public ushort Market;
    public ushort Category;
    public ushort Component;
    public Currency Currency;
    public ReconciliationSide Side;
    public bool Packed;
}
