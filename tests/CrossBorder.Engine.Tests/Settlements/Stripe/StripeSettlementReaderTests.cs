using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Stripe;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Settlements.ProviderTestKit;

namespace CrossBorder.Engine.Tests.Settlements.Stripe;

public class StripeSettlementReaderTests(ITestOutputHelper output)
{
    private static readonly StripeSettlementReader s_reader = new();

    private const string Header =
        "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,source_id,description,charge_id,payment_intent_id,automatic_payout_id,customer_facing_amount,customer_facing_currency,payment_metadata[order_id]\n";

    [Fact]
    public void Each_row_gives_a_gross_line_and_a_fee_line_with_keys_refs_and_dates()
    {
        var sink = Read(s_reader, Header
            + "txn_1,2026-10-01 08:26:29,2026-10-03 00:00:00,usd,12.34,0.66,11.68,charge,ch_1,Payment,ch_1,pi_1,po_1,12.34,usd,ORD-1\n"
            + "txn_2,2026-10-02 09:00:00,2026-10-04 00:00:00,usd,-5.00,0.00,-5.00,refund,re_1,REFUND FOR PAYMENT,ch_1,pi_1,po_1,,,\n"
            + "txn_3,2026-10-02 23:59:59,2026-10-04 00:00:00,usd,-1.50,0.00,-1.50,fee,,Radar,,,po_1,,,\n");

        Assert.Equal(
        [
            "2|ORD-1|principal|USD|1234|2026-10-01|charge|txn_1|po_1",
            "2|ORD-1|fee|USD|-66|2026-10-01|charge|txn_1:fee|po_1",
            "3|pi_1|refund_principal|USD|-500|2026-10-02|refund|txn_2|po_1",
            "4|po_1|fee|USD|-150|2026-10-02|fee|txn_3|po_1",
        ], sink.Lines);
        Assert.Empty(sink.Rejects);
        Assert.Empty(sink.Totals);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_extra_ones_ignored_and_optional_ones_may_be_absent()
    {
        var sink = Read(s_reader,
            "\uFEFF\"Reporting_Category\",\"extra\",\"GROSS\",\"currency\",\"created_utc\",\"balance_transaction_id\",\"source_id\"\r\n"
            + "\"charge\",\"x,y\",\"1,000.00\",\"eur\",\"2026-10-01 00:00:00\",\"txn_9\",\"py_9\"\r\n"
            + "\"charge\",\"\",\"7.10\",\"EUR\",\"2026-10-01T00:00:00Z\",\"txn_10\",\"\"\r\n");

        Assert.Equal("3|txn_10|principal|EUR|710|2026-10-01|charge|txn_10|", Assert.Single(sink.Lines));
        var reject = Assert.Single(sink.Rejects);
        Assert.Equal((2L, 3, "1,000.00"), (reject.Line, reject.Column, reject.Value)); // no grouping in Stripe amounts
    }

    [Fact]
    public void Bad_values_are_rejected_with_line_column_and_reason_and_reading_goes_on()
    {
        var sink = Read(s_reader, Header
            + "txn_1,2026-10-01 00:00:00,,usd,12.3x,0.00,,charge,,,,,po_1,,,\n"
            + "txn_2,2026-10-01 00:00:00,,xxx,1.00,0.00,,charge,,,,,po_1,,,\n"
            + "txn_3,2026-13-01 00:00:00,,usd,1.00,0.00,,charge,,,,,po_1,,,\n"
            + "txn_4,2026-10-01 00:00:00,,usd,1.00,0.10,0.80,charge,,,,,po_1,,,\n"
            + "txn_5,2026-10-01 00:00:00,,usd,1.00,zz,,charge,,,,,po_1,,,\n"
            + "txn_6,2026-10-01 00:00:00,,usd\n"
            + "txn_7,2026-10-01 00:00:00,,usd,2.00,0.00,2.00,charge,,,,,po_1,,,\n");

        Assert.Equal(
            [(2L, 5, "12.3x"), (3L, 4, "xxx"), (4L, 2, "2026-13-01 00:00:00"), (5L, 7, "0.80"), (6L, 6, "zz"), (7L, 5, "txn_6,2026-10-01 00:00:00,,usd")],
            sink.Rejects.Select(r => (r.Line, r.Column, r.Value)));
        Assert.Contains("net is not gross", sink.Rejects[3].Reason, StringComparison.Ordinal);
        Assert.Equal("8|po_1|principal|USD|200|2026-10-01|charge|txn_7|po_1", Assert.Single(sink.Lines));
    }

    [Fact]
    public void More_decimals_than_the_currency_has_are_rejected_but_exact_trailing_zeros_are_accepted()
    {
        var sink = Read(s_reader, Header
            + "txn_1,2026-10-01 00:00:00,,jpy,500.00,0.00,500.00,charge,,,,,,,,A\n"
            + "txn_2,2026-10-01 00:00:00,,jpy,500.50,0.00,500.50,charge,,,,,,,,B\n"
            + "txn_3,2026-10-01 00:00:00,,usd,1.005,0.00,1.005,charge,,,,,,,,C\n");

        Assert.Equal("2|A|principal|JPY|500|2026-10-01|charge|txn_1|", Assert.Single(sink.Lines));
        Assert.Equal([(3L, 5), (4L, 5)], sink.Rejects.Select(r => (r.Line, r.Column)));
        Assert.All(sink.Rejects, r => Assert.Contains("more decimals than the currency allows", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_rows_and_blank_lines_are_informational_and_a_fee_only_row_gives_only_the_fee_line()
    {
        var sink = Read(s_reader, Header
            + "txn_1,2026-10-01 00:00:00,,usd,0.00,0.00,0.00,charge,,,,,po_1,,,A\n"
            + "\n"
            + "txn_2,2026-10-01 00:00:00,,usd,0.00,0.30,-0.30,charge,,,,,po_1,,,B\n");

        Assert.Equal([2L, 3L], sink.Infos.Select(i => i.Line));
        Assert.Equal("4|B|fee|USD|-30|2026-10-01|charge|txn_2:fee|po_1", Assert.Single(sink.Lines));
    }

    private const string Payout =
        "txn_1,2026-10-01 10:00:00,,eur,100.00,3.20,96.80,charge,ch_1,,ch_1,pi_1,po_1,,,O1\n"
        + "txn_2,2026-10-02 10:00:00,,eur,-20.00,0.00,-20.00,refund,re_1,,ch_1,pi_1,po_1,,,O1\n"
        + "txn_3,2026-10-02 11:00:00,,eur,-2.00,0.00,-2.00,dispute,dp_1,,ch_2,pi_2,po_1,,,O2\n"
        + "txn_4,2026-10-05 00:00:00,,eur,50.00,1.00,49.00,charge,ch_3,,ch_3,pi_3,po_2,,,O3\n";

    [Fact]
    public void A_payout_row_states_minus_its_net_as_the_total_and_the_payout_balances()
    {
        var text = Header + Payout
            + "txn_p1,2026-10-06 00:00:00,,eur,-74.80,0.00,-74.80,payout,po_1,STRIPE PAYOUT,,,,,,\n"
            + "txn_p2,2026-10-07 00:00:00,,eur,-49.00,0.00,-49.00,payout,po_2,STRIPE PAYOUT,,,,,,\n";

        var sink = Read(s_reader, text);
        Assert.Equal(["6|po_1|EUR|7480", "7|po_2|EUR|4900"], sink.Totals);

        var result = Reconcile(s_reader, text);
        Assert.Equal(["po_1", "po_2"], result.SettlementChecks.Select(c => c.SettlementId));
        Assert.All(result.SettlementChecks, c => Assert.Equal(SettlementCheckStatus.Balanced, c.Status));
        Assert.Equal(4, result.SettlementChecks[0].Lines); // charge, its fee, refund, dispute
        Assert.Equal(6, result.Summary.Files[0].Accepted);
        Assert.Empty(result.Rejects);
    }

    [Fact]
    public void A_payout_that_does_not_match_its_lines_is_a_mismatch_with_the_difference()
    {
        var result = Reconcile(s_reader, Header + Payout + "txn_p1,2026-10-06 00:00:00,,eur,-75.80,0.00,-75.80,payout,po_1,,,,,,,\n");

        var check = result.SettlementChecks.Single(c => c.SettlementId == "po_1");
        Assert.Equal(SettlementCheckStatus.SettlementTotalMismatch, check.Status);
        Assert.Equal(Money.FromMinorUnits(7580, Currency.EUR), check.StatedTotal);
        Assert.Equal(Money.FromMinorUnits(7480, Currency.EUR), check.LinesTotal);
        Assert.Contains("1.00", check.Note, StringComparison.Ordinal);
        Assert.Equal(SettlementCheckStatus.NoStatedTotal, result.SettlementChecks.Single(c => c.SettlementId == "po_2").Status);
    }

    [Fact]
    public void A_payout_row_without_any_id_is_informational()
    {
        var sink = Read(s_reader, "balance_transaction_id,created_utc,currency,gross,reporting_category\ntxn_p,2026-10-06 00:00:00,usd,-5.00,payout\n");
        Assert.Equal(2L, Assert.Single(sink.Infos).Line);
        Assert.Empty(sink.Lines);
        Assert.Empty(sink.Totals);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("\n\n", 1)]
    [InlineData("balance_transaction_id,created_utc,currency,net,reporting_category\ntxn_1,2026-10-01,usd,1.00,charge\n", 1)]
    [InlineData("\nid,amount\n", 2)]
    public void A_file_without_a_Stripe_header_is_an_input_format_error_naming_file_and_line(string text, long line)
    {
        var error = Assert.Throws<InputFormatException>(() => Read(s_reader, text));
        Assert.Equal("report.csv", error.Source);
        Assert.Equal(line, error.Line);
        Assert.Equal(1, error.Column);
        if (text.Trim().Length > 0)
        {
            Assert.Contains("gross", error.Reason, StringComparison.Ordinal);
            Assert.Equal(text.Trim().Split('\n')[0], error.Value);
        }
    }

    [Fact]
    public void Detection_finds_Stripe_from_the_header_only()
    {
        Assert.Equal(SettlementFormat.Stripe, SettlementFormats.Detect(Encoding.UTF8.GetBytes(Header + "txn_1,")));
        Assert.Equal(SettlementFormat.Stripe, SettlementFormats.Detect("\uFEFF\"balance_transaction_id\",\"currency\",\"gross\",\"reporting_category\"\r\n"u8));
        Assert.NotEqual(SettlementFormat.Stripe, SettlementFormats.Detect("order_id,component,currency,amount\n"u8));
        Assert.IsType<StripeSettlementReader>(SettlementFormats.ReaderFor(SettlementFormat.Stripe));
    }

    [Fact]
    public void The_real_balance_change_report_reads_without_rejects()
    {
        if (!SharedData.TryGetPath("corpus/settlements/stripe/stripe-balance-change.csv", output, out var path))
        {
            return;
        }
        Assert.Equal(SettlementFormat.Stripe, SettlementFormats.Detect(path));
        RecordingSink sink;
        using (var stream = File.OpenRead(path))
        {
            sink = new RecordingSink();
            s_reader.Read(stream, path, ComponentMapping.Default, sink);
        }
        Assert.Equal(
        [
            "2|txn_14G11HjubSIHf9IKrvJdwN|principal|USD|1200|2020-01-23|charge|txn_14G11HjubSIHf9IKrvJdwN|",
            "3|txn_14G11HjHgubIH9ZvbPgYO7|refund_principal|USD|-77|2020-01-23|refund|txn_14G11HjHgubIH9ZvbPgYO7|",
        ], sink.Lines);
        Assert.Empty(sink.Rejects);
        Assert.Empty(sink.Infos);

        // The balance-change report has no automatic_payout_id column and no payout row: one settlement without a
        // stated total, so the check can only say so.
        var engine = new ReconciliationEngine();
        engine.AddSettlements(path);
        var result = engine.Complete();
        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(SettlementCheckStatus.NoStatedTotal, check.Status);
        Assert.Equal(Money.FromMinorUnits(1123, Currency.USD), check.LinesTotal);
        Assert.Empty(result.Rejects);
    }

    [Fact]
    public void Reading_allocates_nothing_per_line()
    {
        var small = Generate(2_000);
        var large = Generate(20_000);
        var mapping = ComponentMapping.Default.Clone();
        Measure(small, mapping); // warm up: JIT, mapping cache
        Measure(large, mapping);
        // Up to five measurements: code not yet recompiled at tier 1 may allocate a few KB in all on one read (seen once
        // in a full run on a loaded machine), which is not per line. An allocation per line (18,000 lines × at least
        // 24 B) shows in every attempt.
        long a = 0, b = 0;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            a = Measure(small, mapping);
            b = Measure(large, mapping);
            output.WriteLine($"attempt {attempt}: 2,000 lines {a} bytes; 20,000 lines {b} bytes");
            if (b - a < 1024)
            {
                break;
            }
        }
        Assert.True(b - a < 1024, $"20,000 lines allocated {b} bytes, 2,000 lines {a}: {b - a} bytes more");

        static long Measure(byte[] file, ComponentMapping mapping)
        {
            var sink = new CountingSink();
            var before = GC.GetAllocatedBytesForCurrentThread();
            s_reader.Read(new MemoryStream(file, writable: false), "gen.csv", mapping, sink);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, sink.Rejected);
            return allocated;
        }
    }

    /// <summary>A valid Stripe file of about <paramref name="lines"/> money lines (charges with fees, refunds, payouts).</summary>
    internal static byte[] Generate(int lines)
    {
        var text = new StringBuilder(Header);
        var random = new Random(lines);
        var written = 0;
        for (var i = 0; written < lines; i++)
        {
            var category = (i % 5) switch { 0 or 1 or 2 => "charge", 3 => "refund", _ => "dispute" };
            var gross = random.Next(1, 100_000) * (category == "charge" ? 1 : -1);
            var fee = category == "charge" ? gross / 30 : 0;
            text.Append(CultureInfo.InvariantCulture,
                $"txn_{i},2026-10-{1 + i % 28:00} 12:00:00,,usd,{gross / 100m:0.00},{fee / 100m:0.00},{(gross - fee) / 100m:0.00},{category},ch_{i},Payment {i},ch_{i},pi_{i},po_{i / 1000},,,ORD-{i / 2}\n");
            written += fee == 0 ? 1 : 2;
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
