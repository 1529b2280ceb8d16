using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Text;
using static CrossBorder.Engine.Tests.Settlements.Amazon.AmazonKit;

namespace CrossBorder.Engine.Tests.Settlements.Amazon;

public class AmazonV1SettlementReaderTests
{
    private static string Summary(string[] columns, string id, string total, string currency) =>
        Row(columns, ("settlement-id", id), ("settlement-start-date", "2012-03-01T00:00:00+00:00"), ("settlement-end-date", "2012-03-15T00:00:00+00:00"),
            ("deposit-date", "2012-03-17T00:00:00+00:00"), ("total-amount", total), ("currency", currency));

    private static string Order(string[] columns, string id, string type, string order, string posted, params (string Name, string Value)[] amounts) =>
        Row(columns, [("settlement-id", id), ("currency", "GBP"), ("transaction-type", type), ("order-id", order),
            ("marketplace-name", "Amazon.co.uk"), ("posted-date", posted), .. amounts]);

    private static string File(bool withReserve = true)
    {
        var c = V1Columns;
        var lines = new List<string>
        {
            string.Join('\t', c),
            Summary(c, "V1S", "40.10", "GBP"),
            Order(c, "V1S", "Order", "202-1", "2012-03-02",
                ("price-type", "Principal"), ("price-amount", "50.00"), ("item-related-fee-type", "Commission"), ("item-related-fee-amount", "-7.50"),
                ("promotion-type", "Shipping"), ("promotion-amount", "-1.00"), ("misc-fee-amount", "-0.40")),
            Order(c, "V1S", "Order", "202-1", "2012-03-02", ("shipment-fee-type", "FBAPerOrderFulfillmentFee"), ("shipment-fee-amount", "-1.00"),
                ("order-fee-type", "Closing Fee"), ("order-fee-amount", "-0.50")),
            Order(c, "V1S", "Refund", "202-0", "2012-03-05", ("price-type", "Principal"), ("price-amount", "-10.00"),
                ("item-related-fee-type", "Commission"), ("item-related-fee-amount", "1.50")),
            Order(c, "V1S", "other-transaction", "", "2012-03-06", ("other-fee-reason-description", "Storage Fee"), ("other-fee-amount", "-2.00"),
                ("direct-payment-type", "Payment"), ("direct-payment-amount", "5.00")),
            Order(c, "V1S", "Order", "202-2", "2012-03-06"),
        };
        if (withReserve)
        {
            lines.Add(Order(c, "V1S", "Previous Reserve Amount Balance", "", "2012-03-01", ("other-amount", "10.00")));
            lines.Add(Order(c, "V1S", "Current Reserve Amount", "", "2012-03-15", ("other-amount", "-4.00")));
        }
        return Lines([.. lines]) + "\n";
    }

    [Fact]
    public void Each_non_empty_amount_of_a_row_is_one_line_coded_by_its_column_family()
    {
        var sink = Read(V1, File());

        Assert.Equal(
        [
            "T 2 V1S GBP 4010 total-amount",
            "A 3 202-1 principal GBP 5000 2012-03-02 Amazon.co.uk Order V1S ref=",
            "A 3 202-1 commission GBP -750 2012-03-02 Amazon.co.uk Order V1S ref=",
            "A 3 202-1 promotion GBP -100 2012-03-02 Amazon.co.uk Order V1S ref=",
            "A 3 202-1 misc_fee GBP -40 2012-03-02 Amazon.co.uk Order V1S ref=",
            "A 4 202-1 shipment_fee GBP -100 2012-03-02 Amazon.co.uk Order V1S ref=",
            "A 4 202-1 order_fee GBP -50 2012-03-02 Amazon.co.uk Order V1S ref=",
            "A 5 202-0 refund_principal GBP -1000 2012-03-05 Amazon.co.uk Refund V1S ref=",
            "A 5 202-0 refund_commission GBP 150 2012-03-05 Amazon.co.uk Refund V1S ref=",
            "A 6 V1S storage_fee GBP -200 2012-03-06 Amazon.co.uk other-transaction V1S ref=",
            "A 6 V1S direct_payment GBP 500 2012-03-06 Amazon.co.uk other-transaction V1S ref=",
            "I 7 a row without any amount",
            "A 8 V1S reserve GBP 1000 2012-03-01 Amazon.co.uk Previous_Reserve_Amount_Balance V1S ref=",
            "A 9 V1S reserve GBP -400 2012-03-15 Amazon.co.uk Current_Reserve_Amount V1S ref=",
        ], sink.Events);
    }

    [Fact]
    public void The_settlement_balances_and_without_reserve_lines_the_note_names_them()
    {
        var balanced = Assert.Single(Reconcile(V1, File()).SettlementChecks);
        Assert.Equal((SettlementCheckStatus.Balanced, 12L), (balanced.Status, balanced.Lines));

        var off = Assert.Single(Reconcile(V1, File(withReserve: false)).SettlementChecks);
        Assert.Equal(SettlementCheckStatus.SettlementTotalMismatch, off.Status);
        Assert.Equal(Money.FromMinorUnits(3410, Currency.GBP), off.LinesTotal);
        Assert.Contains("'Current Reserve Amount'", off.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_without_the_promotion_columns_are_read()
    {
        var c = V1Columns.Where(n => !n.StartsWith("promotion-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(33, c.Length);
        var text = Lines(string.Join('\t', c), Summary(c, "S", "49,50", "EUR"),
            Row(c, ("settlement-id", "S"), ("currency", "EUR"), ("transaction-type", "Order"), ("order-id", "305-1"),
                ("posted-date", "02.03.2012"), ("price-type", "Principal"), ("price-amount", "50,00 "), ("item-related-fee-type", "Commission"),
                ("item-related-fee-amount", "-0.50")));

        var sink = Read(V1, text);

        Assert.Equal(
        [
            "T 2 S EUR 4950 total-amount",
            "A 3 305-1 principal EUR 5000 2012-03-02  Order S ref=",
            "A 3 305-1 commission EUR -50 2012-03-02  Order S ref=",
        ], sink.Events);
    }

    [Fact]
    public void A_bad_amount_rejects_that_amount_only_and_a_bad_date_the_row_once()
    {
        var c = V1Columns;
        var text = Lines(string.Join('\t', c), Summary(c, "S", "1.00", "GBP"),
            Order(c, "S", "Order", "1", "2012-03-02", ("price-type", "Principal"), ("price-amount", "5.0.0"), ("item-related-fee-amount", "-1.00")),
            Order(c, "S", "Order", "1", "2012-02-30", ("price-type", "Principal"), ("price-amount", "5.00"), ("item-related-fee-amount", "-1.00")));

        var sink = Read(V1, text);

        Assert.Equal(
        [
            "T 2 S GBP 100 total-amount",
            "R 3:25 '5.0.0' not an amount",
            "A 3 1 fee GBP -100 2012-03-02 Amazon.co.uk Order S ref=",
            "R 4:18 '2012-02-30' not a date (yyyy-MM-dd or dd.MM.yyyy, optionally with a time and zone)",
        ], sink.Events);
    }

    [Fact]
    public void A_v2_file_is_not_a_v1_file()
    {
        var e = Assert.Throws<InputFormatException>(() => Read(V1, Lines(V2Header(), V2Summary("S", "1.00", "USD"))));
        Assert.Equal(("test.txt", 1L, 1), (e.Source, e.Line, e.Column));
        Assert.Contains("'price-type' is missing", e.Reason, StringComparison.Ordinal);
        Assert.StartsWith("settlement-id\t", e.Value, StringComparison.Ordinal);
    }
}
