using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Text;
using static CrossBorder.Engine.Tests.Reconciliation.ReconciliationKit;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>The canonical CSV input (issue 4): RFC 4180, BOM, CRLF, headers by name, rejects with line and column, format errors.</summary>
public class ReconciliationInputTests
{
    private const string H = "order_id,component,currency,amount\n";

    /// <summary>Single-threaded in one block; two and three threads cutting small blocks (the engine raises 64 to its smallest block, 1 KiB).</summary>
    public static TheoryData<int, int> ThreadsAndBlockSizes => new() { { 1, 1 << 22 }, { 2, 64 }, { 3, 1024 } };

    private static ReconciliationOptions Options(int threads, int blockSize) => new() { Threads = threads, BlockSize = blockSize };

    private static (long Line, int Column, string Value, string Reason)[] Rejects(ReconciliationResult result, string file) =>
        [.. result.Rejects.Where(r => r.File == file).Select(r => (r.Line, r.Column, r.Value, r.Reason))];

    private static void AssertRejects((long Line, int Column, string Value, string Reason)[] expected, IReadOnlyList<(long Line, int Column, string Value, string Reason)> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal((expected[i].Line, expected[i].Column, expected[i].Value), (actual[i].Line, actual[i].Column, actual[i].Value));
            Assert.Contains(expected[i].Reason, actual[i].Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ThreadsAndBlockSizes))]
    public void Every_reject_reason_names_the_line_and_column_and_later_lines_are_still_read(int threads, int blockSize)
    {
        const string settlement =
            "order_id,component,currency,amount,date\n"      // 1
            + "A1,principal,EUR,10.00,2024-01-31\n"           // 2 accepted
            + "A2,principal,EUR\n"                            // 3 wrong column count
            + "A3,principal,ABC,1.00,2024-01-31\n"            // 4 not a currency
            + "A4,principal,XAU,1,2024-01-31\n"               // 5 a currency without minor units
            + "A5,principal,EUR,1.0x,2024-01-31\n"            // 6 bad amount
            + "A6,principal,EUR,1.005,2024-01-31\n"           // 7 too many decimals
            + "A7,principal,JPY,1.5,2024-01-31\n"             // 8 too many decimals (JPY has none)
            + ",principal,EUR,1.00,2024-01-31\n"              // 9 empty order_id
            + "A9,,EUR,1.00,2024-01-31\n"                     // 10 empty component
            + "A10,principal,EUR,1.00,2024-02-30\n"           // 11 no such day
            + "A11,principal,EUR,1.00,31.01.2024\n"           // 12 not yyyy-MM-dd
            + "A12,principal,EUR,,2024-01-31\n"               // 13 empty amount
            + "A13,principal,EUR,1.230,2024-01-31\n"          // 14 accepted: a trailing zero beyond the cents is exact
            + "A14,principal,JPY,7.00,\n"                     // 15 accepted: no date
            + "A15,principal,EUR,1.00,2024-01-31,extra\n"     // 16 wrong column count
            + "A16,principal,EUR,2.00,2024-01-31\n";          // 17 accepted after all those rejects
        var result = Run(H, settlement, Options(threads, blockSize));

        AssertRejects(
            [
                (3, 0, "A2,principal,EUR", "wrong column count"),
                (4, 3, "ABC", "unknown currency"),
                (5, 3, "XAU", "unknown currency"),
                (6, 4, "1.0x", "bad amount"),
                (7, 4, "1.005", "too many decimals"),
                (8, 4, "1.5", "too many decimals"),
                (9, 1, "", "empty order_id"),
                (10, 2, "", "empty component"),
                (11, 5, "2024-02-30", "bad date"),
                (12, 5, "31.01.2024", "bad date"),
                (13, 4, "", "bad amount"),
                (16, 0, "A15,principal,EUR,1.00,2024-01-31,extra", "wrong column count"),
            ],
            Rejects(result, SettlementName));
        Assert.Equal(new ReconciliationFileStats(SettlementName, ReconciliationSide.Settlement, 16, 4, 12), result.Summary.Files[1]);
        Assert.Equal(
            [
                ["A1", "principal", "EUR", "", "10.00", "10.00", "unexpected_settlement"],
                ["A13", "principal", "EUR", "", "1.23", "1.23", "unexpected_settlement"],
                ["A14", "principal", "JPY", "", "7", "7", "unexpected_settlement"],
                ["A16", "principal", "EUR", "", "2.00", "2.00", "unexpected_settlement"],
            ],
            BreakRows(result));
        Assert.True(result.Summary.Balanced);

        // rejects.csv: file,line,column,value,reason
        var rows = ParseCsv(Encoding.UTF8.GetString(RejectsCsv(result)));
        Assert.Equal(["file", "line", "column", "value", "reason"], rows[0]);
        Assert.Equal(13, rows.Count);
        Assert.Equal([SettlementName, "3", "0", "A2,principal,EUR"], rows[1].Take(4));
        Assert.Equal([SettlementName, "7", "4", "1.005"], rows[5].Take(4));
    }

    [Fact]
    public void Reject_columns_follow_the_file_header_order()
    {
        var result = Run("amount,currency,component,order_id,date\n1.0x,EUR,principal,O1,2024-01-01\n1.00,EUR,,O2,2024-01-01\n1.00,EUR,principal,O3,2024-1-1\n", H);
        AssertRejects([(2, 1, "1.0x", "bad amount"), (3, 3, "", "empty component"), (4, 5, "2024-1-1", "bad date")], Rejects(result, ExpectedName));
    }

    [Fact]
    public void Rejects_are_listed_per_file_in_the_order_the_files_were_added()
    {
        var engine = new ReconciliationEngine(SingleThread);
        engine.Add(ReconciliationSide.Settlement, new MemoryStream(Encoding.UTF8.GetBytes(H + "O1,principal,EUR,x\n")), "s2.csv");
        engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes(H + "O1,principal,EUR,1\nO1,principal,EUR,y\n")), "e1.csv");
        var result = engine.Complete();

        Assert.Equal([("s2.csv", 2L), ("e1.csv", 3L)], result.Rejects.Select(r => (r.File, r.Line)));
        Assert.Equal(["s2.csv", "e1.csv"], result.Summary.Files.Select(f => f.File));
    }

    [Theory]
    [MemberData(nameof(ThreadsAndBlockSizes))]
    public void Quoted_fields_keep_commas_escaped_quotes_and_line_breaks_and_later_line_numbers_stay_physical(int threads, int blockSize)
    {
        const string expected =
            "order_id,component,currency,amount,ref\n"   // 1
            + "\"A,1\",principal,EUR,1.00,r1\n"          // 2
            + "\"B \"\"quoted\"\"\",principal,EUR,2.00,r2\n" // 3
            + "C1,principal,EUR,3.00,\"multi\nline\nref\"\n" // 4-6
            + "C2,principal,EUR,abc,r4\n"                // 7 rejected
            + "\"D\n1\",principal,EUR,4.00,\n"           // 8-9
            + "E1,principal,XYZ,1.00,\"a,\"\"b\"\"\"\n"  // 10 rejected
            + "\"F1\",\"principal\",\"EUR\",\"5.00\",\"\"\n"; // 11, every field quoted
        var result = Run(expected, H, Options(threads, blockSize));

        AssertRejects([(7, 4, "abc", "bad amount"), (10, 3, "XYZ", "unknown currency")], Rejects(result, ExpectedName));
        Assert.Equal(
            [
                ["A,1", "principal", "EUR", "1.00", "", "-1.00", "missing_settlement"],
                ["B \"quoted\"", "principal", "EUR", "2.00", "", "-2.00", "missing_settlement"],
                ["C1", "principal", "EUR", "3.00", "", "-3.00", "missing_settlement"],
                ["D\n1", "principal", "EUR", "4.00", "", "-4.00", "missing_settlement"],
                ["F1", "principal", "EUR", "5.00", "", "-5.00", "missing_settlement"],
            ],
            BreakRows(result));
        Assert.Equal(new ReconciliationFileStats(ExpectedName, ReconciliationSide.Expected, 7, 5, 2), result.Summary.Files[0]);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var expected = Encoding.UTF8.GetBytes(H + "O1,principal,EUR,1.00\nO2,principal,EUR,x\n");
        var settled = Encoding.UTF8.GetBytes(H + "O1,principal,EUR,1.00\n");
        var plain = Run(expected, settled);
        var withBom = Run([0xEF, 0xBB, 0xBF, .. expected], [0xEF, 0xBB, 0xBF, .. settled]);

        Assert.Equal(1, Keys(withBom, BreakStatus.Matched));
        Assert.Equal(3, Assert.Single(withBom.Rejects).Line);
        Assert.Equal(SummaryJson(plain), SummaryJson(withBom));
        Assert.Equal(RejectsCsv(plain), RejectsCsv(withBom));
    }

    [Theory]
    [MemberData(nameof(ThreadsAndBlockSizes))]
    public void CRLF_line_ends_read_like_LF_even_in_the_last_column(int threads, int blockSize)
    {
        // currency and ref last: a CR left in the field would make "EUR\r" an unknown currency and "T1\r" another ref.
        const string lf = "order_id,component,amount,ref,currency\nO1,principal,1.00,T1,EUR\nO1,principal,1.00,T1,EUR\nO2,principal,x,,EUR\nO3,tax,1,,JPY\n";
        var crlf = lf.Replace("\n", "\r\n", StringComparison.Ordinal);
        var expected = H + "O1,principal,EUR,2.00\nO3,tax,JPY,1\n";
        var fromLf = Run(expected, lf, Options(threads, blockSize));
        var fromCrlf = Run(expected, crlf, Options(threads, blockSize));

        Assert.Equal(2, Keys(fromCrlf, BreakStatus.Matched));
        Assert.Equal(1, fromCrlf.Summary.DuplicateLines);
        Assert.Equal((4L, 3, "x"), (Assert.Single(fromCrlf.Rejects).Line, fromCrlf.Rejects[0].Column, fromCrlf.Rejects[0].Value));
        Assert.Equal(BreaksCsv(fromLf), BreaksCsv(fromCrlf));
        Assert.Equal(SummaryJson(fromLf), SummaryJson(fromCrlf));
        Assert.Equal(RejectsCsv(fromLf), RejectsCsv(fromCrlf));

        var allCrlf = Run(expected.Replace("\n", "\r\n", StringComparison.Ordinal), crlf, Options(threads, blockSize));
        Assert.Equal(SummaryJson(fromLf), SummaryJson(allCrlf));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n")]
    [InlineData("\r\n\r\n")]
    public void An_empty_file_has_no_lines(string content)
    {
        var result = Run(content, H + "O1,principal,EUR,1.00\n");
        Assert.Equal(new ReconciliationFileStats(ExpectedName, ReconciliationSide.Expected, 0, 0, 0), result.Summary.Files[0]);
        Assert.Equal(BreakStatus.UnexpectedSettlement, Assert.Single(result.Breaks).Status);
        Assert.Empty(result.Rejects);
    }

    [Theory]
    [InlineData("order_id,component,currency,amount")]
    [InlineData("order_id,component,currency,amount\n")]
    [InlineData("order_id,component,currency,amount\r\n")]
    [InlineData("\uFEFForder_id,component,currency,amount,date,market,category,ref\n")]
    public void A_header_only_file_has_no_lines(string content)
    {
        var result = Run(H + "O1,principal,EUR,1.00\n", content);
        Assert.Equal(new ReconciliationFileStats(SettlementName, ReconciliationSide.Settlement, 0, 0, 0), result.Summary.Files[1]);
        Assert.Equal(BreakStatus.MissingSettlement, Assert.Single(result.Breaks).Status);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_not_counted_but_keep_line_numbers_physical()
    {
        var result = Run(H + "\nO1,principal,EUR,1.00\n\n\nO2,principal,EUR,x\n\n", H);
        Assert.Equal(new ReconciliationFileStats(ExpectedName, ReconciliationSide.Expected, 2, 1, 1), result.Summary.Files[0]);
        Assert.Equal(6, Assert.Single(result.Rejects).Line);
    }

    [Fact]
    public void Blank_lines_before_the_header_are_skipped_not_taken_for_an_empty_file()
    {
        // The first non-blank row is the header: the data must not be dropped silently.
        var result = Run("\n\r\n" + H + "O1,principal,EUR,1.00\nO2,principal,EUR,x\n", H);
        Assert.Equal(new ReconciliationFileStats(ExpectedName, ReconciliationSide.Expected, 2, 1, 1), result.Summary.Files[0]);
        Assert.Equal(5, Assert.Single(result.Rejects).Line);
        Assert.Equal("O1", Assert.Single(result.Breaks).OrderId);

        var engine = new ReconciliationEngine(SingleThread);
        var e = Assert.Throws<InputFormatException>(() =>
            engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes("\norder_id,component,currency\n")), ExpectedName));
        Assert.Equal(2, e.Line);
    }

    [Theory]
    [InlineData("order_id")]
    [InlineData("component")]
    [InlineData("currency")]
    [InlineData("amount")]
    public void A_missing_required_column_is_an_InputFormatException_naming_it(string column)
    {
        var header = string.Join(',', new[] { "order_id", "component", "currency", "amount", "date" }.Where(c => c != column));
        var engine = new ReconciliationEngine(SingleThread);
        var e = Assert.Throws<InputFormatException>(() =>
            engine.Add(ReconciliationSide.Settlement, new MemoryStream(Encoding.UTF8.GetBytes(header + "\nO1,principal,EUR,1.00\n")), SettlementName));

        Assert.Contains($"'{column}'", e.Reason, StringComparison.Ordinal);
        Assert.Contains($"'{column}'", e.Message, StringComparison.Ordinal);
        Assert.Equal(SettlementName, e.Source);
        Assert.Equal(1, e.Line);
    }

    [Theory]
    [InlineData(1, "market")]
    [InlineData(2, "market")]
    [InlineData(1, "category")]
    public void More_than_65535_distinct_markets_and_categories_stop_the_run_naming_the_first_label_past_the_limit(int threads, string column)
    {
        // Markets and categories share 65,535 16-bit ids: the expected file takes all of them (one is the other
        // column's), the settlement file's first new label is one too many.
        var other = column == "market" ? "category" : "market";
        var expected = new StringBuilder($"order_id,component,currency,amount,{other},{column}\n");
        expected.Append("O0,principal,EUR,1.00,x,\n");
        for (var i = 1; i < LabelTable.MaxLabels; i++)
        {
            expected.Append(CultureInfo.InvariantCulture, $"O{i},principal,EUR,1.00,,L{i}\n");
        }
        var settlement = $"order_id,component,currency,{column},amount\nO1,principal,EUR,L1,1.00\nO2,principal,EUR,L{LabelTable.MaxLabels},1.00\n";
        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = threads, BlockSize = 1 << 16 });
        engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes(expected.ToString())), ExpectedName);

        var e = Assert.Throws<InputFormatException>(() =>
            engine.Add(ReconciliationSide.Settlement, new MemoryStream(Encoding.UTF8.GetBytes(settlement)), SettlementName));
        Assert.Equal((SettlementName, 3L, 4, $"L{LabelTable.MaxLabels}"), (e.Source, e.Line, e.Column, e.Value));
        Assert.Contains($"the {column} is one label too many", e.Reason, StringComparison.Ordinal);
        Assert.Contains("65,535", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_span_API_names_a_label_past_the_limit_by_its_canonical_column()
    {
        var euro = new Money(1_00, Currency.EUR);
        var lines = Enumerable.Range(1, LabelTable.MaxLabels).Select(i => new ReconciliationLine("O", "principal", euro, Category: $"C{i}")).ToList();
        lines.Add(new ReconciliationLine("O", "principal", euro, Market: "M"));
        var engine = new ReconciliationEngine(SingleThread);

        var e = Assert.Throws<InputFormatException>(() => engine.Add(ReconciliationSide.Expected, [.. lines], ExpectedName));
        Assert.Equal((ExpectedName, (long)LabelTable.MaxLabels + 1, 6, "M"), (e.Source, e.Line, e.Column, e.Value));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_key_read_from_CSV_and_the_same_key_given_as_a_parsed_line_are_one_key(int threads)
    {
        // A key the table packs (an Amazon order id with a component id) is hashed from its packed form, any other from
        // its bytes: both paths (CSV rows, parsed lines) must give each key the same hash. Amazon ids and other ids,
        // and past the component table's 4,095 ids components kept in the key's bytes (an Amazon id then not packed).
        var csv = new StringBuilder(H);
        var lines = new List<ReconciliationLine>();
        for (var i = 0; i < 6_000; i++)
        {
            var orderId = i % 2 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{i % 1000:D3}-{i * 7 % 10_000_000:D7}-{i:D7}")
                : string.Create(CultureInfo.InvariantCulture, $"#SHOP-{i}");
            var component = string.Create(CultureInfo.InvariantCulture, $"c{i}");
            csv.Append(CultureInfo.InvariantCulture, $"{orderId},{component},EUR,{i}.00\n");
            lines.Add(new ReconciliationLine(orderId, component, new Money(i * 100L, Currency.EUR)));
        }
        var engine = new ReconciliationEngine(Options(threads, 1024));
        engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), ExpectedName);
        engine.Add(ReconciliationSide.Settlement, [.. lines], SettlementName);
        var result = engine.Complete();

        Assert.Empty(result.Breaks);
        Assert.Equal(6_000, Keys(result, BreakStatus.Matched));
    }

    [Fact]
    public void The_span_API_rejects_a_NUL_byte_in_an_order_id_or_component_by_its_canonical_column()
    {
        var euro = new Money(1_00, Currency.EUR);
        var engine = new ReconciliationEngine(SingleThread);
        engine.Add(ReconciliationSide.Expected, [new ReconciliationLine("O1", "principal", euro), new ReconciliationLine("O\u00002", "principal", euro),
            new ReconciliationLine("O3", "tax\u0000", euro)], ExpectedName);
        engine.Add(ReconciliationSide.Settlement, [new ReconciliationLine("O1", "principal", euro)], SettlementName);
        var result = engine.Complete();

        Assert.Equal([(2L, 1, "O\u00002"), (3L, 2, "tax\u0000")], result.Rejects.Select(r => (r.Line, r.Column, r.Value)));
        Assert.All(result.Rejects, r => Assert.StartsWith("NUL byte in ", r.Reason, StringComparison.Ordinal));
        Assert.Empty(result.Breaks);
    }

    [Fact]
    public void An_unreadable_file_is_an_InputFormatException()
    {
        var path = Path.Combine(Path.GetTempPath(), "crossborder-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture), "missing.csv");
        var engine = new ReconciliationEngine(SingleThread);
        var e = Assert.Throws<InputFormatException>(() => engine.Add(ReconciliationSide.Expected, path));
        Assert.Equal(path, e.Source);
    }

    [Fact]
    public void A_file_is_read_from_its_path()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, H + "O1,principal,EUR,1.00\nO2,principal,EUR,x\n", new UTF8Encoding(true));
            var engine = new ReconciliationEngine(SingleThread);
            engine.Add(ReconciliationSide.Expected, path);
            var result = engine.Complete();
            Assert.Equal(new ReconciliationFileStats(path, ReconciliationSide.Expected, 2, 1, 1), Assert.Single(result.Summary.Files));
            Assert.Equal(path, Assert.Single(result.Rejects).File);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(ThreadsAndBlockSizes))]
    public void An_unclosed_quote_is_an_InputFormatException_naming_the_line_where_it_opens(int threads, int blockSize)
    {
        var text = new StringBuilder(H);
        for (var i = 0; i < 100; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"O{i},principal,EUR,1.00\n");
        }
        text.Append("\"O-open,principal,EUR,1.00\nO-next,principal,EUR,1.00\n"); // line 102
        var engine = new ReconciliationEngine(Options(threads, blockSize));
        var e = Assert.Throws<InputFormatException>(() =>
            engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), ExpectedName));
        Assert.Equal(ExpectedName, e.Source);
        Assert.Equal(102, e.Line);
    }

    [Fact]
    public void A_failed_file_does_not_corrupt_the_buffers_of_later_runs()
    {
        // A block that fails to parse must hand its pooled buffer back once: returned twice, the pool would give
        // the same array to two later renters, and a later run's next block would overwrite the one being parsed.
        var options = new ReconciliationOptions { Threads = 1, BlockSize = 3000 };
        var good = new StringBuilder(H);
        for (var i = 0; i < 400; i++)
        {
            good.Append(CultureInfo.InvariantCulture, $"O{i % 50},principal,EUR,{i}.{i % 100:00}\n");
        }
        var goodBytes = Encoding.UTF8.GetBytes(good.ToString());
        var reference = SummaryJson(Run(goodBytes, goodBytes, options));
        Assert.Contains("\"matched\": 50", Encoding.UTF8.GetString(reference), StringComparison.Ordinal);

        var bad = Encoding.UTF8.GetBytes(H + "O1,principal,EUR,1.00\n\"O2,principal,EUR,1.00\n");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var engine = new ReconciliationEngine(options);
            Assert.Throws<InputFormatException>(() => engine.Add(ReconciliationSide.Expected, new MemoryStream(bad), ExpectedName));
            Assert.Equal(reference, SummaryJson(Run(goodBytes, goodBytes, options)));
        }
    }

    [Fact]
    public void Rows_handed_to_the_reading_thread_wait_at_most_a_few_batches_when_the_workers_keep_up()
    {
        // A slow stream: the other worker parses every block as soon as it is read, so the reading thread parses none
        // itself. The rows that worker parses for the reading thread's partitions must still be added as they come
        // (after every block read), not all at the end of the file: memory would grow with the lines.
        var text = new StringBuilder(H);
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"O{i},principal,EUR,1.00\n");
        }
        var engine = new ReconciliationEngine(Options(2, 1024));
        engine.Add(ReconciliationSide.Expected, new SlowStream(Encoding.UTF8.GetBytes(text.ToString())), ExpectedName);
        var mostPending = engine.Exchange!.MostPending;
        engine.Add(ReconciliationSide.Settlement, new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), SettlementName);
        var result = engine.Complete();

        // Some 480 blocks, each sending a batch to the reading thread: kept to the end, about 220 would wait at once; added
        // after every block read, a few (the bound leaves room for a loaded machine that delays a thread).
        Assert.InRange(mostPending, 1, 60);
        Assert.Equal(20_000, Keys(result, BreakStatus.Matched));
        Assert.Empty(result.Breaks);
    }

    /// <summary>A forward-only stream that hands out at most 1 KiB per read, a millisecond apart.</summary>
    private sealed class SlowStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Thread.Sleep(1);
            var n = Math.Min(Math.Min(count, 1024), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Rows_on_their_way_between_workers_when_a_file_fails_are_not_counted_in_the_next_file(int threads)
    {
        // With several workers, rows parsed for another worker's partitions wait in batches (RowExchange). A file that
        // fails half-way leaves some in the inboxes and in the failing worker's unsent batch: they belong to the failed
        // read and must not be added (and counted as accepted) while the next file is read.
        var bad = new StringBuilder(H);
        for (var i = 0; i < 600; i++)
        {
            bad.Append(CultureInfo.InvariantCulture, $"B{i},principal,EUR,1.00\n");
        }
        bad.Append("\"B-x\"y,principal,EUR,1.00\n"); // line 602: text after a closing quote
        for (var i = 0; i < 50; i++)
        {
            bad.Append(CultureInfo.InvariantCulture, $"C{i},principal,EUR,1.00\n");
        }
        var good = new StringBuilder(H);
        for (var i = 0; i < 400; i++)
        {
            good.Append(CultureInfo.InvariantCulture, $"G{i},principal,EUR,2.00\n");
        }
        var goodBytes = Encoding.UTF8.GetBytes(good.ToString());
        var engine = new ReconciliationEngine(Options(threads, 1024));

        var e = Assert.Throws<InputFormatException>(() =>
            engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes(bad.ToString())), "bad.csv"));
        Assert.Equal(602, e.Line);
        engine.Add(ReconciliationSide.Expected, new MemoryStream(goodBytes), ExpectedName);
        engine.Add(ReconciliationSide.Settlement, new MemoryStream(goodBytes), SettlementName);
        var result = engine.Complete();

        Assert.Equal(new ReconciliationFileStats(ExpectedName, ReconciliationSide.Expected, 400, 400, 0), result.Summary.Files.Single(f => f.File == ExpectedName));
        Assert.Equal(new ReconciliationFileStats(SettlementName, ReconciliationSide.Settlement, 400, 400, 0), result.Summary.Files.Single(f => f.File == SettlementName));
        Assert.DoesNotContain(result.Breaks, b => b.OrderId.StartsWith('G'));
    }

    [Theory]
    [MemberData(nameof(ThreadsAndBlockSizes))]
    public void Rows_and_a_header_longer_than_a_block_are_read_whole(int threads, int blockSize)
    {
        var longName = new string('x', 3000);
        var longNote = string.Join('\n', Enumerable.Range(0, 200).Select(i => "part " + i.ToString(CultureInfo.InvariantCulture)));
        var text = new StringBuilder("order_id,component,currency,amount,ref," + longName + "\n");
        text.Append("O1,principal,EUR,1.00,r,\"").Append(longNote).Append("\"\n"); // lines 2-201
        for (var i = 0; i < 50; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"P{i},principal,EUR,1.00,r,").Append(longName).Append('\n');
        }
        text.Append("Q1,principal,EUR,bad,r,y\n"); // line 252
        var result = Run(text.ToString(), H, Options(threads, blockSize));

        Assert.Equal(252, Assert.Single(result.Rejects).Line);
        Assert.Equal(new ReconciliationFileStats(ExpectedName, ReconciliationSide.Expected, 52, 51, 1), result.Summary.Files[0]);
        Assert.Equal(51, Keys(result, BreakStatus.MissingSettlement));
    }

    [Theory]
    [MemberData(nameof(ThreadsAndBlockSizes))]
    public void A_quote_inside_an_unquoted_field_is_text_and_does_not_move_the_block_cuts(int threads, int blockSize)
    {
        // The reader keeps x"y as text; cutting blocks as if it opened a quoted field would cut the next row's
        // quoted line break and fail (or misread) depending on the block size.
        var text = new StringBuilder("order_id,component,currency,amount,ref\n");
        text.Append("A1,principal,EUR,1.00,x\"y\n");
        text.Append("A2,principal,EUR,2.00,\"multi\nline\"\n");
        for (var i = 0; i < 200; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"B{i:000},principal,EUR,1.00,r{i}\n");
        }
        text.Append("C1,principal,EUR,bad,r\n"); // line 205
        var result = Run(text.ToString(), H, Options(threads, blockSize));

        Assert.Equal(205, Assert.Single(result.Rejects).Line);
        Assert.Equal(202, Keys(result, BreakStatus.MissingSettlement));
        Assert.Equal(SummaryJson(Run(text.ToString(), H)), SummaryJson(result));
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_case_with_extra_columns_ignored()
    {
        const string canonical = "order_id,component,currency,amount,date,market,category,ref\n"
            + "O1,principal,EUR,1.00,2024-01-31,DE,toys,T1\nO1,principal,EUR,1.00,2024-01-31,DE,toys,T1\nO2,tax,JPY,5,,,,\nO3,fee,KWD,x,,FR,books,\n";
        const string shuffled = "Ref,AMOUNT,note,Currency,market,Component,ORDER_ID,category,Date\n"
            + "T1,1.00,\"a, b\",EUR,DE,principal,O1,toys,2024-01-31\nT1,1.00,,EUR,DE,principal,O1,toys,2024-01-31\n,5,n,JPY,,tax,O2,,\n,x,,KWD,FR,fee,O3,books,\n";
        const string expected = H + "O1,principal,EUR,1.00\nO2,tax,JPY,5\n";

        var fromCanonical = Run(expected, canonical);
        var fromShuffled = Run(expected, shuffled);

        Assert.Equal(1, fromShuffled.Summary.DuplicateLines);
        Assert.Equal("DE", Break(fromShuffled, "O1", "principal", "EUR").Market);
        Assert.Equal(BreaksCsv(fromCanonical), BreaksCsv(fromShuffled));
        Assert.Equal(SummaryJson(fromCanonical), SummaryJson(fromShuffled));
        Assert.Equal((5L, 2, "x"), (Assert.Single(fromShuffled.Rejects).Line, fromShuffled.Rejects[0].Column, fromShuffled.Rejects[0].Value));
    }

    [Fact]
    public void The_span_API_rejects_what_the_CSV_path_rejects_and_goes_on()
    {
        var euro = new Money(1_00, Currency.EUR);
        ReconciliationLine[] lines =
        [
            new("O1", "principal", euro),
            new("", "principal", euro),
            new("O3", "", euro),
            new("O4", "principal", default), // no currency
            new("O5", "principal", euro, Ref: new string('r', 600)),
            new(new string('o', 3000), "principal", euro),
            new("O7", "principal", new Money(7_00, Currency.EUR)),
        ];
        var engine = new ReconciliationEngine(SingleThread);
        engine.Add(ReconciliationSide.Settlement, lines, SettlementName);
        var fromSpans = engine.Complete();

        AssertRejects(
            [(2, 1, "", "empty order_id"), (3, 2, "", "empty component"), (4, 3, "", "unknown currency"), (5, 8, new string('r', 600), "ref longer"), (6, 1, new string('o', 3000), "key longer")],
            Rejects(fromSpans, SettlementName));
        Assert.Equal(new ReconciliationFileStats(SettlementName, ReconciliationSide.Settlement, 7, 2, 5), Assert.Single(fromSpans.Summary.Files));
        Assert.Equal(["O1", "O7"], fromSpans.Breaks.Select(b => b.OrderId));

        // The CSV path rejects the same lines, in the same columns, one line further down (below the header).
        var csv = new StringBuilder("order_id,component,currency,amount,date,market,category,ref\n");
        foreach (var l in lines)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{l.OrderId},{l.Component},{l.Amount.Currency.Code},{(l.Amount.Currency.IsNone ? "1" : l.Amount.ToString("N", CultureInfo.InvariantCulture))},,,,{l.Ref}\n");
        }
        var fromCsv = Run(H, csv.ToString());
        Assert.Equal(fromSpans.Rejects.Select(r => (r.Line + 1, r.Column, r.Value, r.Reason)), fromCsv.Rejects.Select(r => (r.Line, r.Column, r.Value, r.Reason)));
    }

    [Fact]
    public void The_span_API_gives_the_same_result_as_the_CSV_path()
    {
        var jan = new DateOnly(2024, 1, 31);
        ReconciliationLine[] expected =
        [
            new("O1", "principal", new Money(100_00, Currency.EUR), jan, "DE", "toys"),
            new("O1", "tax", new Money(19_00, Currency.EUR), jan, "DE", "toys"),
            new("O2", "principal", new Money(5_000, Currency.JPY), null, "JP", null),
            new("O3", "principal", new Money(1_500, Currency.KWD), null, null, "books"),
            new("a,\"b\"", "principal", new Money(1, Currency.USD)),
        ];
        ReconciliationLine[] settled =
        [
            new("O1", "principal", new Money(100_00, Currency.EUR), jan, "DE", "toys", "T1"),
            new("O1", "tax", new Money(18_99, Currency.EUR), jan, "DE", "toys", "T2"),
            new("O1", "tax", new Money(18_99, Currency.EUR), jan, "DE", "toys", "T2"),
            new("O2", "principal", new Money(5_000, Currency.USD), jan, "JP"),
            new("O4", "principal", new Money(-1_00, Currency.EUR)),
            new("O4", "principal", new Money(-1_00, Currency.EUR)),
        ];

        static string Csv(IEnumerable<ReconciliationLine> lines) =>
            "order_id,component,currency,amount,date,market,category,ref\n" + string.Concat(lines.Select(l =>
                string.Join(',', Quote(l.OrderId), Quote(l.Component), l.Amount.Currency.Code, l.Amount.ToString("N", CultureInfo.InvariantCulture),
                    l.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", l.Market ?? "", l.Category ?? "", l.Ref ?? "") + "\n"));

        var engine = new ReconciliationEngine(SingleThread);
        engine.Add(ReconciliationSide.Expected, expected, ExpectedName);
        engine.Add(ReconciliationSide.Settlement, settled, SettlementName);
        var fromSpans = engine.Complete();
        var fromCsv = Run(Csv(expected), Csv(settled));

        Assert.Equal(2, fromSpans.Summary.DuplicateLines);
        Assert.Equal(2, fromSpans.Summary.CurrencyMismatchKeys); // O2 expected in JPY, settled in USD
        Assert.Equal(BreaksCsv(fromCsv), BreaksCsv(fromSpans));
        Assert.Equal(SummaryJson(fromCsv), SummaryJson(fromSpans));
    }
}
