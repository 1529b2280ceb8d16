using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>
/// Reconciles expected revenue against settlements: feed both sides (canonical CSV streams or already-parsed lines),
/// then <see cref="Complete"/> for the breaks and the summary.
/// </summary>
/// <remarks>
/// <para><b>Contract.</b> Each side is grouped by (order_id, component, currency), summing exactly. A key only
/// expected is <c>missing_settlement</c>, only settled <c>unexpected_settlement</c>, on both with |settled − expected|
/// above the tolerance <c>amount_mismatch</c>, otherwise <c>matched</c>. Duplicate settlement lines and currency
/// mismatches are reported without changing those outcomes. Rejected lines are listed with file, line, column, value
/// and reason; every line read is accepted or rejected.</para>
/// <para><b>Streaming.</b> One pass per file; memory is bounded by the number of distinct keys (and, for duplicate
/// detection, the first settlement fingerprint of a key in its entry, an 8-byte one per further distinct settlement
/// line), never by the file size. Markets and categories are held as 16-bit ids: more than 65,535 distinct labels
/// stop the run with an <see cref="InputFormatException"/> naming the first label past the limit. A reader thread cuts the file into blocks at row boundaries (outside
/// quotes); <see cref="ReconciliationOptions.Threads"/> workers parse blocks and aggregate them into one shared key
/// table, partitioned by key hash: each partition is written by one worker only, the others handing it the rows they
/// parse for it in batches, so each key is held once and no table takes a lock; the output is sorted, so it is
/// byte-identical whatever the thread count.</para>
/// </remarks>
public sealed class ReconciliationEngine
{
    private static readonly string[] Required = ["order_id", "component", "currency", "amount"];

    private readonly ReconciliationOptions _options;
    private readonly Aggregator[] _workers;
    private readonly RowExchange? _exchange;
    private readonly List<(string Name, ReconciliationSide Side)> _files = [];
    private readonly List<SettlementCheck> _settlementChecks = [];
    private bool _completed;

    /// <summary>Creates an engine.</summary>
    public ReconciliationEngine(ReconciliationOptions? options = null)
        : this(options, KeyTable.DefaultEntryChunkShift, KeyTable.DefaultArenaChunkShift)
    {
    }

    /// <summary>An engine whose key tables use chunks of 2^<paramref name="entryChunkShift"/> entries and 2^<paramref name="arenaChunkShift"/> key bytes (tests use tiny ones).</summary>
    internal ReconciliationEngine(ReconciliationOptions? options, int entryChunkShift, int arenaChunkShift)
    {
        _options = options ?? new ReconciliationOptions();
        var threads = Math.Max(1, _options.Threads);
        _workers = new Aggregator[threads];
        // One key store and one label table for all the workers: each key is held once, whatever the thread count.
        var keys = new KeyStore(parallel: threads > 1, entryChunkShift, arenaChunkShift, tracksSettledDays: _options.Rates is not null);
        var labels = new LabelTable();
        // Several workers: each adds the keys of its own partitions and hands the other rows it parses to their owners.
        _exchange = threads > 1 ? new RowExchange(threads) : null;
        for (var i = 0; i < threads; i++)
        {
            _workers[i] = new Aggregator(keys, labels, i, _exchange);
        }
    }

    /// <summary>Reads a canonical CSV file into one side.</summary>
    /// <exception cref="InputFormatException">The file is unreadable or lacks a required column.</exception>
    public void Add(ReconciliationSide side, string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException(path, 0, 0, path, $"cannot read the file: {e.Message}", e);
        }
        using (stream)
        {
            Add(side, stream, path);
        }
    }

    /// <summary>Reads a canonical CSV stream into one side; <paramref name="sourceName"/> names it in rejects and errors.</summary>
    /// <exception cref="InputFormatException">A required column is missing, or a quoted field never closes.</exception>
    public void Add(ReconciliationSide side, Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ThrowIfCompleted();
        var fileIndex = _files.Count;
        _files.Add((sourceName, side));
        new BlockReader(this, stream, sourceName, fileIndex, side).Run();
    }

    /// <summary>
    /// Reads a canonical CSV from a <see cref="PipeReader"/> (a socket, an HTTP body, a pipe from a decompressor) into
    /// one side, streaming as <see cref="Add(ReconciliationSide, Stream, string)"/> does. The reader is completed
    /// when the data ends.
    /// </summary>
    /// <exception cref="InputFormatException">A required column is missing, or a quoted field never closes.</exception>
    public void Add(ReconciliationSide side, PipeReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var stream = reader.AsStream(leaveOpen: false);
        Add(side, stream, sourceName);
    }

    /// <summary>
    /// Adds already-parsed lines to one side. Lines are checked as CSV rows are (an empty order id or component, an
    /// amount without a currency, a key or ref too long): such a line is rejected, with its 1-based position in
    /// <paramref name="lines"/> as the line and the canonical column number.
    /// </summary>
    public void Add(ReconciliationSide side, ReadOnlySpan<ReconciliationLine> lines, string sourceName)
    {
        ThrowIfCompleted();
        var fileIndex = _files.Count;
        _files.Add((sourceName, side));
        var worker = _workers[0];
        worker.BeginFile();
        long number = 0;
        foreach (var line in lines)
        {
            number++;
            worker.CountRead();
            var orderId = Encoding.UTF8.GetBytes(line.OrderId ?? "");
            var component = Encoding.UTF8.GetBytes(line.Component ?? "");
            var reference = line.Ref is null ? default : Encoding.UTF8.GetBytes(line.Ref);
            if (!worker.CheckParsed(sourceName, number, orderId, component, line.Amount.Currency, reference))
            {
                continue;
            }
            worker.Accumulate(side,
                orderId, component, line.Amount.Currency, line.Amount.MinorUnits,
                line.Date?.DayNumber ?? -1,
                line.Market is null ? default : Encoding.UTF8.GetBytes(line.Market),
                line.Category is null ? default : Encoding.UTF8.GetBytes(line.Category),
                reference, sourceName, number);
        }
        worker.EndFile(fileIndex);
    }

    /// <summary>
    /// Reads a provider's settlement report (Amazon, Stripe, PayPal, Adyen, Shopify, eBay, or canonical) into the
    /// settlement side. <paramref name="format"/> null detects it from the file's header. Each settlement's lines are
    /// checked against the total the report states (see <see cref="ReconciliationResult.SettlementChecks"/>).
    /// </summary>
    /// <exception cref="InputFormatException">The file is unreadable, not recognised, or lacks a required column.</exception>
    public void AddSettlements(string path, SettlementFormat? format = null, ComponentMapping? mapping = null)
    {
        var resolved = SettlementFormats.Resolve(path, format);
        if (resolved == SettlementFormat.Canonical)
        {
            Add(ReconciliationSide.Settlement, path);
            return;
        }
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException(path, 0, 0, path, $"cannot read the file: {e.Message}", e);
        }
        using (stream)
        {
            AddSettlements(stream, path, SettlementFormats.ReaderFor(resolved), mapping);
        }
    }

    /// <summary>Reads a provider's settlement report from a stream with the given reader (see <see cref="AddSettlements(string, SettlementFormat?, ComponentMapping?)"/>).</summary>
    public void AddSettlements(Stream stream, string sourceName, ISettlementReader reader, ComponentMapping? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(reader);
        ThrowIfCompleted();
        var fileIndex = _files.Count;
        _files.Add((sourceName, ReconciliationSide.Settlement));
        var worker = _workers[0];
        worker.BeginFile();
        var sink = new EngineSettlementSink(worker, sourceName, reader.Format);
        try
        {
            reader.Read(stream, sourceName, mapping ?? ComponentMapping.Default, sink);
        }
        finally
        {
            worker.EndFile(fileIndex);
        }
        _settlementChecks.AddRange(sink.Checks());
    }

    /// <summary>Classifies every key and builds the result.</summary>
    public ReconciliationResult Complete()
    {
        ThrowIfCompleted();
        _completed = true;
        try
        {
            return ReconciliationResult.Build(_workers, _files, _options, _settlementChecks);
        }
        finally
        {
            // The result holds its breaks and totals, not the keys: the key store's native memory (hundreds of
            // megabytes at millions of keys) goes back now rather than whenever a finalizer runs. Every entry point
            // refuses a completed engine, so nothing reads the keys afterwards.
            Keys.Dispose();
        }
    }

    /// <summary>The key store every worker shares.</summary>
    internal KeyStore Keys => _workers[0].Keys;

    /// <summary>The rows handed between workers (null with one worker).</summary>
    internal RowExchange? Exchange => _exchange;

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The reconciliation is complete; start a new engine.");
        }
    }

    /// <summary>Cuts a stream into blocks of whole rows and hands them to the workers.</summary>
    private sealed class BlockReader(ReconciliationEngine engine, Stream stream, string name, int fileIndex, ReconciliationSide side)
    {
        public void Run()
        {
            var blockSize = Math.Max(1024, engine._options.BlockSize);
            var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
            var filled = 0;
            var eof = false;
            long nextLine = 1;

            // The header: the first row that is not blank, read whole. Blank lines before it are skipped, as they are
            // everywhere else, so that they are not taken for an empty file (which would drop every line silently).
            var headerEnd = -1;
            var start = 0;
            var bomChecked = false;
            while (headerEnd < 0)
            {
                if (filled == buffer.Length)
                {
                    buffer = Grow(buffer, filled);
                }
                var read = eof ? 0 : stream.Read(buffer, filled, buffer.Length - filled);
                eof = read == 0;
                filled += read;
                if (!bomChecked && (filled >= 3 || eof))
                {
                    bomChecked = true;
                    if (filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    {
                        start = 3;
                    }
                }
                headerEnd = LastRowEnd(buffer.AsSpan(start, filled - start), firstOnly: true);
                if (headerEnd >= 0)
                {
                    headerEnd += start;
                    if (buffer.AsSpan(start, headerEnd - start).Trim("\r\n "u8).IsEmpty)
                    {
                        nextLine++;
                        start = headerEnd;
                        headerEnd = -1;
                    }
                }
                else if (eof)
                {
                    headerEnd = filled;
                }
            }
            var map = ReadHeader(buffer.AsSpan(start, headerEnd - start), nextLine);
            nextLine += LineBreaks(buffer.AsSpan(start, headerEnd - start));
            var carry = filled - headerEnd;
            Buffer.BlockCopy(buffer, headerEnd, buffer, 0, carry);
            filled = carry;
            if (map is null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return; // an empty file: no header, no lines
            }

            var workers = engine._workers;
            var sizing = KeyCountSizing.Of(stream, carry, engine.Keys.Count);
            using var queue = new BlockingCollection<(byte[] Block, int Length, long Line, bool Plain)>(boundedCapacity: Math.Max(1, workers.Length - 1));
            using var failed = new CancellationTokenSource();
            Exception? failure = null;
            // With several workers, all but the last run on their own threads and take blocks from the queue; the last
            // is this reading thread, which parses a block itself whenever the queue is full instead of waiting. On
            // two cores that is two parsers and no third busy thread.
            var tasks = new Task[workers.Length - 1];
            var readerWorker = workers[^1];
            foreach (var w in workers)
            {
                w.BeginFile();
            }
            for (var t = 0; t < tasks.Length; t++)
            {
                var worker = workers[t];
                tasks[t] = Task.Factory.StartNew(() =>
                {
                    foreach (var (block, length, line, plain) in queue.GetConsumingEnumerable())
                    {
                        try
                        {
                            if (failure is null)
                            {
                                worker.ProcessBlock(block, length, line, name, side, map, plain);
                            }
                        }
                        catch (Exception e)
                        {
                            // Stop the reader; the first failure is rethrown on the caller's thread.
                            Interlocked.CompareExchange(ref failure, e, null);
                            failed.Cancel();
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(block);
                        }
                    }
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }

            var readAll = false;
            try
            {
                while (true)
                {
                    if (!eof && filled < buffer.Length)
                    {
                        var read = stream.Read(buffer, filled, buffer.Length - filled);
                        eof = read == 0;
                        filled += read;
                        if (!eof && filled < buffer.Length)
                        {
                            continue; // fill the block before cutting it
                        }
                    }
                    if (filled == 0)
                    {
                        break;
                    }
                    // One scan for the bytes that make data less simple. Without quotes and CRs (most blocks of a
                    // machine-written file) the last row end is the last LF, the block's lines are its LFs, and its
                    // rows are cut into fields by a simpler tokenizer (see Utf8CsvReader's plain mode); otherwise the
                    // general walk finds the row end and counts CRs too.
                    var plain = !buffer.AsSpan(0, filled).ContainsAny((byte)'"', (byte)'\r');
                    var cut = eof ? filled
                        : plain ? buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1
                        : LastRowEnd(buffer.AsSpan(0, filled), firstOnly: false);
                    if (cut <= 0)
                    {
                        // A row longer than the block: grow and read on.
                        buffer = Grow(buffer, filled);
                        continue;
                    }
                    var next = ArrayPool<byte>.Shared.Rent(buffer.Length);
                    var remainder = filled - cut;
                    Buffer.BlockCopy(buffer, cut, next, 0, remainder);
                    var lines = plain ? buffer.AsSpan(0, cut).Count((byte)'\n') : LineBreaks(buffer.AsSpan(0, cut));
                    var queued = false;
                    // The first block of a file whose length is known is parsed here, before any other (see below).
                    if (sizing is null && tasks.Length > 0)
                    {
                        try
                        {
                            queued = queue.TryAdd((buffer, cut, nextLine, plain), 0, failed.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            ArrayPool<byte>.Shared.Return(next);
                            buffer = [];
                            break;
                        }
                    }
                    if (!queued)
                    {
                        try
                        {
                            readerWorker.ProcessBlock(buffer, cut, nextLine, name, side, map, plain);
                        }
                        catch
                        {
                            // The block goes back to the pool once, in the finally below; returned here as well, the
                            // pool would hand the same array to two renters.
                            ArrayPool<byte>.Shared.Return(next);
                            throw;
                        }
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                    if (sizing is { } first)
                    {
                        // The keys the first block added, scaled to the file's length, size the key table once instead
                        // of letting it double its way there (each doubling rehashes a partition and touches new
                        // memory).
                        sizing = null;
                        // The rows of that block bound for the other workers' partitions are added first, here: no
                        // worker has a block yet, so no other thread touches the tables (and the count is whole).
                        foreach (var w in workers)
                        {
                            w.DrainInbox();
                        }
                        engine.Keys.Reserve(first.Estimate(engine.Keys.Count, cut));
                    }
                    else
                    {
                        // The rows the other workers parsed for this thread's partitions are added after every block
                        // read, not only when this thread parses one: when the workers keep up (a slow stream), it
                        // parses none, and those rows would wait until the end of the file (memory by lines).
                        readerWorker.DrainInbox();
                    }
                    nextLine += lines;
                    buffer = next;
                    filled = remainder;
                    if (eof && filled == 0)
                    {
                        break;
                    }
                }
                readAll = true;
            }
            finally
            {
                queue.CompleteAdding();
                Task.WaitAll(tasks);
                if (buffer.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                if (!readAll || failure is not null)
                {
                    // The rows still on their way between workers belong to the failed read: not added.
                    engine._exchange?.Discard();
                }
            }
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
            if (engine._exchange is { } exchange)
            {
                // Every block is parsed: each worker adds the rows still waiting for its partitions (on its own
                // thread: they touch only its partitions).
                CrossBorder.Engine.Internal.PartRunner.Run(workers.Length, w => workers[w].DrainInbox());
                Debug.Assert(exchange.IsEmpty);
            }
            foreach (var w in workers)
            {
                w.EndFile(fileIndex);
            }
        }

        private ColumnMap? ReadHeader(ReadOnlySpan<byte> headerBytes, long line)
        {
            if (headerBytes.Trim("\r\n "u8).IsEmpty)
            {
                return null;
            }
            using var reader = new Utf8CsvReader(new MemoryStream(headerBytes.ToArray()), leaveOpen: false);
            reader.TryReadRow(out var header);
            var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.FieldCount; i++)
            {
                columns.TryAdd(Encoding.UTF8.GetString(header[i]).Trim(), i);
            }
            foreach (var required in Required)
            {
                if (!columns.ContainsKey(required))
                {
                    throw new InputFormatException(name, line, 0, Encoding.UTF8.GetString(headerBytes).TrimEnd('\r', '\n'),
                        $"the required column '{required}' is missing (required: order_id,component,currency,amount; optional: date,market,category,ref)");
                }
            }
            int Column(string c) => columns.TryGetValue(c, out var i) ? i : -1;
            return new ColumnMap(header.FieldCount, Column("order_id"), Column("component"), Column("currency"), Column("amount"),
                Column("date"), Column("market"), Column("category"), Column("ref"));
        }

        private static byte[] Grow(byte[] buffer, int filled)
        {
            var grown = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, grown, 0, filled);
            ArrayPool<byte>.Shared.Return(buffer);
            return grown;
        }

        /// <summary>
        /// The end (exclusive) of the last complete row in <paramref name="data"/>, which starts at a row start: the
        /// position after the last line feed that is outside quotes; −1 when there is none. With
        /// <paramref name="firstOnly"/>, the end of the first row.
        /// </summary>
        private static int LastRowEnd(ReadOnlySpan<byte> data, bool firstOnly)
        {
            if (!firstOnly && !data.Contains((byte)'"'))
            {
                return LastRowEndWithoutQuotes(data);
            }
            var inQuotes = false;
            var last = -1;
            var pos = 0;
            while (pos < data.Length)
            {
                var rel = data[pos..].IndexOfAny((byte)'"', (byte)'\n', (byte)'\r');
                if (rel < 0)
                {
                    break;
                }
                pos += rel;
                if (data[pos] == (byte)'"')
                {
                    // As Utf8CsvReader reads it: a quote opens a quoted field only at the start of a field (elsewhere
                    // it is text); inside quotes a doubled quote is an escaped one and any other quote closes.
                    if (inQuotes)
                    {
                        if (pos + 1 < data.Length && data[pos + 1] == (byte)'"')
                        {
                            pos += 2;
                            continue;
                        }
                        inQuotes = false;
                    }
                    else if (pos == 0 || data[pos - 1] is (byte)',' or (byte)'\n' or (byte)'\r')
                    {
                        inQuotes = true;
                    }
                }
                else if (data[pos] == (byte)'\r')
                {
                    // A lone CR ends a row as Utf8CsvReader reads it (old Mac line ends); a CR followed by LF is
                    // left to the LF. A CR at the very end of the data may be the first half of a CRLF not read yet:
                    // no row end is decided there.
                    if (!inQuotes && pos + 1 < data.Length && data[pos + 1] != (byte)'\n')
                    {
                        last = pos + 1;
                        if (firstOnly)
                        {
                            return last;
                        }
                    }
                }
                else if (!inQuotes)
                {
                    last = pos + 1;
                    if (firstOnly)
                    {
                        return last;
                    }
                }
                pos++;
            }
            return last;
        }

        /// <summary>
        /// <see cref="LastRowEnd"/> of data without a quote (most blocks): the last line break, found from the end
        /// instead of walking every row from the start. A CR at the very end may be the first half of a CRLF not read
        /// yet, so the row end before it is taken.
        /// </summary>
        private static int LastRowEndWithoutQuotes(ReadOnlySpan<byte> data)
        {
            var end = data.Length;
            while (true)
            {
                var at = data[..end].LastIndexOfAny((byte)'\n', (byte)'\r');
                if (at < 0)
                {
                    return -1;
                }
                // An LF; or a CR followed by something other than an LF (nothing after it is a line break): a lone CR.
                if (data[at] == (byte)'\n' || at + 1 < data.Length)
                {
                    return at + 1;
                }
                end = at;
            }
        }

        /// <summary>Physical line breaks in <paramref name="data"/>: LF, CRLF (once) and lone CR, as the CSV reader counts them.</summary>
        private static int LineBreaks(ReadOnlySpan<byte> data)
        {
            var count = data.Count((byte)'\n');
            var pos = 0;
            while (true)
            {
                var rel = data[pos..].IndexOf((byte)'\r');
                if (rel < 0)
                {
                    return count;
                }
                pos += rel + 1;
                if (pos == data.Length || data[pos] != (byte)'\n')
                {
                    count++;
                }
            }
        }
    }
}

/// <summary>
/// How many keys a file will add, estimated from its first block: the keys that block added, times the file's data
/// bytes over the block's. Only for a stream whose length is known (a file); a pipe or a network stream is not sized.
/// </summary>
internal readonly record struct KeyCountSizing(long DataBytes, int KeysBefore)
{
    /// <summary>The sizing of a stream positioned after its header with <paramref name="buffered"/> data bytes already read, or null.</summary>
    public static KeyCountSizing? Of(Stream stream, int buffered, int keysBefore)
    {
        if (!stream.CanSeek)
        {
            return null;
        }
        var dataBytes = stream.Length - (stream.Position - buffered);
        return dataBytes > 0 ? new KeyCountSizing(dataBytes, keysBefore) : null;
    }

    /// <summary>The keys to reserve room for, once the first block (<paramref name="blockBytes"/> bytes) has been added and the store holds <paramref name="keysNow"/>.</summary>
    public long Estimate(int keysNow, int blockBytes)
    {
        var added = Math.Max(0, keysNow - KeysBefore);
        if (blockBytes <= 0 || added == 0)
        {
            return keysNow;
        }
        // Int128: keys × bytes can pass 2^63 only for absurd lengths, but the estimate must not wrap.
        var rest = Int128.Max(0, (Int128)DataBytes - blockBytes);
        var estimate = keysNow + rest * added / blockBytes;
        return (long)Int128.Min(estimate, int.MaxValue);
    }
}

