using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>Where the canonical columns are in a file's header (−1 when absent).</summary>
internal sealed record ColumnMap(int FieldCount, int OrderId, int Component, int Currency, int Amount, int Date, int Market, int Category, int Ref);

/// <summary>
/// One worker's share of the aggregation: per-file counts, per-currency totals and rejects are its own; the keys (with
/// their sums and duplicate fingerprints) and the labels are in a <see cref="KeyStore"/> and a
/// <see cref="LabelTable"/> that all the workers share, so each key is held once whatever the thread count.
/// </summary>
/// <remarks>
/// The per-row methods (and the CSV tokenizer's) are compiled fully optimised at their first call
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>) instead of going through tiered compilation: a cold
/// 10M-line run otherwise spends its first second in tier-0 and profile-instrumented code (both cores are busy, so the
/// background JIT is slow to replace it), which cost more than the profile-guided code later gains (alternated cold
/// runs at 10M/9M: 5.9–6.3 s against 6.3–7.2 s).
/// </remarks>
internal sealed class Aggregator(KeyStore keys, LabelTable labels, int workerIndex = 0, RowExchange? exchange = null)
{
    internal const int MaxKeyBytes = 2048;
    internal const int MaxRefBytes = 512;

    public KeyStore Keys { get; } = keys;
    public LabelTable Labels { get; } = labels;
    public List<ReconciliationReject> Rejects { get; } = [];

    // Per file: lines read, accepted, rejected.
    public Dictionary<int, (long Read, long Accepted, long Rejected)> Files { get; } = [];

    // Per currency index: sum of accepted expected and settled lines (checked against the keys at the end).
    public long[] AcceptedExpected { get; } = new long[CurrencyTable.Entries.Length];
    public long[] AcceptedSettled { get; } = new long[CurrencyTable.Entries.Length];

    private long _read;
    private long _accepted;
    private long _rejected;

    public void BeginFile()
    {
        _read = 0;
        _accepted = 0;
        _rejected = 0;
    }

    public void EndFile(int file)
    {
        Files.TryGetValue(file, out var c);
        Files[file] = (c.Read + _read, c.Accepted + _accepted, c.Rejected + _rejected);
        Informational.TryGetValue(file, out var i);
        Informational[file] = i + _informational;
        _informational = 0;
    }

    // Per file: rows that carry no money line by design (settlement readers: stated totals, informational rows).
    public Dictionary<int, long> Informational { get; } = [];

    private long _informational;

    public void CountInformational() => _informational++;

    /// <summary>
    /// Parses every row of a block (whole rows only) and aggregates them. Accepted rows are staged and added in
    /// batches (<see cref="FlushStage"/>), so that the cache misses of their look-ups overlap; every staged row is added
    /// before this returns. <paramref name="plain"/>: the block holds no quote and no CR (its rows are cut by the plain tokenizer).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ProcessBlock(byte[] block, int length, long firstLine, string file, ReconciliationSide side, ColumnMap map, bool plain = false)
    {
        // Between blocks: the next slab of key-store memory is made ready if due, and the rows the other workers
        // parsed for this worker's partitions are added.
        Keys.Slabs.PrepareNext();
        DrainInbox();
        DiscardOutboxes();
        _stageFile = file;
        _stageAmountColumn = map.Amount + 1;
        _staged = 0;
        _stageBytesUsed = 0;
        // Read in place: the block is this worker's until it returns (no copy into the reader's own buffer).
        using var reader = new Utf8CsvReader(block, length, plain: plain);
        while (true)
        {
            CsvRow row;
            try
            {
                if (!reader.TryReadRow(out row))
                {
                    break;
                }
            }
            catch (InputFormatException e)
            {
                // The block reader numbers lines from the block's start: name the file and the line in it.
                throw new InputFormatException(file, firstLine + e.Line - 1, e.Column, e.Value, e.Reason, e);
            }
            if (row.IsBlank)
            {
                continue;
            }
            ProcessRow(row, firstLine + row.LineNumber - 1, file, side, map);
        }
        FlushStage();
        SendOutboxes();
    }

    /// <summary>Checks one row and stages it (<see cref="Stage"/>), or rejects it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private void ProcessRow(CsvRow row, long line, string file, ReconciliationSide side, ColumnMap map)
    {
        _read++;
        if (row.FieldCount != map.FieldCount)
        {
            Reject(file, line, 0, Encoding.UTF8.GetString(row.Raw), $"wrong column count: {row.FieldCount} fields, the header has {map.FieldCount}");
            return;
        }
        var currencyText = Trim(row[map.Currency]);
        if (!Currency.TryFromCode(currencyText, out var currency) || !currency.HasMinorUnits)
        {
            Reject(file, line, map.Currency + 1, Encoding.UTF8.GetString(currencyText), "unknown currency (not an ISO 4217 code with minor units)");
            return;
        }
        var amountText = Trim(row[map.Amount]);
        if (!Utf8AmountParser.TryParseExact(amountText, currency, AmountFormat.Invariant, out var amount, out var error))
        {
            Reject(file, line, map.Amount + 1, Encoding.UTF8.GetString(amountText),
                error.Kind == ParseErrorKind.TooManyDecimals ? $"too many decimals for {currency.Code} ({currency.MinorUnits})" : $"bad amount ({error.Reason} at offset {error.Offset})");
            return;
        }
        var orderId = Trim(row[map.OrderId]);
        var component = Trim(row[map.Component]);
        if (orderId.IsEmpty || component.IsEmpty)
        {
            Reject(file, line, orderId.IsEmpty ? map.OrderId + 1 : map.Component + 1, "", orderId.IsEmpty ? "empty order_id" : "empty component");
            return;
        }
        if (orderId.Length + component.Length + 5 > MaxKeyBytes)
        {
            Reject(file, line, map.OrderId + 1, Encoding.UTF8.GetString(orderId), $"key longer than {MaxKeyBytes} bytes");
            return;
        }
        if ((HasNul(orderId) || HasNul(component)) && RejectedNul(file, line, orderId, component, map.OrderId + 1, map.Component + 1))
        {
            return;
        }
        var dayNumber = -1;
        if (map.Date >= 0)
        {
            var dateText = Trim(row[map.Date]);
            if (!dateText.IsEmpty)
            {
                if (!Utf8DateParser.TryParseIsoDate(dateText, out var date, out var used, out _) || used != dateText.Length)
                {
                    Reject(file, line, map.Date + 1, Encoding.UTF8.GetString(dateText), "bad date (expected yyyy-MM-dd)");
                    return;
                }
                dayNumber = date.DayNumber;
            }
        }
        var reference = map.Ref >= 0 ? Trim(row[map.Ref]) : default;
        if (reference.Length > MaxRefBytes)
        {
            Reject(file, line, map.Ref + 1, Encoding.UTF8.GetString(reference), $"ref longer than {MaxRefBytes} bytes");
            return;
        }
        var market = InternCached(map.Market >= 0 ? Trim(row[map.Market]) : default, file, line, map.Market + 1, "market");
        var category = InternCached(map.Category >= 0 ? Trim(row[map.Category]) : default, file, line, map.Category + 1, "category");
        Stage(side, orderId, component, currency, amount, amountText, dayNumber, market, category, reference, line);
    }

    /// <summary>Whether <paramref name="text"/> holds a NUL byte (written out, so that it is inlined into the row method: an order id or a component is a few dozen bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasNul(ReadOnlySpan<byte> text)
    {
        if (Vector128.IsHardwareAccelerated && text.Length >= Vector128<byte>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(text);
            var last = (nuint)(text.Length - Vector128<byte>.Count);
            // 16 bytes at a time; the last load ends at the text's end (overlapping the one before).
            for (nuint at = 0; ; at += (nuint)Vector128<byte>.Count)
            {
                var from = Math.Min(at, last);
                if (Vector128.EqualsAny(Vector128.LoadUnsafe(ref start, from), Vector128<byte>.Zero))
                {
                    return true;
                }
                if (from == last)
                {
                    return false;
                }
            }
        }
        foreach (var b in text)
        {
            if (b == 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Rejects a line whose order id or component holds a NUL byte: NUL separates them in a key's bytes, so ("A\0B", "c")
    /// and ("A", "B\0c") would be one key, and no real order id or label holds a control character that low.
    /// </summary>
    private bool RejectedNul(string file, long line, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component, int orderIdColumn, int componentColumn)
    {
        if (orderId.Contains((byte)0))
        {
            Reject(file, line, orderIdColumn, Encoding.UTF8.GetString(orderId), "NUL byte in order_id (it separates the parts of a key)");
            return true;
        }
        if (component.Contains((byte)0))
        {
            Reject(file, line, componentColumn, Encoding.UTF8.GetString(component), "NUL byte in component (it separates the parts of a key)");
            return true;
        }
        return false;
    }

    // The line is valid but its key's (or its currency's) total would leave 64-bit minor units: reject it rather than
    // lose money or stop the run.
    private void RejectOverflow(string file, long line, int column, ReadOnlySpan<byte> amountText, Currency currency) =>
        Reject(file, line, column, Encoding.UTF8.GetString(amountText), $"the total of its key or of {currency.Code} would overflow 64-bit minor units");

    /// <summary>
    /// Checks an already-parsed line as <see cref="ProcessRow"/> checks a row, with the canonical column numbers
    /// (order_id 1, component 2, currency 3, ref 8); rejects it and returns false when it fails.
    /// </summary>
    public bool CheckParsed(string file, long line, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component, Currency currency, ReadOnlySpan<byte> reference)
    {
        if (!currency.HasMinorUnits)
        {
            Reject(file, line, 3, currency.Code, "unknown currency (not an ISO 4217 code with minor units)");
            return false;
        }
        if (orderId.IsEmpty || component.IsEmpty)
        {
            Reject(file, line, orderId.IsEmpty ? 1 : 2, "", orderId.IsEmpty ? "empty order_id" : "empty component");
            return false;
        }
        if (orderId.Length + component.Length + 5 > MaxKeyBytes)
        {
            Reject(file, line, 1, Encoding.UTF8.GetString(orderId), $"key longer than {MaxKeyBytes} bytes");
            return false;
        }
        if (RejectedNul(file, line, orderId, component, 1, 2))
        {
            return false;
        }
        if (reference.Length > MaxRefBytes)
        {
            Reject(file, line, 8, Encoding.UTF8.GetString(reference), $"ref longer than {MaxRefBytes} bytes");
            return false;
        }
        return true;
    }

    /// <summary>
    /// Adds one accepted, already-parsed line (line <paramref name="line"/> of <paramref name="file"/>, whose market
    /// and category are the canonical columns 6 and 7).
    /// </summary>
    public void Accumulate(ReconciliationSide side, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component, Currency currency, long amount,
        int dayNumber, ReadOnlySpan<byte> market, ReadOnlySpan<byte> category, ReadOnlySpan<byte> reference, string file, long line) =>
        Accumulate(side, orderId, component, currency, amount, dayNumber,
            InternCached(market, file, line, 6, "market"), InternCached(category, file, line, 7, "category"), reference);

    /// <summary>Adds one accepted line.</summary>
    [SkipLocalsInit]
    private void Accumulate(ReconciliationSide side, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component, Currency currency, long amount,
        int dayNumber, ushort marketId, ushort categoryId, ReadOnlySpan<byte> reference)
    {
        Span<byte> scratch = stackalloc byte[MaxKeyBytes + 16]; // the whole key (order_id NUL component NUL currency)
        var componentId = ComponentId(orderId, component);
        var hash = HashKey(scratch, orderId, component, currency, componentId, out var stored, out var packed, out var packedKey);
        Keys.Partition(KeyStore.PartitionOf(hash)).PrefetchSlot(hash); // loads while the fingerprint is worked out
        var print = side == ReconciliationSide.Settlement ? Fingerprint(hash, reference, amount, dayNumber) : 0;
        Apply(side, hash, scratch[..stored], packed, packedKey, currency, componentId, amount, dayNumber, marketId, categoryId, print);
    }

    /// <summary>
    /// The hash of a line's key (order_id, component, currency), whose component has id <paramref name="componentId"/>
    /// (0: none). A key the table packs (an Amazon order id with a component id, see <see cref="KeyTable.TryPack"/>) is
    /// hashed as its 16-byte packed form, without writing its bytes (<paramref name="stored"/> 0); any other has its
    /// bytes written to <paramref name="scratch"/> (order_id NUL component NUL currency, see <see cref="WriteKey"/>)
    /// and hashed whole, the table holding the first <paramref name="stored"/> of them. Which form a key takes depends
    /// only on the key, so each key has one hash.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashKey(Span<byte> scratch, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component, Currency currency, ushort componentId,
        out int stored, out bool packed, out ulong packedKey)
    {
        packedKey = 0;
        packed = componentId != 0 && KeyTable.TryPack(orderId, out packedKey);
        if (packed)
        {
            stored = 0;
            // The packed form (17 digits in 57 bits, the component id, the currency index): 16 bytes, the short and
            // fully inlined case of XXH3 (the text's 35 bytes or so go through a longer one).
            var form = new PackedKeyForm(packedKey, (ulong)componentId << 16 | currency.Index);
            return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(new ReadOnlySpan<PackedKeyForm>(in form)), unchecked((long)PackedSeed));
        }
        var length = WriteKey(scratch, orderId, component, currency, out stored);
        if (componentId != 0)
        {
            stored = orderId.Length;
        }
        return XxHash3.HashToUInt64(scratch[..length]);
    }

    private const ulong PackedSeed = 0x5041_434B_0000_5EED; // "PACK"

    private readonly record struct PackedKeyForm(ulong Key, ulong ComponentAndCurrency);

    /// <summary>
    /// Writes the key bytes: order_id NUL component NUL CCC. NUL sorts below every other byte, so ordinal order of the
    /// key bytes is the ordinal order of (order_id, component, currency). Returns the length; the hash and the
    /// fingerprints cover all of it, the key table holds at most the first <paramref name="stored"/> bytes (order_id
    /// NUL component: the entry holds the currency; and, when the component has an id, only the order_id).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteKey(Span<byte> destination, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component, Currency currency, out int stored)
    {
        var length = 0;
        orderId.CopyTo(destination);
        length += orderId.Length;
        destination[length++] = 0;
        component.CopyTo(destination[length..]);
        length += component.Length;
        stored = length;
        destination[length++] = 0;
        return length + currency.WriteCode(destination[length..]);
    }

    /// <summary>
    /// The duplicate fingerprint of a settlement line of the key whose hash is <paramref name="keyHash"/>: its ref or,
    /// without a ref, its amount and date, hashed with the key's hash as the seed (and a different seed for each kind),
    /// so that the key's bytes are not hashed a second time. Two lines of one key share a fingerprint only when they
    /// share the ref (or the amount and date), barring a collision of the 48 bits a key table keeps (see <see cref="KeyTable.NormalizedPrint"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static ulong Fingerprint(ulong keyHash, ReadOnlySpan<byte> reference, long amount, int dayNumber)
    {
        // Unchecked: the seeds are bit patterns.
        unchecked
        {
            if (!reference.IsEmpty)
            {
                return XxHash3.HashToUInt64(reference, seed: (long)(keyHash ^ RefSeed));
            }
            Span<byte> amountAndDate = stackalloc byte[12];
            BinaryPrimitives.WriteInt64LittleEndian(amountAndDate, amount);
            BinaryPrimitives.WriteInt32LittleEndian(amountAndDate[8..], dayNumber);
            return XxHash3.HashToUInt64(amountAndDate, seed: (long)(keyHash ^ AmountSeed));
        }
    }

    private const ulong RefSeed = 0x5245_4600_0000_5EED;     // "REF"
    private const ulong AmountSeed = 0x414D_5400_0000_5EED;  // "AMT"

    /// <summary>Adds a line to its key (<paramref name="key"/> as the table holds it, without the currency and, with a <paramref name="componentId"/>, the component); only the worker that owns the key's partition calls it while several read (see <see cref="RowExchange"/>). Throws <see cref="OverflowException"/> (and changes nothing) when a sum would overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Apply(ReconciliationSide side, ulong hash, ReadOnlySpan<byte> key, bool packed, ulong packedKey, Currency currency, ushort componentId, long amount,
        int dayNumber, ushort marketId, ushort categoryId, ulong print)
    {
        var table = Keys.Partition(KeyStore.PartitionOf(hash));
        ref var entry = ref table.GetOrAdd(hash, key, currency.Index, componentId, packed, packedKey, out var index);
        entry.Market = Labels.Min(entry.Market, marketId);
        entry.Category = Labels.Min(entry.Category, categoryId);
        if (side == ReconciliationSide.Expected)
        {
            // Both sums are computed before either is stored, so an overflow leaves the totals consistent.
            var sum = checked(entry.Expected + amount);
            var total = checked(AcceptedExpected[currency.Index] + amount);
            table.CountLine(ref entry, index, side);
            entry.Expected = sum;
            AcceptedExpected[currency.Index] = total;
        }
        else
        {
            var sum = checked(entry.Settled + amount);
            var total = checked(AcceptedSettled[currency.Index] + amount);
            table.CountLine(ref entry, index, side);
            entry.Settled = sum;
            if (Keys.TracksSettledDays)
            {
                table.NoteSettledDay(index, dayNumber);
            }
            AcceptedSettled[currency.Index] = total;
            if (!table.TryAddPrint(ref entry, print))
            {
                table.AddDuplicate(index);
            }
        }
        _accepted++;
    }

    // ---------------------------------------------------------------- staged rows (the canonical CSV path)
    //
    // At millions of keys each line's look-up is three dependent cache misses (slot, entry, key bytes). Rows are
    // staged in groups: each row's slot is prefetched when it is staged; the flush then prefetches every row's entry,
    // then every row's key bytes, and only then adds the rows, in their order (so overflows and duplicates fall on the
    // same lines as one at a time).
    //
    // With several workers, a row whose key belongs to another worker's partition (RowExchange.OwnerOf) is not staged
    // here but appended to a batch for that worker, which adds it: no partition is written by two threads, so the key
    // tables take no lock.

    private const int StageCapacity = 32;
    private const int StageRowBytes = MaxKeyBytes + 64; // a key and its amount text

    // How far ahead of the row being added a received batch asks for the row's slot, entry and key bytes.
    private const int SlotAhead = 16;
    private const int EntryAhead = 8;
    private const int KeyAhead = 4;

    private readonly StagedRow[] _stage = new StagedRow[StageCapacity];
    private readonly byte[] _stageBytes = new byte[StageCapacity * StageRowBytes];
    private int _staged;
    private int _stageBytesUsed;
    private string _stageFile = "";
    private int _stageAmountColumn;

    // With several workers: the batch being filled for each other worker (null until a row for it is parsed).
    private readonly RowBatch?[] _outbox = new RowBatch?[exchange?.Workers ?? 1];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private void Stage(ReconciliationSide side, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component, Currency currency, long amount, ReadOnlySpan<byte> amountText,
        int dayNumber, ushort market, ushort category, ReadOnlySpan<byte> reference, long line)
    {
        if (_staged == StageCapacity || _stageBytesUsed + StageRowBytes > _stageBytes.Length)
        {
            FlushStage();
        }
        Span<byte> scratch = stackalloc byte[MaxKeyBytes + 16]; // the whole key (order_id NUL component NUL currency)
        var componentId = ComponentId(orderId, component);
        var hash = HashKey(scratch, orderId, component, currency, componentId, out var stored, out var packed, out var packedKey);
        var partition = KeyStore.PartitionOf(hash);
        var owner = exchange is null ? workerIndex : exchange.OwnerOf(partition);
        if (owner == workerIndex)
        {
            Keys.Partition(partition).PrefetchSlot(hash); // loads while the fingerprint is worked out
        }
        var row = new StagedRow
        {
            Hash = hash,
            PackedKey = packedKey,
            Packed = packed,
            Print = side == ReconciliationSide.Settlement ? Fingerprint(hash, reference, amount, dayNumber) : 0,
            Amount = amount,
            Line = line,
            DayNumber = dayNumber,
            Market = market,
            Category = category,
            Component = componentId,
            Currency = currency,
            Side = side,
        };
        var key = scratch[..stored]; // the key as the table holds it
        if (owner != workerIndex)
        {
            Route(exchange!, owner, row, key, amountText);
            return;
        }
        if (amountText.Length > StageRowBytes - MaxKeyBytes)
        {
            // An amount text too long to stage (leading zeros): the rows before it are added first, then this one.
            FlushStage();
            ApplyOrReject(row, key, amountText, _stageFile, _stageAmountColumn);
            return;
        }
        var offset = _stageBytesUsed;
        key.CopyTo(_stageBytes.AsSpan(offset));
        // Kept to be quoted if the line overflows.
        amountText.CopyTo(_stageBytes.AsSpan(offset + key.Length));
        _stageBytesUsed = offset + key.Length + amountText.Length;
        row.KeyOffset = offset;
        row.KeyLength = key.Length;
        row.AmountTextLength = amountText.Length;
        _stage[_staged++] = row;
    }

    /// <summary>Appends a row of another worker's partition to the batch bound for that worker, sending the batch when full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Route(RowExchange rows, int owner, in StagedRow row, ReadOnlySpan<byte> key, ReadOnlySpan<byte> amountText)
    {
        var batch = _outbox[owner] ??= rows.Rent(_stageFile, _stageAmountColumn);
        while (!batch.Fits(key.Length + amountText.Length))
        {
            rows.Send(owner, batch);
            batch = _outbox[owner] = rows.Rent(_stageFile, _stageAmountColumn); // an empty batch takes any row
        }
        batch.Add(row, key, amountText);
    }

    /// <summary>Sends the batches filled so far to their workers (at the end of each block, so that no row waits on the next block).</summary>
    private void SendOutboxes()
    {
        if (exchange is null)
        {
            return;
        }
        for (var worker = 0; worker < _outbox.Length; worker++)
        {
            if (_outbox[worker] is { } batch)
            {
                _outbox[worker] = null;
                if (batch.Count > 0)
                {
                    exchange.Send(worker, batch);
                }
                else
                {
                    exchange.Return(batch);
                }
            }
        }
    }

    /// <summary>Returns batches left unsent by a block that failed (none after a block that ended): their rows are not added.</summary>
    private void DiscardOutboxes()
    {
        for (var worker = 0; worker < _outbox.Length; worker++)
        {
            if (_outbox[worker] is { } batch)
            {
                _outbox[worker] = null;
                exchange!.Return(batch);
            }
        }
    }

    /// <summary>
    /// Adds the rows the other workers parsed for this worker's partitions and sent so far (with several workers; a
    /// no-op otherwise). Called between blocks and, once every block of a file is parsed, by each worker for its own.
    /// </summary>
    public void DrainInbox()
    {
        if (exchange is null)
        {
            return;
        }
        while (exchange.TryReceive(workerIndex, out var batch))
        {
            try
            {
                ApplyBatch(batch);
            }
            finally
            {
                exchange.Return(batch);
            }
        }
    }

    /// <summary>Adds a received batch's rows in their order, asking for each row's slot, entry and key bytes a few rows ahead.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ApplyBatch(RowBatch batch)
    {
        var rows = batch.Rows.AsSpan(0, batch.Count);
        var bytes = batch.Bytes;
        for (var i = 0; i < Math.Min(SlotAhead, rows.Length); i++)
        {
            Keys.Partition(KeyStore.PartitionOf(rows[i].Hash)).PrefetchSlot(rows[i].Hash);
        }
        for (var i = 0; i < rows.Length; i++)
        {
            if (i + SlotAhead < rows.Length)
            {
                var ahead = rows[i + SlotAhead].Hash;
                Keys.Partition(KeyStore.PartitionOf(ahead)).PrefetchSlot(ahead);
            }
            if (i + EntryAhead < rows.Length)
            {
                var ahead = rows[i + EntryAhead].Hash;
                Keys.Partition(KeyStore.PartitionOf(ahead)).PrefetchProbe(ahead, key: false);
            }
            if (i + KeyAhead < rows.Length)
            {
                var ahead = rows[i + KeyAhead].Hash;
                Keys.Partition(KeyStore.PartitionOf(ahead)).PrefetchProbe(ahead, key: true, rows[i + KeyAhead].Print);
            }
            ref readonly var r = ref rows[i];
            try
            {
                Apply(r.Side, r.Hash, bytes.AsSpan(r.KeyOffset, r.KeyLength), r.Packed, r.PackedKey, r.Currency, r.Component, r.Amount, r.DayNumber, r.Market, r.Category, r.Print);
            }
            catch (OverflowException)
            {
                RejectOverflow(batch.File, r.Line, batch.AmountColumn, bytes.AsSpan(r.KeyOffset + r.KeyLength, r.AmountTextLength), r.Currency);
            }
        }
    }

    /// <summary>Adds one row, or rejects it when a sum would overflow.</summary>
    private void ApplyOrReject(in StagedRow r, ReadOnlySpan<byte> key, ReadOnlySpan<byte> amountText, string file, int amountColumn)
    {
        try
        {
            Apply(r.Side, r.Hash, key, r.Packed, r.PackedKey, r.Currency, r.Component, r.Amount, r.DayNumber, r.Market, r.Category, r.Print);
        }
        catch (OverflowException)
        {
            RejectOverflow(file, r.Line, amountColumn, amountText, r.Currency);
        }
    }

    /// <summary>Adds the staged rows, in their order, after prefetching their entries and key bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FlushStage()
    {
        var rows = _stage.AsSpan(0, _staged);
        foreach (ref readonly var r in rows)
        {
            Keys.Partition(KeyStore.PartitionOf(r.Hash)).PrefetchProbe(r.Hash, key: false);
        }
        foreach (ref readonly var r in rows)
        {
            Keys.Partition(KeyStore.PartitionOf(r.Hash)).PrefetchProbe(r.Hash, key: true, r.Print);
        }
        foreach (ref readonly var r in rows)
        {
            var key = _stageBytes.AsSpan(r.KeyOffset, r.KeyLength);
            try
            {
                Apply(r.Side, r.Hash, key, r.Packed, r.PackedKey, r.Currency, r.Component, r.Amount, r.DayNumber, r.Market, r.Category, r.Print);
            }
            catch (OverflowException)
            {
                RejectOverflow(_stageFile, r.Line, _stageAmountColumn, _stageBytes.AsSpan(r.KeyOffset + r.KeyLength, r.AmountTextLength), r.Currency);
            }
        }
        _staged = 0;
        _stageBytesUsed = 0;
    }

    public void CountRead() => _read++;

    // Markets and categories are a few dozen labels at most, in any order, and components (principal, tax, shipping,
    // fees) too: small caches of their ids with the labels' bytes inline save reading the tables on most lines.
    private readonly LabelIdCache _labelCache = new();
    private readonly LabelIdCache _componentCache = new();

    /// <summary>
    /// The component's id in <see cref="KeyStore.Components"/>, or 0 to keep it in the key's bytes when the table is
    /// full. Lines whose order id or component holds a NUL byte (the key bytes' separator) were rejected before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ushort ComponentId(ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component)
    {
        Debug.Assert(!orderId.Contains((byte)0) && !component.Contains((byte)0));
        return _componentCache.TryGetId(Keys.Components, component, out var id) ? id : (ushort)0;
    }

    /// <summary>The label's id; a label past <see cref="LabelTable.MaxLabels"/> stops the run, naming it (ids never wrap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ushort InternCached(ReadOnlySpan<byte> label, string file, long line, int column, string name)
    {
        if (label.IsEmpty)
        {
            return 0;
        }
        if (!_labelCache.TryGetId(Labels, label, out var id))
        {
            ThrowTooManyLabels(label, file, line, column, name);
        }
        return id;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooManyLabels(ReadOnlySpan<byte> label, string file, long line, int column, string name) =>
        throw new InputFormatException(file, line, column, Encoding.UTF8.GetString(label),
            $"the {name} is one label too many: a reconciliation holds at most {LabelTable.MaxLabels:N0} distinct market and category labels (16-bit ids in its key table)");

    public void Reject(string file, long line, int column, string value, string reason)
    {
        _rejected++;
        Rejects.Add(new ReconciliationReject(file, line, column, value, reason));
    }

    /// <summary>The field without leading and trailing spaces (written out: <c>MemoryExtensions.Trim</c>'s helpers are not inlined into the fully optimised row methods).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field)
    {
        var start = 0;
        var end = field.Length;
        while (start < end && field[start] == (byte)' ')
        {
            start++;
        }
        while (end > start && field[end - 1] == (byte)' ')
        {
            end--;
        }
        return field[start..end];
    }
}
