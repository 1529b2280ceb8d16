using System.Globalization;
using System.Text;
using System.Text.Json;
using CrossBorder.Engine.Reconciliation;
using static CrossBorder.Engine.Tests.Reconciliation.ReconciliationKit;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>Statuses, exact sums, tolerances, duplicates, currency-mismatch hints, breaks.csv and the summary (issue 4).</summary>
public class ReconciliationOutcomeTests
{
    private const string H = "order_id,component,currency,amount\n";

    [Theory]
    [InlineData(7919)]
    [InlineData(104_729)]
    [InlineData(31)]
    [InlineData(65_537)]
    public void Tens_of_thousands_of_breaks_are_sorted_ordinally_and_the_same_on_one_thread_and_two(int multiplier)
    {
        // Past 8,192 keys to sort, two threads sort a half each and merge them (four spreads of the ids, so that the
        // greatest key falls in either half). Order ids that share their first 8 bytes (ties of the sort prefix, decided
        // by the whole key) and ids shorter than 8 bytes (whose prefix holds the component), in three currencies.
        var expected = new StringBuilder("order_id,component,currency,amount\n");
        var settlement = new StringBuilder("order_id,component,currency,amount\n");
        string[] currencies = ["EUR", "JPY", "KWD"];
        string[] components = ["tax", "principal", "fee"];
        var keys = new List<(string OrderId, string Component, string Currency)>();
        for (var i = 0; i < 7_000; i++)
        {
            var orderId = i % 2 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"ORDER-{(long)i * multiplier % 100_000:D5}")
                : string.Create(CultureInfo.InvariantCulture, $"A{(long)i * multiplier % 9_973}");
            var component = components[i % 3];
            var currency = currencies[i % 3];
            (i % 5 == 0 ? settlement : expected).Append(CultureInfo.InvariantCulture, $"{orderId},{component},{currency},1\n");
            keys.Add((orderId, component, currency));
            // A second component of the same order, on the other side.
            var other = components[(i + 1) % 3];
            (i % 5 == 0 ? expected : settlement).Append(CultureInfo.InvariantCulture, $"{orderId},{other},{currency},2\n");
            keys.Add((orderId, other, currency));
        }
        keys = [.. keys.Distinct()];
        var one = Run(expected.ToString(), settlement.ToString(), new ReconciliationOptions { Threads = 1 });
        var two = Run(expected.ToString(), settlement.ToString(), new ReconciliationOptions { Threads = 2 });

        Assert.True(two.Breaks.Count > 8_192, $"{two.Breaks.Count} breaks");
        Assert.Equal(BreaksCsv(one), BreaksCsv(two));
        var sorted = keys.Order(Comparer<(string OrderId, string Component, string Currency)>.Create((a, b) =>
        {
            var c = CompareUtf8(a.OrderId, b.OrderId);
            c = c != 0 ? c : CompareUtf8(a.Component, b.Component);
            return c != 0 ? c : CompareUtf8(a.Currency, b.Currency);
        })).ToList();
        var broken = two.Breaks.Select(b => (b.OrderId, b.Component, b.Currency.Code)).ToHashSet();
        Assert.Equal(sorted.Where(broken.Contains), two.Breaks.Select(b => (b.OrderId, b.Component, b.Currency.Code)));
    }

    [Fact]
    public void Every_status_is_classified_and_only_breaks_are_written()
    {
        var result = Run(
            H + "A1,principal,EUR,100.00\nA2,principal,EUR,50.00\nA3,principal,EUR,10.00\n",
            H + "A1,principal,EUR,100.00\nA3,principal,EUR,9.99\nA4,principal,EUR,5.00\n");

        Assert.Equal(
            [
                ["A2", "principal", "EUR", "50.00", "", "-50.00", "missing_settlement"],
                ["A3", "principal", "EUR", "10.00", "9.99", "-0.01", "amount_mismatch"],
                ["A4", "principal", "EUR", "", "5.00", "5.00", "unexpected_settlement"],
            ],
            BreakRows(result));
        Assert.Equal(1, Keys(result, BreakStatus.Matched));
        Assert.Equal(1, Keys(result, BreakStatus.MissingSettlement));
        Assert.Equal(1, Keys(result, BreakStatus.UnexpectedSettlement));
        Assert.Equal(1, Keys(result, BreakStatus.AmountMismatch));
        Assert.Null(Break(result, "A2", "principal", "EUR").Settled);
        Assert.Null(Break(result, "A4", "principal", "EUR").Expected);
        Assert.Empty(result.Rejects);
    }

    [Fact]
    public void Each_side_is_summed_exactly_per_key()
    {
        // 0.1 + 0.2 is not 0.3 in binary floating point; KWD has 3 decimals and JPY none.
        var result = Run(
            H + "O1,principal,EUR,0.10\nO1,principal,EUR,0.20\nO2,tax,KWD,1.001\nO2,tax,KWD,1.002\nO3,fee,JPY,100\nO3,fee,JPY,200\nO4,principal,USD,-5.00\nO4,principal,USD,5.00\n",
            H + "O1,principal,EUR,0.30\nO2,tax,KWD,2.003\nO3,fee,JPY,150\nO3,fee,JPY,150\nO4,principal,USD,0\n");

        Assert.Empty(result.Breaks);
        Assert.Equal(4, Keys(result, BreakStatus.Matched));
        Assert.True(result.Summary.Balanced);
    }

    [Fact]
    public void Order_component_and_currency_each_make_a_separate_key()
    {
        var result = Run(
            H + "O1,principal,EUR,10.00\nO1,tax,EUR,1.90\n",
            H + "O1,principal,USD,10.00\nO1,tax,EUR,1.90\nO2,principal,EUR,10.00\n");

        Assert.Equal(
            [
                ["O1", "principal", "EUR", "10.00", "", "-10.00", "missing_settlement"],
                ["O1", "principal", "USD", "", "10.00", "10.00", "unexpected_settlement"],
                ["O2", "principal", "EUR", "", "10.00", "10.00", "unexpected_settlement"],
            ],
            BreakRows(result));
        Assert.Equal(1, Keys(result, BreakStatus.Matched));
    }

    [Theory]
    [InlineData(1, 1 << 22)]
    [InlineData(2, 4096)]
    public void Components_past_the_first_4095_are_held_in_the_key_bytes_and_reconcile_the_same(int threads, int blockSize)
    {
        // The key table gives the first 4,095 distinct components an id (the key's bytes are then only its order id)
        // and keeps later ones in the key's bytes: 6,000 components are keyed both ways, and each way must match,
        // break and sort as (order_id, component, currency) does. Every 13th is missing, every 10th off by a cent,
        // some are settled in a second currency too.
        var expected = new StringBuilder(H);
        var settled = new StringBuilder(H);
        var breaks = new List<string[]>();
        for (var i = 0; i < 6_000; i++)
        {
            var order = string.Create(CultureInfo.InvariantCulture, $"O{i % 50}");
            var component = string.Create(CultureInfo.InvariantCulture, $"c{i}");
            expected.Append(CultureInfo.InvariantCulture, $"{order},{component},EUR,1.00\n");
            if (i % 13 == 0)
            {
                breaks.Add([order, component, "EUR", "1.00", "", "-1.00", "missing_settlement"]);
                continue;
            }
            settled.Append(CultureInfo.InvariantCulture, $"{order},{component},EUR,{(i % 10 == 0 ? "1.01" : "1.00")}\n");
            if (i % 10 == 0)
            {
                breaks.Add([order, component, "EUR", "1.00", "1.01", "0.01", "amount_mismatch"]);
            }
            if (i % 17 == 0)
            {
                settled.Append(CultureInfo.InvariantCulture, $"{order},{component},USD,2.00\n");
                breaks.Add([order, component, "USD", "", "2.00", "2.00", "unexpected_settlement"]);
            }
        }
        breaks.Sort((a, b) => string.CompareOrdinal(string.Join('\0', a[..3]), string.Join('\0', b[..3])));

        var result = Run(expected.ToString(), settled.ToString(), new ReconciliationOptions { Threads = threads, BlockSize = blockSize });

        Assert.Equal(breaks, BreakRows(result));
        Assert.Equal(6_000 - breaks.Count(b => b[6] != "unexpected_settlement"), Keys(result, BreakStatus.Matched));
    }

    [Fact]
    public void A_NUL_byte_in_an_order_id_or_component_is_rejected_not_keyed()
    {
        // NUL separates order_id and component in a key's bytes: ("A\0B", "c") and ("A", "B\0c") would be one key.
        // Each such line is rejected, naming its column and value; the other lines reconcile as usual.
        var result = Run(H + "A\0B,c,EUR,1.00\nX,p,EUR,1.00\n", H + "A,B\0c,EUR,1.00\nX,p,EUR,1.00\n");

        Assert.Empty(result.Breaks);
        Assert.Equal(1, Keys(result, BreakStatus.Matched));
        Assert.Equal(
            [(2L, 1, "A\0B", "NUL byte in order_id (it separates the parts of a key)"), (2L, 2, "B\0c", "NUL byte in component (it separates the parts of a key)")],
            result.Rejects.OrderBy(r => r.Column).Select(r => (r.Line, r.Column, r.Value, r.Reason)));
        Assert.All(result.Summary.Files, f => Assert.Equal((2L, 1L, 1L), (f.LinesRead, f.Accepted, f.Rejected)));
    }

    [Fact]
    public void A_NUL_byte_anywhere_in_an_order_id_or_component_of_any_length_is_rejected()
    {
        // The check reads 16 bytes at a time from 16 bytes on (the last read overlapping the one before): a NUL at
        // every position of every length from 1 to 40, in either field, and the same fields without one.
        var expected = new StringBuilder(H);
        var rejected = new List<(long Line, int Column)>();
        var line = 1;
        for (var length = 1; length <= 40; length++)
        {
            for (var at = 0; at < length; at++)
            {
                var text = new string('a', at) + "\0" + new string('b', length - at - 1);
                expected.Append(CultureInfo.InvariantCulture, $"{text},c,EUR,1.00\nO{length},{text},EUR,1.00\n");
                rejected.Add((++line, 1));
                rejected.Add((++line, 2));
            }
            expected.Append(CultureInfo.InvariantCulture, $"{new string('z', length)},{new string('y', length)},EUR,1.00\n");
            line++;
        }
        var result = Run(expected.ToString(), H, SingleThread);

        Assert.Equal(rejected, result.Rejects.Select(r => (r.Line, r.Column)));
        Assert.Equal(40, Keys(result, BreakStatus.MissingSettlement));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_break_reports_the_exact_line_counts_of_a_key_with_hundreds_of_lines(int threads)
    {
        // An entry counts 254 lines a side itself; past that its table counts them (breaks.csv shows the exact count).
        var expected = new StringBuilder(H);
        var settlement = new StringBuilder(H);
        for (var i = 0; i < 300; i++)
        {
            expected.Append("A,principal,EUR,1.00\n");
        }
        for (var i = 0; i < 255; i++)
        {
            settlement.Append("A,principal,EUR,1.00\n");
        }
        expected.Append("B,principal,EUR,1.00\n");
        var result = Run(expected.ToString(), settlement.ToString(), new ReconciliationOptions { Threads = threads, BlockSize = 1024 });

        var a = Break(result, "A", "principal", "EUR");
        Assert.Equal((300L, 255L, BreakStatus.AmountMismatch), (a.ExpectedLines, a.SettledLines, a.Status));
        var b = Break(result, "B", "principal", "EUR");
        Assert.Equal((1L, 0L, BreakStatus.MissingSettlement), (b.ExpectedLines, b.SettledLines, b.Status));
    }

    [Fact]
    public void Zero_tolerance_by_default_breaks_on_one_minor_unit()
    {
        var result = Run(H + "O1,principal,EUR,10.00\nO2,principal,JPY,10\nO3,principal,KWD,1.000\n",
            H + "O1,principal,EUR,10.01\nO2,principal,JPY,9\nO3,principal,KWD,1.001\n", new ReconciliationOptions { Threads = 1 });

        Assert.Equal(3, Keys(result, BreakStatus.AmountMismatch));
        Assert.Equal(["0.01", "-1", "0.001"], BreakRows(result).Select(r => r[5]));
    }

    [Fact]
    public void Absolute_tolerance_is_in_major_units_at_each_currency_precision()
    {
        var options = new ReconciliationOptions { Threads = 1, Tolerance = 0.01m };
        var result = Run(
            H + "E1,principal,EUR,10.00\nE2,principal,EUR,10.00\nE3,principal,EUR,10.00\nE4,principal,EUR,10.00\n"
              + "J1,principal,JPY,1000\nJ2,principal,JPY,1000\nK1,principal,KWD,1.000\nK2,principal,KWD,1.000\n",
            H + "E1,principal,EUR,10.01\nE2,principal,EUR,10.02\nE3,principal,EUR,9.99\nE4,principal,EUR,9.98\n"
              + "J1,principal,JPY,1001\nJ2,principal,JPY,1000\nK1,principal,KWD,1.010\nK2,principal,KWD,0.989\n",
            options);

        // EUR: 0.01 matches, 0.02 does not, in either direction. JPY: 0.01 yen is less than one minor unit, so only an
        // exact match matches. KWD: 0.01 is 10 fils, so 0.010 matches and 0.011 does not.
        Assert.Equal(
            [
                ["E2", "principal", "EUR", "10.00", "10.02", "0.02", "amount_mismatch"],
                ["E4", "principal", "EUR", "10.00", "9.98", "-0.02", "amount_mismatch"],
                ["J1", "principal", "JPY", "1000", "1001", "1", "amount_mismatch"],
                ["K2", "principal", "KWD", "1.000", "0.989", "-0.011", "amount_mismatch"],
            ],
            BreakRows(result));
        Assert.Equal(4, Keys(result, BreakStatus.Matched));
    }

    [Fact]
    public void Per_currency_tolerance_in_minor_units_overrides_the_absolute_tolerance()
    {
        var options = new ReconciliationOptions
        {
            Threads = 1,
            Tolerance = 1m,
            TolerancePerCurrency = new Dictionary<Currency, long> { [Currency.USD] = 5, [Currency.EUR] = 0 },
        };
        var result = Run(
            H + "U1,principal,USD,10.00\nU2,principal,USD,10.00\nE1,principal,EUR,10.00\nG1,principal,GBP,10.00\nG2,principal,GBP,10.00\n",
            H + "U1,principal,USD,10.05\nU2,principal,USD,9.94\nE1,principal,EUR,10.01\nG1,principal,GBP,11.00\nG2,principal,GBP,11.01\n",
            options);

        // USD: 5 cents; EUR: 0 overrides the 1.00 absolute tolerance; GBP falls back to 1.00.
        Assert.Equal(["E1", "G2", "U2"], BreakRows(result).Select(r => r[0]));
        Assert.All(result.Breaks, b => Assert.Equal(BreakStatus.AmountMismatch, b.Status));
        Assert.Equal(2, Keys(result, BreakStatus.Matched));
    }

    [Fact]
    public void Percentage_tolerance_is_of_the_absolute_expected_amount_with_the_boundary_included()
    {
        var options = new ReconciliationOptions { Threads = 1, TolerancePercent = 0.5m };
        var result = Run(
            H + "P1,principal,EUR,200.00\nP2,principal,EUR,200.00\nP3,principal,EUR,200.00\nP4,refund,EUR,-200.00\nP5,refund,EUR,-200.00\nP6,fee,EUR,0.00\n",
            H + "P1,principal,EUR,201.00\nP2,principal,EUR,198.99\nP3,principal,EUR,199.00\nP4,refund,EUR,-201.00\nP5,refund,EUR,-198.99\nP6,fee,EUR,0.01\n",
            options);

        // 0.5% of 200.00 is 1.00: a difference of 1.00 matches, 1.01 does not; the sign of expected does not matter;
        // 0.5% of zero is zero.
        Assert.Equal(
            [
                ["P2", "principal", "EUR", "200.00", "198.99", "-1.01", "amount_mismatch"],
                ["P5", "refund", "EUR", "-200.00", "-198.99", "1.01", "amount_mismatch"],
                ["P6", "fee", "EUR", "0.00", "0.01", "0.01", "amount_mismatch"],
            ],
            BreakRows(result));
        Assert.Equal(3, Keys(result, BreakStatus.Matched));
    }

    [Fact]
    public void A_difference_within_either_tolerance_matches()
    {
        var options = new ReconciliationOptions { Threads = 1, Tolerance = 0.05m, TolerancePercent = 0.5m };
        var result = Run(
            H + "S1,principal,EUR,2.00\nS2,principal,EUR,2.00\nL1,principal,EUR,200.00\nL2,principal,EUR,200.00\n",
            H + "S1,principal,EUR,2.05\nS2,principal,EUR,2.06\nL1,principal,EUR,201.00\nL2,principal,EUR,201.01\n",
            options);

        // S1 is within the absolute 0.05 (0.5% of 2.00 is 0.01); L1 within 0.5% of 200.00 (but not within 0.05).
        Assert.Equal(["L2", "S2"], BreakRows(result).Select(r => r[0]));
        Assert.Equal(2, Keys(result, BreakStatus.Matched));
    }

    [Fact]
    public void Tolerances_never_turn_a_missing_or_unexpected_key_into_a_match()
    {
        var options = new ReconciliationOptions { Threads = 1, Tolerance = 1000m, TolerancePercent = 100m };
        var result = Run(H + "O1,principal,EUR,0.00\n", H + "O2,principal,EUR,0.00\n", options);

        Assert.Equal(
            [
                ["O1", "principal", "EUR", "0.00", "", "0.00", "missing_settlement"],
                ["O2", "principal", "EUR", "", "0.00", "0.00", "unexpected_settlement"],
            ],
            BreakRows(result));
    }

    [Fact]
    public void Duplicate_settlement_lines_by_ref_are_reported_within_a_key_without_changing_the_outcome()
    {
        const string header = "order_id,component,currency,amount,ref\n";
        var result = Run(
            header + "O1,principal,EUR,10.00,\nO2,principal,EUR,10.00,\nO3,principal,EUR,20.00,\n",
            header
            + "O1,principal,EUR,10.00,T-1\nO1,principal,EUR,10.00,T-1\nO1,principal,EUR,10.00,T-1\n" // the same ref three times: two duplicates
            + "O2,principal,EUR,10.00,T-1\n"                                                           // the same ref in another key: not a duplicate
            + "O3,principal,EUR,10.00,T-2\nO3,principal,EUR,10.00,T-3\n");                               // same amount, different refs: not duplicates

        var o1 = Break(result, "O1", "principal", "EUR");
        Assert.Equal(BreakStatus.AmountMismatch, o1.Status); // duplicates still count in the sum
        Assert.Equal(30_00, o1.Settled!.Value.MinorUnits);
        Assert.Equal(2, o1.DuplicateLines);
        Assert.Equal(3, o1.SettledLines);
        Assert.Equal(2, result.Summary.DuplicateLines);
        Assert.Equal(2, Keys(result, BreakStatus.Matched)); // O2 and O3
    }

    [Fact]
    public void Duplicate_settlement_lines_without_ref_are_the_same_key_amount_and_date()
    {
        const string header = "order_id,component,currency,amount,date\n";
        var result = Run(
            header + "O1,principal,EUR,40.00,\nO2,principal,EUR,20.00,\nO3,principal,EUR,20.00,\nO4,principal,EUR,20.00,\n",
            header
            + "O1,principal,EUR,10.00,2024-01-31\nO1,principal,EUR,10.0,2024-01-31\nO1,principal,EUR,10.00,2024-02-01\nO1,principal,EUR,10.00,\n"
            + "O2,principal,EUR,10.00,2024-01-31\nO2,principal,EUR,10.00,2024-01-31\n"
            + "O3,principal,EUR,10.00,2024-01-31\nO3,principal,EUR,10.01,2024-01-31\n"
            + "O4,principal,EUR,10.00,\nO4,principal,EUR,10.00,\n");

        // O1: 10.00 and 10.0 on the same date are the same amount (one duplicate); another date or no date is not.
        // O2: a matched key with a duplicate; O3: different amounts; O4: the same amount with no date twice.
        var o3 = Break(result, "O3", "principal", "EUR");
        Assert.Equal(0, o3.DuplicateLines);
        Assert.Equal(BreakStatus.AmountMismatch, o3.Status);
        Assert.Single(result.Breaks);
        Assert.Equal(3, Keys(result, BreakStatus.Matched));
        Assert.Equal(3, result.Summary.DuplicateLines); // O1, O2, O4
    }

    [Fact]
    public void Expected_lines_are_never_duplicates()
    {
        var result = Run(H + "O1,principal,EUR,10.00\nO1,principal,EUR,10.00\n", H);
        Assert.Equal(0, result.Summary.DuplicateLines);
        Assert.Equal(2, Assert.Single(result.Breaks).ExpectedLines);
    }

    [Fact]
    public void A_currency_mismatch_is_hinted_on_both_keys_without_changing_their_status()
    {
        var result = Run(
            H + "O1,principal,EUR,100.00\nO2,principal,EUR,10.00\nO3,principal,EUR,10.00\nO5,principal,EUR,1.00\n",
            H + "O1,principal,USD,108.00\nO1,principal,GBP,86.00\nO2,tax,USD,10.00\nO4,principal,USD,10.00\nO5,principal,EUR,1.00\nO5,principal,USD,1.08\n");

        var eur = Break(result, "O1", "principal", "EUR");
        var usd = Break(result, "O1", "principal", "USD");
        var gbp = Break(result, "O1", "principal", "GBP");
        Assert.Equal(BreakStatus.MissingSettlement, eur.Status);
        Assert.Equal(BreakStatus.UnexpectedSettlement, usd.Status);
        Assert.Contains("USD", eur.CurrencyMismatch, StringComparison.Ordinal);
        Assert.Contains("GBP", eur.CurrencyMismatch, StringComparison.Ordinal);
        Assert.Contains("EUR", usd.CurrencyMismatch, StringComparison.Ordinal);
        Assert.Contains("EUR", gbp.CurrencyMismatch, StringComparison.Ordinal);

        // Another component, another order, or a currency that was also settled in the expected currency: no hint.
        Assert.Equal("", Break(result, "O2", "principal", "EUR").CurrencyMismatch);
        Assert.Equal("", Break(result, "O2", "tax", "USD").CurrencyMismatch);
        Assert.Equal("", Break(result, "O3", "principal", "EUR").CurrencyMismatch);
        Assert.Equal("", Break(result, "O4", "principal", "USD").CurrencyMismatch);
        Assert.Equal("", Break(result, "O5", "principal", "USD").CurrencyMismatch);
        Assert.Equal(3, result.Summary.CurrencyMismatchKeys);

        // The hint is written in breaks.csv (the last column).
        var rows = ParseCsv(Encoding.UTF8.GetString(BreaksCsv(result)));
        var column = Array.IndexOf(rows[0], "currency_mismatch");
        Assert.True(column >= 7);
        Assert.Contains("USD", rows.Single(r => r[0] == "O1" && r[2] == "EUR")[column], StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_are_written_with_the_currency_minor_digits()
    {
        var result = Run(
            H + "O1,principal,JPY,1500\nO2,principal,KWD,1.5\nO3,principal,EUR,1.5\nO4,principal,EUR,-0.5\n",
            H + "O1,principal,JPY,1499.0\nO2,principal,KWD,1.49900\nO3,principal,EUR,2\nO4,principal,EUR,0.5\n");

        Assert.Equal(
            [
                ["O1", "principal", "JPY", "1500", "1499", "-1", "amount_mismatch"],
                ["O2", "principal", "KWD", "1.500", "1.499", "-0.001", "amount_mismatch"],
                ["O3", "principal", "EUR", "1.50", "2.00", "0.50", "amount_mismatch"],
                ["O4", "principal", "EUR", "-0.50", "0.50", "1.00", "amount_mismatch"],
            ],
            BreakRows(result));
    }

    [Fact]
    public void Breaks_are_sorted_by_order_component_and_currency_in_UTF8_byte_order()
    {
        // U+FF21 sorts before U+1F600 in UTF-8 (EF.. < F0..) but after it in UTF-16 (FF21 > D83D); "A" sorts before
        // "A!" as an order id even though "A!" + "a" sorts before "A" + "z" when the fields are concatenated.
        string[] orders = ["😀", "\uFF21", "é", "b", "B", "a,b", "A!", "A", "O-9", "O-10"];
        var settled = new StringBuilder(H);
        foreach (var order in orders)
        {
            settled.Append(Quote(order)).Append(",z,USD,1.00\n");
            settled.Append(Quote(order)).Append(",a,USD,1.00\n");
            settled.Append(Quote(order)).Append(",a,EUR,1.00\n");
            settled.Append(Quote(order)).Append(",a,JPY,1\n");
        }
        var result = Run(H, settled.ToString());

        var sorted = orders.Order(Comparer<string>.Create(CompareUtf8)).ToArray();
        Assert.Equal(["A", "A!", "B", "O-10", "O-9", "a,b", "b", "é", "\uFF21", "😀"], sorted);
        var expected = sorted.SelectMany(o => new[] { (o, "a", "EUR"), (o, "a", "JPY"), (o, "a", "USD"), (o, "z", "USD") }).ToArray();
        Assert.Equal(expected, result.Breaks.Select(b => (b.OrderId, b.Component, b.Currency.Code)));
        Assert.Equal(expected, BreakRows(result).Select(r => (r[0], r[1], r[2])));
    }

    [Fact]
    public void The_summary_counts_files_keys_and_totals_per_currency_market_and_category()
    {
        const string header = "order_id,component,currency,amount,market,category\n";
        var result = Run(
            header + "O1,principal,EUR,100.00,DE,toys\nO2,principal,EUR,50.00,FR,books\nO3,principal,JPY,1000,JP,toys\nbad,principal,EUR,x,DE,toys\n",
            header + "O1,principal,EUR,100.00,DE,toys\nO2,principal,EUR,49.00,FR,books\nO4,principal,JPY,500,JP,\n");
        var s = result.Summary;

        Assert.True(s.Balanced);
        Assert.Equal(
            [
                new ReconciliationFileStats(ExpectedName, ReconciliationSide.Expected, 4, 3, 1),
                new ReconciliationFileStats(SettlementName, ReconciliationSide.Settlement, 3, 3, 0),
            ],
            s.Files);
        Assert.Equal(1, s.KeysByStatus[BreakStatus.Matched]);
        Assert.Equal(1, s.KeysByStatus[BreakStatus.AmountMismatch]);
        Assert.Equal(1, s.KeysByStatus[BreakStatus.MissingSettlement]);
        Assert.Equal(1, s.KeysByStatus[BreakStatus.UnexpectedSettlement]);

        static (string, string, string, string, string, long, long) Row(CurrencyTotals t) =>
            (t.Group, t.Currency.Code, t.Expected.ToString("N", CultureInfo.InvariantCulture), t.Settled.ToString("N", CultureInfo.InvariantCulture), t.Difference.ToString("N", CultureInfo.InvariantCulture), t.Keys, t.BrokenKeys);

        Assert.Equal(
            [("", "EUR", "150.00", "149.00", "-1.00", 2L, 1L), ("", "JPY", "1000", "500", "-500", 2L, 2L)],
            s.ByCurrency.Select(Row));
        Assert.Equal(
            [("DE", "EUR", "100.00", "100.00", "0.00", 1L, 0L), ("FR", "EUR", "50.00", "49.00", "-1.00", 1L, 1L), ("JP", "JPY", "1000", "500", "-500", 2L, 2L)],
            s.ByMarket.Select(Row));
        Assert.Equal(
            [("", "JPY", "0", "500", "500", 1L, 1L), ("books", "EUR", "50.00", "49.00", "-1.00", 1L, 1L), ("toys", "EUR", "100.00", "100.00", "0.00", 1L, 0L), ("toys", "JPY", "1000", "0", "-1000", 1L, 1L)],
            s.ByCategory.Select(Row));

        using var json = JsonDocument.Parse(SummaryJson(result));
        var root = json.RootElement;
        Assert.True(root.GetProperty("balanced").GetBoolean());
        Assert.Equal(1, root.GetProperty("files")[0].GetProperty("rejected").GetInt64());
        Assert.Equal(4, root.GetProperty("files")[0].GetProperty("lines_read").GetInt64());
        Assert.Equal(1, root.GetProperty("keys").GetProperty("amount_mismatch").GetInt64());
        Assert.Equal("-1.00", root.GetProperty("by_currency")[0].GetProperty("difference").GetString());
    }

    [Fact]
    public void A_key_takes_the_smallest_non_empty_market_and_category_of_its_lines()
    {
        const string header = "order_id,component,currency,amount,market,category\n";
        var result = Run(header + "O1,principal,EUR,1.00,FR,\nO1,principal,EUR,1.00,,toys\n", header + "O1,principal,EUR,1.00,DE,books\n");
        var b = Assert.Single(result.Breaks);
        Assert.Equal(("DE", "books"), (b.Market, b.Category));
    }

    [Fact]
    public void The_engine_cannot_be_used_after_Complete()
    {
        var engine = new ReconciliationEngine(SingleThread);
        engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes(H + "O1,principal,EUR,1.00\n")), ExpectedName);
        Assert.Single(engine.Complete().Breaks);
        Assert.Throws<InvalidOperationException>(engine.Complete);
        Assert.Throws<InvalidOperationException>(() => engine.Add(ReconciliationSide.Settlement, new MemoryStream(Encoding.UTF8.GetBytes(H)), SettlementName));
    }
}
