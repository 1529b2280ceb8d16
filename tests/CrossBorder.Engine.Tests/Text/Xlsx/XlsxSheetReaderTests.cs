using System.Globalization;
using System.IO.Compression;
using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Xlsx;
using static CrossBorder.Engine.Tests.Text.Xlsx.XlsxTestFile;

namespace CrossBorder.Engine.Tests.Text.Xlsx;

public class XlsxSheetReaderTests
{
    /// <summary>Every row the reader lists, as "row: A=value|B=…" with the kind's initial before each value (empty cells left out).</summary>
    private static List<string> Rows(byte[] workbook, Stream? stream = null)
    {
        using var sheet = XlsxSheetReader.Open(stream ?? new MemoryStream(workbook), "book.xlsx", leaveOpen: false);
        var rows = new List<string>();
        while (sheet.TryReadRow())
        {
            var cells = new List<string>();
            for (var i = 0; i < sheet.ColumnCount; i++)
            {
                if (sheet.Kind(i) != XlsxCellKind.Empty)
                {
                    cells.Add($"{XlsxSheetReader.ColumnName(i)}={sheet.Kind(i).ToString()[0]}:{Encoding.UTF8.GetString(sheet.Value(i))}");
                }
            }
            rows.Add(sheet.RowNumber.ToString(CultureInfo.InvariantCulture) + ": " + string.Join('|', cells));
        }
        return rows;
    }

    [Fact]
    public void Shared_strings_with_rich_text_runs_read_as_their_text_without_phonetic_runs()
    {
        var shared = $"<sst xmlns=\"{Main}\"><si><t>plain</t></si>"
            + "<si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space=\"preserve\"> text</t></r></si>"
            + "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh><phoneticPr fontId=\"1\"/></si>"
            + "<si><t/></si><si><t>a &amp; b &lt;c&gt;</t></si></sst>";
        var rows = Rows(Build(Sheet(Row(1, S("A1", 0), S("B1", 1), S("C1", 2), S("D1", 3), S("E1", 4))), shared));

        Assert.Equal(["1: A=T:plain|B=T:Rich text|C=T:漢字|E=T:a & b <c>"], rows);
    }

    [Fact]
    public void Inline_formula_number_boolean_and_error_cells_read_by_type()
    {
        var sheet = Sheet(Row(2,
            "<c r=\"A2\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r></is></c>",
            "<c r=\"B2\" t=\"str\"><f>A2&amp;\"x\"</f><v>inlinex</v></c>",
            "<c r=\"C2\"><f>1/3</f><v>0.33333333333333331</v></c>",
            "<c r=\"D2\" t=\"n\"><v>-1.5E-3</v></c>",
            "<c r=\"E2\" t=\"b\"><v>1</v></c>",
            "<c r=\"F2\" t=\"b\"><v>0</v></c>",
            "<c r=\"G2\" t=\"e\"><v>#N/A</v></c>",
            "<c r=\"H2\" s=\"3\"/>",
            "<c r=\"I2\" t=\"d\"><v>2021-01-05T00:21:32</v></c>"));
        var rows = Rows(Build(sheet, null));

        Assert.Equal(["2: A=T:inline|B=T:inlinex|C=N:0.33333333333333331|D=N:-1.5E-3|E=B:TRUE|F=B:FALSE|G=E:#N/A|I=T:2021-01-05T00:21:32"], rows);
    }

    [Fact]
    public void Gaps_in_cell_and_row_references_are_empty_cells_and_unlisted_rows()
    {
        var sheet = Sheet(
            Row(1, N("C1", "1")),
            Row(5, N("B5", "2"), N("AA5", "3")),
            "<row><c><v>4</v></c><c><v>5</v></c><c r=\"E7\"><v>6</v></c><c><v>7</v></c></row>",
            "<row r=\"9\"/>");
        using var reader = XlsxSheetReader.Open(new MemoryStream(Build(sheet, null)), "book.xlsx", leaveOpen: false);

        Assert.True(reader.TryReadRow());
        Assert.Equal(1, reader.RowNumber);
        Assert.Equal(3, reader.ColumnCount);
        Assert.Equal(XlsxCellKind.Empty, reader.Kind(0));
        Assert.True(reader.Value(1).IsEmpty);
        Assert.Equal("1"u8.ToArray(), reader.Value(2).ToArray());

        Assert.True(reader.TryReadRow());
        Assert.Equal(5, reader.RowNumber);
        Assert.Equal(27, reader.ColumnCount);
        Assert.Equal(XlsxCellKind.Empty, reader.Kind(2)); // C5: not written, and C1's value is gone
        Assert.Equal("3"u8.ToArray(), reader.Value(26).ToArray());

        Assert.True(reader.TryReadRow());
        Assert.Equal(6, reader.RowNumber); // a row without r follows the previous one
        Assert.Equal(["4", "5", "", "", "6", "7"], Enumerable.Range(0, reader.ColumnCount).Select(i => Encoding.UTF8.GetString(reader.Value(i))));

        Assert.True(reader.TryReadRow());
        Assert.Equal(9, reader.RowNumber);
        Assert.Equal(0, reader.ColumnCount);
        Assert.False(reader.TryReadRow());
        Assert.False(reader.TryReadRow());
    }

    [Fact]
    public void The_first_sheet_in_tab_order_is_read_through_the_relationships_and_date1904_is_seen()
    {
        var book = Build(Sheet(Row(1, I("A1", "first"))), null, date1904: true, sheetName: "Data");
        using var reader = XlsxSheetReader.Open(new MemoryStream(book), "book.xlsx", leaveOpen: false);
        Assert.Equal("Data", reader.SheetName);
        Assert.True(reader.Date1904);
        Assert.True(reader.TryReadRow());
        Assert.Equal("first", Encoding.UTF8.GetString(reader.Value(0)));
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_the_same()
    {
        var book = Build(Sheet(Row(3, I("B3", "x"), N("C3", "1.25"))), null);
        Assert.Equal(["3: B=T:x|C=N:1.25"], Rows(book, new Settlements.SettlementTestKit.ForwardOnlyStream(book)));
    }

    [Fact]
    public void A_corrupt_zip_is_an_input_format_error_naming_the_file()
    {
        var book = Build(Sheet(Row(1, I("A1", "x"))), null);
        var cut = book[..(book.Length / 2)];
        var e = Assert.Throws<InputFormatException>(() => XlsxSheetReader.Open(new MemoryStream(cut), "cut.xlsx", leaveOpen: false));
        Assert.Equal("cut.xlsx", e.Source);
        Assert.Contains("zip archive is corrupt", e.Reason, StringComparison.Ordinal);

        var garbage = "PK\u0003\u0004 this is not a zip at all"u8.ToArray();
        e = Assert.Throws<InputFormatException>(() => XlsxSheetReader.Open(new MemoryStream(garbage), "garbage.xlsx", leaveOpen: false));
        Assert.Equal("garbage.xlsx", e.Source);
    }

    [Fact]
    public void A_damaged_sheet_part_is_an_input_format_error_naming_the_sheet()
    {
        // Flip bytes inside the deflated sheet part: the archive opens, the sheet does not decompress or parse.
        var book = Build(Sheet([.. Enumerable.Range(1, 200).Select(r => Row(r, I($"A{r}", "row " + r), N($"B{r}", "1.5")))]), null);
        using (var zip = new ZipArchive(new MemoryStream(book), ZipArchiveMode.Read))
        {
            Assert.NotNull(zip.GetEntry("xl/worksheets/sheet1.xml"));
        }
        var offset = FindLocalHeader(book, "xl/worksheets/sheet1.xml") + 200;
        for (var i = 0; i < 64; i++)
        {
            book[offset + i] ^= 0x5A;
        }
        var e = Assert.ThrowsAny<InputFormatException>(() => Rows(book));
        Assert.Equal("book.xlsx", e.Source);
        Assert.Contains("Sheet1", e.Message, StringComparison.Ordinal);
    }

    private static int FindLocalHeader(byte[] book, string name)
    {
        var needle = Encoding.ASCII.GetBytes(name);
        var at = book.AsSpan().IndexOf(needle);
        Assert.True(at > 0);
        return at + needle.Length;
    }

    [Theory]
    [InlineData("xl/worksheets/sheet1.xml", "sheet 'Sheet1' is missing")]
    [InlineData("xl/workbook.xml", "the workbook (xl/workbook.xml) is missing")]
    public void A_missing_part_is_an_input_format_error_naming_it(string part, string expected)
    {
        var book = Build(Sheet(Row(1, I("A1", "x"))), null, omit: part);
        var e = Assert.Throws<InputFormatException>(() => XlsxSheetReader.Open(new MemoryStream(book), "book.xlsx", leaveOpen: false));
        Assert.Equal("book.xlsx", e.Source);
        Assert.Contains(expected, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shared_string_index_out_of_range_names_the_cell()
    {
        var book = Build(Sheet(Row(4, S("C4", 7))), SharedStrings("only"));
        var e = Assert.Throws<InputFormatException>(() => Rows(book));
        Assert.Equal(4, e.Line);
        Assert.Equal(3, e.Column);
        Assert.Contains("cell C4: shared string 7 does not exist (the workbook has 1)", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1048577")]
    [InlineData("5x")]
    public void A_row_number_outside_the_sheet_is_an_input_format_error(string number)
    {
        var book = Build(Sheet(Row(1, I("A1", "x")), $"<row r=\"{number}\"><c><v>1</v></c></row>"), null);
        var e = Assert.Throws<InputFormatException>(() => Rows(book));
        Assert.Equal(number, e.Value);
        Assert.Contains("is not a row number", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A", 0)]
    [InlineData("Z", 25)]
    [InlineData("AA", 26)]
    [InlineData("AE", 30)]
    [InlineData("XFD", 16383)]
    public void Column_letters_and_indexes_round_trip(string letters, int index)
    {
        Assert.Equal(index, XlsxSheetReader.ParseColumn(letters + "12"));
        Assert.Equal(letters, XlsxSheetReader.ColumnName(index));
        Assert.Equal(letters + "12", XlsxSheetReader.CellReference(index, 12));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("A")]
    [InlineData("XFE1")]
    [InlineData("A1B")]
    public void Bad_cell_references_are_not_columns(string reference) => Assert.Equal(-1, XlsxSheetReader.ParseColumn(reference));

    [Theory]
    [InlineData("882.71", 2, 88271)]
    [InlineData("1.1000000000000001", 2, 110)] // float noise from a double printed with 17 digits
    [InlineData("0.30000000000000004", 2, 30)]
    [InlineData("2.6699999999999999", 2, 267)]
    [InlineData("-5.9", 2, -590)]
    [InlineData("4.8E1", 2, 4800)]
    [InlineData("1.5E-1", 2, 15)]
    [InlineData("1500", 0, 1500)]
    [InlineData("1.2345", 4, 12345)]
    [InlineData("12345678901.230001", 2, 1234567890123)] // 1e-6 off, within 4 ulp of a double this large
    [InlineData("0", 2, 0)]
    public void Numbers_become_exact_minor_units_rounding_away_only_float_noise(string text, int digits, long expected)
    {
        Assert.True(XlsxNumber.TryMinorUnits(Encoding.ASCII.GetBytes(text), digits, out var minor, out var problem), problem);
        Assert.Equal(expected, minor);
    }

    [Theory]
    [InlineData("12.345", 2, "has more decimals than the currency's 2 (0.005 off")]
    [InlineData("12.341", 2, "has more decimals than the currency's 2 (0.001 off")]
    [InlineData("1500.5", 0, "has more decimals than the currency's 0 (0.5 off")]
    [InlineData("12.34000001", 2, "has more decimals")] // 1e-8: beyond the 1e-9 tolerance
    [InlineData("abc", 2, "not a number")]
    [InlineData("", 2, "not a number")]
    [InlineData("1E+30", 2, "not a number")]
    [InlineData("1E+20", 2, "out of range for 64-bit minor units")]
    public void Over_precise_or_unreadable_numbers_are_refused_with_the_reason(string text, int digits, string reason)
    {
        Assert.False(XlsxNumber.TryMinorUnits(Encoding.ASCII.GetBytes(text), digits, out _, out var problem));
        Assert.StartsWith(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42663.6241666667", false, "2016-10-20")]
    [InlineData("42667.8473263889", false, "2016-10-24")]
    [InlineData("1", false, "1900-01-01")]
    [InlineData("59", false, "1900-02-28")]
    [InlineData("61", false, "1900-03-01")]
    [InlineData("44197", false, "2021-01-01")]
    [InlineData("44196.999999999993", false, "2021-01-01")] // float noise just below midnight: the nearest second is midnight
    [InlineData("44196.99998", false, "2020-12-31")] // 23:59:58
    [InlineData("4.4197E4", false, "2021-01-01")]
    [InlineData("0", true, "1904-01-01")]
    [InlineData("42735", true, "2021-01-01")]
    [InlineData("2958465", false, "9999-12-31")]
    public void Serial_dates_read_in_both_date_systems(string serial, bool date1904, string expected)
    {
        Assert.True(XlsxNumber.TrySerialDay(Encoding.ASCII.GetBytes(serial), date1904, out var day, out var problem), problem);
        Assert.Equal(expected, DateOnly.FromDayNumber(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("60", false, "1900-02-29, a day that does not exist")]
    [InlineData("0", false, "1900-01-00")]
    [InlineData("-1", false, "out of range")]
    [InlineData("2958466", false, "out of range")]
    [InlineData("2957004", true, "out of range")]
    [InlineData("soon", false, "not a number")]
    public void Impossible_serial_dates_are_refused(string serial, bool date1904, string reason)
    {
        Assert.False(XlsxNumber.TrySerialDay(Encoding.ASCII.GetBytes(serial), date1904, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
