using CrossBorder.Engine.Fx;

namespace CrossBorder.Engine.Tests.Fx;

public class ExchangeRateTableTests
{
    private static readonly DateOnly June1 = new(2024, 6, 1);
    private static readonly DateOnly June30 = new(2024, 6, 30);
    private static readonly DateOnly July1 = new(2024, 7, 1);
    private static readonly DateOnly July31 = new(2024, 7, 31);

    private static ExchangeRate Eur(string quote, decimal rate) => ExchangeRate.FromDecimal(Currency.EUR, Currency.FromCode(quote), rate);

    private static ExchangeRateTable JuneAndJuly()
    {
        var table = new ExchangeRateTable();
        table.Add(Eur("USD", 1.0830m), June1, June30);
        table.Add(Eur("USD", 1.0700m), July1, July31);
        table.Add(Eur("GBP", 0.85165m), June1, June30);
        return table;
    }

    [Theory]
    [InlineData(2024, 6, 1, "1.0830")]
    [InlineData(2024, 6, 15, "1.0830")]
    [InlineData(2024, 6, 30, "1.0830")]
    [InlineData(2024, 7, 1, "1.0700")]
    [InlineData(2024, 7, 31, "1.0700")]
    public void A_stored_rate_is_found_inside_its_window(int year, int month, int day, string expected)
    {
        var rate = JuneAndJuly().GetRate(Currency.EUR, Currency.USD, new DateOnly(year, month, day));

        Assert.Equal(Eur("USD", decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), rate);
    }

    [Theory]
    [InlineData(2024, 5, 31)]
    [InlineData(2024, 8, 1)]
    public void Outside_every_window_the_rate_is_missing(int year, int month, int day)
    {
        var table = JuneAndJuly();
        var date = new DateOnly(year, month, day);

        Assert.False(table.TryGetRate(Currency.EUR, Currency.USD, date, out _));
        var ex = Assert.Throws<MissingExchangeRateException>(() => table.GetRate(Currency.EUR, Currency.USD, date));
        Assert.Equal(Currency.EUR, ex.Base);
        Assert.Equal(Currency.USD, ex.Quote);
        Assert.Equal(date, ex.Date);
    }

    [Fact]
    public void Missing_rate_message_names_the_pair_and_the_date()
    {
        var table = JuneAndJuly();

        var ex = Assert.Throws<MissingExchangeRateException>(() => table.GetRate(Currency.USD, Currency.JPY, new DateOnly(2024, 6, 10)));

        Assert.Contains("USD/JPY", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2024-06-10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_inverse_pair_is_found_exactly()
    {
        var rate = JuneAndJuly().GetRate(Currency.USD, Currency.EUR, new DateOnly(2024, 6, 10));

        Assert.Equal(Currency.USD, rate.Base);
        Assert.Equal(Currency.EUR, rate.Quote);
        Assert.Equal(1000, rate.Numerator);
        Assert.Equal(1083, rate.Denominator);
    }

    [Fact]
    public void A_cross_rate_goes_through_the_EUR_pivot_exactly()
    {
        // USD→GBP = 1000/1083 × 85165/100000 = 17033/21660
        var table = JuneAndJuly();

        var rate = table.GetRate(Currency.USD, Currency.GBP, new DateOnly(2024, 6, 10));

        Assert.Equal(Currency.USD, rate.Base);
        Assert.Equal(Currency.GBP, rate.Quote);
        Assert.Equal(17033, rate.Numerator);
        Assert.Equal(21660, rate.Denominator);
        Assert.Equal(rate.Inverse(), table.GetRate(Currency.GBP, Currency.USD, new DateOnly(2024, 6, 10)));
    }

    [Fact]
    public void A_cross_rate_needs_both_legs_on_the_date()
    {
        // GBP is only known in June
        Assert.False(JuneAndJuly().TryGetRate(Currency.USD, Currency.GBP, new DateOnly(2024, 7, 10), out _));
    }

    [Fact]
    public void A_cross_rate_can_use_another_pivot()
    {
        var table = new ExchangeRateTable(Currency.USD);
        table.Add(ExchangeRate.FromDecimal(Currency.USD, Currency.JPY, 150m), June1, June30);
        table.Add(ExchangeRate.FromDecimal(Currency.USD, Currency.CHF, 0.9m), June1, June30);

        var rate = table.GetRate(Currency.JPY, Currency.CHF, new DateOnly(2024, 6, 10));

        Assert.Equal(Currency.USD, table.Pivot);
        Assert.Equal(3, rate.Numerator);   // 0.9/150 = 3/500
        Assert.Equal(500, rate.Denominator);
    }

    [Fact]
    public void The_same_currency_is_the_identity()
    {
        var rate = new ExchangeRateTable().GetRate(Currency.SEK, Currency.SEK, June1);

        Assert.Equal(ExchangeRate.Identity(Currency.SEK), rate);
    }

    [Theory]
    [InlineData(2024, 6, 15, 2024, 7, 15)] // overlaps both
    [InlineData(2024, 6, 1, 2024, 6, 1)]   // same start
    [InlineData(2024, 5, 1, 2024, 6, 1)]   // ends on the first day of June
    [InlineData(2024, 7, 31, 2024, 8, 31)] // starts on the last day of July
    [InlineData(2024, 6, 10, 2024, 6, 20)] // inside June
    [InlineData(2024, 5, 1, 2024, 8, 31)]  // around both
    public void Overlapping_windows_are_rejected(int fromYear, int fromMonth, int fromDay, int toYear, int toMonth, int toDay)
    {
        var table = JuneAndJuly();
        var count = table.Count;

        var ex = Assert.Throws<ArgumentException>(() => table.Add(Eur("USD", 1.1m), new DateOnly(fromYear, fromMonth, fromDay), new DateOnly(toYear, toMonth, toDay)));

        Assert.Contains("overlaps", ex.Message, StringComparison.Ordinal);
        Assert.Equal(count, table.Count);
    }

    [Fact]
    public void Adjacent_windows_are_accepted_in_any_order()
    {
        var table = new ExchangeRateTable();
        table.Add(Eur("USD", 1.07m), July1, July31);
        table.Add(Eur("USD", 1.08m), new DateOnly(2024, 8, 1));
        table.Add(Eur("USD", 1.09m), June1, June30);

        Assert.Equal(3, table.Count);
        Assert.Equal(Eur("USD", 1.09m), table.GetRate(Currency.EUR, Currency.USD, June30));
        Assert.Equal(Eur("USD", 1.07m), table.GetRate(Currency.EUR, Currency.USD, July1));
        Assert.Equal(Eur("USD", 1.08m), table.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 8, 1)));
        Assert.False(table.TryGetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 8, 2), out _));
    }

    [Fact]
    public void Empty_windows_and_self_rates_are_rejected()
    {
        var table = new ExchangeRateTable();

        Assert.Throws<ArgumentException>(() => table.Add(Eur("USD", 1.08m), June30, June1));
        Assert.Throws<ArgumentException>(() => table.Add(ExchangeRate.Identity(Currency.EUR), June1, June30));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Window_start_is_known_for_the_pair_and_its_inverse()
    {
        var table = JuneAndJuly();

        Assert.True(table.TryGetWindowStart(Currency.EUR, Currency.USD, new DateOnly(2024, 7, 20), out var start));
        Assert.Equal(July1, start);
        Assert.True(table.TryGetWindowStart(Currency.USD, Currency.EUR, new DateOnly(2024, 6, 20), out start));
        Assert.Equal(June1, start);
        Assert.False(table.TryGetWindowStart(Currency.EUR, Currency.USD, new DateOnly(2024, 9, 1), out _));
    }

    [Fact]
    public void The_default_pivot_is_EUR()
    {
        Assert.Equal(Currency.EUR, new ExchangeRateTable().Pivot);
    }
}
