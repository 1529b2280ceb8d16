using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.PayPal;
using CrossBorder.Engine.Text;
using static CrossBorder.Engine.Tests.Settlements.SettlementTestKit;

namespace CrossBorder.Engine.Tests.Settlements.PayPal;

// No real STL file is in ../shared/corpus/settlements/paypal; these fixtures follow PayPal's specification.
public class PayPalStlReaderTests
{
    private static readonly PayPalStlReader s_reader = new();

    private const string Ch = "\"CH\",\"Transaction ID\",\"Invoice ID\",\"PayPal Reference ID\",\"PayPal Reference ID Type\",\"Transaction Event Code\",\"Transaction Initiation Date\",\"Transaction Completion Date\",\"Transaction  Debit or Credit\",\"Gross Transaction Amount\",\"Gross Transaction Currency\",\"Fee Debit or Credit\",\"Fee Amount\",\"Fee Currency\",\"Custom Field\",\"Consumer ID\"";

    private static string Sb(string txn, string invoice, string reference, string code, string grossDirection, string gross, string currency, string feeDirection, string fee) =>
        $"\"SB\",\"{txn}\",\"{invoice}\",\"{reference}\",\"TXN\",\"{code}\",\"2019/04/21 07:22:59 -0700\",\"2019/04/21 07:22:59 -0700\",\"{grossDirection}\",\"{gross}\",\"{currency}\",\"{feeDirection}\",\"{fee}\",\"{currency}\",\"\",\"\"";

    private static readonly string s_report = string.Join("\r\n",
        "\"RH\",\"2019/04/22 02:34:29 -0700\",\"A\",\"ACC123\",\"009\"",
        "\"FH\",\"01\"",
        "\"SH\",\"2019/04/21 00:00:00 -0700\",\"2019/04/21 23:59:59 -0700\",\"ACC123\",\"\"",
        Ch,
        Sb("5ND8", "INV-1", "", "T0006", "CR", "10000", "USD", "DR", "320"),
        Sb("7AB", "", "5ND8", "T1107", "DR", "2500", "USD", "CR", "80"),
        Sb("9JP", "ORD-9", "", "T0006", "CR", "150000", "JPY", "DR", "5500"),
        "\"SF\",\"USD\",\"10000\",\"2500\",\"80\",\"320\"",
        "\"SF\",\"JPY\",\"150000\",\"0\",\"0\",\"5500\"",
        "\"SC\",\"3\"",
        "\"RF\",\"USD\",\"10000\",\"2500\",\"80\",\"320\"",
        "\"RC\",\"3\"",
        "\"FF\",\"13\"") + "\r\n";

    private static readonly string[] s_expectedLines =
    [
        "5 INV-1 principal USD 10000 2019-04-21 T0006 5ND8 2019/04/21 00:00:00 -0700..2019/04/21 23:59:59 -0700",
        "5 INV-1 fee USD -320 2019-04-21 T0006 5ND8:fee 2019/04/21 00:00:00 -0700..2019/04/21 23:59:59 -0700",
        "6 5ND8 refund_principal USD -2500 2019-04-21 T1107 7AB 2019/04/21 00:00:00 -0700..2019/04/21 23:59:59 -0700",
        "6 5ND8 refund_fee USD 80 2019-04-21 T1107 7AB:fee 2019/04/21 00:00:00 -0700..2019/04/21 23:59:59 -0700",
        "7 ORD-9 principal JPY 1500 2019-04-21 T0006 9JP 2019/04/21 00:00:00 -0700..2019/04/21 23:59:59 -0700",
        "7 ORD-9 fee JPY -55 2019-04-21 T0006 9JP:fee 2019/04/21 00:00:00 -0700..2019/04/21 23:59:59 -0700",
    ];

    [Fact]
    public void Body_rows_give_signed_lines_in_minor_units_and_every_record_is_accounted_for()
    {
        var bytes = Encoding.UTF8.GetBytes(s_report);
        var sink = Read(s_reader, bytes);

        Assert.Equal(s_expectedLines, sink.Lines);
        Assert.Empty(sink.Rejects);
        Assert.Equal(
        [
            "2019/04/21 00:00:00 -0700..2019/04/21 23:59:59 -0700 USD 7260 8 STL section footer (SF)",
            "2019/04/21 00:00:00 -0700..2019/04/21 23:59:59 -0700 JPY 1445 9 STL section footer (SF)",
        ], sink.Totals);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), sink.RowsSeen.Order());
    }

    [Theory]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-8-bom")]
    public void Legacy_utf16_and_bom_variants_read_the_same(string variant)
    {
        var bytes = variant switch
        {
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(s_report)],
            "utf-16le" => Encoding.Unicode.GetBytes(s_report),
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(s_report)],
            _ => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(s_report)],
        };
        Assert.Equal(SettlementFormat.PayPalStl, SettlementFormats.Detect(bytes));
        var sink = Read(s_reader, bytes);
        Assert.Equal(s_expectedLines, sink.Lines);
        Assert.Empty(sink.Rejects);
    }

    [Fact]
    public void Section_totals_balance_in_each_currency()
    {
        var result = Reconcile(s_reader, new MemoryStream(Encoding.UTF8.GetBytes(s_report)), "STL-20190421.01.009.CSV");
        Assert.Equal(2, result.SettlementChecks.Count);
        Assert.All(result.SettlementChecks, c => Assert.Equal(SettlementCheckStatus.Balanced, c.Status));
        Assert.Empty(result.Rejects);
    }

    [Fact]
    public void Bad_records_are_rejected_and_reading_goes_on()
    {
        var text = string.Join('\n',
            "\"RH\",\"2019/04/22 02:34:29 -0700\",\"A\",\"ACC123\",\"009\"",
            Ch,
            Sb("A1", "", "", "T0006", "XX", "100", "USD", "DR", "1"),
            Sb("A2", "", "", "T0006", "CR", "1.00", "USD", "DR", "1"),
            Sb("A3", "", "", "T0006", "CR", "150050", "JPY", "DR", "0"),
            Sb("A4", "", "", "T0006", "CR", "100", "EURO", "DR", "0"),
            "\"ZZ\",\"1\"",
            Sb("A5", "", "", "T9999", "CR", "100", "USD", "CR", "0"),
            "\"SC\",\"4\"");
        var sink = Read(s_reader, text);

        Assert.Equal(
        [
            "3:9 'XX' Gross: the debit or credit column is neither DR nor CR",
            "4:10 '1.00' Gross: not an unsigned amount in hundredths of the currency",
            "5:10 '150050' Gross: not a whole number of the currency's minor units, or too large",
            "6:11 'EURO' Gross Transaction Currency is not an ISO 4217 currency code",
            "7:1 'ZZ' unknown STL record type (expected RH, FH, SH, CH, SB, SF, SC, RF, RC or FF)",
            "9:2 '4' the section record count (SC) differs from the number of body rows (SB) in the section",
        ], sink.Rejects);
        Assert.Equal(["8 A5 unmapped:t9999 USD 100 2019-04-21 T9999 A5 _"], sink.Lines);
    }

    // Found by PayPalReaderFuzzProperties (random edits, UTF-8 and UTF-16): a CSV quoting error escaped naming "stream", not the file.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_CSV_quoting_error_names_the_file_and_its_line(bool utf16)
    {
        var text = "\"RH\",\"2019/04/22\"\n\"FH\",\"01\"x\n";
        byte[] bytes = utf16 ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)] : Encoding.UTF8.GetBytes(text);
        AssertErrorNamesTheFile(s_reader, bytes, 2);
    }

    [Fact]
    public void A_file_that_is_not_stl_is_an_input_format_error()
    {
        var e = Assert.Throws<InputFormatException>(() => Read(s_reader, "\"Date\",\"Gross\"\n"));
        Assert.Equal(1, e.Line);
        Assert.Throws<InputFormatException>(() => Read(s_reader, ""));
        var missing = Assert.Throws<InputFormatException>(() => Read(s_reader, "\"RH\",\"x\"\n\"CH\",\"Transaction ID\"\n"));
        Assert.Contains("Transaction Event Code", missing.Reason, StringComparison.Ordinal);
        Assert.False(s_reader.Recognizes("\"Date\",\"Time\"\n"u8));
    }
}
