using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Reconciliation;

namespace CrossBorder.Engine.Tests.Reconciliation;

/// <summary>An order expected in one currency and settled in another, matched through dated exchange rates.</summary>
public class ReconciliationFxTests
{
    private const string Expected = "order_id,component,currency,amount\nA,principal,EUR,100.00\nB,principal,EUR,100.00\nC,principal,EUR,50.00\nD,principal,EUR,10.00\n";

    // A: USD 108.30 on 2024-06-10 at EUR/USD 1.0830 is exactly EUR 100.00. B: USD 120.00 is EUR 110.80, 10.8% off.
    // C: settled in USD without a date (no rate can be chosen). D: settled in GBP, for which there is no rate.
    private const string Settled = "order_id,component,currency,amount,date\nA,principal,USD,108.30,2024-06-10\nB,principal,USD,120.00,2024-06-10\nC,principal,USD,54.00,\nD,principal,GBP,8.50,2024-06-10\n";

    private static ExchangeRateTable Rates()
    {
        var rates = new ExchangeRateTable();
        rates.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m), new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 30));
        return rates;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_pair_within_the_fx_tolerance_is_fx_matched_and_its_fx_figures_are_reported(int threads)
    {
        var result = ReconciliationKit.Run(Expected, Settled, new ReconciliationOptions { Threads = threads, BlockSize = 1024, Rates = Rates() });

        var expected = ReconciliationKit.Break(result, "A", "principal", "EUR");
        var settled = ReconciliationKit.Break(result, "A", "principal", "USD");
        Assert.Equal(BreakStatus.FxMatched, expected.Status);
        Assert.Equal(BreakStatus.FxMatched, settled.Status);
        Assert.Equal(Money.FromMinorUnits(10000, Currency.EUR), expected.FxSettledConverted);
        Assert.Equal(Money.FromMinorUnits(0, Currency.EUR), expected.FxDifference);
        Assert.Equal("USD/EUR 0.9233610342 on 2024-06-10", expected.FxRate);
        Assert.Equal(2, ReconciliationKit.Keys(result, BreakStatus.FxMatched));
        Assert.True(result.Summary.Balanced);
    }

    [Fact]
    public void A_pair_outside_the_tolerance_keeps_its_statuses_and_still_shows_the_fx_difference()
    {
        var result = ReconciliationKit.Run(Expected, Settled, new ReconciliationOptions { Threads = 1, Rates = Rates() });

        var expected = ReconciliationKit.Break(result, "B", "principal", "EUR");
        Assert.Equal(BreakStatus.MissingSettlement, expected.Status);
        Assert.Equal(BreakStatus.UnexpectedSettlement, ReconciliationKit.Break(result, "B", "principal", "USD").Status);
        Assert.Equal(Money.FromMinorUnits(11080, Currency.EUR), expected.FxSettledConverted);  // 120.00 / 1.0830 = 110.803…
        Assert.Equal(Money.FromMinorUnits(1080, Currency.EUR), expected.FxDifference);

        // A wider tolerance (11%) matches it.
        var wide = ReconciliationKit.Run(Expected, Settled, new ReconciliationOptions { Threads = 1, Rates = Rates(), FxTolerancePercent = 11m });
        Assert.Equal(BreakStatus.FxMatched, ReconciliationKit.Break(wide, "B", "principal", "EUR").Status);
    }

    [Fact]
    public void Without_a_date_or_a_rate_or_a_table_the_pair_is_only_hinted()
    {
        var result = ReconciliationKit.Run(Expected, Settled, new ReconciliationOptions { Threads = 1, Rates = Rates() });
        foreach (var order in new[] { "C", "D" })
        {
            var b = ReconciliationKit.Break(result, order, "principal", "EUR");
            Assert.Equal(BreakStatus.MissingSettlement, b.Status);
            Assert.Equal("", b.FxRate);
            Assert.Null(b.FxDifference);
            Assert.StartsWith("settled in ", b.CurrencyMismatch, StringComparison.Ordinal);
        }

        var noTable = ReconciliationKit.Run(Expected, Settled, new ReconciliationOptions { Threads = 1 });
        Assert.Equal(0, ReconciliationKit.Keys(noTable, BreakStatus.FxMatched));
        Assert.Equal(BreakStatus.MissingSettlement, ReconciliationKit.Break(noTable, "A", "principal", "EUR").Status);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_third_currency_of_the_order_and_component_even_matched_or_without_outcome_means_no_pair(int threads)
    {
        // E is expected in EUR and settled in USD (a pair on its own, as A is) but also matched in GBP; F's third key
        // (JPY) has no outcome, its only line rejected because the JPY total (G's line) would overflow. Neither is an FX pair: only an order and component
        // with exactly two keys is. The third key is not a break, but the engine must still see it.
        const string expected = "order_id,component,currency,amount\nE,principal,EUR,100.00\nE,principal,GBP,5.00\nF,principal,EUR,100.00\nG,principal,JPY,9223372036854775807\nF,principal,JPY,1\n";
        const string settled = "order_id,component,currency,amount,date\nE,principal,USD,108.30,2024-06-10\nE,principal,GBP,5.00,2024-06-10\nF,principal,USD,108.30,2024-06-10\n";
        var result = ReconciliationKit.Run(expected, settled, new ReconciliationOptions { Threads = threads, BlockSize = 1024, Rates = Rates() });

        Assert.Equal(0, ReconciliationKit.Keys(result, BreakStatus.FxMatched));
        Assert.Equal(BreakStatus.MissingSettlement, ReconciliationKit.Break(result, "E", "principal", "EUR").Status);
        Assert.Equal(BreakStatus.UnexpectedSettlement, ReconciliationKit.Break(result, "E", "principal", "USD").Status);
        Assert.Equal("", ReconciliationKit.Break(result, "E", "principal", "EUR").FxRate);
        Assert.Equal(BreakStatus.MissingSettlement, ReconciliationKit.Break(result, "F", "principal", "EUR").Status);
        Assert.Equal("", ReconciliationKit.Break(result, "F", "principal", "EUR").FxRate);
        Assert.Single(result.Rejects);
        Assert.Equal(1, ReconciliationKit.Keys(result, BreakStatus.Matched));
    }

    [Fact]
    public void Breaks_csv_carries_the_fx_columns()
    {
        var result = ReconciliationKit.Run(Expected, Settled, new ReconciliationOptions { Threads = 1, Rates = Rates() });
        var text = System.Text.Encoding.UTF8.GetString(ReconciliationKit.BreaksCsv(result));
        Assert.StartsWith(ReconciliationResult.BreaksHeader + "\n", text, StringComparison.Ordinal);
        Assert.EndsWith(",fx_rate,fx_settled_converted,fx_difference", ReconciliationResult.BreaksHeader, StringComparison.Ordinal);
        Assert.Contains("A,principal,EUR,100.00,,-100.00,fx_matched,,,1,0,0,fx pair: expected in EUR; settled in USD,USD/EUR 0.9233610342 on 2024-06-10,100.00,0.00\n", text, StringComparison.Ordinal);
    }
}
