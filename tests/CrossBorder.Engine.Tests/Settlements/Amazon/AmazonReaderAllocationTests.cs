using System.Globalization;
using System.Text;
using CrossBorder.Engine.Settlements;
using static CrossBorder.Engine.Tests.Settlements.Amazon.AmazonKit;

namespace CrossBorder.Engine.Tests.Settlements.Amazon;

/// <summary>
/// Reading allocates per file (the reader, the header's column names, the settlement's id buffer) and per new
/// combination of codes (the mapping's cache), never per line: 20,000 lines allocate what 2,000 do, within 1 KB.
/// </summary>
public class AmazonReaderAllocationTests
{
    private static readonly (string Type, string AmountType, string Description)[] s_codes =
    [
        ("Order", "ItemPrice", "Principal"), ("Order", "ItemPrice", "Tax"), ("Order", "ItemFees", "Commission"),
        ("Order", "ItemFees", "FBAPerUnitFulfillmentFee"), ("Refund", "ItemPrice", "Principal"), ("Refund", "ItemFees", "Commission"),
        ("ServiceFee", "other-transaction", "Storage Fee"), ("Order", "ItemFees", "NewFeeNobodyMapped"),
    ];

    internal static byte[] V2File(int lines, bool europe = false)
    {
        var text = new StringBuilder();
        text.Append(V2Header()).Append('\n');
        text.Append(V2Summary("S1", "0.00", "EUR")).Append('\n');
        for (var i = 0; i < lines; i++)
        {
            var (type, amountType, description) = s_codes[i % s_codes.Length];
            var cents = (i * 7919 % 100_000) - 50_000;
            var amount = (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            var posted = europe ? $"{1 + i % 28:00}.06.2026 10:00:00 UTC" : $"2026-06-{1 + i % 28:00}T10:00:00+00:00";
            if (europe && i % 2 == 0)
            {
                amount = amount.Replace('.', ',') + " ";
            }
            var order = type == "ServiceFee" ? "" : $"303-{i:0000000}-{i % 977:0000000}";
            text.Append(V2Line("S1", type, order, amountType, description, amount, posted, "EUR", "Amazon.de")).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    internal static byte[] V1File(int rows)
    {
        var c = V1Columns;
        var text = new StringBuilder(string.Join('\t', c)).Append('\n');
        text.Append(Row(c, ("settlement-id", "S"), ("total-amount", "1.00"), ("currency", "GBP"))).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            text.Append(Row(c, ("settlement-id", "S"), ("currency", "GBP"), ("transaction-type", "Order"), ("order-id", $"202-{i:0000000}"),
                ("posted-date", "2012-03-02"), ("price-type", "Principal"), ("price-amount", "50.00"),
                ("item-related-fee-type", "Commission"), ("item-related-fee-amount", "-7,50"))).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static long AllocatedReading(byte[] file, ISettlementReader reader, ComponentMapping mapping, int expectedLines)
    {
        var stream = new MemoryStream(file, writable: false);
        var sink = new CountingSink();
        var before = GC.GetAllocatedBytesForCurrentThread();
        reader.Read(stream, "generated.txt", mapping, sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((expectedLines, 0L, 1L), (sink.Accepted, sink.Rejected, sink.Totals));
        return allocated;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reading_v2_allocates_nothing_per_line(bool europe)
    {
        var small = V2File(2_000, europe);
        var large = V2File(20_000, europe);
        var mapping = ComponentMapping.Default.Clone();
        // Warm up: the JIT, the pools, the mapping's cache.
        AllocatedReading(large, V2, mapping, 20_000);

        // The runtime may allocate once on this thread for its own purposes; a per-line allocation shows in every attempt.
        var differences = new List<long>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var a = AllocatedReading(small, V2, mapping, 2_000);
            var b = AllocatedReading(large, V2, mapping, 20_000);
            differences.Add(b - a);
            if (b - a < 1024)
            {
                return;
            }
        }
        Assert.Fail($"20,000 lines allocated more than 2,000 by {string.Join(", ", differences)} bytes");
    }

    [Fact]
    public void Reading_v1_allocates_nothing_per_line()
    {
        var small = V1File(1_000);
        var large = V1File(10_000);
        var mapping = ComponentMapping.Default.Clone();
        AllocatedReading(large, V1, mapping, 20_000);
        var differences = new List<long>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var a = AllocatedReading(small, V1, mapping, 2_000);
            var b = AllocatedReading(large, V1, mapping, 20_000);
            differences.Add(b - a);
            if (b - a < 1024)
            {
                return;
            }
        }
        Assert.Fail($"20,000 lines allocated more than 2,000 by {string.Join(", ", differences)} bytes");
    }
}
