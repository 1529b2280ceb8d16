using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Braintree;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Settlements.ProviderTestKit;

namespace CrossBorder.Engine.Tests.Settlements.Braintree;

public class BraintreeSettlementReaderTests(ITestOutputHelper output)
{
    private static readonly BraintreeSettlementReader s_reader = new();

    /// <summary>The transaction-level fee report's header (31 columns).</summary>
    internal const string Header =
        "Merchant Account ID,Transaction ID,Original Transaction ID,Transaction Type,Presentment Currency,Presentment Amount,Settlement Currency,Original Sale Amount,Settlement Amount,Settlement Date,Disbursement Date,Deposit ID,Payment Instrument,Card Brand,Card Type,First 6 of CC,Issuing Bank,Refunded Amount,Refund Type,Exchange Rate,Order ID,Acquirer Reference Number,Card Issuing Country,Discount,Discount Credit,Per Transaction Fee,Per Transaction Fee Credit,Multicurrency Fee Amount,Multicurrency Fee Credit,Braintree Total Amount,Total Fee Amount\n";

    /// <summary>One data row of <see cref="Header"/>; every column that the reader reads can be set.</summary>
    internal static string Row(
        string txn = "t1", string type = "sale", string presentmentCurrency = "USD", string presentmentAmount = "10.00", string currency = "USD",
        string amount = "10.00", string settled = "2026-10-01", string disbursed = "2026-10-03", string deposit = "", string merchant = "acct",
        string original = "", string rate = "1.0000", string order = "", string discount = "0.0000", string discountCredit = "0.00",
        string perTxn = "0.00", string perTxnCredit = "0.00", string mc = "0.00", string mcCredit = "0.00", string total = "0.00", string totalFee = "0.00") =>
        string.Join(',', merchant, txn, original, type, presentmentCurrency, presentmentAmount, currency, "", amount, settled, disbursed, deposit,
            "credit_card", "Visa", "Credit", "411111", "\"The Bank\"", "0.00", "", rate, order, "ARN1", "USA", discount, discountCredit, perTxn,
            perTxnCredit, mc, mcCredit, total, totalFee) + "\n";

    [Fact]
    public void A_multi_currency_sale_is_settled_in_the_settlement_currency_with_each_fee_as_a_line()
    {
        var sink = Read(s_reader, Header
            + Row(txn: "s1", presentmentCurrency: "usd", presentmentAmount: "1085.00", currency: "EUR", amount: "993.53", rate: "0.9157", order: "ORD-1",
                discount: "0.0190", perTxn: "0.30", mc: "9.93", total: "29.10", totalFee: "29.10")
            + Row(txn: "s2", amount: "10.00"));

        Assert.Equal(
        [
            "2|ORD-1|principal|EUR|99353|2026-10-01|sale|s1|acct:2026-10-03",
            "2|ORD-1|commission|EUR|-30|2026-10-01|sale|s1:Per Transaction Fee|acct:2026-10-03",
            "2|ORD-1|fx_fee|EUR|-993|2026-10-01|sale|s1:Multicurrency Fee Amount|acct:2026-10-03",
            "2|ORD-1|commission|EUR|-1887|2026-10-01|sale|s1:Discount|acct:2026-10-03", // 29.10 − 0.30 − 9.93
            "3|s2|principal|USD|1000|2026-10-01|sale|s2|acct:2026-10-03",
        ], sink.Lines);
        Assert.Equal(["USD", "USD", "USD", "USD", "USD"], sink.Markets); // the presentment currency, upper-cased
        Assert.Empty(sink.Rejects);
        Assert.Empty(sink.Infos);
        Assert.Empty(sink.Totals);
    }

    [Fact]
    public void A_credit_is_a_negative_line_keyed_with_its_sale_and_returned_fees_are_positive_lines()
    {
        var sink = Read(s_reader, Header
            + Row(txn: "s1", amount: "100.00", discount: "0.0190", perTxn: "0.30", total: "2.20", totalFee: "2.20")
            + Row(txn: "r1", type: "credit", original: "s1", amount: "100.00", discount: "0.0190", discountCredit: "1.90", total: "-1.90", totalFee: "-1.90")
            + Row(txn: "r2", type: "credit", original: "s1", order: "ORD-9", amount: "-20.00", perTxnCredit: "0.30", total: "-0.30", totalFee: "-0.30")
            + Row(txn: "r3", type: "Refund", amount: "5.00"));

        Assert.Equal(
        [
            "2|s1|principal|USD|10000|2026-10-01|sale|s1|acct:2026-10-03",
            "2|s1|commission|USD|-30|2026-10-01|sale|s1:Per Transaction Fee|acct:2026-10-03",
            "2|s1|commission|USD|-190|2026-10-01|sale|s1:Discount|acct:2026-10-03",
            "3|s1|refund_principal|USD|-10000|2026-10-01|credit|r1|acct:2026-10-03",
            "3|s1|refund_commission|USD|190|2026-10-01|credit|r1:Discount Credit|acct:2026-10-03",
            "4|ORD-9|refund_principal|USD|-2000|2026-10-01|credit|r2|acct:2026-10-03", // already negative: as stated
            "4|ORD-9|refund_commission|USD|30|2026-10-01|credit|r2:Per Transaction Fee Credit|acct:2026-10-03",
            "5|r3|refund_principal|USD|-500|2026-10-01|Refund|r3|acct:2026-10-03",
        ], sink.Lines);
        Assert.Empty(sink.Rejects);
    }

    [Fact]
    public void Total_fees_above_Braintree_own_total_are_an_interchange_line_and_fee_lines_sum_to_minus_the_totals()
    {
        var sink = Read(s_reader, Header
            + Row(txn: "i1", amount: "50.00", discount: "0.0190", perTxn: "0.30", mc: "0.50", mcCredit: "0.10", total: "1.65", totalFee: "2.15"));

        Assert.Equal(
        [
            "2|i1|principal|USD|5000|2026-10-01|sale|i1|acct:2026-10-03",
            "2|i1|commission|USD|-30|2026-10-01|sale|i1:Per Transaction Fee|acct:2026-10-03",
            "2|i1|fx_fee|USD|-50|2026-10-01|sale|i1:Multicurrency Fee Amount|acct:2026-10-03",
            "2|i1|refund_fx_fee|USD|10|2026-10-01|sale|i1:Multicurrency Fee Credit|acct:2026-10-03",
            "2|i1|commission|USD|-95|2026-10-01|sale|i1:Discount|acct:2026-10-03", // 1.65 − 0.30 − 0.50 + 0.10
            "2|i1|interchange|USD|-50|2026-10-01|sale|i1:Interchange|acct:2026-10-03", // 2.15 − 1.65
        ], sink.Lines);
        var fees = sink.Lines.Skip(1).Sum(l => long.Parse(l.Split('|')[4], CultureInfo.InvariantCulture));
        Assert.Equal(-215, fees);
    }

    [Fact]
    public void Bad_values_are_rejected_with_line_column_value_and_reason_and_reading_goes_on()
    {
        var good = Row(txn: "ok", amount: "7.00");
        var sink = Read(s_reader, Header
            + Row(amount: "12.3x")                                   // 2: Settlement Amount
            + Row(currency: "ZZZ")                                   // 3: Settlement Currency
            + Row(settled: "2026-13-01")                             // 4: Settlement Date
            + Row(currency: "JPY", amount: "500.50")                 // 5: more decimals than JPY has
            + Row(perTxn: "x", total: "1.00")                        // 6: Per Transaction Fee
            + Row(discount: "abc")                                   // 7: Discount (rate)
            + Row(perTxn: "0.30", total: "0.10", totalFee: "0.10")   // 8: Braintree Total Amount below the stated fees
            + Row(total: "1.00", totalFee: "0.50")                   // 9: Total Fee Amount below Braintree Total Amount
            + Row(discount: "0.0190", total: "", totalFee: "")       // 10: a rate but no fee total
            + "acct,t9,,sale\n"                                      // 11: short row
            + Row(txn: "")                                           // 12: Transaction ID
            + Row(type: "")                                          // 13: Transaction Type
            + Row(disbursed: "soon")                                 // 14: Disbursement Date
            + Row(presentmentCurrency: "XYZ")                        // 15: Presentment Currency
            + Row(presentmentAmount: "1.2.3")                        // 16: Presentment Amount
            + Row(rate: "\"0,9157\"")                                // 17: Exchange Rate
            + good
            + good.TrimEnd('\n') + ",extra\n");                      // 19: a field too many

        Assert.Equal(
            [(2L, 9, "12.3x"), (3L, 7, "ZZZ"), (4L, 10, "2026-13-01"), (5L, 9, "500.50"), (6L, 26, "x"), (7L, 24, "abc"), (8L, 30, "0.10"),
                (9L, 31, "0.50"), (10L, 30, ""), (11L, 5, "acct,t9,,sale"), (12L, 2, ""), (13L, 4, ""), (14L, 11, "soon"), (15L, 5, "XYZ"),
                (16L, 6, "1.2.3"), (17L, 20, "0,9157"), (19L, 32, good.TrimEnd('\n') + ",extra")],
            sink.Rejects.Select(r => (r.Line, r.Column, r.Value)));
        Assert.Contains("more decimals than the currency allows", sink.Rejects[3].Reason, StringComparison.Ordinal);
        Assert.StartsWith("Per Transaction Fee:", sink.Rejects[4].Reason, StringComparison.Ordinal);
        Assert.Contains("Braintree Total Amount is less than", sink.Rejects[6].Reason, StringComparison.Ordinal);
        Assert.Contains("Total Fee Amount is less than Braintree Total Amount", sink.Rejects[7].Reason, StringComparison.Ordinal);
        Assert.Contains("discount fee cannot be known", sink.Rejects[8].Reason, StringComparison.Ordinal);
        Assert.Equal("18|ok|principal|USD|700|2026-10-01|sale|ok|acct:2026-10-03", Assert.Single(sink.Lines));
        Assert.Equal(Enumerable.Range(2, 18).Select(i => (long)i), sink.RowsSeen); // every row accounted for
    }

    [Fact]
    public void An_amount_too_large_to_combine_with_the_fees_is_rejected_at_its_own_column()
    {
        var sink = Read(s_reader, Header
            + Row(mc: "9000000000000000.00", total: "9000000000000000.00", totalFee: "9000000000000000.00")
            + Row(amount: "-9000000000000000.00"));

        Assert.Equal([(2L, 28), (3L, 9)], sink.Rejects.Select(r => (r.Line, r.Column)));
        Assert.Empty(sink.Lines);
    }

    [Fact]
    public void Zero_rows_and_blank_lines_are_informational_and_a_fee_only_row_gives_only_fee_lines()
    {
        var sink = Read(s_reader, Header
            + Row(amount: "0.00")
            + "\n"
            + Row(txn: "f1", amount: "0.00", perTxn: "0.30", total: "0.30", totalFee: "0.30"));

        Assert.Equal([2L, 3L], sink.Infos.Select(i => i.Line));
        Assert.Equal("4|f1|commission|USD|-30|2026-10-01|sale|f1:Per Transaction Fee|acct:2026-10-03", Assert.Single(sink.Lines));
    }

    [Fact]
    public void Quoted_fields_a_BOM_CRLF_and_columns_in_any_order_are_read_and_the_deposit_id_is_the_settlement()
    {
        var sink = Read(s_reader,
            "\uFEFF\"Settlement Amount\",\"Transaction Type\",\"Transaction ID\",\"Order ID\",\"Settlement Currency\",\"Settlement Date\",\"Disbursement Date\",\"Deposit ID\",\"Issuing Bank\"\r\n"
            + "\"1,085.00\",\"sale\",\"q1\",\"A,B\",\"GBP\",\"2026-10-01\",\"2026-10-02\",\"D-7\",\"The \"\"Big\"\" Bank\"\r\n"
            + "\"2.50\",\"sale\",\"q2\",\"\",\"GBP\",\"2026-10-01 10:11:12\",\"\",\"\",\"\"\r\n");

        Assert.Equal(
        [
            "2|A,B|principal|GBP|108500|2026-10-01|sale|q1|D-7",
            "3|q2|principal|GBP|250|2026-10-01|sale|q2|", // no disbursement date nor deposit id: no settlement
        ], sink.Lines);
        Assert.Equal(["", ""], sink.Markets);
        Assert.Empty(sink.Rejects);
    }

    [Fact]
    public void Each_merchant_account_and_disbursement_date_is_a_settlement_without_a_stated_total()
    {
        var result = Reconcile(s_reader, Header
            + Row(txn: "a", amount: "10.00", perTxn: "0.30", total: "0.30", totalFee: "0.30")
            + Row(txn: "b", amount: "5.00", disbursed: "2026-10-04")
            + Row(txn: "c", amount: "1.00", merchant: "other")
            + Row(txn: "d", amount: "2.00", deposit: "DEP-1"));

        Assert.Equal(["acct:2026-10-03", "acct:2026-10-04", "other:2026-10-03", "DEP-1"], result.SettlementChecks.Select(c => c.SettlementId));
        Assert.All(result.SettlementChecks, c => Assert.Equal(SettlementCheckStatus.NoStatedTotal, c.Status));
        Assert.Equal(Money.FromMinorUnits(970, Currency.USD), result.SettlementChecks[0].LinesTotal);
        Assert.Equal(5, result.Summary.Files[0].Accepted);
        Assert.Empty(result.Rejects);
    }

    [Theory]
    [InlineData("", 1, null)]
    [InlineData("\n\n", 1, null)]
    [InlineData("Merchant Account ID,Transaction ID,Transaction Type,Settlement Currency,Settlement Date,Disbursement Date\nacct,t1,sale,USD,2026-10-01,2026-10-02\n", 1, "Settlement Amount")]
    [InlineData("\nTransaction ID,Transaction Type,Settlement Currency,Settlement Amount,Settlement Date\n", 2, "Disbursement Date")]
    public void A_file_without_the_required_columns_is_an_input_format_error_naming_file_line_and_column(string text, long line, string? missing)
    {
        var error = Assert.Throws<InputFormatException>(() => Read(s_reader, text));
        Assert.Equal(("report.csv", line, 1), (error.Source, error.Line, error.Column));
        if (missing is null)
        {
            Assert.Contains("empty file", error.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"the column '{missing}' is missing", error.Reason, StringComparison.Ordinal);
            Assert.Equal(text.Trim().Split('\n')[0], error.Value);
        }
    }

    [Fact]
    public void Detection_finds_Braintree_from_the_header_only()
    {
        Assert.Equal(SettlementFormat.Braintree, SettlementFormats.Detect(Encoding.UTF8.GetBytes(Header + "acct,")));
        Assert.Equal(SettlementFormat.Braintree, SettlementFormats.Detect(
            "\uFEFF\"Transaction ID\",\"Transaction Type\",\"Settlement Currency\",\"Settlement Amount\",\"Settlement Date\",\"Disbursement Date\",\"Braintree Total Amount\"\r\n"u8));
        Assert.NotEqual(SettlementFormat.Braintree, SettlementFormats.Detect("Transaction ID,Transaction Type,Settlement Amount,Settlement Currency\n"u8));
        Assert.IsType<BraintreeSettlementReader>(SettlementFormats.ReaderFor(SettlementFormat.Braintree));
        Assert.Equal(SettlementFormat.Braintree, SettlementFormats.Parse("braintree"));
        Assert.Equal("braintree", SettlementFormats.NameOf(SettlementFormat.Braintree));
    }

    [Fact]
    public void The_real_pull_report_reads_without_rejects_with_the_exact_figures()
    {
        if (!SharedData.TryGetPath("corpus/settlements/braintree/braintree-pull-report.csv", output, out var path))
        {
            return;
        }
        Assert.Equal(SettlementFormat.Braintree, SettlementFormats.Detect(path));
        var sink = new RecordingSink();
        using (var stream = File.OpenRead(path))
        {
            s_reader.Read(stream, path, ComponentMapping.Default, sink);
        }
        // Checked by hand: 1085.00 USD × 0.9157 = 993.5345 → 993.53 EUR and 2448.00 × 0.9157 = 2241.6336 → 2241.63 EUR
        // settled; the multicurrency fee is 1% of it (9.93, 22.41); the discount-rate fee is what is left of Braintree
        // Total Amount after the 0.30 per-transaction fee and the multicurrency fee: 18.87 = 1.90% of 993.53 (18.877,
        // cut to the cent) and 42.59 = 1.90% of 2241.63 (42.591).
        Assert.Equal(
        [
            "2|abcdef01|principal|EUR|99353|2020-04-06|sale|abcdef01|usd:2020-04-08",
            "2|abcdef01|commission|EUR|-30|2020-04-06|sale|abcdef01:Per Transaction Fee|usd:2020-04-08",
            "2|abcdef01|fx_fee|EUR|-993|2020-04-06|sale|abcdef01:Multicurrency Fee Amount|usd:2020-04-08",
            "2|abcdef01|commission|EUR|-1887|2020-04-06|sale|abcdef01:Discount|usd:2020-04-08",
            "3|abcdef02|principal|EUR|224163|2020-04-07|sale|abcdef02|usd:2020-04-08",
            "3|abcdef02|commission|EUR|-30|2020-04-07|sale|abcdef02:Per Transaction Fee|usd:2020-04-08",
            "3|abcdef02|fx_fee|EUR|-2241|2020-04-07|sale|abcdef02:Multicurrency Fee Amount|usd:2020-04-08",
            "3|abcdef02|commission|EUR|-4259|2020-04-07|sale|abcdef02:Discount|usd:2020-04-08",
        ], sink.Lines);
        Assert.All(sink.Markets, m => Assert.Equal("USD", m));
        Assert.Empty(sink.Rejects);
        Assert.Empty(sink.Infos);
        Assert.Empty(sink.Totals);

        // One disbursement, no stated total: settled 993.53 + 2241.63 − 29.10 − 65.30 = 3140.76 EUR.
        var engine = new ReconciliationEngine();
        engine.AddSettlements(path);
        var result = engine.Complete();
        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(("usd:2020-04-08", SettlementCheckStatus.NoStatedTotal), (check.SettlementId, check.Status));
        Assert.Equal(Money.FromMinorUnits(314076, Currency.EUR), check.LinesTotal);
        Assert.Equal(8, result.Summary.Files[0].Accepted);
        Assert.Empty(result.Rejects);
    }

    /// <summary>A valid report of <paramref name="rows"/> rows: multi-currency sales with fees and credits with returned discount fees.</summary>
    internal static byte[] Generate(int rows)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < rows; i++)
        {
            var amount = 1000 + i % 50_000;
            var sale = i % 5 != 0;
            var discount = amount * 19 / 1000;
            var multicurrency = amount / 100;
            var total = sale ? discount + 30 + multicurrency : -discount;
            text.Append(Row(
                txn: $"t{i}", type: sale ? "sale" : "credit", original: sale ? "" : $"t{i - 1}", presentmentCurrency: "USD", presentmentAmount: M(amount * 100 / 92),
                currency: "EUR", amount: M(amount), settled: $"2026-10-{1 + i % 28:00}", disbursed: $"2026-10-{3 + i % 26:00}", rate: "0.9157",
                order: i % 3 == 0 ? "" : $"ORD-{i / 2}", discount: "0.0190", discountCredit: sale ? "0.00" : M(discount), perTxn: sale ? "0.30" : "0.00",
                mc: sale ? M(multicurrency) : "0.00", total: M(total), totalFee: M(total)));
        }
        return Encoding.UTF8.GetBytes(text.ToString());

        static string M(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
