using System.Runtime.InteropServices;
using CrossBorder.Engine.Reconciliation;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>The key store's native chunks: aligned, disjoint, stable; regions given back still read as zero.</summary>
public class HugePageSlabsTests
{
    [Fact]
    public unsafe void Blocks_are_aligned_disjoint_and_keep_what_is_written_in_them()
    {
        using var slabs = new HugePageSlabs();
        // Sizes that are not multiples of 64, enough of them to need several slabs, and one larger than a slab.
        var sizes = Enumerable.Range(0, 400).Select(i => 1 + (i * 7_919 % 150_000)).Append(HugePageSlabs.SlabBytes + 1).ToArray();
        var blocks = sizes.Select(slabs.Allocate).ToArray();
        for (var i = 0; i < blocks.Length; i++)
        {
            Assert.Equal(0, blocks[i] % 64);
            new Span<byte>((void*)blocks[i], sizes[i]).Fill((byte)(i % 251 + 1));
        }
        // Every block still holds its own byte everywhere: no two overlap (blocks are carved in order, so a neighbour
        // is what an overlap would hit, and neighbours hold different bytes).
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = new ReadOnlySpan<byte>((void*)blocks[i], sizes[i]);
            Assert.Equal(-1, block.IndexOfAnyExcept((byte)(i % 251 + 1)));
        }
        Assert.True(slabs.ReservedBytes >= sizes.Sum(s => (long)s));
        Assert.True(slabs.ReservedBytes >= 2L * HugePageSlabs.SlabBytes);
    }

    [Fact]
    public unsafe void The_next_slab_is_prepared_once_the_current_one_is_half_used_and_then_taken_in_order()
    {
        if (!HugePageSlabs.CanMapRegions)
        {
            Assert.False(OperatingSystem.IsLinux());
            return;
        }
        using var slabs = new HugePageSlabs();
        // Nothing allocated yet: nothing is prepared (a small reconciliation maps no slab at all).
        slabs.PrepareNext();
        Assert.Equal(0, slabs.ReservedBytes);

        const int chunk = 1 << 20;
        var first = slabs.Allocate(chunk);
        slabs.PrepareNext(); // less than half of the slab used: not yet
        Assert.Equal(HugePageSlabs.SlabBytes, slabs.ReservedBytes);
        var blocks = new List<nint> { first };
        for (var i = 1; i <= HugePageSlabs.SlabBytes / 2 / chunk; i++)
        {
            blocks.Add(slabs.Allocate(chunk));
        }
        slabs.PrepareNext();
        slabs.PrepareNext(); // one spare at a time
        Assert.Equal(2L * HugePageSlabs.SlabBytes, slabs.ReservedBytes);

        // The rest of the first slab, then the spare: no further mapping until the spare is used up too.
        while (blocks.Count < HugePageSlabs.SlabBytes / chunk + 1)
        {
            blocks.Add(slabs.Allocate(chunk));
        }
        Assert.Equal(2L * HugePageSlabs.SlabBytes, slabs.ReservedBytes);
        var fromSpare = blocks[^1];
        Assert.Equal(0, fromSpare % HugePageSlabs.HugePageBytes);
        Assert.True(fromSpare < first || fromSpare >= first + HugePageSlabs.SlabBytes);
        // Prepared memory reads as zero and takes writes.
        var span = new Span<byte>((void*)fromSpare, chunk);
        Assert.Equal(-1, span.IndexOfAnyExcept((byte)0));
        span.Fill(7);
        Assert.Equal(-1, span.IndexOfAnyExcept((byte)7));
    }

    [Fact]
    public void A_block_of_a_disposed_set_is_refused()
    {
        var slabs = new HugePageSlabs();
        slabs.Allocate(100);
        slabs.Dispose();
        Assert.Throws<ObjectDisposedException>(() => slabs.Allocate(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HugePageSlabs().Allocate(0));
    }

    [Fact]
    public unsafe void A_region_is_huge_page_aligned_zeroed_and_reads_as_zero_once_given_back()
    {
        if (!HugePageSlabs.CanMapRegions)
        {
            Assert.False(OperatingSystem.IsLinux());
            return;
        }
        using var slabs = new HugePageSlabs();
        const int bytes = 3 * HugePageSlabs.HugePageBytes + 4_096;
        var region = slabs.MapRegion(bytes);
        Assert.Equal(0, region % HugePageSlabs.HugePageBytes);
        var span = new Span<byte>((void*)region, bytes);
        Assert.Equal(-1, span.IndexOfAnyExcept((byte)0));
        span.Fill(0xAB);
        Assert.Equal(bytes, slabs.ReservedBytes);

        slabs.Release(region, bytes);

        // Still mapped (a reader holding the address never faults), and its memory is given back: zero again.
        Assert.Equal(-1, new ReadOnlySpan<byte>((void*)region, bytes).IndexOfAnyExcept((byte)0));
        Assert.Equal(0, slabs.ReservedBytes);
    }

    [Fact]
    public void A_store_past_the_slot_region_size_keeps_every_key()
    {
        // 60,000 keys: the slots double past 32,768 (regions of their own on Linux) twice.
        var table = new KeyTable();
        const int count = 60_000;
        for (var i = 0; i < count; i++)
        {
            var key = MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in i));
            table.GetOrAdd(System.IO.Hashing.XxHash3.HashToUInt64(key), key, 1).Settled = i;
        }
        Assert.Equal(count, table.Count);
        for (var i = 0; i < count; i++)
        {
            var key = MemoryMarshal.AsBytes(new ReadOnlySpan<int>(in i));
            Assert.Equal(i, table.GetOrAdd(System.IO.Hashing.XxHash3.HashToUInt64(key), key, 1).Settled);
        }
        Assert.Equal(count, table.Count);
    }

    [Fact]
    public void Completing_a_reconciliation_gives_the_key_stores_native_memory_back_and_keeps_the_breaks()
    {
        // 4-entry and 64-byte chunks: 3,000 keys take the store past its first chunks into the native slabs.
        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 1 }, entryChunkShift: 2, arenaChunkShift: 6);
        var expected = Enumerable.Range(0, 3_000).Select(i => new ReconciliationLine("O-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), "principal", Money.FromMinorUnits(i + 1, Currency.EUR))).ToArray();
        var settled = expected.Where((_, i) => i % 3 != 0).ToArray();
        engine.Add(ReconciliationSide.Expected, expected, "expected");
        engine.Add(ReconciliationSide.Settlement, settled, "settlement");
        Assert.True(engine.Keys.Slabs.ReservedBytes > 0);

        var result = engine.Complete();

        Assert.True(engine.Keys.Slabs.IsDisposed);
        Assert.Equal(0, engine.Keys.Slabs.ReservedBytes);
        // The breaks were built before the memory went back: every third key, whole and in order.
        Assert.Equal(1_000, result.Breaks.Count);
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => "O-" + (i * 3).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)), result.Breaks.Select(b => b.OrderId));
        Assert.Throws<InvalidOperationException>(() => engine.Add(ReconciliationSide.Expected, expected, "again"));
    }
}
