using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace CrossBorder.Engine.Reconciliation;

/// <summary>The outcome of a reconciliation: the breaks (sorted), the summary and the rejected lines.</summary>
public sealed class ReconciliationResult
{
    private ReconciliationResult(IReadOnlyList<ReconciliationBreak> breaks, ReconciliationSummary summary, IReadOnlyList<ReconciliationReject> rejects, IReadOnlyList<SettlementCheck> settlementChecks)
    {
        Breaks = breaks;
        Summary = summary;
        Rejects = rejects;
        SettlementChecks = settlementChecks;
    }

    /// <summary>
    /// For each settlement, payout or batch in the provider reports read: the sum of its lines against the total the
    /// report states, in file order.
    /// </summary>
    public IReadOnlyList<SettlementCheck> SettlementChecks { get; }

    /// <summary>Every key that is not matched, sorted by order_id, component, currency (ordinal).</summary>
    public IReadOnlyList<ReconciliationBreak> Breaks { get; }

    /// <summary>The summary.</summary>
    public ReconciliationSummary Summary { get; }

    /// <summary>Rejected lines, sorted by file order and line.</summary>
    public IReadOnlyList<ReconciliationReject> Rejects { get; }

    /// <summary>The header of breaks.csv.</summary>
    public const string BreaksHeader = "order_id,component,currency,expected,settled,difference,status,market,category,expected_lines,settled_lines,duplicate_lines,currency_mismatch,fx_rate,fx_settled_converted,fx_difference";

    // Run once per reconciliation: compiled fully optimised at once rather than left to tier-0 code and on-stack
    // replacement while it sorts and writes out the breaks (as are the comparer, CurrencyMismatch and the key read-back).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ReconciliationResult Build(Aggregator[] workers, List<(string Name, ReconciliationSide Side)> files, ReconciliationOptions options, IReadOnlyList<SettlementCheck> settlementChecks)
    {
        // 1. The workers share one key store and one label table; only their per-currency totals are added up.
        var keys = workers[0].Keys;
        var labels = workers[0].Labels;
        var expectedAccepted = new long[CurrencyTable.Entries.Length];
        var settledAccepted = new long[CurrencyTable.Entries.Length];
        foreach (var worker in workers)
        {
            for (var c = 0; c < expectedAccepted.Length; c++)
            {
                expectedAccepted[c] = checked(expectedAccepted[c] + worker.AcceptedExpected[c]);
                settledAccepted[c] = checked(settledAccepted[c] + worker.AcceptedSettled[c]);
            }
        }

        // 2. Classify every key, in the store's order, adding it to the totals (exactly, in Int128, so the order does
        // not matter); the keys not matched are sorted below, with (when there are rates) every key that shares an
        // order and component with one of them, so that FX matching sees those groups whole.
        var byStatus = new Dictionary<BreakStatus, long>
        {
            [BreakStatus.Matched] = 0, [BreakStatus.MissingSettlement] = 0, [BreakStatus.UnexpectedSettlement] = 0, [BreakStatus.AmountMismatch] = 0,
            [BreakStatus.FxMatched] = 0,
        };
        var totals = new GroupTotals();
        var toSort = new List<SortKey>();
        byStatus[BreakStatus.Matched] = ClassifyAll(keys, workers.Length, options, totals, toSort);
        var keyBuffer = new byte[Aggregator.MaxKeyBytes];
        var otherBuffer = new byte[Aggregator.MaxKeyBytes];
        if (options.Rates is not null && toSort.Count > 0)
        {
            var groups = new HashSet<ulong>(toSort.Count);
            foreach (var broken in toSort)
            {
                groups.Add(keys.OrderAndComponentHash(broken.Index));
            }
            for (var partition = 0; partition < KeyStore.Partitions; partition++)
            {
                var table = keys.Partition(partition);
                for (var local = 0; local < table.Count; local++)
                {
                    ref readonly var e = ref table[local];
                    var noOutcome = !e.HasExpectedLines && !e.HasSettledLines;
                    if ((noOutcome || Classify(e, Currency.FromIndex(e.Currency), options) == BreakStatus.Matched)
                        && groups.Contains(keys.OrderAndComponentHash(KeyStore.IndexOf(partition, local))))
                    {
                        // Sorted for its group, not a break.
                        var index = KeyStore.IndexOf(partition, local);
                        toSort.Add(new SortKey(SortKey.PrefixOf(keys.KeyOf(index, keyBuffer)), index, IsBreak: false, BreakStatus.Matched));
                    }
                }
            }
        }

        // 3. Sort those keys (ordinal bytes of order_id NUL component NUL currency): (first 8 key bytes big-endian,
        // index) pairs settle most comparisons without touching the arena; whole keys are compared only where the
        // prefixes tie. From here on a key is named by its position p in this order (order[p].Index is its index in
        // the store).
        var order = toSort.ToArray();
        SortKey.Sort(order, keys, workers.Length);
        var statuses = new BreakStatus[order.Length];
        for (var p = 0; p < order.Length; p++)
        {
            statuses[p] = order[p].Status;
        }
        // 4. FX matching, then the breaks' counts (their sums are in the totals: FX matching changes no key's sums, and
        // a key counts as broken in a group whether it ends up fx_matched or not).
        var fx = options.Rates is null ? [] : MatchAcrossCurrencies(keys, order, statuses, options, keyBuffer, otherBuffer);
        for (var p = 0; p < order.Length; p++)
        {
            if (order[p].IsBreak)
            {
                byStatus[statuses[p]]++;
            }
        }
        var balanced = totals.Balances(expectedAccepted, settledAccepted);

        var (breaks, mismatchKeys) = BuildBreaks(keys, labels, order, statuses, fx, workers.Length);
        // 4. Files and rejects.
        var fileStats = new List<ReconciliationFileStats>();
        for (var f = 0; f < files.Count; f++)
        {
            long read = 0, accepted = 0, rejected = 0, informational = 0;
            foreach (var worker in workers)
            {
                if (worker.Files.TryGetValue(f, out var c))
                {
                    read += c.Read;
                    accepted += c.Accepted;
                    rejected += c.Rejected;
                }
                informational += worker.Informational.GetValueOrDefault(f);
            }
            fileStats.Add(new ReconciliationFileStats(files[f].Name, files[f].Side, read, accepted, rejected) { InformationalRows = informational });
        }
        var fileOrder = files.Select((f, i) => (f.Name, i)).GroupBy(x => x.Name).ToDictionary(g => g.Key, g => g.Min(x => x.i), StringComparer.Ordinal);
        var rejects = workers.SelectMany(w => w.Rejects)
            .OrderBy(r => fileOrder.TryGetValue(r.File, out var i) ? i : int.MaxValue).ThenBy(r => r.Line).ThenBy(r => r.Column)
            .ToList();

        List<CurrencyTotals> Totals(int kind) => [.. totals.Groups(kind)
            .Select(t =>
            {
                var currency = Currency.FromIndex(t.Currency);
                var expected = checked((long)t.Sums.Expected);
                var settled = checked((long)t.Sums.Settled);
                return new CurrencyTotals(kind == 0 ? "" : Encoding.UTF8.GetString(labels[t.Label]), currency,
                    new Money(expected, currency), new Money(settled, currency), new Money(checked(settled - expected), currency), t.Sums.Keys, t.Sums.BrokenKeys);
            })
            .OrderBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.Currency.Code, StringComparer.Ordinal)];

        var summary = new ReconciliationSummary
        {
            Files = fileStats,
            KeysByStatus = byStatus,
            DuplicateLines = keys.DuplicateLines,
            CurrencyMismatchKeys = mismatchKeys,
            ByCurrency = Totals(0),
            ByMarket = Totals(1),
            ByCategory = Totals(2),
            Balanced = balanced,
        };
        return new ReconciliationResult(breaks, summary, rejects, settlementChecks);
    }

    /// <summary>A key to sort: the first 8 bytes of its whole key (big-endian), its index, and its status (when <see cref="IsBreak"/>).</summary>
    private readonly record struct SortKey(ulong Prefix, int Index, bool IsBreak, BreakStatus Status)
    {
        /// <summary>
        /// Sorts <paramref name="order"/> on up to two threads: each half sorted on its own, then merged. The comparison
        /// is a total order (keys are distinct), so the result is the one a single sort gives.
        /// </summary>
        public static void Sort(SortKey[] order, KeyStore keys, int threads)
        {
            if (threads < 2 || order.Length < 8_192)
            {
                order.AsSpan().Sort(new Comparer(keys));
                return;
            }
            var middle = order.Length / 2;
            CrossBorder.Engine.Internal.PartRunner.Run(2, part =>
                (part == 0 ? order.AsSpan(0, middle) : order.AsSpan(middle)).Sort(new Comparer(keys)));
            var left = order.AsSpan(0, middle).ToArray();
            var comparer = new Comparer(keys);
            int l = 0, r = middle, o = 0;
            while (l < left.Length && r < order.Length)
            {
                // The right half's element moves left only as far as the output, which never passes it.
                order[o++] = comparer.Compare(order[r], left[l]) < 0 ? order[r++] : left[l++];
            }
            left.AsSpan(l).CopyTo(order.AsSpan(o));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong PrefixOf(ReadOnlySpan<byte> key)
        {
            Span<byte> bytes = stackalloc byte[8];
            bytes.Clear();
            key[..Math.Min(8, key.Length)].CopyTo(bytes);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        }

        /// <summary>Ordinal order of the whole keys; one per sorting thread (it writes keys into its own buffers).</summary>
        public sealed class Comparer(KeyStore keys) : IComparer<SortKey>
        {
            private readonly byte[] _x = new byte[Aggregator.MaxKeyBytes];
            private readonly byte[] _y = new byte[Aggregator.MaxKeyBytes];

            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public int Compare(SortKey x, SortKey y)
            {
                if (x.Prefix != y.Prefix)
                {
                    return x.Prefix < y.Prefix ? -1 : 1;
                }
                // The stored bytes (the start of the whole key's) decide where they differ; where one starts the other,
                // the whole keys' bytes (with the component, if it has an id, and the currency) decide.
                // (A packed key is written out into the buffer; the whole keys overwrite it only after the comparison.)
                var a = keys.StoredKeyOf(x.Index, _x);
                var b = keys.StoredKeyOf(y.Index, _y);
                var common = Math.Min(a.Length, b.Length);
                var compared = a[..common].SequenceCompareTo(b[..common]);
                return compared != 0 ? compared : keys.KeyOf(x.Index, _x).SequenceCompareTo(keys.KeyOf(y.Index, _y));
            }
        }
    }

    /// <summary>
    /// The breaks (the keys at the positions of <paramref name="order"/> not matched), in that order, and how many carry a
    /// currency-mismatch hint. On <paramref name="threads"/> threads over contiguous ranges of positions, joined in order:
    /// every read is of the finished store (keys, labels, duplicates, FX pairs), so the list is the one a single pass
    /// gives. Market, category and component strings are made once per label, not once per break.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (List<ReconciliationBreak> Breaks, long MismatchKeys) BuildBreaks(KeyStore keys, LabelTable labels, SortKey[] order, BreakStatus[] statuses,
        Dictionary<int, FxPair> fx, int threads)
    {
        var labelText = new string[labels.Count];
        for (var id = 0; id < labelText.Length; id++)
        {
            labelText[id] = Encoding.UTF8.GetString(labels[id]);
        }
        var componentText = new string[keys.Components.Count];
        for (var id = 0; id < componentText.Length; id++)
        {
            componentText[id] = Encoding.UTF8.GetString(keys.Components[id]);
        }
        var parts = order.Length < 4_096 ? 1 : Math.Max(1, threads);
        var partBreaks = new List<ReconciliationBreak>[parts];
        var partMismatches = new long[parts];
        void Run(int part)
        {
            var from = (int)((long)order.Length * part / parts);
            var to = (int)((long)order.Length * (part + 1) / parts);
            var keyBuffer = new byte[Aggregator.MaxKeyBytes];
            var otherBuffer = new byte[Aggregator.MaxKeyBytes];
            var list = new List<ReconciliationBreak>();
            long mismatches = 0;
            for (var p = from; p < to; p++)
            {
                if (statuses[p] == BreakStatus.Matched)
                {
                    continue;
                }
                var i = order[p].Index;
                ref readonly var e = ref keys[i];
                var key = keys.KeyOf(i, keyBuffer);
                var first = key.IndexOf((byte)0);
                var second = first + 1 + key[(first + 1)..].IndexOf((byte)0);
                var currency = Currency.FromIndex(e.Currency);
                var hint = statuses[p] is BreakStatus.MissingSettlement or BreakStatus.UnexpectedSettlement
                    ? CurrencyMismatch(keys, order, statuses, p, key[..second], otherBuffer)
                    : fx.TryGetValue(p, out var pair) ? pair.Hint : "";
                if (hint.Length > 0)
                {
                    mismatches++;
                }
                list.Add(new ReconciliationBreak
                {
                    OrderId = Encoding.UTF8.GetString(key[..first]),
                    Component = e.Component != 0 ? componentText[e.Component] : Encoding.UTF8.GetString(key[(first + 1)..second]),
                    Currency = currency,
                    Expected = e.HasExpectedLines ? new Money(e.Expected, currency) : null,
                    Settled = e.HasSettledLines ? new Money(e.Settled, currency) : null,
                    Difference = new Money(checked(e.Settled - e.Expected), currency),
                    Status = statuses[p],
                    Market = labelText[e.Market],
                    Category = labelText[e.Category],
                    ExpectedLines = keys.ExpectedLinesOf(i),
                    SettledLines = keys.SettledLinesOf(i),
                    DuplicateLines = keys.DuplicatesOf(i),
                    CurrencyMismatch = hint,
                    FxRate = fx.TryGetValue(p, out var f) ? f.Rate : "",
                    FxSettledConverted = f?.Converted,
                    FxDifference = f?.Difference,
                });
            }
            partBreaks[part] = list;
            partMismatches[part] = mismatches;
        }
        CrossBorder.Engine.Internal.PartRunner.Run(parts, Run);
        var breaks = new List<ReconciliationBreak>(partBreaks.Sum(b => b.Count));
        long mismatchKeys = 0;
        for (var part = 0; part < parts; part++)
        {
            breaks.AddRange(partBreaks[part]);
            mismatchKeys += partMismatches[part];
        }
        return (breaks, mismatchKeys);
    }

    /// <summary>
    /// Step 2 of <see cref="Build"/> on <paramref name="threads"/> threads: each classifies a contiguous range of
    /// partitions into its own totals and break list; the totals are exact (Int128) and merged after, and the break lists
    /// are joined in partition order, so the result is the one a single pass gives. Returns the matched keys.
    /// </summary>
    private static long ClassifyAll(KeyStore keys, int threads, ReconciliationOptions options, GroupTotals totals, List<SortKey> breaks)
    {
        if (threads <= 1)
        {
            return ClassifyPartitions(keys, 0, KeyStore.Partitions, options, totals, breaks);
        }
        var parts = Math.Min(threads, KeyStore.Partitions);
        var partTotals = new GroupTotals[parts];
        var partBreaks = new List<SortKey>[parts];
        var partMatched = new long[parts];
        void Run(int part)
        {
            partTotals[part] = new GroupTotals();
            partBreaks[part] = [];
            partMatched[part] = ClassifyPartitions(keys, KeyStore.Partitions * part / parts, KeyStore.Partitions * (part + 1) / parts, options, partTotals[part],
                partBreaks[part]);
        }
        CrossBorder.Engine.Internal.PartRunner.Run(parts, Run);
        long matched = 0;
        for (var part = 0; part < parts; part++)
        {
            totals.Merge(partTotals[part]);
            breaks.AddRange(partBreaks[part]);
            matched = checked(matched + partMatched[part]);
        }
        return matched;
    }

    /// <summary>Classifies the keys of partitions [<paramref name="from"/>, <paramref name="to"/>) into <paramref name="totals"/>, and the keys not matched into <paramref name="breaks"/>; returns the matched keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long ClassifyPartitions(KeyStore keys, int from, int to, ReconciliationOptions options, GroupTotals totals, List<SortKey> breaks)
    {
        long matched = 0;
        var keyBuffer = new byte[Aggregator.MaxKeyBytes];
        for (var partition = from; partition < to; partition++)
        {
            var table = keys.Partition(partition);
            for (var local = 0; local < table.Count; local++)
            {
                ref readonly var e = ref table[local];
                if (!e.HasExpectedLines && !e.HasSettledLines)
                {
                    continue; // a key whose only line was rejected (overflow): no outcome
                }
                var status = Classify(e, Currency.FromIndex(e.Currency), options);
                totals.Add(e, status);
                if (status == BreakStatus.Matched)
                {
                    matched++;
                }
                else
                {
                    // The sort prefix is taken now, while the entry is in the cache.
                    var index = KeyStore.IndexOf(partition, local);
                    breaks.Add(new SortKey(SortKey.PrefixOf(keys.KeyOf(index, keyBuffer)), index, IsBreak: true, status));
                }
            }
        }
        return matched;
    }

    // Inlined into the classification loop (9M keys at the issue's size), with equal sums, the common case, decided first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static BreakStatus Classify(in KeyTable.Entry e, Currency currency, ReconciliationOptions options)
    {
        if (!e.HasSettledLines)
        {
            return BreakStatus.MissingSettlement;
        }
        if (!e.HasExpectedLines)
        {
            return BreakStatus.UnexpectedSettlement;
        }
        if (e.Settled == e.Expected)
        {
            return BreakStatus.Matched;
        }
        return ClassifyDifference(e, currency, options);
    }

    private static BreakStatus ClassifyDifference(in KeyTable.Entry e, Currency currency, ReconciliationOptions options)
    {
        var difference = Int128.Abs((Int128)e.Settled - e.Expected);
        if (difference == 0)
        {
            return BreakStatus.Matched;
        }
        if (difference <= options.AbsoluteToleranceMinor(currency))
        {
            return BreakStatus.Matched;
        }
        if (options.TolerancePercent > 0)
        {
            // |difference| ≤ pct/100 × |expected|, exactly: compare difference × 100 × den with |expected| × num.
            var pct = Rate.FromDecimal(options.TolerancePercent);
            if (difference * 100 * pct.Denominator <= Int128.Abs(e.Expected) * pct.Numerator)
            {
                return BreakStatus.Matched;
            }
        }
        return BreakStatus.AmountMismatch;
    }

    /// <summary>
    /// The keys' sums by currency, by market and currency, and by category and currency. Sums
    /// are Int128, so they are exact in any order (the keys come in the store's order, which depends on the thread
    /// count); a total that does not fit in 64-bit minor units fails when it is read.
    /// </summary>
    private sealed class GroupTotals
    {
        // Kind (0 currency, 1 market, 2 category) << 48 | label id << 16 | currency index.
        private readonly Dictionary<long, Sums> _groups = [];
        private readonly Int128[] _expectedByCurrency = new Int128[CurrencyTable.Entries.Length];
        private readonly Int128[] _settledByCurrency = new Int128[CurrencyTable.Entries.Length];

        public sealed class Sums
        {
            public Int128 Expected;
            public Int128 Settled;
            public long Keys;
            public long BrokenKeys;
        }

        // A small direct-mapped cache of groups (kind, label, currency) to their sums: keys come in table order, where
        // neighbours are from different orders (a key's hash places it), so consecutive keys rarely share a market or a
        // category, but a reconciliation has few groups. A group is still added to the dictionary when first seen.
        private const int CacheBits = 8;
        private readonly long[] _cachedGroups = CreateEmptyCache();
        private readonly Sums?[] _cachedSums = new Sums?[1 << CacheBits];

        private static long[] CreateEmptyCache()
        {
            var groups = new long[1 << CacheBits];
            groups.AsSpan().Fill(-1); // no group is −1
            return groups;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(in KeyTable.Entry e, BreakStatus status)
        {
            _expectedByCurrency[e.Currency] += e.Expected;
            _settledByCurrency[e.Currency] += e.Settled;
            Add(CachedSumsOf(GroupOf(0, 0, e.Currency)), e, status);
            Add(CachedSumsOf(GroupOf(1, e.Market, e.Currency)), e, status);
            Add(CachedSumsOf(GroupOf(2, e.Category, e.Currency)), e, status);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Sums CachedSumsOf(long group)
        {
            // Fibonacci hashing of the group to a cache slot (unchecked: a bit pattern).
            var slot = (int)(unchecked((ulong)group * 0x9E37_79B9_7F4A_7C15UL) >> (64 - CacheBits));
            return _cachedGroups[slot] == group ? _cachedSums[slot]! : CacheMiss(group, slot);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private Sums CacheMiss(long group, int slot)
        {
            var sums = SumsOf(group);
            _cachedGroups[slot] = group;
            _cachedSums[slot] = sums;
            return sums;
        }

        /// <summary>Adds <paramref name="other"/>'s sums to these (exact: Int128 sums in any order).</summary>
        public void Merge(GroupTotals other)
        {
            for (var c = 0; c < _expectedByCurrency.Length; c++)
            {
                _expectedByCurrency[c] += other._expectedByCurrency[c];
                _settledByCurrency[c] += other._settledByCurrency[c];
            }
            foreach (var (group, sums) in other._groups)
            {
                var mine = SumsOf(group);
                mine.Expected += sums.Expected;
                mine.Settled += sums.Settled;
                mine.Keys += sums.Keys;
                mine.BrokenKeys += sums.BrokenKeys;
            }
        }

        /// <summary>Whether the keys' sums per currency equal the accepted lines' sums.</summary>
        public bool Balances(long[] expectedAccepted, long[] settledAccepted)
        {
            for (var c = 0; c < expectedAccepted.Length; c++)
            {
                if (_expectedByCurrency[c] != expectedAccepted[c] || _settledByCurrency[c] != settledAccepted[c])
                {
                    return false;
                }
            }
            return true;
        }

        public IEnumerable<(int Label, ushort Currency, Sums Sums)> Groups(int kind) =>
            _groups.Where(g => (int)(g.Key >> 48) == kind).Select(g => ((int)((g.Key >> 16) & uint.MaxValue), (ushort)(g.Key & ushort.MaxValue), g.Value));

        private static long GroupOf(int kind, int label, ushort currency) => ((long)kind << 48) | ((long)(uint)label << 16) | currency;

        private Sums SumsOf(long group)
        {
            if (!_groups.TryGetValue(group, out var sums))
            {
                sums = new Sums();
                _groups.Add(group, sums);
            }
            return sums;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Add(Sums sums, in KeyTable.Entry e, BreakStatus status)
        {
            sums.Expected += e.Expected;
            sums.Settled += e.Settled;
            sums.Keys++;
            if (status != BreakStatus.Matched)
            {
                sums.BrokenKeys++;
            }
        }
    }

    /// <summary>What an FX pair reports on each of its two keys.</summary>
    private sealed record FxPair(string Rate, Money Converted, Money Difference, string Hint);

    /// <summary>
    /// Pairs each order/component expected in one currency only (missing_settlement) with the same order/component
    /// settled in exactly one other currency only (unexpected_settlement); converts the settled amount at the rate in
    /// force on its latest settlement date, half-even to the expected currency; within the FX tolerance (or the
    /// expected currency's absolute tolerance) both keys become <see cref="BreakStatus.FxMatched"/>. Either way the
    /// pair's FX figures are reported on both keys. Keys are adjacent in <paramref name="order"/> (sorted by order_id,
    /// component, currency); <paramref name="statuses"/> and the result are by position in it.
    /// </summary>
    private static Dictionary<int, FxPair> MatchAcrossCurrencies(KeyStore keys, SortKey[] order, BreakStatus[] statuses, ReconciliationOptions options,
        byte[] keyBuffer, byte[] otherBuffer)
    {
        var result = new Dictionary<int, FxPair>();
        var rates = options.Rates!;
        var p = 0;
        while (p < order.Length)
        {
            var key = keys.KeyOf(order[p].Index, keyBuffer);
            var prefixLength = key.LastIndexOf((byte)0) + 1; // order_id NUL component NUL
            var end = p + 1;
            while (end < order.Length && keys.KeyOf(order[end].Index, otherBuffer) is var other && other.Length > prefixLength
                && other[..prefixLength].SequenceEqual(key[..prefixLength]) && other.LastIndexOf((byte)0) + 1 == prefixLength)
            {
                end++;
            }
            if (end - p == 2)
            {
                int expectedKey = -1, settledKey = -1;
                foreach (var q in (ReadOnlySpan<int>)[p, p + 1])
                {
                    if (statuses[q] == BreakStatus.MissingSettlement)
                    {
                        expectedKey = q;
                    }
                    else if (statuses[q] == BreakStatus.UnexpectedSettlement)
                    {
                        settledKey = q;
                    }
                }
                if (expectedKey >= 0 && settledKey >= 0 && keys.LastSettledDayOf(order[settledKey].Index) > 0)
                {
                    ref readonly var expected = ref keys[order[expectedKey].Index];
                    ref readonly var settled = ref keys[order[settledKey].Index];
                    var to = Currency.FromIndex(expected.Currency);
                    var from = Currency.FromIndex(settled.Currency);
                    var date = DateOnly.FromDayNumber(keys.LastSettledDayOf(order[settledKey].Index));
                    if (rates.TryGetRate(from, to, date, out var rate))
                    {
                        var converted = rate.Convert(new Money(settled.Settled, from), RoundingMode.HalfEven);
                        var difference = new Money(checked(converted.MinorUnits - expected.Expected), to);
                        var tolerance = Math.Max(options.AbsoluteToleranceMinor(to),
                            (long)decimal.Truncate(Math.Abs((decimal)expected.Expected) * options.FxTolerancePercent / 100m));
                        var within = Math.Abs(difference.MinorUnits) <= tolerance;
                        var rateText = string.Create(CultureInfo.InvariantCulture, $"{from.Code}/{to.Code} {rate.ToDecimal():0.##########} on {date:yyyy-MM-dd}");
                        var pair = new FxPair(rateText, converted, difference, $"fx pair: expected in {to.Code}; settled in {from.Code}");
                        result[expectedKey] = pair;
                        result[settledKey] = pair;
                        if (within)
                        {
                            statuses[expectedKey] = BreakStatus.FxMatched;
                            statuses[settledKey] = BreakStatus.FxMatched;
                        }
                    }
                }
            }
            p = end;
        }
        return result;
    }

    /// <summary>Other currencies of the same order and component on the other side (the keys around position p in sorted order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string CurrencyMismatch(KeyStore keys, SortKey[] order, BreakStatus[] statuses, int p, ReadOnlySpan<byte> orderAndComponent, byte[] otherBuffer)
    {
        var mine = statuses[p];
        var wanted = mine == BreakStatus.MissingSettlement ? BreakStatus.UnexpectedSettlement : BreakStatus.MissingSettlement;
        List<string>? found = null;
        for (var direction = -1; direction <= 1; direction += 2)
        {
            for (var q = p + direction; q >= 0 && q < order.Length; q += direction)
            {
                if (orderAndComponent.Length >= 8 && order[q].Prefix != order[p].Prefix)
                {
                    break; // two keys that both start with the order and component share their first 8 bytes
                }
                var other = keys.KeyOf(order[q].Index, otherBuffer);
                if (other.Length <= orderAndComponent.Length || !other.StartsWith(orderAndComponent) || other[orderAndComponent.Length] != 0)
                {
                    break;
                }
                if (statuses[q] == wanted)
                {
                    (found ??= []).Add(Currency.FromIndex(keys[order[q].Index].Currency).Code);
                }
            }
        }
        if (found is null)
        {
            return "";
        }
        found.Sort(StringComparer.Ordinal);
        return (mine == BreakStatus.MissingSettlement ? "settled in " : "expected in ") + string.Join(' ', found);
    }

    /// <summary>Writes breaks.csv (UTF-8, LF, no BOM); byte-identical for the same inputs whatever the thread count.</summary>
    public void WriteBreaksCsv(Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(BreaksHeader);
        foreach (var b in Breaks)
        {
            writer.Write(Csv(b.OrderId)); writer.Write(',');
            writer.Write(Csv(b.Component)); writer.Write(',');
            writer.Write(b.Currency.Code); writer.Write(',');
            writer.Write(b.Expected is { } x ? x.ToString("N", CultureInfo.InvariantCulture) : ""); writer.Write(',');
            writer.Write(b.Settled is { } s ? s.ToString("N", CultureInfo.InvariantCulture) : ""); writer.Write(',');
            writer.Write(b.Difference.ToString("N", CultureInfo.InvariantCulture)); writer.Write(',');
            writer.Write(b.Status.Name()); writer.Write(',');
            writer.Write(Csv(b.Market)); writer.Write(',');
            writer.Write(Csv(b.Category)); writer.Write(',');
            writer.Write(b.ExpectedLines.ToString(CultureInfo.InvariantCulture)); writer.Write(',');
            writer.Write(b.SettledLines.ToString(CultureInfo.InvariantCulture)); writer.Write(',');
            writer.Write(b.DuplicateLines.ToString(CultureInfo.InvariantCulture)); writer.Write(',');
            writer.Write(Csv(b.CurrencyMismatch)); writer.Write(',');
            writer.Write(Csv(b.FxRate)); writer.Write(',');
            writer.Write(b.FxSettledConverted is { } fc ? fc.ToString("N", CultureInfo.InvariantCulture) : ""); writer.Write(',');
            writer.WriteLine(b.FxDifference is { } fd ? fd.ToString("N", CultureInfo.InvariantCulture) : "");
        }
    }

    /// <summary>Writes rejects.csv: <c>file,line,column,value,reason</c>.</summary>
    public void WriteRejectsCsv(Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine("file,line,column,value,reason");
        foreach (var r in Rejects)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Csv(r.File)},{r.Line},{r.Column},{Csv(r.Value)},{Csv(r.Reason)}"));
        }
    }

    /// <summary>Writes the summary as JSON.</summary>
    public void WriteSummaryJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var s = Summary;
        json.WriteStartObject();
        json.WriteBoolean("balanced", s.Balanced);
        json.WriteStartArray("files");
        foreach (var f in s.Files)
        {
            json.WriteStartObject();
            json.WriteString("file", f.File);
            json.WriteString("side", f.Side == ReconciliationSide.Expected ? "expected" : "settlement");
            json.WriteNumber("lines_read", f.LinesRead);
            json.WriteNumber("accepted", f.Accepted);
            json.WriteNumber("rejected", f.Rejected);
            json.WriteNumber("informational_rows", f.InformationalRows);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("keys");
        foreach (var (status, count) in s.KeysByStatus.OrderBy(k => k.Key))
        {
            json.WriteNumber(status.Name(), count);
        }
        json.WriteEndObject();
        json.WriteNumber("duplicate_lines", s.DuplicateLines);
        json.WriteNumber("currency_mismatch_keys", s.CurrencyMismatchKeys);
        WriteTotals(json, "by_currency", s.ByCurrency, null);
        WriteTotals(json, "by_market", s.ByMarket, "market");
        WriteTotals(json, "by_category", s.ByCategory, "category");
        json.WriteStartArray("settlement_checks");
        foreach (var c in SettlementChecks)
        {
            json.WriteStartObject();
            json.WriteString("file", c.File);
            json.WriteString("settlement_id", c.SettlementId);
            json.WriteString("currency", c.Currency.Code);
            json.WriteNumber("lines", c.Lines);
            json.WriteString("lines_total", c.LinesTotal.ToString("N", CultureInfo.InvariantCulture));
            if (c.StatedTotal is { } stated)
            {
                json.WriteString("stated_total", stated.ToString("N", CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("stated_total");
            }
            json.WriteString("status", c.Status.Name());
            json.WriteString("note", c.Note);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter json, string name, IReadOnlyList<CurrencyTotals> totals, string? groupName)
    {
        json.WriteStartArray(name);
        foreach (var t in totals)
        {
            json.WriteStartObject();
            if (groupName is not null)
            {
                json.WriteString(groupName, t.Group);
            }
            json.WriteString("currency", t.Currency.Code);
            json.WriteString("expected", t.Expected.ToString("N", CultureInfo.InvariantCulture));
            json.WriteString("settled", t.Settled.ToString("N", CultureInfo.InvariantCulture));
            json.WriteString("difference", t.Difference.ToString("N", CultureInfo.InvariantCulture));
            json.WriteNumber("keys", t.Keys);
            json.WriteNumber("broken_keys", t.BrokenKeys);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>A short human-readable summary.</summary>
    public string FormatSummary()
    {
        var s = Summary;
        var text = new StringBuilder();
        foreach (var f in s.Files)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(f.Side == ReconciliationSide.Expected ? "expected  " : "settlement")} {f.File}: {f.LinesRead} lines read, {f.Accepted} accepted, {f.Rejected} rejected{(f.InformationalRows > 0 ? $", {f.InformationalRows} total/informational rows" : "")}\n");
        }
        foreach (var c in SettlementChecks)
        {
            text.Append(CultureInfo.InvariantCulture, $"settlement {c.SettlementId} ({c.File}): {c.Lines} lines sum to {c.LinesTotal.ToString("N", CultureInfo.InvariantCulture)} {c.Currency.Code}, stated {(c.StatedTotal is { } st ? st.ToString("N", CultureInfo.InvariantCulture) : "none")}: {c.Status.Name()}{(c.Note.Length > 0 ? " — " + c.Note : "")}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"keys: {s.KeysByStatus[BreakStatus.Matched]} matched, {s.KeysByStatus[BreakStatus.MissingSettlement]} missing_settlement, {s.KeysByStatus[BreakStatus.UnexpectedSettlement]} unexpected_settlement, {s.KeysByStatus[BreakStatus.AmountMismatch]} amount_mismatch, {s.KeysByStatus[BreakStatus.FxMatched]} fx_matched; {s.DuplicateLines} duplicate settlement lines; {s.CurrencyMismatchKeys} currency-mismatch hints\n");
        text.Append(CultureInfo.InvariantCulture, $"{"currency",-8} {"expected",18} {"settled",18} {"difference",16} {"keys",8} {"broken",8}\n");
        foreach (var t in s.ByCurrency)
        {
            text.Append(CultureInfo.InvariantCulture, $"{t.Currency.Code,-8} {t.Expected.ToString("N", CultureInfo.InvariantCulture),18} {t.Settled.ToString("N", CultureInfo.InvariantCulture),18} {t.Difference.ToString("N", CultureInfo.InvariantCulture),16} {t.Keys,8} {t.BrokenKeys,8}\n");
        }
        text.Append(s.Balanced ? "money balances: accepted lines = matched + broken keys in every currency\n" : "MONEY DOES NOT BALANCE: internal error, please report\n");
        return text.ToString();
    }

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
