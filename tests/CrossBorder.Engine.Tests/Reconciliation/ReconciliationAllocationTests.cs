using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>
/// Reading canonical CSV allocates nothing per line. The engine has a fixed cost per file (header map, queue) and per
/// block (a MemoryStream and a CSV reader over the block; the block buffers themselves come from the array pool), so
/// the test does not expect zero: it feeds 200,000 lines per side and requires less than one byte per line, which a
/// single allocation per line (at least 24 bytes for the smallest object) could never meet.
/// </summary>
/// <remarks>
/// The key table, the label table and the settlement fingerprints only grow when something new is seen, so the
/// measured engine is pre-sized by a first pass over every key, label and fingerprint; the measured files then reuse
/// them. Threads = 1 keeps all the work on the test thread, which is what
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> measures. A measurement is repeated up to three times, in case
/// another test running in parallel took the pooled blocks away.
/// </remarks>
public class ReconciliationAllocationTests
{
    private const int KeyCount = 2_000;
    private const int LinesPerSide = 200_000;
    private const int Attempts = 3;

    private static readonly Currency[] s_currencies = [Currency.EUR, Currency.JPY, Currency.KWD, Currency.USD];

    /// <summary>Lines over <see cref="KeyCount"/> keys; every line of a key has the key's ref, so settlement lines repeat one fingerprint.</summary>
    private static byte[] Canonical(int lines, int amountSeed)
    {
        var text = new StringBuilder("order_id,component,currency,amount,date,market,category,ref\n", lines * 56);
        for (var i = 0; i < lines; i++)
        {
            var key = i % KeyCount;
            var currency = s_currencies[key % s_currencies.Length];
            var amount = ReconciliationKit.FormatMinor((i + amountSeed) % 997 - 300, currency.MinorUnits);
            text.Append(CultureInfo.InvariantCulture, $"O{key:00000},principal,{currency.Code},{amount},2024-01-31,DE,toys,R{key:00000}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public void Reading_canonical_CSV_allocates_less_than_one_byte_per_line()
    {
        var seed = Canonical(KeyCount, 0);
        var expected = Canonical(LinesPerSide, 1);
        var settled = Canonical(LinesPerSide, 1);
        // Blocks of 8 MiB: a size the other tests do not rent, so that they cannot take the pooled blocks away.
        var options = new ReconciliationOptions { Threads = 1, BlockSize = 1 << 23 };

        // Warm-up: JIT, static tables and the array pool's blocks.
        Measure(options, seed, expected, settled);

        var measured = new List<long>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var allocated = Measure(options, seed, expected, settled);
            if (allocated < 2L * LinesPerSide)
            {
                return;
            }
            measured.Add(allocated);
        }
        Assert.Fail(string.Create(CultureInfo.InvariantCulture,
            $"{2 * LinesPerSide:N0} lines allocated {string.Join(", then ", measured.Select(b => b.ToString("N0", CultureInfo.InvariantCulture)))} bytes: at least one byte per line"));
    }

    /// <summary>Bytes allocated on this thread while a pre-sized engine reads both big files; checks the result.</summary>
    private static long Measure(ReconciliationOptions options, byte[] seed, byte[] expected, byte[] settled)
    {
        var engine = new ReconciliationEngine(options);
        engine.Add(ReconciliationSide.Expected, new MemoryStream(seed, writable: false), "seed-expected.csv");
        engine.Add(ReconciliationSide.Settlement, new MemoryStream(seed, writable: false), "seed-settlement.csv");
        var expectedStream = new MemoryStream(expected, writable: false);
        var settledStream = new MemoryStream(settled, writable: false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        engine.Add(ReconciliationSide.Expected, expectedStream, "expected.csv");
        engine.Add(ReconciliationSide.Settlement, settledStream, "settlement.csv");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var result = engine.Complete();
        Assert.Equal(
            [
                new ReconciliationFileStats("expected.csv", ReconciliationSide.Expected, LinesPerSide, LinesPerSide, 0),
                new ReconciliationFileStats("settlement.csv", ReconciliationSide.Settlement, LinesPerSide, LinesPerSide, 0),
            ],
            result.Summary.Files.Skip(2));
        Assert.Equal(KeyCount, result.Summary.KeysByStatus[BreakStatus.Matched]);
        Assert.Empty(result.Breaks);
        Assert.Equal(LinesPerSide, result.Summary.DuplicateLines); // every big-file settlement line repeats its key's ref
        return allocated;
    }
}
