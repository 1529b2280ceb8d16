using System.Globalization;
using System.IO.Hashing;
using System.Text;
using CrossBorder.Engine.Reconciliation;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>The chunked key table: keys and entries in chunks that are never copied, one shared store for the workers.</summary>
public class KeyTableTests
{
    // "i:" and 0 to 39 filler bytes: with 32-byte arena chunks, keys end exactly at, cross and exceed chunk boundaries.
    private static byte[] Key(int i) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{i}:") + new string((char)('a' + (i % 26)), i * 7 % 40));

    [Fact]
    public void An_entry_is_40_bytes()
    {
        // 9M keys are 346 MiB of entries at 40 bytes; a field added carelessly grows every key's cost (each 8 bytes a
        // key cost about 0.15 s at 10M/9M, in memory the kernel clears). The latest settlement day, needed only for FX
        // matching, and line counts past 254 are kept beside the entries.
        Assert.Equal(40, System.Runtime.CompilerServices.Unsafe.SizeOf<KeyTable.Entry>());
    }

    [Fact]
    public void Line_counts_past_the_entry_s_byte_are_exact_and_each_side_is_counted_apart()
    {
        // Up to 254 lines a side are counted in the entry; from the 255th the table's side table counts. Keys with
        // 0, 1, 254, 255, 256 and 70,000 lines on one side and other counts on the other.
        var table = new KeyTable();
        (int Expected, int Settled)[] counts = [(0, 1), (1, 0), (254, 3), (255, 255), (256, 254), (70_000, 2), (5, 70_001)];
        for (var k = 0; k < counts.Length; k++)
        {
            var key = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"K{k}"));
            var hash = XxHash3.HashToUInt64(key);
            for (var i = 0; i < counts[k].Expected; i++)
            {
                table.CountLine(ref table.GetOrAdd(hash, key, 0, 0, out var index), index, ReconciliationSide.Expected);
            }
            for (var i = 0; i < counts[k].Settled; i++)
            {
                table.CountLine(ref table.GetOrAdd(hash, key, 0, 0, out var index), index, ReconciliationSide.Settlement);
            }
        }

        Assert.Equal(counts.Length, table.Count);
        for (var k = 0; k < counts.Length; k++)
        {
            Assert.Equal(((uint)counts[k].Expected, (uint)counts[k].Settled), (table.ExpectedLinesOf(k), table.SettledLinesOf(k)));
            Assert.Equal((counts[k].Expected > 0, counts[k].Settled > 0), (table[k].HasExpectedLines, table[k].HasSettledLines));
        }
    }

    [Fact]
    public void The_first_fingerprint_and_the_market_share_a_word_without_disturbing_each_other()
    {
        // The entry keeps 48 bits of the first fingerprint and the market's 16-bit id in one word.
        var table = new KeyTable();
        ref var entry = ref table.GetOrAdd(1, "K"u8, 0);
        entry.Market = ushort.MaxValue;
        Assert.True(table.TryAddPrint(ref entry, 0xFFFF_1234_5678_9ABC));
        Assert.Equal((ushort.MaxValue, 0x1234_5678_9ABCUL), (entry.Market, entry.Print));
        Assert.False(table.TryAddPrint(ref entry, 0x0000_1234_5678_9ABC)); // the same 48 bits: the same line
        entry.Market = 7;
        Assert.Equal((7, 0x1234_5678_9ABCUL), (entry.Market, entry.Print));
        Assert.True(table.TryAddPrint(ref entry, 0x1234_5678_9ABD));      // another line: to the overflow set
        Assert.False(table.TryAddPrint(ref entry, 0x1234_5678_9ABD));
        Assert.Equal(1, table.OverflowPrints);
        Assert.Equal((7, 0x1234_5678_9ABCUL), (entry.Market, entry.Print));
    }

    [Fact]
    public void The_latest_settlement_day_is_kept_per_key_beside_the_entries()
    {
        var table = new KeyTable(entryChunkShift: 1, arenaChunkShift: 5);
        for (var i = 0; i < 9; i++)
        {
            var key = Key(i);
            table.GetOrAdd(XxHash3.HashToUInt64(key), key, 0);
        }
        Assert.Equal(0, table.LastSettledDayOf(5)); // nothing noted: no chunk yet
        table.NoteSettledDay(5, 739_000);
        table.NoteSettledDay(5, 738_000); // an earlier day does not replace a later one
        table.NoteSettledDay(8, -1);      // a line without a date
        table.NoteSettledDay(0, 12);
        Assert.Equal(739_000, table.LastSettledDayOf(5));
        Assert.Equal(0, table.LastSettledDayOf(8));
        Assert.Equal(12, table.LastSettledDayOf(0));
        Assert.Equal(0, table.LastSettledDayOf(4)); // same chunk as 5, never noted
        Assert.Equal(0, table.LastSettledDayOf(1));
    }

    [Theory]
    [InlineData("000-0000000-0000000")]
    [InlineData("114-1234567-1234567")]
    [InlineData("999-9999999-9999999")]
    [InlineData("250-7956126-4566474")]
    public void An_amazon_order_id_packs_into_8_bytes_and_back(string orderId)
    {
        var bytes = Encoding.ASCII.GetBytes(orderId);
        Assert.True(KeyTable.TryPack(bytes, out var packed));
        Assert.True(packed < 1UL << 57);
        var back = new byte[KeyTable.PackedLength];
        KeyTable.Unpack(packed, back);
        Assert.Equal(orderId, Encoding.ASCII.GetString(back));
    }

    [Theory]
    [InlineData("114-1234567-123456")]      // 18 bytes
    [InlineData("114-1234567-12345678")]    // 20 bytes
    [InlineData("1141-234567-1234567")]     // dash elsewhere
    [InlineData("114-1234567x1234567")]
    [InlineData("114-12345a7-1234567")]
    [InlineData("114-1234567-123456/")]     // '/' is '0' - 1
    [InlineData("114-1234567-123456:")]     // ':' is '9' + 1
    [InlineData("114-1234567\0principal")]
    public void Anything_else_is_stored_as_bytes(string key)
    {
        Assert.False(KeyTable.TryPack(Encoding.ASCII.GetBytes(key), out _));
    }

    [Fact]
    public void Packed_and_byte_keys_live_side_by_side_and_are_found_again()
    {
        // Amazon ids (packed) and near misses (bytes) in one table with tiny chunks, under one hash so that they meet in
        // one probe sequence: each is its own key, found again, and written out whole.
        var table = new KeyTable(entryChunkShift: 1, arenaChunkShift: 5);
        string[] keys = ["114-1234567-1234567", "114-1234567-1234568", "114-1234567-123456a", "114-1234567-12345678", "000-0000000-0000000", "O1"];
        for (var i = 0; i < keys.Length; i++)
        {
            table.GetOrAdd(7, Encoding.ASCII.GetBytes(keys[i]), 3, 5, out _).Expected = i + 1;
        }
        Assert.Equal(keys.Length, table.Count);
        var buffer = new byte[KeyTable.PackedLength];
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i + 1, table.GetOrAdd(7, Encoding.ASCII.GetBytes(keys[i]), 3, 5, out var index).Expected);
            Assert.Equal(i, index);
            Assert.Equal(keys[i], Encoding.ASCII.GetString(table.KeyOf(i, buffer)));
            Assert.Equal(keys[i].Length, table[i].KeyLength);
            Assert.Equal(KeyTable.TryPack(Encoding.ASCII.GetBytes(keys[i]), out _), table[i].IsPacked);
        }
        Assert.Equal(keys.Length, table.Count);
        Assert.Equal(3, Enumerable.Range(0, keys.Length).Count(i => table[i].IsPacked));
    }

    [Fact]
    public void Keys_across_chunk_boundaries_read_back_whole_and_are_found_again()
    {
        // 2-entry and 32-byte chunks: 3,000 keys fill some 1,500 entry chunks and as many arena chunks.
        var table = new KeyTable(entryChunkShift: 1, arenaChunkShift: 5);
        const int count = 3_000;
        var keys = Enumerable.Range(0, count).Select(Key).ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            ref var entry = ref table.GetOrAdd(XxHash3.HashToUInt64(keys[i]), keys[i], (ushort)(i % 7));
            entry.Expected = i;
        }

        Assert.Equal(keys.Length, table.Count);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(keys[i], table.KeyOf(i).ToArray());
            ref var entry = ref table.GetOrAdd(XxHash3.HashToUInt64(keys[i]), keys[i], (ushort)(i % 7));
            Assert.Equal(i, entry.Expected);
            Assert.Equal((ushort)(i % 7), entry.Currency);
        }
        Assert.Equal(keys.Length, table.Count); // found, not added again
    }

    [Fact]
    public void The_currency_and_the_component_id_are_part_of_the_key_though_not_of_its_bytes()
    {
        // The table holds order_id NUL component, or only order_id when the component has an id; the entry holds the
        // currency and the id. The same bytes with another currency or id (given the same hash, so that they meet in
        // one probe sequence) are other keys, each found again by all three.
        var table = new KeyTable();
        var key = "O1"u8;
        table.GetOrAdd(42, key, 3, 0, out _).Expected = 300;
        table.GetOrAdd(42, key, 5, 0, out _).Expected = 500;
        table.GetOrAdd(42, key, 5, 7, out _).Expected = 570;
        table.GetOrAdd(42, key, 5, KeyTable.MaxComponents, out _).Expected = 5_4095;

        Assert.Equal(4, table.Count);
        Assert.Equal(300, table.GetOrAdd(42, key, 3, 0, out var a).Expected);
        Assert.Equal(500, table.GetOrAdd(42, key, 5, 0, out var b).Expected);
        Assert.Equal(570, table.GetOrAdd(42, key, 5, 7, out var c).Expected);
        Assert.Equal(5_4095, table.GetOrAdd(42, key, 5, KeyTable.MaxComponents, out var d).Expected);
        Assert.Equal((0, 1, 2, 3), (a, b, c, d));
        Assert.Equal((5, 7), (table[2].Currency, table[2].Component));
        Assert.Equal(key.ToArray(), table.KeyOf(2).ToArray());
        Assert.Equal(4, table.Count);
    }

    [Fact]
    public void Every_currency_and_the_longest_key_fit_an_entry_and_more_is_refused()
    {
        Assert.True(CurrencyTable.Entries.Length <= KeyTable.MaxCurrencies);
        Assert.True(Aggregator.MaxKeyBytes - 5 <= KeyTable.MaxKeyLength); // order_id NUL component, without NUL CCC
        var table = new KeyTable();
        var longest = new byte[KeyTable.MaxKeyLength];
        table.GetOrAdd(1, longest, KeyTable.MaxCurrencies - 1, KeyTable.MaxComponents, out _);
        Assert.Equal((KeyTable.MaxKeyLength, KeyTable.MaxCurrencies - 1, KeyTable.MaxComponents), (table[0].KeyLength, (int)table[0].Currency, (int)table[0].Component));

        Assert.Throws<ArgumentOutOfRangeException>(() => table.GetOrAdd(2, new byte[KeyTable.MaxKeyLength + 1], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.GetOrAdd(3, "k"u8, KeyTable.MaxCurrencies));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.GetOrAdd(4, "k"u8, 0, KeyTable.MaxComponents + 1, out _));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void A_whole_key_is_written_out_with_its_currency_code()
    {
        var store = new KeyStore(parallel: false);
        var key = "O1\0principal"u8;
        var hash = XxHash3.HashToUInt64("O1\0principal\0JPY"u8);
        var partition = KeyStore.PartitionOf(hash);
        store.Partition(partition).GetOrAdd(hash, key, Currency.JPY.Index, 0, out var local);
        Assert.True(store.Components.TryIntern("principal"u8, out var principal));
        store.Partition(partition).GetOrAdd(hash, "O1"u8, Currency.JPY.Index, principal, out var withId);

        var index = KeyStore.IndexOf(partition, local);
        var buffer = new byte[Aggregator.MaxKeyBytes];
        buffer.AsSpan().Fill(0xFF); // every byte of the whole key is written, the separators too
        Assert.Equal("O1\0principal"u8.ToArray(), store.StoredKeyOf(index, buffer).ToArray());
        Assert.Equal("O1\0principal\0JPY"u8.ToArray(), store.KeyOf(index, buffer).ToArray());
        buffer.AsSpan().Fill(0xFF);
        Assert.Equal("O1"u8.ToArray(), store.StoredKeyOf(KeyStore.IndexOf(partition, withId), buffer).ToArray());
        Assert.Equal("O1\0principal\0JPY"u8.ToArray(), store.KeyOf(KeyStore.IndexOf(partition, withId), buffer).ToArray());
    }

    [Fact]
    public void A_key_longer_than_a_chunk_gets_a_chunk_of_its_own()
    {
        var table = new KeyTable(entryChunkShift: 1, arenaChunkShift: 4);
        var small = "ab"u8.ToArray();
        var large = Encoding.UTF8.GetBytes(new string('x', 100));
        table.GetOrAdd(XxHash3.HashToUInt64(small), small, 0);
        table.GetOrAdd(XxHash3.HashToUInt64(large), large, 0);
        table.GetOrAdd(XxHash3.HashToUInt64("cd"u8), "cd"u8, 0);

        Assert.Equal(small, table.KeyOf(0).ToArray());
        Assert.Equal(large, table.KeyOf(1).ToArray());
        Assert.Equal("cd"u8.ToArray(), table.KeyOf(2).ToArray());
    }

    [Fact]
    public void Fingerprints_past_the_one_in_the_entry_are_kept_in_the_overflow_set()
    {
        var table = new KeyTable();
        ref var entry = ref table.GetOrAdd(1, "k"u8, 0);
        Assert.True(table.TryAddPrint(ref entry, 0)); // 0 is stored as 1
        Assert.False(table.TryAddPrint(ref entry, 1));
        Assert.Equal(0, table.OverflowPrints);
        Assert.True(table.TryAddPrint(ref entry, 2));
        Assert.True(table.TryAddPrint(ref entry, 3));
        Assert.False(table.TryAddPrint(ref entry, 3));
        Assert.False(table.TryAddPrint(ref entry, 2));
        Assert.False(table.TryAddPrint(ref entry, 1));
        Assert.Equal(2, table.OverflowPrints);
    }

    [Fact]
    public void Duplicate_lines_are_counted_per_key_beside_the_entries()
    {
        var table = new KeyTable(entryChunkShift: 1, arenaChunkShift: 5);
        var keys = Enumerable.Range(0, 100).Select(Key).ToArray();
        foreach (var key in keys)
        {
            table.GetOrAdd(XxHash3.HashToUInt64(key), key, 0);
        }
        for (var i = 0; i < keys.Length; i += 7)
        {
            table.GetOrAdd(XxHash3.HashToUInt64(keys[i]), keys[i], 0, 0, out var index);
            Assert.Equal(i, index);
            for (var d = 0; d < i % 5 + 1; d++)
            {
                table.AddDuplicate(index);
            }
        }

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i % 7 == 0 ? (uint)(i % 5 + 1) : 0u, table.DuplicatesOf(i));
        }
        Assert.Equal(Enumerable.Range(0, keys.Length).Where(i => i % 7 == 0).Sum(i => i % 5 + 1), table.DuplicateLines);
    }

    [Fact]
    public void Three_workers_each_adding_the_keys_of_their_own_partitions_at_once_hold_each_key_once()
    {
        // The parallel read's rule (RowExchange): every worker sees every key, and adds it only when it owns the key's
        // partition. The partitions share the slabs and the component table, which must take the three at once.
        var store = new KeyStore(parallel: true, entryChunkShift: 2, arenaChunkShift: 6);
        var exchange = new RowExchange(3);
        const int count = 20_000;
        var keys = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"order-{i}\0p\0EUR"))).ToArray();
        var added = new int[3];
        void Work(int worker)
        {
            for (var round = 0; round < 2; round++)
            {
                foreach (var key in keys)
                {
                    var hash = XxHash3.HashToUInt64(key);
                    var partition = KeyStore.PartitionOf(hash);
                    if (exchange.OwnerOf(partition) != worker)
                    {
                        continue;
                    }
                    ref var entry = ref store.Partition(partition).GetOrAdd(hash, key, 0);
                    entry.Expected++;
                    added[worker]++;
                }
            }
        }
        Parallel.Invoke(() => Work(0), () => Work(1), () => Work(2));

        Assert.Equal(count, store.Count);
        Assert.Equal(2 * count, added.Sum());
        Assert.All(added, a => Assert.InRange(a, 2 * count / 6, 2 * count * 2 / 3)); // each worker owns about a third
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < KeyStore.Partitions; p++)
        {
            var table = store.Partition(p);
            for (var local = 0; local < table.Count; local++)
            {
                var index = KeyStore.IndexOf(p, local);
                Assert.Equal(2, store[index].Expected);
                Assert.True(seen.Add(Encoding.UTF8.GetString(store.StoredKeyOf(index, new byte[KeyTable.PackedLength]))));
            }
        }
    }

    [Fact]
    public void The_exchange_gives_every_partition_one_owner_and_each_worker_a_share()
    {
        foreach (var workers in new[] { 2, 3, 5, 64, 100 })
        {
            var exchange = new RowExchange(workers);
            var owned = new int[workers];
            for (var p = 0; p < KeyStore.Partitions; p++)
            {
                owned[exchange.OwnerOf(p)]++;
            }
            var most = (KeyStore.Partitions + workers - 1) / workers;
            Assert.All(owned, n => Assert.InRange(n, Math.Min(most, KeyStore.Partitions / workers), most));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new RowExchange(1));
    }

    [Fact]
    public void Labels_interned_from_several_threads_get_one_id_each()
    {
        var labels = new LabelTable();
        var names = Enumerable.Range(0, 200).Select(i => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"market-{i}"))).ToArray();
        var ids = new ushort[3][];
        ushort Id(byte[] name)
        {
            Assert.True(labels.TryIntern(name, out var id));
            return id;
        }
        Parallel.For(0, 3, t => ids[t] = [.. names.Select(Id)]);

        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(ids[0], ids[2]);
        Assert.Equal(names.Length + 1, labels.Count);
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(names[i], labels[ids[0][i]].ToArray());
        }
    }

    [Fact]
    public void Label_ids_stop_at_65535_and_known_labels_are_still_found()
    {
        var labels = new LabelTable();
        for (var i = 1; i <= LabelTable.MaxLabels; i++)
        {
            Assert.True(labels.TryIntern(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"l{i}")), out var id));
            Assert.Equal(i, id);
        }
        Assert.False(labels.TryIntern("one more"u8, out var none));
        Assert.Equal(0, none);
        Assert.True(labels.TryIntern("l65535"u8, out var last));
        Assert.Equal(ushort.MaxValue, last);
        Assert.True(labels.TryIntern(""u8, out var empty));
        Assert.Equal(0, empty);
        Assert.Equal(LabelTable.MaxLabels + 1, labels.Count);
    }

    [Fact]
    public async Task Prefetching_while_another_thread_grows_the_table_never_throws_or_changes_it()
    {
        // The batched look-up's prefetch reads slots, entries and key references without the lock: while one thread
        // adds keys (slots doubling, new 2-entry and 32-byte chunks), another prefetches for hashes of present and
        // absent keys. It must never throw, and the table must end exactly as if nobody had looked. 100,000 keys take
        // the slots past SlotBlock.RegionFromSlots (on Linux, regions of their own), so that the prober also reads
        // regions that have been replaced and given back.
        var table = new KeyTable(entryChunkShift: 1, arenaChunkShift: 5);
        const int count = 100_000;
        var keys = Enumerable.Range(0, count).Select(Key).ToArray();
        var hashes = keys.Select(k => XxHash3.HashToUInt64(k)).ToArray();
        using var started = new ManualResetEventSlim();
        using var done = new ManualResetEventSlim();
        var probes = 0L;
        var prober = Task.Run(() =>
        {
            var random = new Random(7);
            while (!done.IsSet)
            {
                var hash = random.Next(2) == 0 ? hashes[random.Next(count)] : (ulong)random.NextInt64();
                table.PrefetchSlot(hash);
                table.PrefetchProbe(hash, key: false);
                table.PrefetchProbe(hash, key: true);
                probes++;
                started.Set();
            }
        });
        // The keys are added only once the prober runs, so that the two overlap.
        started.Wait();
        for (var i = 0; i < count; i++)
        {
            table.GetOrAdd(hashes[i], keys[i], 0).Expected = i;
        }
        done.Set();
        await prober;

        Assert.True(probes > 0);
        Assert.Equal(count, table.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, table.GetOrAdd(hashes[i], keys[i], 0).Expected);
        }
    }
}
