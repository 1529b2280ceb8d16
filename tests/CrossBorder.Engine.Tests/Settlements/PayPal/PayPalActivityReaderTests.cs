using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.PayPal;
using CrossBorder.Engine.Text;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Settlements.SettlementTestKit;

namespace CrossBorder.Engine.Tests.Settlements.PayPal;

public class PayPalActivityReaderTests(ITestOutputHelper output)
{
    private static readonly PayPalActivityReader s_reader = new();

    private const string ActivityHeader = "\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"From Email Address\",\"To Email Address\",\"Transaction ID\",\"Address Status\",\"Sales Tax\",\"Reference Txn ID\",\"Invoice Number\",\"Receipt ID\",\"Balance\"";

    private static string Activity(string date, string type, string status, string currency, string gross, string fee, string net, string txn, string reference = "", string invoice = "", string balance = "0.00") =>
        $"\"{date}\",\"10:00:00\",\"PDT\",\"N\",\"{type}\",\"{status}\",\"{currency}\",\"{gross}\",\"{fee}\",\"{net}\",\"a@b\",\"c@d\",\"{txn}\",\"\",\"\",\"{reference}\",\"{invoice}\",\"\",\"{balance}\"";

    private const string SpanishHeader = "\"Fecha\",\"Hora\",\"Zona horaria\",\"Descripción\",\"Divisa\",\"Bruto\",\"Comisión\",\"Neto\",\"Saldo\",\"Id. de transacción\",\"Correo electrónico del remitente\",\"Nombre\",\"Nombre del banco\",\"Cuenta bancaria\",\"Importe de envío y manipulación\",\"Impuesto de ventas\",\"Id. de factura\",\"Id. de referencia de trans.\",,,";

    [Fact]
    public void English_payment_gives_gross_and_fee_lines_keyed_by_invoice()
    {
        var sink = Read(s_reader, ActivityHeader + "\n" + Activity("12/31/2020", "Website Payment", "Completed", "USD", "1,653.75", "-73.07", "1,580.68", "TID4", "RTID1", "31"));

        Assert.Equal(
        [
            "2 31 principal USD 165375 2020-12-31 Website Payment TID4 USD",
            "2 31 fee USD -7307 2020-12-31 Website Payment TID4:fee USD",
        ], sink.Lines);
        Assert.Empty(sink.Rejects);
    }

    [Fact]
    public void Day_first_dates_are_proved_by_the_data_even_when_the_first_rows_are_ambiguous()
    {
        var text = string.Join('\n', ActivityHeader,
            Activity("02/03/2021", "General Payment", "Completed", "USD", "10.00", "0.00", "10.00", "T1"),
            Activity("25/03/2021", "General Payment", "Completed", "USD", "5.00", "0.00", "5.00", "T2"));
        var sink = Read(s_reader, text);

        Assert.Equal(
        [
            "2 T1 principal USD 1000 2021-03-02 General Payment T1 USD",
            "3 T2 principal USD 500 2021-03-25 General Payment T2 USD",
        ], sink.Lines);
    }

    [Fact]
    public void Month_first_dates_are_proved_by_the_data_and_a_contradicting_date_is_rejected()
    {
        var text = string.Join('\n', ActivityHeader,
            Activity("02/03/2021", "General Payment", "Completed", "USD", "10.00", "0.00", "10.00", "T1"),
            Activity("10/19/2021", "General Payment", "Completed", "USD", "5.00", "0.00", "5.00", "T2"),
            Activity("19/10/2021", "General Payment", "Completed", "USD", "5.00", "0.00", "5.00", "T3"));
        var sink = Read(s_reader, text);

        Assert.Equal(
        [
            "2 T1 principal USD 1000 2021-02-03 General Payment T1 USD",
            "3 T2 principal USD 500 2021-10-19 General Payment T2 USD",
        ], sink.Lines);
        Assert.Equal(["4:1 '19/10/2021' Date is not a month-first date (M/d/yyyy) as the file's other dates are"], sink.Rejects);
    }

    [Fact]
    public void Without_evidence_an_unseekable_english_file_is_month_first_and_a_spanish_one_day_first()
    {
        var english = Encoding.UTF8.GetBytes(ActivityHeader + "\n" + Activity("02/03/2021", "General Payment", "Completed", "USD", "10.00", "0.00", "10.00", "T1"));
        var sink = new SettlementTestKit.RecordingSink();
        s_reader.Read(new ForwardOnlyStream(english), "x.csv", ComponentMapping.Default, sink);
        Assert.Equal(["2 T1 principal USD 1000 2021-02-03 General Payment T1 USD"], sink.Lines);

        var spanish = Encoding.UTF8.GetBytes(SpanishHeader + "\n\"2/1/2020\",\"11:05:56\",\"Europe/Berlin\",\"Pago estándar\",\"EUR\",\"1.049,37\",\"-1,78\",\"1.047,59\",\"4.626,81\",\"TID1\",\"a@b\",\"P\",\"\",\"\",\"0,00\",\"0,00\",\"\",\"\"");
        sink = new SettlementTestKit.RecordingSink();
        s_reader.Read(new ForwardOnlyStream(spanish), "x.csv", ComponentMapping.Default, sink);
        Assert.Equal(
        [
            "2 TID1 principal EUR 104937 2020-01-02 Pago estándar TID1 EUR",
            "2 TID1 fee EUR -178 2020-01-02 Pago estándar TID1:fee EUR",
        ], sink.Lines);
    }

    [Fact]
    public void Currency_conversion_rows_are_lines_in_each_currency_on_the_key_of_what_they_fund()
    {
        var text = string.Join('\n', ActivityHeader,
            Activity("9/4/2018", "General Withdrawal - Bank Account", "Completed", "EUR", "-1,058.09", "0.00", "-1,058.09", "TID1", balance: "-1,057.34"),
            Activity("9/4/2018", "General Currency Conversion", "Completed", "EUR", "1,058.09", "0.00", "1,058.09", "TID2", "TID1", balance: "0.75"),
            Activity("9/4/2018", "General Currency Conversion", "Completed", "USD", "-1,261.00", "0.00", "-1,261.00", "TID10", "TID1", balance: "0.93"));
        var result = Reconcile(s_reader, new MemoryStream(Encoding.UTF8.GetBytes(text)), "a.csv");

        Assert.Empty(result.Rejects);
        Assert.Equal(3, result.Summary.Files[0].Accepted);
        var checks = result.SettlementChecks.ToDictionary(c => c.Currency.Code);
        Assert.Equal(Money.Zero(Currency.EUR), checks["EUR"].LinesTotal);
        Assert.Equal(Money.FromMinorUnits(-126100, Currency.USD), checks["USD"].LinesTotal);
        // The Balance column states each currency's movement: EUR 0.75 − (−1,057.34 + 1,058.09) = 0, USD 0.93 − (0.93 + 1,261.00).
        Assert.All(checks.Values, c => Assert.Equal(SettlementCheckStatus.Balanced, c.Status));
        Assert.Equal(Money.FromMinorUnits(-126100, Currency.USD), checks["USD"].StatedTotal);
        var sink = Read(s_reader, text);
        Assert.Equal(
        [
            "2 TID1 withdrawal EUR -105809 2018-09-04 General Withdrawal - Bank Account TID1 EUR",
            "3 TID1 fx_conversion EUR 105809 2018-09-04 General Currency Conversion TID2 EUR",
            "4 TID1 fx_conversion USD -126100 2018-09-04 General Currency Conversion TID10 USD",
        ], sink.Lines);
    }

    [Fact]
    public void Spanish_conversion_maps_through_its_accented_name()
    {
        var text = SpanishHeader + "\n\"3/1/2020\",\"09:44:24\",\"Europe/Berlin\",\"Conversión de divisa general\",\"EUR\",\"22,47\",\"0,00\",\"22,47\",\"4.710,30\",\"TID4\",\"\",\"\",\"\",\"\",\"0,00\",\"0,00\",\"\",\"TID3\"";
        var sink = Read(s_reader, text);
        Assert.Equal(["2 TID3 fx_conversion EUR 2247 2020-01-03 Conversión de divisa general TID4 EUR"], sink.Lines);
    }

    [Fact]
    public void Bad_values_and_no_money_statuses()
    {
        var text = string.Join('\n', ActivityHeader,
            Activity("1/2/2021", "General Payment", "Completed", "USD", "10.00", "-1.00", "9.50", "T1"),
            Activity("1/2/2021", "General Payment", "Completed", "USDX", "10.00", "0.00", "10.00", "T2"),
            Activity("1/2/2021", "General Payment", "Completed", "USD", "ten", "0.00", "10.00", "T3"),
            Activity("1/2/2021", "General Payment", "Denied", "USD", "10.00", "0.00", "10.00", "T4"),
            Activity("2021/13/01", "General Payment", "Completed", "USD", "10.00", "0.00", "10.00", "T5"),
            "\"1/2/2021\",\"10:00:00\"",
            Activity("1/2/2021", "Mystery Thing", "Completed", "USD", "1.00", "0.00", "1.00", "T6"));
        var sink = Read(s_reader, text);

        Assert.Equal(
        [
            "2:10 '9.50' Gross + Fee does not equal Net",
            "3:7 'USDX' not an ISO 4217 currency code",
            "4:8 'ten' Gross is not an amount in the file's number format",
            "6:1 '2021/13/01' Date is not a month-first date (M/d/yyyy) as the file's other dates are",
            "7:3 '_' the row ends before the last required column (Date, Type, Currency, Gross, Transaction ID); a truncated row",
        ], sink.Rejects);
        Assert.Equal(["5 a denied, cancelled or failed transaction: no money moved"], sink.Infos);
        Assert.Equal(["8 T6 unmapped:mystery_thing USD 100 2021-01-02 Mystery Thing T6 USD"], sink.Lines);
    }

    [Fact]
    public void The_balance_chain_states_a_total_oldest_first_or_newest_first_and_none_when_broken()
    {
        var oldestFirst = string.Join('\n', ActivityHeader,
            Activity("1/2/2021", "General Payment", "Completed", "USD", "10.00", "-1.00", "9.00", "T1", balance: "109.00"),
            Activity("1/3/2021", "General Payment", "Completed", "USD", "5.00", "0.00", "5.00", "T2", balance: "114.00"));
        Assert.Equal(["USD USD 1400 3 PayPal Balance column: closing balance − opening balance"], Read(s_reader, oldestFirst).Totals);

        var newestFirst = string.Join('\n', ActivityHeader,
            Activity("1/3/2021", "General Payment", "Completed", "USD", "5.00", "0.00", "5.00", "T2", balance: "114.00"),
            Activity("1/2/2021", "General Payment", "Completed", "USD", "10.00", "-1.00", "9.00", "T1", balance: "109.00"));
        Assert.Equal(["USD USD 1400 3 PayPal Balance column: closing balance − opening balance"], Read(s_reader, newestFirst).Totals);
        var check = Assert.Single(Reconcile(s_reader, new MemoryStream(Encoding.UTF8.GetBytes(newestFirst)), "n.csv").SettlementChecks);
        Assert.Equal(SettlementCheckStatus.Balanced, check.Status);

        var broken = string.Join('\n', ActivityHeader,
            Activity("1/2/2021", "General Payment", "Completed", "USD", "10.00", "-1.00", "9.00", "T1", balance: "109.00"),
            Activity("1/3/2021", "General Payment", "Completed", "USD", "5.00", "0.00", "5.00", "T2", balance: "120.00"));
        Assert.Empty(Read(s_reader, broken).Totals);
    }

    [Fact]
    public void A_rejected_row_breaks_the_balance_chain_so_no_total_is_stated()
    {
        var text = string.Join('\n', ActivityHeader,
            Activity("1/2/2021", "General Payment", "Completed", "USD", "10.00", "-1.00", "9.00", "T1", balance: "109.00"),
            Activity("1/3/2021", "General Payment", "Completed", "USD", "5.00", "0.00", "5.0x", "T2", balance: "114.00"),
            Activity("1/4/2021", "General Payment", "Completed", "USD", "1.00", "0.00", "1.00", "T3", balance: "115.00"));
        var result = Reconcile(s_reader, new MemoryStream(Encoding.UTF8.GetBytes(text)), "r.csv");
        var check = Assert.Single(result.SettlementChecks);
        Assert.Single(result.Rejects);
        // T1 → T3 skips T2: the chain (109.00 + 1.00 ≠ 115.00) is broken, so no total is stated rather than a wrong one.
        Assert.Equal(SettlementCheckStatus.NoStatedTotal, check.Status);
    }

    [Fact]
    public void Header_only_file_gives_no_lines_and_no_error_and_a_non_paypal_file_is_an_input_format_error()
    {
        var sink = Read(s_reader, ActivityHeader + "\n");
        Assert.Empty(sink.RowsSeen);

        var e = Assert.Throws<InputFormatException>(() => Read(s_reader, "\"When\",\"Amount\"\n\"1/1/2020\",\"1.00\"\n"));
        Assert.Equal(1, e.Line);
        Assert.Throws<InputFormatException>(() => Read(s_reader, ""));
    }

    // Found by PayPalReaderFuzzProperties (random edits): a CSV quoting error escaped naming "stream", not the file,
    // from the first pass (before the header) or the reading pass (after it).
    [Theory]
    [InlineData("\"Date\"x,\"Gross\"\n", 1)]
    [InlineData(ActivityHeader + "\n\"1/2/2021\",\"10:00:00\"x\n", 2)]
    [InlineData(ActivityHeader + "\n\"1/2/2021\",\"10:00:00\n", 2)]
    public void A_CSV_quoting_error_names_the_file_and_its_line(string text, long line)
        => AssertErrorNamesTheFile(s_reader, Encoding.UTF8.GetBytes(text), line);

    [Fact]
    public void Detection()
    {
        Assert.Equal(SettlementFormat.PayPalActivity, SettlementFormats.Detect(Encoding.UTF8.GetBytes(ActivityHeader + "\n")));
        Assert.Equal(SettlementFormat.PayPalActivity, SettlementFormats.Detect(Encoding.UTF8.GetBytes("\uFEFF" + SpanishHeader + "\n")));
    }

    // The corpus: every CSV under paypal/. For each file the lines of each currency must sum to the movement of the
    // file's own Balance column (last balance − (first balance − first net)); the figures were computed independently
    // from the files (Python, decimal). The reader states that movement as each currency's total, so every check
    // must balance.
    [Theory]
    [InlineData("activity-en.csv", 76, 102, "USD=190;EUR=4334;AUD=0")]
    [InlineData("statement-en.csv", 19, 26, "EUR=0;USD=28030")]
    [InlineData("statement-es.csv", 4, 8, "EUR=13108")]
    [InlineData("paypal-custom.csv", 7, 8, "USD=941")]
    [InlineData("empty-activity.csv", 0, 0, "")]
    public void Corpus_files_read_without_rejects_and_sum_to_their_balance_movement(string file, int rows, int lines, string sums)
    {
        if (!SharedData.TryGetPath("corpus/settlements/paypal/" + file, output, out var path))
        {
            return;
        }
        Assert.Equal(SettlementFormat.PayPalActivity, SettlementFormats.Detect(path));
        var bytes = File.ReadAllBytes(path);
        var sink = Read(s_reader, bytes);
        Assert.Empty(sink.Rejects);
        Assert.Equal(rows, sink.RowsSeen.Count);
        Assert.Equal(DataRows(bytes).Count, sink.RowsSeen.Count);
        Assert.Equal(lines, sink.Lines.Count);
        Assert.DoesNotContain(sink.Lines, l => l.Contains("unmapped", StringComparison.Ordinal));

        var engine = new ReconciliationEngine();
        engine.AddSettlements(path);
        var result = engine.Complete();
        Assert.Empty(result.Rejects);
        var actual = string.Join(';', result.SettlementChecks.Select(c => $"{c.Currency.Code}={c.LinesTotal.MinorUnits}"));
        Assert.Equal(sums, actual);
        // The Balance column proves each currency's total: every check balances, one per currency (id = the code).
        Assert.All(result.SettlementChecks, c =>
        {
            Assert.Equal(SettlementCheckStatus.Balanced, c.Status);
            Assert.Equal(c.Currency.Code, c.SettlementId);
        });
    }

    [Fact]
    public void Reading_allocates_nothing_per_line()
    {
        static byte[] Generate(int rows)
        {
            var sb = new StringBuilder(ActivityHeader).Append('\n');
            long balance = 0;
            for (var i = 0; i < rows; i++)
            {
                balance += 1580_68;
                var b = (balance / 100).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "." + (balance % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                sb.Append(Activity("12/31/2020", i % 3 == 0 ? "Website Payment" : "Express Checkout Payment", "Completed", "USD", "1,653.75", "-73.07", "1,580.68",
                    "TID" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "", "INV" + (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture), b)).Append('\n');
            }
            return Encoding.UTF8.GetBytes(sb.ToString());
        }
        var small = Generate(2_000);
        var large = Generate(20_000);
        var mapping = ComponentMapping.Default.Clone();
        long Measure(byte[] bytes, int rows)
        {
            var stream = new MemoryStream(bytes);
            var sink = new SettlementTestKit.CountingSink();
            var before = GC.GetAllocatedBytesForCurrentThread();
            s_reader.Read(stream, "gen.csv", mapping, sink);
            var after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(2 * rows, sink.Accepted);
            Assert.Equal(1, sink.Stated);
            return after - before;
        }
        Measure(small, 2_000);
        Measure(large, 20_000);
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var a = Measure(small, 2_000);
            var b = Measure(large, 20_000);
            output.WriteLine($"2,000 rows: {a} bytes; 20,000 rows: {b} bytes");
            if (b - a < 1024)
            {
                return;
            }
            attempts.Add($"20,000 rows allocated {b} bytes, 2,000 rows {a} bytes");
        }
        Assert.Fail(string.Join("; then ", attempts));
    }
}
