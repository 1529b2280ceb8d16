using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Shopify;
using CrossBorder.Engine.Text;
using static CrossBorder.Engine.Tests.Settlements.ProviderTestKit;

namespace CrossBorder.Engine.Tests.Settlements.Shopify;

public class ShopifySettlementReaderTests
{
    private static readonly ShopifySettlementReader s_reader = new();

    private const string Header =
        "Transaction Date,Type,Order,Card Brand,Card Source,Payout Status,Payout Date,Payout ID,Available On,Amount,Fee,Net,Currency,Checkout,Payment Method Name,Presentment Amount,Presentment Currency,VAT,Business Entity Name,Business Entity ID\n";

    [Fact]
    public void Each_row_gives_an_amount_line_and_a_fee_line_keyed_by_order_and_payout()
    {
        var sink = Read(s_reader, Header
            + "2026-10-01 12:34:56 -0400,charge,#1001,visa,online,paid,2026-10-03,88001,2026-10-03,100.00,3.20,96.80,USD,c1,card,92.00,EUR,,Shop,1\n"
            + "2026-10-02 01:00:00 -0400,refund,#1001,visa,online,paid,2026-10-03,88001,2026-10-03,-20.00,0.00,-20.00,USD,,card,,,,Shop,1\n"
            + "2026-10-02,adjustment,,,,paid,2026-10-03,88001,2026-10-03,-1.50,0.00,-1.50,USD,,,,,,Shop,1\n"
            + "2026-10-02,chargeback,#1002,,,pending,,,,\"-1,000.00\",15.00,\"-1,015.00\",usd,,,,,,Shop,1\n");

        Assert.Equal(
        [
            "2|#1001|principal|USD|10000|2026-10-01|charge||88001",
            "2|#1001|fee|USD|-320|2026-10-01|charge||88001",
            "3|#1001|refund_principal|USD|-2000|2026-10-02|refund||88001",
            "4|88001|adjustment|USD|-150|2026-10-02|adjustment||88001",
            "5|#1002|chargeback|USD|-100000|2026-10-02|chargeback||",
            "5|#1002|fee|USD|-1500|2026-10-02|chargeback||",
        ], sink.Lines);
        Assert.Empty(sink.Rejects);
        Assert.Empty(sink.Totals);
    }

    [Fact]
    public void VAT_on_the_fee_becomes_a_line_when_the_net_shows_it_deducted()
    {
        var sink = Read(s_reader, Header
            + "2026-10-01,charge,#1,,,paid,,9,,100.00,3.00,96.40,EUR,,,,,0.60,,\n"
            + "2026-10-01,charge,#2,,,paid,,9,,100.00,3.00,97.00,EUR,,,,,0.60,,\n"
            + "2026-10-01,charge,#3,,,paid,,9,,100.00,3.00,95.00,EUR,,,,,0.60,,\n");

        Assert.Equal(
        [
            "2|#1|principal|EUR|10000|2026-10-01|charge||9",
            "2|#1|fee|EUR|-300|2026-10-01|charge||9",
            "2|#1|fee_vat|EUR|-60|2026-10-01|charge||9",
            "3|#2|principal|EUR|10000|2026-10-01|charge||9",
            "3|#2|fee|EUR|-300|2026-10-01|charge||9",
        ], sink.Lines);
        var reject = Assert.Single(sink.Rejects);
        Assert.Equal((4L, 12, "95.00"), (reject.Line, reject.Column, reject.Value));
    }

    [Fact]
    public void Bad_values_are_rejected_with_line_and_column_and_zero_rows_are_informational()
    {
        var sink = Read(s_reader, Header
            + "2026-10-01,charge,#1,,,paid,,9,,12.345,0.00,,USD,,,,,,,\n"
            + "2026-10-01,charge,#2,,,paid,,9,,12.00,0.00,,ZZZ,,,,,,,\n"
            + "01/10/2026,charge,#3,,,paid,,9,,12.00,0.00,,USD,,,,,,,\n"
            + "2026-10-01,charge,#4,,,paid,,9,,12.00,x,,USD,,,,,,,\n"
            + "2026-10-01,charge,#5,,,paid,,9,,0.00,0.00,0.00,USD,,,,,,,\n"
            + "\n"
            + "2026-10-01,charge,#6,,,paid\n"
            + "2026-10-01,charge,#7,,,paid,,9,,1.00,0.00,,JPY,,,,,,,\n");

        Assert.Equal([(2L, 10), (3L, 13), (4L, 1), (5L, 11), (8L, 7)], sink.Rejects.Select(r => (r.Line, r.Column)));
        Assert.Equal([6L, 7L], sink.Infos.Select(i => i.Line));
        Assert.Equal("9|#7|principal|JPY|1|2026-10-01|charge||9", Assert.Single(sink.Lines));
    }

    [Fact]
    public void Payouts_are_settlements_without_a_stated_total()
    {
        var result = Reconcile(s_reader, Header
            + "2026-10-01,charge,#1,,,paid,,P1,,10.00,0.50,9.50,CAD,,,,,,,\n"
            + "2026-10-01,charge,#2,,,paid,,P2,,5.00,0.25,4.75,CAD,,,,,,,\n");

        Assert.Equal(["P1", "P2"], result.SettlementChecks.Select(c => c.SettlementId));
        Assert.All(result.SettlementChecks, c => Assert.Equal(SettlementCheckStatus.NoStatedTotal, c.Status));
        Assert.Equal(Money.FromMinorUnits(950, Currency.CAD), result.SettlementChecks[0].LinesTotal);
        Assert.Equal(4, result.Summary.Files[0].Accepted);
    }

    [Fact]
    public void A_file_without_the_header_is_an_input_format_error_and_detection_uses_the_header()
    {
        var error = Assert.Throws<InputFormatException>(() => Read(s_reader, "Date,Type,Amount\n2026-10-01,charge,1.00\n"));
        Assert.Equal(("report.csv", 1L, 1), (error.Source, error.Line, error.Column));
        Assert.Contains("Transaction Date", error.Reason, StringComparison.Ordinal);

        Assert.Equal(SettlementFormat.Shopify, SettlementFormats.Detect(Encoding.UTF8.GetBytes(Header)));
        Assert.IsType<ShopifySettlementReader>(SettlementFormats.ReaderFor(SettlementFormat.Shopify));
    }
}
