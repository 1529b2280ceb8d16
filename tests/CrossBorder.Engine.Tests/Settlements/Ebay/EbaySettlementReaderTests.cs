using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Ebay;
using CrossBorder.Engine.Text;
using static CrossBorder.Engine.Tests.Settlements.ProviderTestKit;

namespace CrossBorder.Engine.Tests.Settlements.Ebay;

public class EbaySettlementReaderTests
{
    private static readonly EbaySettlementReader s_reader = new();

    private static readonly string[] s_columns =
    [
        "Transaction creation date", "Type", "Order number", "Legacy order ID", "Buyer username", "Buyer name", "Ship to city",
        "Ship to province/region/state", "Ship to zip", "Ship to country", "Net amount", "Payout currency", "Payout date", "Payout ID",
        "Payout method", "Payout status", "Reason for hold", "Item ID", "Transaction ID", "Item title", "Custom label", "Quantity",
        "Item subtotal", "Shipping and handling", "Seller collected sales tax", "eBay collected sales tax", "Electronic waste recycling fee",
        "Final Value Fee - fixed", "Final Value Fee - variable", "Regulatory operating fee", "Very high \"item not as described\" fee",
        "Below standard performance fee", "International fee", "Gross transaction amount", "Transaction currency", "Exchange rate",
        "Reference ID", "Description",
    ];

    private const string Preamble = "\"Transaction report\"\n\"Start date\",\"Oct 1, 2026\"\n\"End date\",\"Oct 31, 2026\"\n\n";

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string HeaderRow => string.Join(',', s_columns.Select(Quote)) + "\n";

    /// <summary>A data row: the given columns, "--" in all others.</summary>
    private static string Row(params (string Column, string Value)[] values)
    {
        var cells = s_columns.Select(c => values.FirstOrDefault(v => v.Column == c).Value ?? "--");
        return string.Join(',', cells.Select(Quote)) + "\n";
    }

    private static readonly string s_order1 = Row(("Transaction creation date", "Oct 1, 2026"), ("Type", "Order"), ("Order number", "12-34567-89012"),
        ("Net amount", "21.35"), ("Payout currency", "USD"), ("Payout ID", "P1"), ("Transaction ID", "T1"), ("Final Value Fee - fixed", "-0.30"),
        ("Final Value Fee - variable", "-3.25"), ("Regulatory operating fee", "-0.10"), ("Gross transaction amount", "25.00"), ("Transaction currency", "USD"),
        ("Electronic waste recycling fee", "1.00"));

    private static readonly string s_order2 = Row(("Transaction creation date", "October 02, 2026"), ("Type", "Order"), ("Order number", "12-00000-00002"),
        ("Net amount", "8.40"), ("Payout currency", "USD"), ("Payout ID", "P1"), ("Transaction ID", "T2"), ("Final Value Fee - fixed", "-0.30"),
        ("Final Value Fee - variable", "-1.30"), ("Gross transaction amount", "10.00"), ("Transaction currency", "USD"));

    private static readonly string s_label = Row(("Transaction creation date", "Oct 3, 2026"), ("Type", "Shipping label"), ("Net amount", "-5.00"),
        ("Payout currency", "USD"), ("Payout ID", "P1"), ("Reference ID", "L1"));

    private static readonly string s_payout = Row(("Transaction creation date", "Oct 5, 2026"), ("Type", "Payout"), ("Net amount", "-24.75"),
        ("Payout currency", "USD"), ("Payout ID", "P1"));

    [Fact]
    public void The_preamble_is_informational_and_each_fee_column_is_a_line_coded_by_its_header()
    {
        var sink = Read(s_reader, Preamble + HeaderRow + s_order1 + s_order2 + s_label + s_payout);

        Assert.Equal([], sink.Rejects.Select(r => $"{r.Line} {r.Column} {r.Value} {r.Reason}"));
        Assert.Equal([1L, 2L, 3L], sink.Infos.Select(i => i.Line));
        Assert.Equal(
        [
            "6|12-34567-89012|principal|USD|2500|2026-10-01|Order|Order:T1|P1",
            "6|12-34567-89012|commission|USD|-30|2026-10-01|Order|Order:T1:Final Value Fee - fixed|P1",
            "6|12-34567-89012|commission|USD|-325|2026-10-01|Order|Order:T1:Final Value Fee - variable|P1",
            "6|12-34567-89012|regulatory_fee|USD|-10|2026-10-01|Order|Order:T1:Regulatory operating fee|P1",
            "7|12-00000-00002|principal|USD|1000|2026-10-02|Order|Order:T2|P1",
            "7|12-00000-00002|commission|USD|-30|2026-10-02|Order|Order:T2:Final Value Fee - fixed|P1",
            "7|12-00000-00002|commission|USD|-130|2026-10-02|Order|Order:T2:Final Value Fee - variable|P1",
            "8|L1|shipping_label|USD|-500|2026-10-03|Shipping label|Shipping label:L1|P1",
        ], sink.Lines);
        Assert.Equal(["9|P1|USD|2475"], sink.Totals);
        Assert.Empty(sink.Rejects);
    }

    [Fact]
    public void A_payout_row_balances_its_payout_through_the_engine()
    {
        var result = Reconcile(s_reader, Preamble + HeaderRow + s_order1 + s_order2 + s_label + s_payout);

        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(("P1", SettlementCheckStatus.Balanced, 8L), (check.SettlementId, check.Status, check.Lines));
        Assert.Empty(result.Rejects);
        Assert.Equal(4, result.Summary.Files[0].InformationalRows); // three preamble rows and the payout's total
    }

    [Fact]
    public void Refund_fees_map_to_refund_components_and_bad_rows_are_rejected_with_their_column()
    {
        var refund = Row(("Transaction creation date", "Oct 7, 2026"), ("Type", "Refund"), ("Order number", "12-34567-89012"), ("Net amount", "-21.75"),
            ("Payout currency", "USD"), ("Payout ID", "P2"), ("Transaction ID", "T1"), ("Final Value Fee - variable", "3.25"),
            ("Gross transaction amount", "-25.00"), ("Transaction currency", "USD"));
        var badDate = Row(("Transaction creation date", "Okt 7, 2026"), ("Type", "Order"), ("Net amount", "1.00"), ("Payout currency", "USD"),
            ("Gross transaction amount", "1.00"));
        var badNet = Row(("Transaction creation date", "Oct 7, 2026"), ("Type", "Order"), ("Net amount", "1.00"), ("Payout currency", "USD"),
            ("Gross transaction amount", "2.00"), ("International fee", "-0.50"));
        var badFee = Row(("Transaction creation date", "Oct 7, 2026"), ("Type", "Order"), ("Net amount", "1.00"), ("Payout currency", "USD"),
            ("Gross transaction amount", "2.00"), ("International fee", "-0.5x"));
        var badCurrency = Row(("Transaction creation date", "Oct 7, 2026"), ("Type", "Order"), ("Net amount", "1.00"), ("Payout currency", "USX"));

        var sink = Read(s_reader, HeaderRow + refund + badDate + badNet + badFee + badCurrency);

        Assert.Equal(
        [
            "2|12-34567-89012|refund_principal|USD|-2500|2026-10-07|Refund|Refund:T1|P2",
            "2|12-34567-89012|refund_commission|USD|325|2026-10-07|Refund|Refund:T1:Final Value Fee - variable|P2",
        ], sink.Lines);
        Assert.Equal([(3L, 1, "Okt 7, 2026"), (4L, 11, "1.00"), (5L, 33, "-0.5x"), (6L, 12, "USX")], sink.Rejects.Select(r => (r.Line, r.Column, r.Value)));
        Assert.Contains("Net amount is not", sink.Rejects[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Oct 1, 2026", "2026-10-01")]
    [InlineData("oct 01, 2026", "2026-10-01")]
    [InlineData("September 30, 2026", "2026-09-30")]
    [InlineData("Sept. 30, 2026", "2026-09-30")]
    [InlineData("Feb 29, 2028", "2028-02-29")]
    [InlineData("2026-10-01", "2026-10-01")]
    [InlineData("Feb 29, 2027", null)]
    [InlineData("Oct 1 2026x", null)]
    [InlineData("Octo 1, 2026", null)]
    [InlineData("Oct 32, 2026", null)]
    [InlineData("1 Oct 2026", null)]
    public void Month_name_dates_are_read_without_a_culture(string text, string? expected)
    {
        var ok = ProviderCsv.TryParseMonthNameDay(Encoding.UTF8.GetBytes(text), out var day, out _);
        Assert.Equal(expected is not null, ok);
        if (expected is not null)
        {
            Assert.Equal(DateOnly.ParseExact(expected, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).DayNumber, day);
        }
    }

    [Fact]
    public void A_file_without_the_header_is_an_input_format_error_and_detection_finds_the_header_after_the_preamble()
    {
        var error = Assert.Throws<InputFormatException>(() => Read(s_reader, Preamble + "\"Date\",\"Type\",\"Amount\"\n"));
        Assert.Equal(("report.csv", 1L, 1, "\"Transaction report\""), (error.Source, error.Line, error.Column, error.Value));
        Assert.Throws<InputFormatException>(() => Read(s_reader, ""));

        Assert.Equal(SettlementFormat.Ebay, SettlementFormats.Detect(Encoding.UTF8.GetBytes(Preamble + HeaderRow + s_order1)));
        Assert.IsType<EbaySettlementReader>(SettlementFormats.ReaderFor(SettlementFormat.Ebay));
    }
}
