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
}
