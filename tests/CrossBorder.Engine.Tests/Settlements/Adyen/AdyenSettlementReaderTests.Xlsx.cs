using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CrossBorder.Engine.Tests.Settlements.SettlementTestKit;
using static CrossBorder.Engine.Tests.Text.Xlsx.XlsxTestFile;

namespace CrossBorder.Engine.Tests.Settlements.Adyen;

/// <summary>The Settlement Details Report delivered as an .xlsx workbook.</summary>
public partial class AdyenSettlementReaderTests
{
    private static readonly DateTime s_epoch1900 = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>
    /// The CSV as a workbook, line N at sheet row N from column A: numbers as number cells printed with 17 significant
    /// digits (so 31.15 is stored as 31.149999999999999, the float noise a spreadsheet leaves), Creation Date as a
    /// date serial, the header as shared strings, other text as inline strings.
    /// </summary>
    private static byte[] ToXlsx(string csv)
    {
        var shared = new List<string>();
        var rows = new List<string>();
        var lines = csv.Split('\n');
        var header = lines[0].Split(',');
        var dateColumn = Array.IndexOf(header, "Creation Date");
        for (var n = 0; n < lines.Length; n++)
        {
            var fields = lines[n].TrimEnd('\r').Split(',');
            var cells = new List<string>();
            for (var i = 0; i < fields.Length; i++)
            {
                var value = fields[i];
                var reference = Engine.Text.Xlsx.XlsxSheetReader.CellReference(i, n + 1);
                if (value.Length == 0)
                {
                    continue;
                }
                if (n == 0)
                {
                    shared.Add(value);
                    cells.Add(S(reference, shared.Count - 1));
                }
                else if (i == dateColumn && DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    cells.Add(N(reference, (date - s_epoch1900).TotalDays.ToString("R", CultureInfo.InvariantCulture)));
                }
                else if (Regex.IsMatch(value, @"^-?[0-9]+(\.[0-9]+)?$") && double.Parse(value, CultureInfo.InvariantCulture) is var number && number < 1e15)
                {
                    cells.Add(N(reference, number.ToString("G17", CultureInfo.InvariantCulture)));
                }
                else
                {
                    cells.Add(I(reference, value));
                }
            }
            if (cells.Count > 0)
            {
                rows.Add(Row(n + 1, [.. cells]));
            }
        }
        return Build(Sheet([.. rows]), SharedStrings([.. shared]));
    }

    private static SettlementTestKit.RecordingSink ReadXlsx(byte[] workbook)
    {
        var sink = new SettlementTestKit.RecordingSink();
        s_reader.Read(new MemoryStream(workbook), "sdr.xlsx", ComponentMapping.Default, sink);
        return sink;
    }

    public static TheoryData<string> CsvReports() =>
    [
        HeaderA + "\n" + RowA("P1", "CM1", "Settled", "USD", "", "31.45", "USD", "", "31.15", "", "0.16", "0.05", "0.09"),
        HeaderA + "\n" + RowA("P2", "CM2", "Refunded", "USD", "40", "", "USD", "40.2", "", "0.2"),
        HeaderA + "\n" + RowA("P3", "CM3", "Settled", "GBP", "", "100.00", "EUR", "", "114.50", "1.50"),
        string.Join('\n',
            HeaderA,
            RowA("P1", "CM1", "Settled", "USD", "", "100.00", "USD", "", "97.00", "3.00", batch: "380"),
            RowA("P2", "CM2", "Refunded", "USD", "10.00", "", "USD", "10.00", "", batch: "380"),
            RowA("", "", "Fee", "", "", "", "USD", "1.50", "", batch: "380"),
            HeaderA,
            RowA("", "", "MerchantPayout", "", "", "", "USD", "85.50", "", batch: "380")),
        string.Join('\n', HeaderB, RowB("P4", "CM4", "Chargeback", "JPY", "1500", ""), RowB("", "", "Fee", "JPY", "20", "")),
    ];

    [Theory]
    [MemberData(nameof(CsvReports))]
    public void Xlsx_with_the_same_rows_reads_exactly_as_the_csv(string csv)
    {
        var fromCsv = Read(s_reader, csv);
        var fromXlsx = ReadXlsx(ToXlsx(csv));

        Assert.NotEmpty(fromCsv.Lines);
        Assert.Equal(fromCsv.Lines, fromXlsx.Lines);
        Assert.Equal(fromCsv.Totals, fromXlsx.Totals);
        Assert.Equal(fromCsv.Infos, fromXlsx.Infos);
        Assert.Empty(fromXlsx.Rejects);
    }

    /// <summary>Adyen's own layout: a styled blank row, the header at row 4 from column B, numbers for references and batch.</summary>
    private static byte[] AdyenLayout(params string[] dataRows)
    {
        string[] names = ["Company Account", "Merchant Account", "Psp Reference", "Merchant Reference", "Payment Method", "Creation Date", "TimeZone", "Type",
            "Modification Reference", "Gross Currency", "Gross Debit (GC)", "Gross Credit (GC)", "Exchange Rate", "Net Currency", "Net Debit (NC)",
            "Net Credit (NC)", "Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)", "Payment Method Variant",
            "Modification Merchant Reference", "Batch Number", "Reserved4"];
        string[] strings = [.. names, "Settled", "USD", "Fee", "MerchantPayout", "Batch 48"];
        var header = Row(4, [.. names.Select((n, i) => S(Engine.Text.Xlsx.XlsxSheetReader.CellReference(i + 1, 4), i))]);
        var blank = "<row r=\"1\"><c r=\"B1\" s=\"1\"/><c r=\"C1\" s=\"1\"/></row>";
        return Build(Sheet([blank, header, .. dataRows]), SharedStrings(strings));
    }

    // Shared string indexes in AdyenLayout.
    private const int Settled = 24;
    private const int Usd = 25;
    private const int FeeType = 26;
    private const int Payout = 27;

    [Fact]
    public void Xlsx_in_adyens_layout_reads_shared_and_inline_strings_numbers_with_noise_gaps_and_serial_dates()
    {
        var book = AdyenLayout(
            // Psp Reference and Merchant Reference are numbers; Markup has float noise; no Commission cell (a gap); Creation Date a serial.
            Row(5, I("B5", "YOURCOMPANY"), N("D5", "4814769000000000"), N("E5", "19000000001"), N("G5", "42663.6241666667"), S("I5", Settled),
                S("O5", Usd), N("M5", "891"), N("Q5", "882.71000000000004"), N("S5", "5.3499999999999996"), N("T5", "0.27000000000000002"), N("U5", "2.67"), N("X5", "48")),
            // Row numbers skip (7); Creation Date as text; Interchange written in exponent form.
            Row(7, N("D7", "4814769000000010"), I("E7", "CM-7"), I("G7", "2016-10-19 10:02:40"), S("I7", Settled), S("O7", Usd), N("Q7", "77.22"),
                N("R7", "0.78"), N("U7", "1E-2"), N("X7", "48")),
            Row(8, N("G8", "42667.8473263889"), S("I8", FeeType), I("J8", "Transaction Fees October   2016"), S("O8", Usd), N("P8", "5.9000000000000004"), N("X8", "48")),
            Row(9, N("G9", "42667.8473263889"), S("I9", Payout), I("J9", "Batch 48"), S("O9", Usd), N("P9", "954.04"), N("X9", "48")));
        var sink = ReadXlsx(book);

        Assert.Empty(sink.Rejects);
        Assert.Equal(
        [
            "5 19000000001 principal USD 89100 2016-10-20 Settled 4814769000000000 48",
            "5 19000000001 markup USD -535 2016-10-20 Settled 4814769000000000:markup 48",
            "5 19000000001 scheme_fee USD -27 2016-10-20 Settled 4814769000000000:scheme_fees 48",
            "5 19000000001 interchange USD -267 2016-10-20 Settled 4814769000000000:interchange 48",
            "7 CM-7 principal USD 7801 2016-10-19 Settled 4814769000000010 48",
            "7 CM-7 commission USD -78 2016-10-19 Settled 4814769000000010:commission 48",
            "7 CM-7 interchange USD -1 2016-10-19 Settled 4814769000000010:interchange 48",
            "8 48 fee USD -590 2016-10-24 Fee Transaction Fees October   2016 48",
        ], sink.Lines);
        // 882.71 + 77.22 − 5.90 = 954.03 of lines; the payout says 954.04 on purpose, to see the check compare.
        Assert.Equal(["48 USD 95404 9 MerchantPayout"], sink.Totals);

        var result = Reconcile(s_reader, new MemoryStream(book), "sdr.xlsx");
        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(SettlementCheckStatus.SettlementTotalMismatch, check.Status);
        Assert.Equal(Money.FromMinorUnits(95403, Currency.USD), check.LinesTotal);
        Assert.Equal(Money.FromMinorUnits(95404, Currency.USD), check.StatedTotal);
    }

    [Fact]
    public void Xlsx_bad_cells_are_rejected_with_row_column_cell_value_and_reason_and_reading_goes_on()
    {
        var book = AdyenLayout(
            Row(5, I("D5", "P1"), S("I5", Settled), S("O5", Usd), N("Q5", "12.345"), N("X5", "1")),
            Row(6, I("D6", "P2"), S("I6", Settled), S("O6", Usd), N("Q6", "10"), N("R6", "0.123"), N("X6", "1")),
            Row(7, I("D7", "P3"), N("G7", "60"), S("I7", Settled), S("O7", Usd), N("Q7", "10"), N("X7", "1")),
            Row(8, I("D8", "P4"), "<c r=\"G8\" t=\"b\"><v>1</v></c>", S("I8", Settled), S("O8", Usd), N("Q8", "10"), N("X8", "1")),
            Row(9, I("D9", "P5"), S("I9", Settled), S("O9", Usd), I("Q9", "12.5x"), N("X9", "1")),
            Row(10, I("D10", "P6"), S("I10", Settled), I("O10", "XXQ"), N("Q10", "1"), N("X10", "1")),
            Row(11, I("D11", "P7"), S("I11", Settled), S("O11", Usd), "<c r=\"Q11\" t=\"e\"><v>#VALUE!</v></c>", N("X11", "1")),
            Row(12, I("D12", "P8"), S("I12", Settled), S("O12", Usd), N("Q12", "10.1"), N("X12", "1")));
        var sink = ReadXlsx(book);

        Assert.Equal(
        [
            "5:17 '12.345' Net Credit (NC) is not an amount in the net currency: has more decimals than the currency's 2 (0.005 off a whole minor unit; only float noise within 0.000000001 is rounded away) (sheet 'Sheet1', cell Q5)",
            "6:18 '0.123' Commission (NC) is not an amount in the net currency: has more decimals than the currency's 2 (0.003 off a whole minor unit; only float noise within 0.000000001 is rounded away) (sheet 'Sheet1', cell R6)",
            "7:7 '60' Creation Date is not a yyyy-MM-dd date: date serial 60 is 1900-02-29, a day that does not exist (the 1900 leap-year bug) (sheet 'Sheet1', cell G7)",
            "8:7 'TRUE' Creation Date is not a yyyy-MM-dd date: a boolean cell, not a date (sheet 'Sheet1', cell G8)",
            "9:17 '12.5x' Net Credit (NC) is not an amount in the net currency: text that is not an amount with at most 2 decimals (sheet 'Sheet1', cell Q9)",
            "10:15 'XXQ' Net Currency is not an ISO 4217 currency code (sheet 'Sheet1', cell O10)",
            "11:17 '#VALUE!' Net Credit (NC) is not an amount in the net currency: an error cell, not a number (sheet 'Sheet1', cell Q11)",
        ], sink.Rejects);
        Assert.Equal(["12 1 principal USD 1010 - Settled P8 1"], sink.Lines);
    }

    [Fact]
    public void Xlsx_without_the_header_or_without_a_required_column_is_an_input_format_error()
    {
        var empty = Build(Sheet("<row r=\"1\"><c r=\"A1\" s=\"1\"/></row>"), null);
        var e = Assert.Throws<InputFormatException>(() => ReadXlsx(empty));
        Assert.Equal("sdr.xlsx", e.Source);
        Assert.Contains("no Adyen Settlement Details Report header", e.Reason, StringComparison.Ordinal);

        var noBatch = Build(Sheet(Row(3, I("B3", "Type"), I("C3", "Net Currency"), I("D3", "Net Debit (NC)"), I("E3", "Net Credit (NC)"))), null);
        e = Assert.Throws<InputFormatException>(() => ReadXlsx(noBatch));
        Assert.Equal(3, e.Line);
        Assert.Contains("no 'Batch Number' column", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_is_detected_by_its_zip_signature_and_the_header_in_its_first_sheet()
    {
        var book = ToXlsx(HeaderA + "\n" + RowA("P1", "CM1", "Settled", "USD", "", "1", "USD", "", "1.00"));
        Assert.Equal(SettlementFormat.AdyenSdr, SettlementFormats.Detect(book));
        Assert.True(s_reader.Recognizes(book));

        var other = Build(Sheet(Row(1, I("A1", "order_id"), I("B1", "component"), I("C1", "currency"), I("D1", "amount"))), null);
        Assert.Null(SettlementFormats.Detect(other));
        Assert.False(s_reader.Recognizes(other));
        Assert.Null(SettlementFormats.Detect(book.AsSpan(0, 100))); // only the head of a larger workbook: not enough to see its sheet

        var path = Path.Combine(Path.GetTempPath(), $"xborder-adyen-{Guid.NewGuid():N}.xlsx");
        try
        {
            File.WriteAllBytes(path, book);
            Assert.Equal(SettlementFormat.AdyenSdr, SettlementFormats.Detect(path));
            foreach (var format in new SettlementFormat?[] { null, SettlementFormat.AdyenSdr })
            {
                var engine = new ReconciliationEngine();
                engine.AddSettlements(path, format);
                var result = engine.Complete();
                Assert.Empty(result.Rejects);
                Assert.Equal(Money.FromMinorUnits(100, Currency.USD), Assert.Single(result.SettlementChecks).LinesTotal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Xlsx_from_a_stream_that_cannot_seek_reads_the_same()
    {
        var csv = HeaderA + "\n" + RowA("P1", "CM1", "Settled", "USD", "", "31.45", "USD", "", "31.15", "", "0.16", "0.05", "0.09");
        var book = ToXlsx(csv);
        var sink = new SettlementTestKit.RecordingSink();
        s_reader.Read(new SettlementTestKit.ForwardOnlyStream(book), "sdr.xlsx", ComponentMapping.Default, sink);
        Assert.Equal(Read(s_reader, csv).Lines, sink.Lines);

        // And a CSV through the same path (the signature check must give its first bytes back).
        var csvSink = new SettlementTestKit.RecordingSink();
        s_reader.Read(new SettlementTestKit.ForwardOnlyStream(Encoding.UTF8.GetBytes(csv)), "sdr.csv", ComponentMapping.Default, csvSink);
        Assert.Equal(Read(s_reader, csv).Lines, csvSink.Lines);
    }

    [Fact]
    public void A_corrupt_xlsx_is_an_input_format_error_naming_the_file_and_is_not_detected()
    {
        var book = ToXlsx(HeaderA + "\n" + RowA("P1", "CM1", "Settled", "USD", "", "1", "USD", "", "1.00"));
        var cut = book[..(book.Length - 30)];
        Assert.Null(SettlementFormats.Detect(cut));
        var e = Assert.Throws<InputFormatException>(() => s_reader.Read(new MemoryStream(cut), "broken.xlsx", ComponentMapping.Default, new SettlementTestKit.RecordingSink()));
        Assert.Equal("broken.xlsx", e.Source);
        Assert.Contains("not a readable .xlsx workbook", e.Reason, StringComparison.Ordinal);

        // A whole file that starts as a zip but is not a readable workbook: detection by path (xborder reconcile
        // --format auto) says so and names the file, rather than "format not recognised".
        var path = Path.Combine(Path.GetTempPath(), $"xborder-broken-{Guid.NewGuid():N}.xlsx");
        try
        {
            File.WriteAllBytes(path, cut);
            var detected = Assert.Throws<InputFormatException>(() => SettlementFormats.Detect(path));
            Assert.Equal(path, detected.Source);
            Assert.Contains("not a readable .xlsx workbook", detected.Reason, StringComparison.Ordinal);
            var viaEngine = Assert.Throws<InputFormatException>(() => new ReconciliationEngine().AddSettlements(path, null));
            Assert.Contains("not a readable .xlsx workbook", viaEngine.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // The corpus workbooks (AGPL test input, read from ../shared, never copied). Figures checked by hand against
    // xl/worksheets/sheet1.xml and xl/sharedStrings.xml (unzip -p): header at row 4 from column B, data from row 5.
    [Fact]
    public void Corpus_xlsx_batch_48_reads_without_rejects_and_balances_at_23006_27()
    {
        if (CorpusBatchBalances("adyen-test.xlsx", "48", 2_300_627, out _) is not { } sink)
        {
            return;
        }
        // Rows 5–25: 19 Settled and 1 Fee as lines (with 43 non-zero fee cells, 63 lines), the MerchantPayout (row 25) as the total.
        Assert.Equal(Enumerable.Range(5, 21).Select(r => (long)r), sink.RowsSeen.Order());
        Assert.Equal(63, sink.Lines.Count);
        Assert.Equal(["48 USD 2300627 25 MerchantPayout"], sink.Totals);
        Assert.Equal(
        [
            "5 19000000001 principal USD 89100 2016-10-20 Settled 4814769000000000 48",
            "5 19000000001 markup USD -535 2016-10-20 Settled 4814769000000000:markup 48",
            "5 19000000001 scheme_fee USD -27 2016-10-20 Settled 4814769000000000:scheme_fees 48",
            "5 19000000001 interchange USD -267 2016-10-20 Settled 4814769000000000:interchange 48",
        ], sink.Lines.Take(4));
        // Row 18 is the GBP sale settled in USD: 607.97 net + 3.68 + 0.13 + 1.24 fees.
        Assert.Equal("18 19000000014 principal USD 61302 2016-10-19 Settled 4814769000000010 48",
            sink.Lines.Single(l => l.StartsWith("18 ", StringComparison.Ordinal) && l.Contains("principal", StringComparison.Ordinal)));
        Assert.Equal("24 48 fee USD -590 2016-10-24 Fee Transaction Fees October   2016 48", sink.Lines[^1]);
    }

    [Fact]
    public void Corpus_xlsx_batch_8_with_credit_fees_reads_without_rejects_and_balances_at_10506_69()
    {
        if (CorpusBatchBalances("adyen-test-credit-fees.xlsx", "8", 1_050_669, out _) is not { } sink)
        {
            return;
        }
        // Rows 5–44: 35 Settled, 3 Refunded and 1 Fee as lines (with 66 non-zero fee cells, 105 lines), the MerchantPayout (row 44) as the total.
        Assert.Equal(Enumerable.Range(5, 40).Select(r => (long)r), sink.RowsSeen.Order());
        Assert.Equal(105, sink.Lines.Count);
        Assert.Equal(["8 USD 1050669 44 MerchantPayout"], sink.Totals);
        Assert.Equal(
        [
            "5 19000000180 refund_principal USD -600 2016-06-03 Refunded 1414648783376705 8",
            "5 19000000180 commission USD -20 2016-06-03 Refunded 1414648783376705:commission 8",
        ], sink.Lines.Take(2));
        Assert.Equal("43 8 fee USD -860 2016-06-06 Fee Transaction Fees June      2016 8", sink.Lines[^1]);
    }

    /// <summary>
    /// Random edits of a workbook's sheet XML (tags broken, references and numbers changed, text inserted) never make
    /// the reader throw anything but <see cref="InputFormatException"/>, and when it reads the sheet no more rows are
    /// reported than the sheet has row elements.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Xlsx_random_edits_of_the_sheet_never_throw_anything_else()
    {
        var sheet = Sheet(
            Row(4, S("B4", 2), S("C4", 3), S("D4", 4), S("E4", 5), S("F4", 6), S("G4", 7)),
            Row(5, I("B5", "P1"), N("C5", "42663.6241666667"), S("D5", Settled), S("E5", Usd), N("F5", "882.71000000000004"), N("G5", "48")),
            Row(6, N("B6", "4814769000000010"), I("C6", "2016-10-19 10:02:40"), S("D6", FeeType), S("E6", Usd), N("F6", "-5.9"), N("G6", "48")),
            Row(7, S("D7", Payout), S("E7", Usd), N("F7", "-876.81"), N("G7", "48")));
        // Psp Reference, Creation Date, Type, Net Currency, Net Credit (NC), Batch Number; Net Debit (NC) absent is an error,
        // so the header names it in H4.
        sheet = sheet.Replace(S("G4", 7), S("G4", 7) + S("H4", 8), StringComparison.Ordinal);
        var shared = SharedStrings("x", "y", "Psp Reference", "Creation Date", "Type", "Net Currency", "Net Credit (NC)", "Batch Number", "Net Debit (NC)",
            "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "Settled", "USD", "Fee", "MerchantPayout");
        var edit =
            from kind in Gen.Choose(0, 2)
            from position in Gen.Choose(0, sheet.Length - 1)
            from length in Gen.Choose(1, 6)
            from value in Gen.Elements('<', '>', '/', '"', '=', 'r', 'c', 't', 'v', 's', '1', '9', '.', 'E', '-', ' ', 'A', '&')
            select (kind, position, length, value);
        var edits =
            from count in Gen.Choose(1, 3)
            from array in edit.ArrayOf(count)
            select array;
        return Prop.ForAll(edits.ToArbitrary(), e =>
        {
            var text = new StringBuilder(sheet);
            foreach (var (kind, position, length, value) in e)
            {
                var at = Math.Min(position, text.Length);
                switch (kind)
                {
                    case 0:
                        text.Remove(at, Math.Min(length, text.Length - at));
                        break;
                    case 1:
                        text.Insert(at, new string(value, length));
                        break;
                    default:
                        for (var i = at; i < Math.Min(text.Length, at + length); i++)
                        {
                            text[i] = value;
                        }
                        break;
                }
            }
            var book = Build(text.ToString(), shared);
            var sink = new SettlementTestKit.RecordingSink();
            try
            {
                s_reader.Read(new MemoryStream(book), "fuzz.xlsx", ComponentMapping.Default, sink);
            }
            catch (InputFormatException)
            {
                return;
            }
            var rowTags = Regex.Count(text.ToString(), "<row[ >/]");
            Assert.True(sink.RowsSeen.Count <= rowTags, $"{sink.RowsSeen.Count} rows reported, {rowTags} row elements");
            Assert.All(sink.RowsSeen, row => Assert.InRange(row, 1, 1_048_576));
        });
    }
}
