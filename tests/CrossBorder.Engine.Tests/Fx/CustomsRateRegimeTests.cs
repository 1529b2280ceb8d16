using CrossBorder.Engine.Fx;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Fx;

public class CustomsRateRegimeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("2024-06-15", "2024-05-22")] // May 2024 ends on a Friday: Wednesdays 22 and 29
    [InlineData("2024-06-01", "2024-05-22")]
    [InlineData("2024-06-30", "2024-05-22")]
    [InlineData("2025-01-01", "2024-12-18")] // December 2024 ends on a Tuesday: Wednesdays 18 and 25
    [InlineData("2025-01-31", "2024-12-18")]
    [InlineData("2024-03-15", "2024-02-21")] // February 2024 (leap) ends on Thursday 29: Wednesdays 21 and 28
    [InlineData("2024-08-15", "2024-07-24")] // July 2024 ends on Wednesday 31: the penultimate is the 24th
    [InlineData("2025-03-10", "2025-02-19")] // February 2025 ends on a Friday: Wednesdays 19 and 26
    public void Penultimate_Wednesday_of_the_previous_month(string declaration, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            CustomsRateRegime.PenultimateWednesdayOfPreviousMonth(DateOnly.Parse(declaration, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static ExchangeRateTable SmallTable()
    {
        var table = new ExchangeRateTable();
        table.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m), new DateOnly(2024, 5, 22), new DateOnly(2024, 5, 22));
        table.Add(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0700m), new DateOnly(2024, 6, 10), new DateOnly(2024, 6, 10));
        return table;
    }

    [Fact]
    public void EU_monthly_uses_the_rate_of_the_penultimate_Wednesday_of_the_previous_month()
    {
        var regime = CustomsRateRegime.EuMonthly(SmallTable());

        Assert.Equal(new DateOnly(2024, 5, 22), regime.ReferenceDate(new DateOnly(2024, 6, 10)));
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m), regime.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 6, 10)));
        Assert.True(regime.TryGetRate(Currency.USD, Currency.EUR, new DateOnly(2024, 6, 10), out var inverse));
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m).Inverse(), inverse);
        Assert.False(string.IsNullOrWhiteSpace(regime.Name));
    }

    [Fact]
    public void Rate_of_the_day_uses_the_declaration_date()
    {
        var regime = CustomsRateRegime.RateOfTheDay(SmallTable());

        Assert.Equal(new DateOnly(2024, 6, 10), regime.ReferenceDate(new DateOnly(2024, 6, 10)));
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0700m), regime.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 6, 10)));
        Assert.False(regime.TryGetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 6, 11), out _));
        Assert.False(string.IsNullOrWhiteSpace(regime.Name));
    }

    [Fact]
    public void A_missing_reference_rate_names_the_declaration_date_and_the_reference_date()
    {
        var regime = CustomsRateRegime.EuMonthly(SmallTable());

        var ex = Assert.Throws<MissingExchangeRateException>(() => regime.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 7, 10)));

        Assert.Equal(new DateOnly(2024, 7, 10), ex.Date);
        Assert.Contains("EUR/USD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2024-07-10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2024-06-19", ex.Message, StringComparison.Ordinal); // June 2024 ends on Sunday 30: Wednesdays 19 and 26
    }

    [Fact]
    public void Convert_in_the_same_currency_needs_no_rate()
    {
        var regime = CustomsRateRegime.EuMonthly(new ExchangeRateTable());
        var amount = new Money(12345, Currency.EUR);

        Assert.Equal(amount, regime.Convert(amount, Currency.EUR, new DateOnly(2024, 6, 10), RoundingMode.Unnecessary));
    }

    [Fact]
    public void A_regime_needs_a_table()
    {
        Assert.Throws<ArgumentNullException>(() => CustomsRateRegime.EuMonthly(null!));
    }

    [Theory]
    [InlineData(2024, 6, 1)]
    [InlineData(2024, 6, 10)]
    [InlineData(2024, 6, 30)]
    public void EU_monthly_June_2024_uses_the_ECB_rates_of_22_May_2024(int year, int month, int day)
    {
        if (!SharedData.TryGetPath(RealEcbHistory.RelativePath, output, out var path))
        {
            return;
        }
        var regime = CustomsRateRegime.EuMonthly(RealEcbHistory.Load(path));
        var date = new DateOnly(year, month, day);

        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m), regime.GetRate(Currency.EUR, Currency.USD, date));
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.GBP, 0.85165m), regime.GetRate(Currency.EUR, Currency.GBP, date));
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.JPY, 169.54m), regime.GetRate(Currency.EUR, Currency.JPY, date));
    }

    [Fact]
    public void EU_monthly_converts_a_June_2024_declaration_of_USD_1083_to_EUR_1000()
    {
        if (!SharedData.TryGetPath(RealEcbHistory.RelativePath, output, out var path))
        {
            return;
        }
        var regime = CustomsRateRegime.EuMonthly(RealEcbHistory.Load(path));

        var customsValue = regime.Convert(new Money(108_300, Currency.USD), Currency.EUR, new DateOnly(2024, 6, 10), RoundingMode.HalfUp);

        Assert.Equal(new Money(100_000, Currency.EUR), customsValue);
    }

    [Theory]
    [InlineData(2025, 1, 2)]
    [InlineData(2025, 1, 31)]
    public void EU_monthly_January_2025_uses_the_ECB_rates_of_18_December_2024(int year, int month, int day)
    {
        if (!SharedData.TryGetPath(RealEcbHistory.RelativePath, output, out var path))
        {
            return;
        }
        var regime = CustomsRateRegime.EuMonthly(RealEcbHistory.Load(path));
        var date = new DateOnly(year, month, day);

        Assert.Equal(new DateOnly(2024, 12, 18), regime.ReferenceDate(date));
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0496m), regime.GetRate(Currency.EUR, Currency.USD, date));
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.GBP, 0.8252m), regime.GetRate(Currency.EUR, Currency.GBP, date));
    }

    [Fact]
    public void Rate_of_the_day_over_the_real_history_follows_each_publication_and_weekends_keep_Friday()
    {
        if (!SharedData.TryGetPath(RealEcbHistory.RelativePath, output, out var path))
        {
            return;
        }
        var regime = CustomsRateRegime.RateOfTheDay(RealEcbHistory.Load(path));

        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0864m), regime.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 21)));
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m), regime.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 22)));
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0840m), regime.GetRate(Currency.EUR, Currency.USD, new DateOnly(2024, 5, 25)));
        // $1,083.00 on 21 May 2024 at 1.0864: 108300 / 1.0864 = 99687.04 cents
        Assert.Equal(new Money(99_687, Currency.EUR), regime.Convert(new Money(108_300, Currency.USD), Currency.EUR, new DateOnly(2024, 5, 21), RoundingMode.HalfUp));
    }
}
