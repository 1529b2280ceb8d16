using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Text;
using static CrossBorder.Engine.Tests.Settlements.Amazon.AmazonKit;

namespace CrossBorder.Engine.Tests.Settlements.Amazon;

public class AmazonV2SettlementReaderTests
{
    private static string Basic(bool withReserve = true)
    {
        var lines = new List<string>
        {
            V2Header(),
            V2Summary("S1", "97.55", "USD"),
            V2Line("S1", "Order", "111-1", "ItemPrice", "Principal", "100.00"),
            V2Line("S1", "Order", "111-1", "ItemPrice", "Tax", "8.00"),
            V2Line("S1", "Order", "111-1", "ItemFees", "Commission", "-15.00"),
            V2Line("S1", "Order", "111-1", "ItemFees", "FBAPerUnitFulfillmentFee", "-3.20"),
            V2Line("S1", "Order", "111-1", "Promotion", "Shipping", "-1.00"),
            V2Line("S1", "Refund", "111-0", "ItemPrice", "Principal", "-20.00", "2026-06-18 09:00:00 UTC"),
            V2Line("S1", "Refund", "111-0", "ItemFees", "Commission", "3.00", "2026-06-18 09:00:00 UTC"),
            V2Line("S1", "ServiceFee", "", "other-transaction", "Subscription Fee", "-39.99", "2026-06-30 04:12:00 UTC"),
            V2Line("S1", "Chargeback Refund", "111-2", "ItemPrice", "Principal", "-5.00"),
            V2Line("S1", "Adjustment", "", "other-transaction", "WAREHOUSE_DAMAGE", "12.74"),
        };
        if (withReserve)
        {
            lines.Add(V2Line("S1", "Transfer", "", "other-transaction", "Previous Reserve Amount Balance", "100.00", "2026-06-16 00:00:00 UTC"));
            lines.Add(V2Line("S1", "Transfer", "", "other-transaction", "Current Reserve Amount", "-42.00", "2026-06-30 23:59:59 UTC"));
        }
        return Lines([.. lines]);
    }

    [Fact]
    public void Reads_the_summary_as_the_stated_total_and_every_other_row_as_one_line()
    {
        var sink = Read(V2, Basic());

        Assert.Equal(
        [
            "T 2 S1 USD 9755 total-amount",
            "A 3 111-1 principal USD 10000 2026-06-17 amazon.com Order S1 ref=",
            "A 4 111-1 tax USD 800 2026-06-17 amazon.com Order S1 ref=",
            "A 5 111-1 commission USD -1500 2026-06-17 amazon.com Order S1 ref=",
            "A 6 111-1 fulfillment_fee USD -320 2026-06-17 amazon.com Order S1 ref=",
            "A 7 111-1 promotion USD -100 2026-06-17 amazon.com Order S1 ref=",
            "A 8 111-0 refund_principal USD -2000 2026-06-18 amazon.com Refund S1 ref=",
            "A 9 111-0 refund_commission USD 300 2026-06-18 amazon.com Refund S1 ref=",
            "A 10 S1 subscription_fee USD -3999 2026-06-30 amazon.com ServiceFee S1 ref=",
            "A 11 111-2 chargeback USD -500 2026-06-17 amazon.com Chargeback_Refund S1 ref=",
            "A 12 S1 reimbursement USD 1274 2026-06-17 amazon.com Adjustment S1 ref=",
            "A 13 S1 reserve USD 10000 2026-06-16 amazon.com Transfer S1 ref=",
            "A 14 S1 reserve USD -4200 2026-06-30 amazon.com Transfer S1 ref=",
        ], sink.Events);
    }

    [Fact]
    public void A_balanced_settlement_passes_the_check_through_the_engine()
    {
        var result = Reconcile(V2, Basic());

        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal((SettlementCheckStatus.Balanced, "S1", 12L), (check.Status, check.SettlementId, check.Lines));
        Assert.Equal(Money.FromMinorUnits(9755, Currency.USD), check.LinesTotal);
        Assert.Empty(result.Rejects);
        Assert.Equal(12, result.Summary.Files[0].Accepted);
        Assert.Equal(1, result.Summary.Files[0].InformationalRows);
    }

    [Fact]
    public void Without_its_reserve_lines_the_settlement_does_not_balance_and_the_note_names_them()
    {
        var result = Reconcile(V2, Basic(withReserve: false));

        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(SettlementCheckStatus.SettlementTotalMismatch, check.Status);
        Assert.Equal(Money.FromMinorUnits(9755, Currency.USD), check.StatedTotal);
        Assert.Equal(Money.FromMinorUnits(3955, Currency.USD), check.LinesTotal);
        Assert.Contains("58.00", check.Note, StringComparison.Ordinal);
        Assert.Contains("'Previous Reserve Amount Balance'", check.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_case_and_promotion_id_may_be_absent()
    {
        var columns = V2Columns.Where(c => c != "promotion-id").Reverse().ToArray();
        var header = string.Join('\t', columns.Select(c => c.ToUpperInvariant()));
        var text = Lines(header,
            Row(columns, ("settlement-id", "S9"), ("total-amount", "-4.50"), ("currency", "EUR")),
            Row(columns, ("settlement-id", "S9"), ("currency", "EUR"), ("transaction-type", "Order"), ("order-id", "302-1"),
                ("marketplace-name", "Amazon.de"), ("amount-type", "ItemFees"), ("amount-description", "Commission"), ("amount", "-4.50"),
                ("posted-date", "2026-01-05")));

        var sink = Read(V2, text);

        Assert.Equal(
        [
            "T 2 S9 EUR -450 total-amount",
            "A 3 302-1 commission EUR -450 2026-01-05 Amazon.de Order S9 ref=",
        ], sink.Events);
        Assert.Equal(SettlementCheckStatus.Balanced, Assert.Single(Reconcile(V2, text).SettlementChecks).Status);
    }

    [Theory]
    [InlineData("2025-10-09T22:07:18+00:00", "2025-10-09")]
    [InlineData("2025-10-09T23:30:00-07:00", "2025-10-09")]
    [InlineData("2026-06-17 08:14:22 UTC", "2026-06-17")]
    [InlineData("17.06.2026 08:14:22 UTC", "2026-06-17")]
    [InlineData("2026-06-17", "2026-06-17")]
    [InlineData("17.06.2026", "2026-06-17")]
    public void Dates_in_every_observed_form(string posted, string expected)
    {
        var sink = Read(V2, Lines(V2Header(), V2Summary("S1", "1.00", "USD"), V2Line("S1", "Order", "A", "ItemPrice", "Principal", "1.00", posted)));
        Assert.Contains($" {expected} ", Assert.Single(sink.Accepted), StringComparison.Ordinal);
    }

    [Fact]
    public void Posted_date_time_is_used_when_posted_date_is_empty()
    {
        var row = Row(V2Columns, ("settlement-id", "S1"), ("currency", "USD"), ("transaction-type", "Order"), ("order-id", "A"),
            ("amount-type", "ItemPrice"), ("amount-description", "Principal"), ("amount", "2.00"), ("posted-date-time", "2026-03-04T10:00:00Z"));
        var sink = Read(V2, Lines(V2Header(), V2Summary("S1", "2.00", "USD"), row));
        Assert.Equal("A 3 A principal USD 200 2026-03-04  Order S1 ref=", Assert.Single(sink.Accepted));
    }

    [Fact]
    public void European_files_with_decimal_commas_points_and_spaces_mixed_in_one_file()
    {
        var text = Lines(V2Header(),
            V2Summary("DE1", "1141,18", "EUR", "01.06.2026 00:00:00 UTC"),
            V2Line("DE1", "Order", "302-1", "ItemPrice", "Principal", "1.130,08", "02.06.2026 10:11:12 UTC", "EUR", "Amazon.de"),
            V2Line("DE1", "Order", "302-1", "ItemPrice", "Shipping", "5,05", "02.06.2026 10:11:12 UTC", "EUR", "Amazon.de"),
            V2Line("DE1", "Order", "302-1", "ItemPrice", "ShippingTax", "5.05 ", "02.06.2026 10:11:12 UTC", "EUR", "Amazon.de"),
            V2Line("DE1", "Order", "302-1", "ItemPrice", "GiftWrap", " 1,0", "02.06.2026 10:11:12 UTC", "EUR", "Amazon.de"));

        var sink = Read(V2, text);

        Assert.Equal(
        [
            "T 2 DE1 EUR 114118 total-amount",
            "A 3 302-1 principal EUR 113008 2026-06-02 Amazon.de Order DE1 ref=",
            "A 4 302-1 shipping EUR 505 2026-06-02 Amazon.de Order DE1 ref=",
            "A 5 302-1 shipping_tax EUR 505 2026-06-02 Amazon.de Order DE1 ref=",
            "A 6 302-1 gift_wrap EUR 100 2026-06-02 Amazon.de Order DE1 ref=",
        ], sink.Events);
        Assert.Equal(SettlementCheckStatus.Balanced, Assert.Single(Reconcile(V2, text).SettlementChecks).Status);
    }

    [Theory]
    [InlineData("1,141", "ambiguous amount")]
    [InlineData("1.141", "ambiguous amount")]
    [InlineData("12.3x", "not an amount")]
    [InlineData("1.2.3,45", "thousands separators")]
    [InlineData("1.234", "ambiguous amount")]
    [InlineData("0.001", "ambiguous amount")]
    [InlineData("abc", "not an amount")]
    public void Unreadable_amounts_are_rejected_with_line_column_and_value_and_reading_goes_on(string amount, string reason)
    {
        var text = Lines(V2Header(), V2Summary("S1", "1.00", "USD"),
            V2Line("S1", "Order", "A", "ItemPrice", "Principal", amount),
            V2Line("S1", "Order", "A", "ItemPrice", "Tax", "1.00"));

        var sink = Read(V2, text);

        Assert.Equal(3, sink.Events.Count);
        Assert.StartsWith($"R 3:15 '{amount}' {reason}", sink.Events[1], StringComparison.Ordinal);
        Assert.StartsWith("A 4 A tax USD 100", sink.Events[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_dates_currencies_totals_and_ragged_rows_are_rejected_each_once()
    {
        var text = Lines(V2Header(),
            V2Summary("S1", "1.00", "USD"),
            V2Line("S1", "Order", "A", "ItemPrice", "Principal", "1.00", "2026-13-01"),
            V2Line("S1", "Order", "A", "ItemPrice", "Principal", "1.00", currency: "XYZ"),
            V2Summary("S2", "one", "USD"),
            "S1\tonly\tthree",
            V2Line("S1", "Order", "A", "ItemPrice", "Principal", ""),
            V2Line("S1", "Order", "A", "ItemPrice", "Principal", "1.00") + "\textra");

        var sink = Read(V2, text);

        string[] expected =
        [
            "T 2 S1 USD 100 total-amount",
            "R 3:17 '2026-13-01' not a date (yyyy-MM-dd or dd.MM.yyyy, optionally with a time and zone)",
            "R 4:6 'XYZ' unknown currency (not an ISO 4217 code with minor units)",
            "R 5:5 'one' not an amount",
            "R 6:4 'S1\tonly\tthree' expected 24 tab-separated fields, found 3",
            "R 7:15 '' a transaction row without an amount",
            "R 8:25 '" + V2Line("S1", "Order", "A", "ItemPrice", "Principal", "1.00").Replace(' ', '_') + "\textra' expected 24 tab-separated fields, found 25",
        ];
        Assert.Equal(expected.Length, sink.Events.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], sink.Events[i]);
        }
    }

    [Fact]
    public void A_stray_quote_does_not_swallow_the_rows_after_it()
    {
        var text = Lines(V2Header(), V2Summary("S1", "3.00", "USD"),
            V2Line("S1", "Order", "A", "ItemPrice", "Principal", "1.00").Replace("amazon.com", "\"amazon.com", StringComparison.Ordinal),
            V2Line("S1", "Order", "A\"", "ItemPrice", "Principal", "1.00"),
            V2Line("S1", "Order", "B", "ItemPrice", "Principal", "1.00"));

        var sink = Read(V2, text);

        Assert.Equal(
        [
            "T 2 S1 USD 300 total-amount",
            "A 3 A principal USD 100 2026-06-17 \"amazon.com Order S1 ref=",
            "A 4 A\" principal USD 100 2026-06-17 amazon.com Order S1 ref=",
            "A 5 B principal USD 100 2026-06-17 amazon.com Order S1 ref=",
        ], sink.Events);
    }

    [Fact]
    public void Crlf_a_bom_blank_lines_a_repeated_header_and_empty_rows_are_handled()
    {
        var text = "\uFEFF" + string.Join("\r\n",
            V2Header(), V2Summary("S1", "-2.50", "USD"), "", V2Line("S1", "ServiceFee", "", "other-transaction", "Storage Fee", "-2.50"),
            V2Header(), new string('\t', 23), "") + "\r\n";

        var sink = Read(V2, text);

        Assert.Equal(
        [
            "T 2 S1 USD -250 total-amount",
            "A 4 S1 storage_fee USD -250 2026-06-17 amazon.com ServiceFee S1 ref=",
            "I 5 the header repeated",
            "I 6 a row with only empty fields",
        ], sink.Events);
    }

    [Fact]
    public void Two_settlements_in_one_file_are_checked_apart()
    {
        var text = Lines(V2Header(),
            V2Summary("S1", "1.00", "USD"), V2Line("S1", "Order", "A", "ItemPrice", "Principal", "1.00"),
            V2Summary("S2", "2.00", "GBP"), V2Line("S2", "Order", "B", "ItemPrice", "Principal", "2.50", currency: "GBP"));

        var checks = Reconcile(V2, text).SettlementChecks;

        Assert.Equal(["S1:Balanced", "S2:SettlementTotalMismatch"], checks.Select(c => $"{c.SettlementId}:{c.Status}"));
    }

    [Fact]
    public void A_row_without_settlement_id_or_currency_takes_them_from_the_summary()
    {
        var row = Row(V2Columns, ("transaction-type", "Order"), ("order-id", "A"), ("amount-type", "ItemPrice"),
            ("amount-description", "Principal"), ("amount", "1.00"));
        var sink = Read(V2, Lines(V2Header(), V2Summary("S1", "1.00", "JPY"), row.Replace("1.00", "1.50", StringComparison.Ordinal)));
        Assert.Equal("R 3:15 '1.50' more decimals than JPY has", sink.Events[1]);

        sink = Read(V2, Lines(V2Header(), V2Summary("S1", "1.00", "USD"), row));
        Assert.Equal("A 3 A principal USD 100 -  Order S1 ref=", sink.Events[1]);
    }

    [Fact]
    public void A_transaction_before_any_summary_without_currency_is_rejected()
    {
        var row = Row(V2Columns, ("transaction-type", "Order"), ("order-id", "A"), ("amount-type", "ItemPrice"),
            ("amount-description", "Principal"), ("amount", "1.00"));
        var sink = Read(V2, Lines(V2Header(), row));
        Assert.Equal(["R 2:6 '' no currency on the row and no summary row before it"], sink.Events);
    }

    [Theory]
    [InlineData("", 1, "")]
    [InlineData("\n\n", 1, "")]
    [InlineData("order_id,component,currency,amount\nA,principal,EUR,1.00\n", 1, "order_id,component,currency,amount")]
    [InlineData("\nsettlement-id\ttotal-amount\tcurrency\n", 2, "settlement-id\ttotal-amount\tcurrency")]
    public void A_file_without_the_header_is_an_input_format_error_naming_file_line_column_and_value(string text, long line, string value)
    {
        var e = Assert.Throws<InputFormatException>(() => Read(V2, text));
        Assert.Equal(("test.txt", line, 1, value), (e.Source, e.Line, e.Column, e.Value));
        Assert.Contains("V2", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_codes_still_reach_the_engine_as_unmapped_components()
    {
        var sink = Read(V2, Lines(V2Header(), V2Summary("S1", "1.00", "USD"), V2Line("S1", "NewThing", "", "Brand New", "Whatever Fee", "1.00")));
        Assert.StartsWith("A 3 S1 unmapped:brand_new USD 100", sink.Events[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Detection_tells_v2_v1_and_canonical_apart()
    {
        Assert.Equal(SettlementFormat.AmazonV2, SettlementFormats.Detect(System.Text.Encoding.UTF8.GetBytes(Lines(V2Header(), V2Summary("S", "1", "USD")))));
        Assert.Equal(SettlementFormat.AmazonV2, SettlementFormats.Detect(System.Text.Encoding.UTF8.GetBytes("\uFEFF" + V2Header().ToUpperInvariant() + "\r\n")));
        Assert.Equal(SettlementFormat.AmazonV1, SettlementFormats.Detect(System.Text.Encoding.UTF8.GetBytes(string.Join('\t', V1Columns) + "\n")));
        Assert.Equal(SettlementFormat.Canonical, SettlementFormats.Detect("order_id,component,currency,amount\n"u8));
        Assert.Null(SettlementFormats.Detect(System.Text.Encoding.UTF8.GetBytes(V2Header().Replace('\t', ',') + "\n")));
        Assert.IsType<CrossBorder.Engine.Settlements.Amazon.AmazonV2SettlementReader>(SettlementFormats.ReaderFor(SettlementFormat.AmazonV2));
        Assert.IsType<CrossBorder.Engine.Settlements.Amazon.AmazonV1SettlementReader>(SettlementFormats.ReaderFor(SettlementFormat.AmazonV1));
    }
}
