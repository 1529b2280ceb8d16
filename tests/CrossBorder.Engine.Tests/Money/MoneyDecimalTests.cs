using System.Globalization;

namespace CrossBorder.Engine.Tests;

/// <summary>decimal at the edges: exact in, exact out, rounding only when asked.</summary>
public class MoneyDecimalTests
{
    [Theory]
    [InlineData("12.34", "EUR", 1234)]
    [InlineData("-12.34", "EUR", -1234)]
    [InlineData("1.500", "EUR", 150)]
    [InlineData("0", "EUR", 0)]
    [InlineData("1234", "JPY", 1234)]
    [InlineData("1234.000", "JPY", 1234)]
    [InlineData("1.234", "KWD", 1234)]
    [InlineData("1.2345", "CLF", 12345)]
    [InlineData("92233720368547758.07", "EUR", long.MaxValue)]
    [InlineData("-92233720368547758.08", "EUR", long.MinValue)]
    public void FromDecimal_is_exact(string amount, string code, long minor)
    {
        var currency = Currency.FromCode(code);

        Assert.Equal(new Money(minor, currency), Money.FromDecimal(decimal.Parse(amount, CultureInfo.InvariantCulture), currency));
    }

    [Theory]
    [InlineData("1.005", "EUR")]
    [InlineData("-0.001", "EUR")]
    [InlineData("1.5", "JPY")]
    [InlineData("1.2345", "KWD")]
    public void FromDecimal_without_a_mode_rejects_too_many_decimals(string amount, string code)
    {
        var ex = Assert.Throws<ArithmeticException>(() => Money.FromDecimal(decimal.Parse(amount, CultureInfo.InvariantCulture), Currency.FromCode(code)));

        Assert.Contains(amount, ex.Message, StringComparison.Ordinal);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.005", RoundingMode.HalfUp, 101)]
    [InlineData("1.005", RoundingMode.HalfEven, 100)]
    [InlineData("1.015", RoundingMode.HalfEven, 102)]
    [InlineData("1.005", RoundingMode.HalfDown, 100)]
    [InlineData("1.0051", RoundingMode.HalfDown, 101)]
    [InlineData("1.005", RoundingMode.TowardZero, 100)]
    [InlineData("1.001", RoundingMode.AwayFromZero, 101)]
    [InlineData("1.009", RoundingMode.Floor, 100)]
    [InlineData("1.001", RoundingMode.Ceiling, 101)]
    [InlineData("-1.005", RoundingMode.HalfUp, -101)]
    [InlineData("-1.005", RoundingMode.HalfEven, -100)]
    [InlineData("-1.005", RoundingMode.HalfDown, -100)]
    [InlineData("-1.005", RoundingMode.TowardZero, -100)]
    [InlineData("-1.001", RoundingMode.AwayFromZero, -101)]
    [InlineData("-1.001", RoundingMode.Floor, -101)]
    [InlineData("-1.009", RoundingMode.Ceiling, -100)]
    [InlineData("-0.004", RoundingMode.HalfUp, 0)]
    [InlineData("1.00", RoundingMode.Unnecessary, 100)]
    public void FromDecimal_with_a_mode_rounds_once(string amount, RoundingMode mode, long cents)
    {
        Assert.Equal(new Money(cents, Currency.EUR), Money.FromDecimal(decimal.Parse(amount, CultureInfo.InvariantCulture), Currency.EUR, mode));
    }

    [Fact]
    public void FromDecimal_errors()
    {
        Assert.Throws<OverflowException>(() => Money.FromDecimal(100_000_000_000_000_000m, Currency.EUR));
        Assert.Throws<OverflowException>(() => Money.FromDecimal(92233720368547758.08m, Currency.EUR));
        Assert.Throws<OverflowException>(() => Money.FromDecimal(92233720368547758.075m, Currency.EUR, RoundingMode.HalfUp));
        Assert.Throws<InvalidOperationException>(() => Money.FromDecimal(1m, Currency.FromCode("XAU")));
    }

    [Theory]
    [InlineData(123456, "EUR", "1234.56")]
    [InlineData(-5, "EUR", "-0.05")]
    [InlineData(0, "EUR", "0.00")]
    [InlineData(1234, "JPY", "1234")]
    [InlineData(1234, "KWD", "1.234")]
    [InlineData(12345, "CLF", "1.2345")]
    [InlineData(2_147_483_647, "EUR", "21474836.47")]
    [InlineData(2_147_483_648, "EUR", "21474836.48")] // 2^31: the low 32 bits have their top bit set
    [InlineData(-2_147_483_648, "EUR", "-21474836.48")]
    [InlineData(4_294_967_296, "EUR", "42949672.96")] // 2^32: needs the middle 32 bits
    [InlineData(3_000_000_000, "JPY", "3000000000")]
    [InlineData(long.MinValue, "EUR", "-92233720368547758.08")]
    [InlineData(long.MaxValue, "JPY", "9223372036854775807")]
    public void ToDecimal_is_exact_and_keeps_the_currency_scale(long minor, string code, string expected)
    {
        var value = new Money(minor, Currency.FromCode(code)).ToDecimal();

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }
}
