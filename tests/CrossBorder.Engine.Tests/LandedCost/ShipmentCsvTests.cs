using System.Globalization;
using System.Text;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests.LandedCost;

/// <summary>
/// The shipment CSV: whole-file reading (<see cref="ShipmentCsv.Read"/>, which regroups a shipment's scattered rows)
/// and streamed batches of whole shipments (<see cref="ShipmentCsvReader"/>), rejects with line, column and reason.
/// </summary>
public class ShipmentCsvTests
{
    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Row(string shipment, int line, string destination = "DE", string code = "6109100010", string value = "10.00", string currency = "EUR") =>
        string.Create(CultureInfo.InvariantCulture, $"{shipment},{line},{destination},CN,{code},{value},{currency},,,,,,,,2025-05-09,air,\n");

    /// <summary>A file of shipments of the given sizes, rows contiguous, every <paramref name="rejectEvery"/>-th row bad.</summary>
    private static string File(int[] sizes, int rejectEvery = 0)
    {
        var text = new StringBuilder(ShipmentCsv.Header).Append('\n');
        var row = 0;
        for (var s = 0; s < sizes.Length; s++)
        {
            for (var k = 1; k <= sizes[s]; k++)
            {
                row++;
                var id = "S" + s.ToString("D5", CultureInfo.InvariantCulture);
                text.Append(rejectEvery > 0 && row % rejectEvery == 0 ? Row(id, k, value: "12.345") : Row(id, k));
            }
        }
        return text.ToString();
    }

    private static (List<ShipmentLine> Lines, List<ShipmentReject> Rejects) ReadWhole(string text)
    {
        var rejects = new List<ShipmentReject>();
        var lines = ShipmentCsv.Read(Utf8(text), "s.csv", rejects, out _);
        return (lines, rejects);
    }

    private static (List<ShipmentLine[]> Batches, ShipmentCsvReader Reader) ReadBatches(string text, int batchLines)
    {
        var reader = new ShipmentCsvReader(Utf8(text), "s.csv", batchLines);
        var batches = new List<ShipmentLine[]>();
        while (reader.TryReadBatch(out var batch))
        {
            batches.Add(batch.ToArray());
        }
        return (batches, reader);
    }

    [Fact]
    public void Read_regroups_a_shipments_scattered_rows_in_order_of_first_appearance()
    {
        var text = ShipmentCsv.Header + "\n" + Row("A", 1) + Row("B", 1) + Row("A", 2) + Row("C", 1) + Row("B", 2);
        var (lines, rejects) = ReadWhole(text);
        Assert.Empty(rejects);
        Assert.Equal(["A/1", "A/2", "B/1", "B/2", "C/1"], lines.Select(l => $"{l.ShipmentId}/{l.Line}"));
    }

    [Fact]
    public void A_bad_row_is_rejected_with_its_line_column_value_and_reason_and_reading_goes_on()
    {
        var text = ShipmentCsv.Header + "\n" + Row("A", 1) + Row("A", 2, value: "12.345") + Row("A", 3, destination: "D") + Row("A", 4);
        var (lines, rejects) = ReadWhole(text);
        Assert.Equal([1, 4], lines.Select(l => l.Line));
        Assert.Equal(2, rejects.Count);
        Assert.Equal(("s.csv", 3L, 6, "12.345"), (rejects[0].Source, rejects[0].Line, rejects[0].Column, rejects[0].Value));
        Assert.Equal((4L, 3, "D"), (rejects[1].Line, rejects[1].Column, rejects[1].Value));
    }

    [Fact]
    public void A_missing_required_column_is_an_error_naming_it()
    {
        var e = Assert.Throws<InputFormatException>(() => new ShipmentCsvReader(Utf8("shipment_id,destination,origin,hs_code,value,date\n"), "s.csv"));
        Assert.Contains("'currency'", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public Property Batches_hold_whole_shipments_and_together_equal_the_whole_file_read(PositiveInt[] sizesIn, PositiveInt batchIn, NonNegativeInt rejectIn)
    {
        var sizes = sizesIn.Take(60).Select(s => 1 + s.Get % 9).ToArray();
        var batchLines = 1 + batchIn.Get % 12;
        var rejectEvery = rejectIn.Get % 5 == 0 ? 0 : 2 + rejectIn.Get % 7;
        var text = File(sizes, rejectEvery);
        var (whole, wholeRejects) = ReadWhole(text);
        var (batches, reader) = ReadBatches(text, batchLines);
        using var _ = reader;
        var concatenated = batches.SelectMany(b => b).ToList();
        // No shipment is split between two batches, and no batch is empty.
        var split = batches.Zip(batches.Skip(1)).Any(p => p.First[^1].ShipmentId == p.Second[0].ShipmentId);
        return (concatenated.SequenceEqual(whole) && !split && batches.All(b => b.Length > 0)
                && reader.Rejects.SequenceEqual(wholeRejects) && reader.LinesAccepted == whole.Count)
            .Label($"sizes [{string.Join(',', sizes)}], batch {batchLines}: {batches.Count} batches, {concatenated.Count} vs {whole.Count} lines, split {split}");
    }

    [Fact]
    public void A_shipment_longer_than_the_buffer_comes_whole_in_one_batch()
    {
        var (batches, reader) = ReadBatches(File([2, 9, 1]), batchLines: 4);
        reader.Dispose();
        // The buffer grows to take the 9-line shipment; the next shipment then fits beside it.
        Assert.Equal(["S00000", "S00001 S00002"], batches.Select(b => string.Join(' ', b.Select(l => l.ShipmentId).Distinct())));
        Assert.Equal(9, batches[1].Count(l => l.ShipmentId == "S00001"));
    }

    [Fact]
    public void A_shipment_whose_rows_are_not_contiguous_cannot_be_streamed()
    {
        var text = ShipmentCsv.Header + "\n" + Row("A", 1) + Row("B", 1) + Row("A", 2);
        using var reader = new ShipmentCsvReader(Utf8(text), "s.csv");
        var e = Assert.Throws<ShipmentsNotContiguousException>(() => reader.TryReadBatch(out _));
        Assert.Equal(("s.csv", 4L, "A"), (e.SourceName, e.Line, e.ShipmentId));
    }

    [Fact]
    public void An_empty_file_or_a_header_alone_gives_no_batch()
    {
        using var empty = new ShipmentCsvReader(Utf8(""), "s.csv");
        Assert.False(empty.TryReadBatch(out _));
        using var header = new ShipmentCsvReader(Utf8(ShipmentCsv.Header + "\n\n"), "s.csv");
        Assert.False(header.TryReadBatch(out _));
        Assert.Equal(0, header.RowsRead);
    }

    [Fact]
    public void Streaming_allocates_only_per_shipment_not_per_line()
    {
        // 20,000 lines in shipments of 10: besides the reader's fixed buffers, a new shipment's id string and its
        // entry in the set of ids seen. Measured on the second read, after the code paths are warm.
        var text = Encoding.UTF8.GetBytes(File(Enumerable.Repeat(10, 2_000).ToArray()));
        long Measure()
        {
            using var reader = new ShipmentCsvReader(new MemoryStream(text), "s.csv", batchLines: 1024);
            var lines = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            while (reader.TryReadBatch(out var batch))
            {
                lines += batch.Length;
            }
            Assert.Equal(20_000, lines);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // Up to three measured reads: code still running unoptimised (e.g. with DOTNET_EnableHWIntrinsic=0) can allocate
        // a few KB in all on one read; an allocation per line (20,000 × 24 B or more) fails every attempt.
        Measure();
        var perLine = double.MaxValue;
        for (var attempt = 0; attempt < 3 && perLine >= 12; attempt++)
        {
            perLine = Measure() / 20_000.0;
        }
        Assert.True(perLine < 12, $"{perLine:F1} B per line");
    }
}
