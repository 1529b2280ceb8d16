using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Adyen;
using CrossBorder.Engine.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Settlements.SettlementTestKit;

namespace CrossBorder.Engine.Tests.Settlements.Adyen;

public partial class AdyenSettlementReaderTests(ITestOutputHelper output)
{
    private static readonly AdyenSettlementReader s_reader = new();

    // The order of the 2021 reports (Batch Number before Reserved4, Booking Date at the end).
    private const string HeaderA = "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Markup (NC),Scheme Fees (NC),Interchange (NC),Payment Method Variant,Batch Number,Reserved4,Reserved5,Reserved6,Reserved7,Reserved8,Reserved9,Reserved10,Modification Merchant Reference,Booking Date,Booking Date TimeZone";

    // The other order (Modification Merchant Reference before Batch Number).
    private const string HeaderB = "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Markup (NC),Scheme Fees (NC),Interchange (NC),Payment Method Variant,Modification Merchant Reference,Batch Number,Reserved4,Reserved5,Reserved6,Reserved7,Reserved8,Reserved9,Reserved10";

    private static string RowA(string psp, string order, string type, string gc, string grossDebit, string grossCredit, string nc, string netDebit, string netCredit,
        string commission = "", string markup = "", string scheme = "", string interchange = "", string batch = "7", string date = "2021-01-05 00:21:32") =>
        $"Co,ACC,{psp},{order},visa,{date},CET,{type},MOD{psp},{gc},{grossDebit},{grossCredit},1,{nc},{netDebit},{netCredit},{commission},{markup},{scheme},{interchange},visacredit,{batch},,,,,,,,<auto>,2021-01-06 23:50:00,CET";

    private static string RowB(string psp, string order, string type, string nc, string netDebit, string netCredit, string commission = "", string batch = "7") =>
        $"Co,ACC,{psp},{order},mc,2022-03-02 02:21:49,CET,{type},MOD,{nc},,,,{nc},{netDebit},{netCredit},{commission},,,,mccredit,{order},{batch},,,,,,,";

    [Fact]
    public void Settled_row_gives_gross_in_net_currency_and_one_negative_line_per_fee()
    {
        var sink = Read(s_reader, HeaderA + "\n" + RowA("P1", "CM1", "Settled", "USD", "", "31.45", "USD", "", "31.15", "", "0.16", "0.05", "0.09"));

        Assert.Equal(
        [
            "2 CM1 principal USD 3145 2021-01-05 Settled P1 7",
            "2 CM1 markup USD -16 2021-01-05 Settled P1:markup 7",
            "2 CM1 scheme_fee USD -5 2021-01-05 Settled P1:scheme_fees 7",
            "2 CM1 interchange USD -9 2021-01-05 Settled P1:interchange 7",
        ], sink.Lines);
        Assert.Empty(sink.Rejects);
    }

    [Fact]
    public void Refund_with_commission_is_negative_and_the_lines_sum_to_the_net()
    {
        var sink = Read(s_reader, HeaderA + "\n" + RowA("P2", "CM2", "Refunded", "USD", "40", "", "USD", "40.2", "", "0.2"));

        Assert.Equal(
        [
            "2 CM2 refund_principal USD -4000 2021-01-05 Refunded P2 7",
            "2 CM2 commission USD -20 2021-01-05 Refunded P2:commission 7",
        ], sink.Lines);
    }

    [Fact]
    public void Gross_and_net_currencies_may_differ_lines_are_in_the_net_currency()
    {
        var sink = Read(s_reader, HeaderA + "\n" + RowA("P3", "CM3", "Settled", "GBP", "", "100.00", "EUR", "", "114.50", "1.50"));

        Assert.Equal(
        [
            "2 CM3 principal EUR 11600 2021-01-05 Settled P3 7",
            "2 CM3 commission EUR -150 2021-01-05 Settled P3:commission 7",
        ], sink.Lines);
    }

    [Fact]
    public void Header_after_blank_lines_and_the_other_column_order_read_alike()
    {
        var text = "\n\r\n" + HeaderB + "\r\n" + RowB("P4", "CM4", "Chargeback", "JPY", "1500", "") + "\r\n\r\n" + RowB("", "", "Fee", "JPY", "20", "") + "\r\n";
        var sink = Read(s_reader, text);

        Assert.Equal(
        [
            "4 CM4 chargeback JPY -1500 2022-03-02 Chargeback P4 7",
            "6 7 fee JPY -20 2022-03-02 Fee MOD 7",
        ], sink.Lines);
        Assert.Empty(sink.Rejects);
    }

    [Fact]
    public void MerchantPayout_states_the_batch_total_and_a_consistent_batch_balances()
    {
        var text = string.Join('\n',
            HeaderA,
            RowA("P1", "CM1", "Settled", "USD", "", "100.00", "USD", "", "97.00", "3.00", batch: "380"),
            RowA("P2", "CM2", "Refunded", "USD", "10.00", "", "USD", "10.00", "", batch: "380"),
            RowA("", "", "Fee", "", "", "", "USD", "1.50", "", batch: "380"),
            RowA("", "", "MerchantPayout", "", "", "", "USD", "85.50", "", batch: "380"));
        var sink = Read(s_reader, text);
        Assert.Equal(["380 USD 8550 5 MerchantPayout"], sink.Totals);

        var result = Reconcile(s_reader, new MemoryStream(Encoding.UTF8.GetBytes(text)), "sdr.csv");
        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(SettlementCheckStatus.Balanced, check.Status);
        Assert.Equal("380", check.SettlementId);
        Assert.Equal(Money.FromMinorUnits(8550, Currency.USD), check.StatedTotal);
    }

    [Fact]
    public void A_payout_that_does_not_match_is_reported_with_both_figures()
    {
        var text = string.Join('\n',
            HeaderA,
            RowA("P1", "CM1", "Settled", "USD", "", "100.00", "USD", "", "100.00", batch: "9"),
            RowA("", "", "MerchantPayout", "", "", "", "USD", "99.00", "", batch: "9"));
        var result = Reconcile(s_reader, new MemoryStream(Encoding.UTF8.GetBytes(text)), "sdr.csv");

        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(SettlementCheckStatus.SettlementTotalMismatch, check.Status);
        Assert.Equal(Money.FromMinorUnits(10000, Currency.USD), check.LinesTotal);
        Assert.Equal(Money.FromMinorUnits(9900, Currency.USD), check.StatedTotal);
    }

    [Fact]
    public void Bad_values_are_rejected_with_line_and_column_and_reading_goes_on()
    {
        var text = string.Join('\n',
            HeaderA,
            RowA("P1", "CM1", "Settled", "USD", "", "1", "USD", "", "12.5x"),
            RowA("P2", "CM2", "Settled", "USD", "", "1", "XXQ", "", "1.00"),
            RowA("P3", "CM3", "Settled", "USD", "", "1", "USD", "", "1.00", "abc"),
            RowA("P4", "CM4", "Settled", "USD", "", "1", "USD", "", "1.00", date: "05/01/2021"),
            RowA("P5", "CM5", "Settled", "USD", "", "1", "USD", "", "1.001"),
            "Co,ACC,P6,CM6,visa,2021-01-05 00:21:32,CET,Settled,M,USD,,1,1,USD,,1.00",
            RowA("P7", "CM7", "Settled", "USD", "", "1", "USD", "", "1.00"));
        var sink = Read(s_reader, text);

        Assert.Equal(
        [
            "2:16 '12.5x' Net Credit (NC) is not an amount in the net currency",
            "3:14 'XXQ' Net Currency is not an ISO 4217 currency code",
            "4:17 'abc' Commission (NC) is not an amount in the net currency",
            "5:6 '05/01/2021' Creation Date is not a yyyy-MM-dd date",
            "6:16 '1.001' Net Credit (NC) is not an amount in the net currency",
            "7:17 '_' the row ends before column 22 (a required column: Type, Batch Number, Net Currency, Net Debit (NC), Net Credit (NC)); a truncated row",
        ], sink.Rejects);
        Assert.Equal(["8 CM7 principal USD 100 2021-01-05 Settled P7 7"], sink.Lines);
    }

    [Fact]
    public void A_repeated_header_is_informational()
    {
        var sink = Read(s_reader, HeaderA + "\n" + HeaderA + "\n");
        Assert.Equal(["2 the report header repeated"], sink.Infos);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("Date,Amount\n2021-01-01,1.00\n")]
    public void A_file_without_the_header_is_an_input_format_error(string text)
    {
        var e = Assert.Throws<InputFormatException>(() => Read(s_reader, text));
        Assert.Equal("test.csv", e.Source);
        Assert.True(e.Line >= 1);
    }

    // Found by RegistryFuzzProperties (random bytes): a CSV quoting error escaped naming "stream", not the file.
    [Theory]
    [InlineData("\"\u00FE\"\t1\n", 1)]
    [InlineData(HeaderA + "\nCo,\"ACC\"x,P1\n", 2)]
    [InlineData(HeaderA + "\nCo,\"ACC,P1\n", 2)]
    public void A_CSV_quoting_error_names_the_file_and_its_line(string text, long line)
        => AssertErrorNamesTheFile(s_reader, Encoding.UTF8.GetBytes(text), line);

    [Fact]
    public void Missing_required_column_names_it()
    {
        var e = Assert.Throws<InputFormatException>(() => Read(s_reader, HeaderA.Replace("Batch Number", "Batch", StringComparison.Ordinal) + "\n"));
        Assert.Contains("'Batch Number'", e.Reason, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Detection_recognises_both_orders_and_not_other_files()
    {
        Assert.Equal(SettlementFormat.AdyenSdr, SettlementFormats.Detect(Encoding.UTF8.GetBytes("\n\n" + HeaderB + "\n")));
        Assert.Equal(SettlementFormat.AdyenSdr, SettlementFormats.Detect(Encoding.UTF8.GetBytes(HeaderA + "\n")));
        Assert.False(s_reader.Recognizes("order_id,component,currency,amount\n"u8));
        Assert.Same(typeof(AdyenSettlementReader), SettlementFormats.ReaderFor(SettlementFormat.AdyenSdr).GetType());
    }

    private static byte[] Generate(int lines)
    {
        var sb = new StringBuilder(HeaderA).Append('\n');
        for (var i = 0; i < lines; i++)
        {
            sb.Append(RowA(i.ToString(CultureInfo.InvariantCulture), "CM" + (i % 100).ToString(CultureInfo.InvariantCulture), i % 10 == 0 ? "Refunded" : "Settled",
                "USD", "", "31.45", "USD", "", "31.15", "", "0.16", "0.05", "0.09")).Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Fact]
    public void Reading_allocates_nothing_per_line()
    {
        var small = Generate(2_000);
        var large = Generate(20_000);
        var mapping = ComponentMapping.Default.Clone();
        long Measure(byte[] bytes)
        {
            var stream = new MemoryStream(bytes);
            var sink = new SettlementTestKit.CountingSink();
            var before = GC.GetAllocatedBytesForCurrentThread();
            s_reader.Read(stream, "gen.csv", mapping, sink);
            var after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(bytes.Length > 500_000 ? 80_000 : 8_000, sink.Accepted);
            return after - before;
        }
        Measure(small); // warm up (JIT, mapping cache)
        Measure(large);
        // The runtime may, rarely, allocate once on the test thread for its own purposes (as in HotPathAllocationTests),
        // so a failing measurement is repeated up to three times: per-line allocation (18,000 more lines, at least
        // 24 bytes each) fails every attempt.
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var a = Measure(small);
            var b = Measure(large);
            output.WriteLine($"2,000 lines: {a} bytes; 20,000 lines: {b} bytes");
            if (b - a < 1024)
            {
                return;
            }
            attempts.Add($"20,000 lines allocated {b} bytes, 2,000 lines {a} bytes");
        }
        Assert.Fail(string.Join("; then ", attempts));
    }

    /// <summary>A random edit of a valid file: delete, insert or replace a run of bytes, or truncate.</summary>
    public sealed record Edit(int Kind, int Position, int Length, byte Value);

    private static byte[] Apply(byte[] source, Edit[] edits)
    {
        var bytes = source.ToList();
        foreach (var e in edits)
        {
            var pos = bytes.Count == 0 ? 0 : e.Position % bytes.Count;
            switch (e.Kind)
            {
                case 0:
                    bytes.RemoveRange(pos, Math.Min(e.Length, bytes.Count - pos));
                    break;
                case 1:
                    bytes.InsertRange(pos, Enumerable.Repeat(e.Value, e.Length));
                    break;
                case 2:
                    for (var i = pos; i < Math.Min(bytes.Count, pos + e.Length); i++)
                    {
                        bytes[i] = e.Value;
                    }
                    break;
                default:
                    bytes.RemoveRange(pos, bytes.Count - pos);
                    break;
            }
        }
        return [.. bytes];
    }

    private static readonly byte[] s_fuzzSource = Encoding.UTF8.GetBytes(string.Join('\n',
        HeaderA,
        RowA("P1", "CM1", "Settled", "USD", "", "31.45", "USD", "", "31.15", "", "0.16", "0.05", "0.09", batch: "5"),
        RowA("P2", "CM2", "Refunded", "USD", "40", "", "USD", "40.2", "", "0.2", batch: "5"),
        "",
        RowA("P3", "CM3", "Chargeback", "EUR", "12.00", "", "EUR", "12.00", "", batch: "5"),
        RowA("", "", "Fee", "", "", "", "USD", "1.50", "", batch: "5"),
        RowA("", "", "MerchantPayout", "", "", "", "USD", "27.45", "", batch: "5")) + "\n");

    /// <summary>
    /// Random edits never make the reader throw anything but <see cref="InputFormatException"/> (a broken header, or a
    /// quote the CSV layer cannot close), and when it reads the file, every non-blank row after the header gets a
    /// sink call (no row lost) and no call names a line that is not a data row.
    /// </summary>
    [Property(MaxTest = 400)]
    public Property Random_edits_never_throw_anything_else_and_never_lose_a_row()
    {
        var edit =
            from kind in Gen.Choose(0, 3)
            from position in Gen.Choose(0, 4000)
            from length in Gen.Choose(1, 8)
            from value in Gen.Elements((byte)',', (byte)'\n', (byte)'\r', (byte)'"', (byte)'1', (byte)'.', (byte)'x', (byte)' ', (byte)0xC3, (byte)'-')
            select new Edit(kind, position, length, value);
        var edits =
            from count in Gen.Choose(1, 4)
            from array in edit.ArrayOf(count)
            select array;
        return Prop.ForAll(edits.ToArbitrary(), e => CheckEdited(Apply(s_fuzzSource, e)));
    }

    /// <summary>
    /// Reads a (damaged) file: only an <see cref="InputFormatException"/> naming the file may escape; when none does,
    /// every non-blank row after the header got a sink call and no call names a line that is not a data row.
    /// </summary>
    private static void CheckEdited(byte[] bytes)
    {
        var sink = new SettlementTestKit.RecordingSink();
        try
        {
            s_reader.Read(new MemoryStream(bytes), "fuzz.csv", ComponentMapping.Default, sink);
        }
        catch (InputFormatException e)
        {
            Assert.Equal("fuzz.csv", e.Source);
            return;
        }
        var rows = DataRows(bytes);
        Assert.Equal(rows.Order(), sink.RowsSeen.Order());
    }

    /// <summary>
    /// The shared random edits (<see cref="ByteEdits"/>) of the real SDR files (test input in ../shared, read where
    /// they are, never copied here); batch 666's truncated row is a reject, so it is accounted for like any other.
    /// </summary>
    [Theory]
    [InlineData("settlement-detail-report-batch-100.reconstructed.csv")]
    [InlineData("settlement-detail-report-batch-238.csv")]
    [InlineData("settlement-detail-report-batch-380.csv")]
    [InlineData("settlement-detail-report-batch-666.reconstructed.csv")]
    public void Random_edits_of_real_files_never_throw_anything_else_and_never_lose_a_row(string file) =>
        ByteEdits.CheckSharedFile("corpus/settlements/adyen/" + file, output, maxTest: 200, CheckEdited);

    // The corpus: every file under adyen/, the CSVs here and the two .xlsx workbooks in AdyenSettlementReaderTests.Xlsx.cs.
    [Fact]
    public void Corpus_batch_380_reads_without_rejects_and_balances_at_55308_07()
    {
        if (CorpusBatchBalances("settlement-detail-report-batch-380.csv", "380", 5_530_807, out var path) is not { } sink)
        {
            return;
        }
        Assert.Equal(228, sink.RowsSeen.Count); // 220 Settled, 6 Refunded, 1 Fee as lines; the MerchantPayout as the total
        Assert.Equal(DataRows(File.ReadAllBytes(path)).Count, sink.RowsSeen.Count);
    }

    /// <summary>
    /// Reads a corpus file through the engine with its format detected, and checks that it is one batch, balanced at
    /// <paramref name="minorUnits"/> USD, without rejects or unmapped lines; returns the reader's own calls for the
    /// row-level checks, or null (with the notice written) when the corpus is absent.
    /// </summary>
    private SettlementTestKit.RecordingSink? CorpusBatchBalances(string file, string batch, long minorUnits, out string path)
    {
        if (!SharedData.TryGetPath("corpus/settlements/adyen/" + file, output, out path))
        {
            return null;
        }
        Assert.Equal(SettlementFormat.AdyenSdr, SettlementFormats.Detect(path));
        var engine = new ReconciliationEngine();
        engine.AddSettlements(path);
        var result = engine.Complete();

        Assert.Empty(result.Rejects);
        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(batch, check.SettlementId);
        Assert.Equal(SettlementCheckStatus.Balanced, check.Status);
        Assert.Equal(Money.FromMinorUnits(minorUnits, Currency.USD), check.StatedTotal);
        Assert.Equal(Money.FromMinorUnits(minorUnits, Currency.USD), check.LinesTotal);
        var sink = Read(s_reader, File.ReadAllBytes(path));
        Assert.Empty(sink.Rejects);
        Assert.DoesNotContain(sink.Lines, l => l.Contains("unmapped", StringComparison.Ordinal));
        return sink;
    }

    [Theory]
    [InlineData("settlement-detail-report-batch-238.csv", "238")]
    [InlineData("settlement-detail-report-batch-100.reconstructed.csv", "100")]
    public void Corpus_balance_transfer_batches_read_without_rejects_and_carry_zero(string file, string batch)
    {
        // These batches have no MerchantPayout row: the balance carried in from the previous batch (454,331.99) less
        // the 0.09 fee is carried to the next batch (454,331.90), so the lines sum to zero and there is no stated
        // total to check against (status no_stated_total).
        if (!SharedData.TryGetPath("corpus/settlements/adyen/" + file, output, out var path))
        {
            return;
        }
        var result = Reconcile(s_reader, File.OpenRead(path), file);
        Assert.Empty(result.Rejects);
        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(batch, check.SettlementId);
        Assert.Equal(3, check.Lines);
        Assert.Equal(Money.Zero(Currency.USD), check.LinesTotal);
        Assert.Equal(SettlementCheckStatus.NoStatedTotal, check.Status);
    }

    [Fact]
    public void Corpus_batch_666_has_one_truncated_row_which_is_rejected_by_name()
    {
        // The reconstructed batch 666 lost the tail of its Fee row (it ends after Net Debit (NC) = 0.09, so it has no
        // Batch Number): that row is rejected as truncated; the two balance transfers net to +0.09.
        if (!SharedData.TryGetPath("corpus/settlements/adyen/settlement-detail-report-batch-666.reconstructed.csv", output, out var path))
        {
            return;
        }
        var sink = Read(s_reader, File.ReadAllBytes(path));
        Assert.Equal(["3:16 '_' the row ends before column 23 (a required column: Type, Batch Number, Net Currency, Net Debit (NC), Net Credit (NC)); a truncated row"], sink.Rejects);
        Assert.Equal(2, sink.Lines.Count);
        var result = Reconcile(s_reader, File.OpenRead(path), "666.csv");
        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(Money.FromMinorUnits(9, Currency.USD), check.LinesTotal);
    }
}
