using System.Globalization;
using System.IO.Hashing;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Tests.Settlements;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>The key table sized once from a file's first block instead of doubling its way up.</summary>
public class KeyTableSizingTests
{
    private static byte[] Key(int i) => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"order-{i}"));

    [Fact]
    public void A_reserved_table_takes_that_many_keys_without_doubling_and_keeps_every_key()
    {
        var table = new KeyTable();
        table.Reserve(10_000);
        var slots = table.SlotCount;
        // 10,000 keys fit in three quarters of the smallest power of two that holds them: 16,384 slots.
        Assert.Equal(16_384, slots);
        for (var i = 0; i < 10_000; i++)
        {
            var key = Key(i);
            table.GetOrAdd(XxHash3.HashToUInt64(key), key, 0).Expected = i;
        }
        Assert.Equal(slots, table.SlotCount);
        Assert.Equal(0, table.DoublingGrowths);
        // A smaller reservation changes nothing; every key is still found with its sum.
        table.Reserve(100);
        Assert.Equal(slots, table.SlotCount);
        for (var i = 0; i < 10_000; i++)
        {
            var key = Key(i);
            Assert.Equal(i, table.GetOrAdd(XxHash3.HashToUInt64(key), key, 0).Expected);
        }
        Assert.Equal(10_000, table.Count);
        // One key past three quarters doubles it as before.
        for (var i = 10_000; i <= 12_288; i++)
        {
            var key = Key(i);
            table.GetOrAdd(XxHash3.HashToUInt64(key), key, 0);
        }
        Assert.Equal(1, table.DoublingGrowths);
        Assert.Equal(32_768, table.SlotCount);
    }

    [Fact]
    public void Reserving_rehashes_the_keys_already_there()
    {
        var table = new KeyTable();
        for (var i = 0; i < 1_000; i++)
        {
            var key = Key(i);
            table.GetOrAdd(XxHash3.HashToUInt64(key), key, 0).Settled = i * 3L;
        }
        table.Reserve(100_000);
        Assert.True(table.SlotCount >= 131_072);
        for (var i = 0; i < 1_000; i++)
        {
            var key = Key(i);
            Assert.Equal(i * 3L, table.GetOrAdd(XxHash3.HashToUInt64(key), key, 0).Settled);
        }
        Assert.Equal(1_000, table.Count);
    }

    [Theory]
    // 1,000 keys in the first 100,000 of 1,000,000 data bytes: 9,000 more expected in the other 900,000.
    [InlineData(1_000_000L, 100, 1_100, 100_000, 10_100L)]
    // The first block added nothing (a settlement file over known keys): no more room than the store has.
    [InlineData(1_000_000L, 500, 500, 100_000, 500L)]
    // The whole file was one block.
    [InlineData(100_000L, 0, 700, 100_000, 700L)]
    // An absurd length is capped, not wrapped.
    [InlineData(long.MaxValue, 0, 1_000, 1_000, 2_147_483_647L)]
    public void The_estimate_scales_the_first_block_s_new_keys_to_the_file(long dataBytes, int keysBefore, int keysNow, int blockBytes, long expected)
    {
        Assert.Equal(expected, new KeyCountSizing(dataBytes, keysBefore).Estimate(keysNow, blockBytes));
    }

    [Fact]
    public void A_file_of_known_length_is_sized_from_its_first_block_and_gives_the_same_outputs_as_a_pipe()
    {
        // 6,000 expected lines, each its own key, in blocks of 8 KiB: sized after the first block, the tables never
        // double; read through a stream that cannot seek (no length), they double as before. Outputs are identical.
        var expected = new StringBuilder("order_id,component,currency,amount\n");
        var settlement = new StringBuilder("order_id,component,currency,amount\n");
        for (var i = 0; i < 6_000; i++)
        {
            expected.Append(CultureInfo.InvariantCulture, $"A{i:D6},principal,EUR,{i % 97}.{i % 100:D2}\n");
            if (i % 10 != 3)
            {
                settlement.Append(CultureInfo.InvariantCulture, $"A{i:D6},principal,EUR,{i % 97}.{(i % 7 == 0 ? (i + 1) % 100 : i % 100):D2}\n");
            }
        }
        var expectedBytes = Encoding.ASCII.GetBytes(expected.ToString());
        var settlementBytes = Encoding.ASCII.GetBytes(settlement.ToString());
        foreach (var threads in new[] { 1, 2 })
        {
            var options = new ReconciliationOptions { Threads = threads, BlockSize = 8192 };
            var sized = new ReconciliationEngine(options);
            sized.Add(ReconciliationSide.Expected, new MemoryStream(expectedBytes, writable: false), "expected.csv");
            var sizedGrowths = sized.Keys.DoublingGrowths;
            sized.Add(ReconciliationSide.Settlement, new MemoryStream(settlementBytes, writable: false), "settlement.csv");
            var piped = new ReconciliationEngine(options);
            piped.Add(ReconciliationSide.Expected, new SettlementTestKit.ForwardOnlyStream(expectedBytes), "expected.csv");
            var pipedGrowths = piped.Keys.DoublingGrowths;
            piped.Add(ReconciliationSide.Settlement, new SettlementTestKit.ForwardOnlyStream(settlementBytes), "settlement.csv");

            Assert.Equal(0, sizedGrowths);
            Assert.True(pipedGrowths > 0, $"{pipedGrowths} doublings without a length");
            var a = sized.Complete();
            var b = piped.Complete();
            Assert.Equal(ReconciliationKit.BreaksCsv(b), ReconciliationKit.BreaksCsv(a));
            Assert.Equal(ReconciliationKit.SummaryJson(b), ReconciliationKit.SummaryJson(a));
            Assert.Equal(600 + 773, a.Breaks.Count); // 600 never settled, 773 settled with other cents (i % 7 == 0)
        }
    }
}
