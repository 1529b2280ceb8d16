using System.Text;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.PayPal;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Settlements.PayPal;

/// <summary>
/// Random byte edits and truncations of PayPal Activity/Statement files (synthetic seeds, and the real files of
/// ../shared/corpus/settlements/paypal) and of PayPal STL reports (UTF-8 and UTF-16): the reader throws nothing but
/// <see cref="InputFormatException"/>, and every non-blank row it reaches ends in exactly one outcome (accepted,
/// rejected, informational; an SF row: a stated total).
/// </summary>
public class PayPalReaderFuzzProperties(ITestOutputHelper output)
{
    private static readonly PayPalActivityReader s_activity = new();
    private static readonly PayPalStlReader s_stlReader = new();

    // English, with a Balance Impact column, a refund keyed by its reference, a denied and a memo row, a blank line,
    // the header repeated, a conversion pair and a quoted comma; the Balance chain holds (oldest first).
    private static readonly byte[] s_english = Encoding.UTF8.GetBytes(
        "\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"Transaction ID\",\"Reference Txn ID\",\"Invoice Number\",\"Balance Impact\",\"Balance\"\n"
        + "\"1/2/2021\",\"10:00:00\",\"PST\",\"A, Inc.\",\"Website Payment\",\"Completed\",\"USD\",\"1,653.75\",\"-73.07\",\"1,580.68\",\"T1\",\"\",\"INV1\",\"Credit\",\"1,580.68\"\n"
        + "\"1/3/2021\",\"10:00:00\",\"PST\",\"A\",\"Payment Refund\",\"Completed\",\"USD\",\"-100.00\",\"2.90\",\"-97.10\",\"T2\",\"T1\",\"\",\"Debit\",\"1,483.58\"\n"
        + "\"1/3/2021\",\"11:00:00\",\"PST\",\"B\",\"General Payment\",\"Denied\",\"USD\",\"5.00\",\"0.00\",\"5.00\",\"T3\",\"\",\"\",\"Credit\",\"\"\n"
        + "\n"
        + "\"1/4/2021\",\"09:00:00\",\"PST\",\"\",\"Authorization\",\"Pending\",\"USD\",\"9.00\",\"0.00\",\"9.00\",\"T4\",\"\",\"\",\"Memo\",\"\"\n"
        + "\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"Transaction ID\",\"Reference Txn ID\",\"Invoice Number\",\"Balance Impact\",\"Balance\"\n"
        + "\"1/15/2021\",\"12:00:00\",\"PST\",\"\",\"General Currency Conversion\",\"Completed\",\"USD\",\"-1,000.00\",\"0.00\",\"-1,000.00\",\"T5\",\"T6\",\"\",\"Debit\",\"483.58\"\n"
        + "\"1/15/2021\",\"12:00:00\",\"PST\",\"\",\"General Currency Conversion\",\"Completed\",\"EUR\",\"820.10\",\"0.00\",\"820.10\",\"T7\",\"T6\",\"\",\"Credit\",\"820.10\"\n");

    // Spanish: day-first dates, decimal comma, extra empty header cells.
    private static readonly byte[] s_spanish = Encoding.UTF8.GetBytes(
        "\"Fecha\",\"Hora\",\"Zona horaria\",\"Descripción\",\"Divisa\",\"Bruto\",\"Comisión\",\"Neto\",\"Saldo\",\"Id. de transacción\",\"Id. de factura\",\"Id. de referencia de trans.\",,\n"
        + "\"2/1/2020\",\"11:05:56\",\"Europe/Berlin\",\"Pago estándar\",\"EUR\",\"1.049,37\",\"-1,78\",\"1.047,59\",\"4.626,81\",\"TID1\",\"\",\"\",,\n"
        + "\"13/1/2020\",\"13:06:07\",\"Europe/Berlin\",\"Pago estándar\",\"EUR\",\"28,82\",\"-1,19\",\"27,63\",\"4.654,44\",\"TID2\",\"F-2\",\"\",,\n"
        + "\"14/1/2020\",\"09:44:24\",\"Europe/Berlin\",\"Conversión de divisa general\",\"EUR\",\"-22,47\",\"0,00\",\"-22,47\",\"4.631,97\",\"TID3\",\"\",\"TID2\",,\n");

    // STL: two sections (one with a JPY row), a blank line, a CH row repeated for the second section, counts and footers.
    private static readonly string s_stlText = string.Join("\r\n",
        "\"RH\",\"2019/04/22 02:34:29 -0700\",\"A\",\"ACC123\",\"009\"",
        "\"FH\",\"01\"",
        "\"SH\",\"2019/04/21 00:00:00 -0700\",\"2019/04/21 23:59:59 -0700\",\"ACC123\",\"\"",
        StlHeader,
        "\"SB\",\"5ND8\",\"INV-1\",\"\",\"TXN\",\"T0006\",\"2019/04/21 07:22:59 -0700\",\"2019/04/21 07:22:59 -0700\",\"CR\",\"10000\",\"USD\",\"DR\",\"320\",\"USD\",\"\"",
        "\"SB\",\"7AB\",\"\",\"5ND8\",\"TXN\",\"T1107\",\"2019/04/21 08:00:00 -0700\",\"\",\"DR\",\"2500\",\"USD\",\"CR\",\"80\",\"USD\",\"a, b\"",
        "",
        "SB,9JP,ORD-9,,TXN,T0006,2019/04/21 09:00:00 -0700,2019/04/21 09:00:01 -0700,CR,150000,JPY,DR,5500,JPY,",
        "\"SF\",\"USD\",\"10000\",\"2500\",\"80\",\"320\"",
        "\"SF\",\"JPY\",\"150000\",\"0\",\"0\",\"5500\"",
        "\"SC\",\"3\"",
        "\"SH\",\"2019/04/22 00:00:00 -0700\",\"2019/04/22 23:59:59 -0700\",\"ACC123\",\"\"",
        StlHeader,
        "\"SB\",\"8QQ\",\"\",\"\",\"TXN\",\"T0400\",\"2019/04/22 07:00:00 -0700\",\"2019/04/22 07:00:00 -0700\",\"DR\",\"7180\",\"USD\",\"\",\"\",\"\",\"\"",
        "\"SF\",\"USD\",\"0\",\"7180\",\"0\",\"0\"",
        "\"SC\",\"1\"",
        "\"RF\",\"USD\",\"10000\",\"9680\",\"80\",\"320\"",
        "\"RC\",\"4\"",
        "\"FF\",\"17\"") + "\r\n";

    private const string StlHeader = "\"CH\",\"Transaction ID\",\"Invoice ID\",\"PayPal Reference ID\",\"PayPal Reference ID Type\",\"Transaction Event Code\",\"Transaction Initiation Date\",\"Transaction Completion Date\",\"Transaction  Debit or Credit\",\"Gross Transaction Amount\",\"Gross Transaction Currency\",\"Fee Debit or Credit\",\"Fee Amount\",\"Fee Currency\",\"Custom Field\"";

    private static readonly byte[] s_stl = Encoding.UTF8.GetBytes(s_stlText);

    private static readonly byte[] s_utf16Bom = Encoding.Unicode.GetPreamble();

    private static readonly byte[] s_stlUtf16Body = Encoding.Unicode.GetBytes(s_stlText);

    // For UTF-16 edits: the high bytes of surrogates (0xD8 high, 0xDC low, 0xDF) besides the usual ones.
    private static readonly byte[] s_utf16Interesting = [.. ByteEdits.Interesting, 0xD8, 0xDC, 0xDF, 0xFE];

    /// <summary>
    /// What a reader must account for in a file, worked out without the reader: the non-blank rows after the header
    /// (STL: the first non-blank row too, as the reader reports every record), the lines at which
    /// an <see cref="InputFormatException"/> for a header may be thrown, and the CSV quoting error, if any.
    /// </summary>
    private sealed record Expected(List<long> Rows, HashSet<long> HeaderErrorLines, InputFormatException? CsvError);

    private static Expected Count(byte[] utf8, bool stl)
    {
        var rows = new List<long>();
        var headerLines = new HashSet<long>();
        var first = true;
        var error = FuzzCsv.EachRow(utf8, (in CsvRow row) =>
        {
            if (row.IsBlank)
            {
                return;
            }
            // Activity: the header is the first non-blank row. STL: the first record must be a header record, and
            // every CH record names columns (a CH without a required column is a header error where it is). The record
            // type is a cell like any other: spaces and tabs around it are trimmed (so "CH " is a CH record).
            if (first || (stl && row[0].Trim(" \t"u8).SequenceEqual("CH"u8)))
            {
                headerLines.Add(row.LineNumber);
            }
            if (!first || stl)
            {
                rows.Add(row.LineNumber);
            }
            first = false;
        });
        return new Expected(rows, first ? [1, .. headerLines] : headerLines, error); // no non-blank row: the 'empty file' error is at line 1
    }

    /// <summary>
    /// Reads <paramref name="file"/> and checks the accounting against <paramref name="expected"/>: on an exception,
    /// every row before its line (and none after) ended in a sink call; without one, every row did. Each row ends in
    /// exactly one outcome: one reject, one informational, or one or two lines (gross and fee), an SF row one stated
    /// total (an Activity file's totals come at the end, on the last row of their currency, beside its lines).
    /// </summary>
    private static void Verify(ISettlementReader reader, byte[] file, Expected expected)
    {
        var sink = new RecordingSink();
        try
        {
            reader.Read(new MemoryStream(file), "fuzz.csv", ComponentMapping.Default, sink);
        }
        catch (InputFormatException e)
        {
            Assert.Equal("fuzz.csv", e.Source);
            var csvError = expected.CsvError is { } c && c.Line == e.Line && c.Reason == e.Reason;
            Assert.True(csvError || expected.HeaderErrorLines.Contains(e.Line), $"an error at line {e.Line} that is neither the CSV error nor at a header: {e.Reason}");
            Assert.Equal(expected.Rows.Where(l => l < e.Line), sink.RowsSeen);
            AssertOneOutcomePerRow(sink);
            return;
        }
        Assert.Null(expected.CsvError);
        Assert.Equal(expected.Rows, sink.RowsSeen);
        AssertOneOutcomePerRow(sink);
    }

    private static void AssertOneOutcomePerRow(RecordingSink sink)
    {
        foreach (var calls in sink.Calls.GroupBy(c => c.Line))
        {
            var kinds = new string([.. calls.Select(c => c.Kind)]);
            var outcome = kinds.Replace("T", "", StringComparison.Ordinal); // an Activity total comes after its row's lines
            Assert.True(kinds is "R" or "I" or "A" or "AA" or "T" || (outcome is "A" or "AA" && kinds.EndsWith('T') && kinds.Count(k => k == 'T') == 1),
                $"line {calls.Key}: calls {kinds}, not exactly one outcome");
        }
    }

    private static void CheckActivity(byte[] file) => Verify(s_activity, file, Count(file, stl: false));

    private static void CheckStl(byte[] file) => Verify(s_stlReader, file, Count(file, stl: true));

    /// <summary>UTF-16 (little-endian, with its BOM): the rows are those of the text as .NET decodes it (a lone surrogate or odd byte: U+FFFD).</summary>
    private static void CheckStlUtf16(byte[] file) =>
        Verify(s_stlReader, file, Count(Encoding.UTF8.GetBytes(Encoding.Unicode.GetString(file)), stl: true));

    [Fact]
    public void The_unedited_seeds_are_read_whole_without_rejects()
    {
        foreach (var (reader, file, accepted) in new (ISettlementReader, byte[], int)[] { (s_activity, s_english, 4), (s_activity, s_spanish, 3), (s_stlReader, s_stl, 4) })
        {
            var sink = new RecordingSink();
            reader.Read(new MemoryStream(file), "seed.csv", ComponentMapping.Default, sink);
            Assert.Empty(sink.Rejects);
            Assert.Equal(accepted, sink.Calls.Where(c => c.Kind == 'A').Select(c => c.Line).Distinct().Count());
        }
        CheckActivity(s_english);
        CheckActivity(s_spanish);
        CheckStl(s_stl);
        var utf16 = (byte[])[.. s_utf16Bom, .. s_stlUtf16Body];
        var fromUtf16 = new RecordingSink();
        s_stlReader.Read(new MemoryStream(utf16), "seed.csv", ComponentMapping.Default, fromUtf16);
        var fromUtf8 = new RecordingSink();
        s_stlReader.Read(new MemoryStream(s_stl), "seed.csv", ComponentMapping.Default, fromUtf8);
        Assert.Equal(fromUtf8.Lines, fromUtf16.Lines);
        Assert.Equal(fromUtf8.Calls, fromUtf16.Calls);
        CheckStlUtf16(utf16);
    }

    [Property(MaxTest = 250)]
    public Property Activity_random_edits_never_throw_anything_else_and_never_lose_a_row() =>
        Prop.ForAll(ByteEdits.Edits(), edits => CheckActivity(ByteEdits.Apply(s_english, edits)));

    [Property(MaxTest = 150)]
    public Property Spanish_statement_random_edits_never_throw_anything_else_and_never_lose_a_row() =>
        Prop.ForAll(ByteEdits.Edits(), edits => CheckActivity(ByteEdits.Apply(s_spanish, edits)));

    /// <summary>The real files (GPL/AGPL test input in ../shared, read where they are, never copied here).</summary>
    [Theory]
    [InlineData("activity-en.csv")]
    [InlineData("statement-en.csv")]
    [InlineData("statement-es.csv")]
    [InlineData("paypal-custom.csv")]
    public void Random_edits_of_real_files_never_throw_anything_else_and_never_lose_a_row(string file) =>
        ByteEdits.CheckSharedFile("corpus/settlements/paypal/" + file, output, maxTest: 100, CheckActivity);

    /// <summary>
    /// Found by the STL property: an edit made the second CH record <c>"CH "</c> and broke a column name in it; the
    /// reader trims the record type, so that is a CH record whose header error is at its own line.
    /// </summary>
    [Fact]
    public void A_ch_record_with_a_space_inside_its_quotes_is_a_header_where_it_is()
    {
        var second = s_stlText.LastIndexOf(StlHeader, StringComparison.Ordinal);
        var broken = StlHeader.Replace("\"CH\"", "\"CH \"", StringComparison.Ordinal).Replace("Transaction Event Code", "Tran1saction Event Code", StringComparison.Ordinal);
        var edited = Encoding.UTF8.GetBytes(string.Concat(s_stlText.AsSpan(0, second), broken, s_stlText.AsSpan(second + StlHeader.Length)));
        var error = Assert.Throws<InputFormatException>(() => s_stlReader.Read(new MemoryStream(edited), "fuzz.csv", ComponentMapping.Default, new RecordingSink()));
        Assert.Equal(13, error.Line);
        CheckStl(edited);
    }

    [Property(MaxTest = 300)]
    public Property Stl_random_edits_never_throw_anything_else_and_never_lose_a_record() =>
        Prop.ForAll(ByteEdits.Edits(), edits => CheckStl(ByteEdits.Apply(s_stl, edits)));

    /// <summary>
    /// Edits of the UTF-16 bytes after the BOM (so the file stays UTF-16): odd byte counts, lone or swapped surrogates,
    /// NULs. The reader transcodes as .NET decodes (U+FFFD for what is not UTF-16) and accounts for every record.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Stl_utf16_random_edits_never_throw_anything_else_and_never_lose_a_record() =>
        Prop.ForAll(ByteEdits.Edits(most: 8, s_utf16Interesting), edits => CheckStlUtf16([.. s_utf16Bom, .. ByteEdits.Apply(s_stlUtf16Body, edits)]));

    /// <summary>UTF-16 edits anywhere, BOM included (the file may stop looking like UTF-16): still only <see cref="InputFormatException"/>.</summary>
    [Property(MaxTest = 150)]
    public Property Stl_utf16_edits_anywhere_throw_nothing_else() =>
        Prop.ForAll(ByteEdits.Edits(most: 8, s_utf16Interesting), edits =>
            RegistryFuzzProperties.ReadAllowingOnlyInputFormatErrors(s_stlReader, ByteEdits.Apply([.. s_utf16Bom, .. s_stlUtf16Body], edits)));
}
