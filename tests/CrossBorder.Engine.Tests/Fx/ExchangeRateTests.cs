using CrossBorder.Engine.Fx;

namespace CrossBorder.Engine.Tests.Fx;

public class ExchangeRateTests
{
    private static readonly ExchangeRate EurUsd = ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.0830m);
    private static readonly ExchangeRate EurGbp = ExchangeRate.FromDecimal(Currency.EUR, Currency.GBP, 0.85165m);
    private static readonly ExchangeRate EurJpy = ExchangeRate.FromDecimal(Currency.EUR, Currency.JPY, 169.54m);

    [Fact]
    public void FromDecimal_is_the_exact_published_fraction()
    {
        Assert.Equal(Currency.EUR, EurUsd.Base);
        Assert.Equal(Currency.USD, EurUsd.Quote);
        Assert.Equal(1083, EurUsd.Numerator);
        Assert.Equal(1000, EurUsd.Denominator);
        Assert.Equal(17033, EurGbp.Numerator);   // 0.85165 = 85165/100000 = 17033/20000
        Assert.Equal(20000, EurGbp.Denominator);
        Assert.Equal(8477, EurJpy.Numerator);    // 169.54 = 16954/100 = 8477/50
        Assert.Equal(50, EurJpy.Denominator);
        Assert.Equal(ExchangeRate.FromRatio(Currency.EUR, Currency.USD, 108_300_000, 100_000_000), EurUsd);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1.0830")]
    public void Rates_must_be_positive(string rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExchangeRate.FromRatio(Currency.EUR, Currency.USD, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExchangeRate.FromRatio(Currency.EUR, Currency.USD, 1, -1));
    }

    [Fact]
    public void Inverse_is_exact()
    {
        var usdEur = EurUsd.Inverse();

        Assert.Equal(Currency.USD, usdEur.Base);
        Assert.Equal(Currency.EUR, usdEur.Quote);
        Assert.Equal(1000, usdEur.Numerator);
        Assert.Equal(1083, usdEur.Denominator);
        Assert.Equal(EurUsd, usdEur.Inverse());
    }

    [Fact]
    public void Then_chains_into_an_exact_cross_rate()
    {
        // GBP→USD = (EUR→GBP)⁻¹ then EUR→USD = 20000/17033 × 1083/1000 = 21660/17033
        var gbpUsd = EurGbp.Inverse().Then(EurUsd);

        Assert.Equal(Currency.GBP, gbpUsd.Base);
        Assert.Equal(Currency.USD, gbpUsd.Quote);
        Assert.Equal(21660, gbpUsd.Numerator);
        Assert.Equal(17033, gbpUsd.Denominator);
    }

    [Fact]
    public void Then_needs_matching_currencies()
    {
        var ex = Assert.Throws<CurrencyMismatchException>(() => EurUsd.Then(EurGbp));

        Assert.Equal(Currency.USD, ex.Left);
        Assert.Equal(Currency.EUR, ex.Right);
    }

    [Fact]
    public void Identity_converts_to_the_same_amount()
    {
        var identity = ExchangeRate.Identity(Currency.CHF);

        Assert.Equal(1, identity.Numerator);
        Assert.Equal(1, identity.Denominator);
        Assert.Equal(new Money(12345, Currency.CHF), identity.Convert(new Money(12345, Currency.CHF), RoundingMode.Unnecessary));
    }

    public static TheoryData<string, long, long, long, RoundingMode, string, long> Conversions => new()
    {
        // €1,000.00 × 1.0830 = $1,083.00, and back
        { "EUR", 1083, 1000, 100_000, RoundingMode.Unnecessary, "USD", 108_300 },
        { "USD", 1000, 1083, 108_300, RoundingMode.Unnecessary, "EUR", 100_000 },
        // €0.01 × 1.0830 = $0.01083
        { "EUR", 1083, 1000, 1, RoundingMode.HalfUp, "USD", 1 },
        { "EUR", 1083, 1000, 1, RoundingMode.Ceiling, "USD", 2 },
        { "EUR", 1083, 1000, -1, RoundingMode.Floor, "USD", -2 },
        // 2 decimals → 0 decimals: €100.00 × 169.54 = ¥16,954; €0.01 × 169.54 = ¥1.6954
        { "EUR", 8477, 50, 10_000, RoundingMode.Unnecessary, "JPY", 16_954 },
        { "EUR", 8477, 50, 1, RoundingMode.HalfUp, "JPY", 2 },
        { "EUR", 8477, 50, 1, RoundingMode.TowardZero, "JPY", 1 },
        // 0 decimals → 2 decimals: ¥16,954 = €100.00; ¥1 = €0.005898
        { "JPY", 50, 8477, 16_954, RoundingMode.Unnecessary, "EUR", 10_000 },
        { "JPY", 50, 8477, 1, RoundingMode.HalfUp, "EUR", 1 },
        { "JPY", 50, 8477, 1, RoundingMode.TowardZero, "EUR", 0 },
        // 2 decimals → 3 decimals: €10.00 × 0.3312 = KWD 3.312
        { "EUR", 3312, 10_000, 1000, RoundingMode.Unnecessary, "KWD", 3312 },
        // 3 decimals → 0 decimals: KWD 1.234 × 500 = ¥617
        { "KWD", 500, 1, 1234, RoundingMode.Unnecessary, "JPY", 617 },
        // $1,083.00 → EUR at 1/1.0830 is exact; $1,083.01 is €1,000.009…
        { "USD", 1000, 1083, 108_301, RoundingMode.HalfUp, "EUR", 100_001 },
        { "USD", 1000, 1083, 108_301, RoundingMode.HalfEven, "EUR", 100_001 },
        { "USD", 1000, 1083, 108_301, RoundingMode.Floor, "EUR", 100_000 },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void Convert_rounds_the_exact_amount_once(string from, long numerator, long denominator, long amount, RoundingMode mode, string to, long expected)
    {
        var rate = ExchangeRate.FromRatio(Currency.FromCode(from), Currency.FromCode(to), numerator, denominator);

        var converted = rate.Convert(new Money(amount, Currency.FromCode(from)), mode);

        Assert.Equal(new Money(expected, Currency.FromCode(to)), converted);
    }

    [Fact]
    public void Convert_errors()
    {
        Assert.Throws<CurrencyMismatchException>(() => EurUsd.Convert(new Money(100, Currency.USD), RoundingMode.HalfUp));
        Assert.Throws<ArithmeticException>(() => EurUsd.Convert(new Money(1, Currency.EUR), RoundingMode.Unnecessary));
        Assert.Throws<OverflowException>(() => EurUsd.Convert(new Money(long.MaxValue, Currency.EUR), RoundingMode.HalfUp));
    }

    [Fact]
    public void Equality_and_text()
    {
        Assert.Equal(ExchangeRate.FromDecimal(Currency.EUR, Currency.USD, 1.083m), EurUsd);
        Assert.NotEqual(ExchangeRate.FromDecimal(Currency.EUR, Currency.CAD, 1.083m), EurUsd);
        Assert.True(EurUsd == ExchangeRate.FromRatio(Currency.EUR, Currency.USD, 1083, 1000));
        Assert.True(EurUsd != EurUsd.Inverse());
        Assert.Equal("EUR/USD 1.083", EurUsd.ToString());
        Assert.Equal(1.083m, EurUsd.ToDecimal());
    }
}
