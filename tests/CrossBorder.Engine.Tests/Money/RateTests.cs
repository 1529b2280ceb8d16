using System.Globalization;

namespace CrossBorder.Engine.Tests;

/// <summary>Rates are exact fractions in lowest terms.</summary>
public class RateTests
{
    [Fact]
    public void Percent_of_a_small_rate_is_exact()
    {
        var rate = Rate.Percent(0.3464m);

        Assert.Equal(Rate.FromRatio(3464, 1_000_000), rate);
        Assert.Equal(433, rate.Numerator);
        Assert.Equal(125_000, rate.Denominator);
    }

    [Theory]
    [InlineData("2.7", 27, 1000)]
    [InlineData("16.5", 33, 200)]
    [InlineData("7.8", 39, 500)]
    [InlineData("19", 19, 100)]
    [InlineData("100", 1, 1)]
    [InlineData("0", 0, 1)]
    [InlineData("-2.5", -1, 40)]
    public void Percent_is_reduced_to_lowest_terms(string percent, long numerator, long denominator)
    {
        var rate = Rate.Percent(decimal.Parse(percent, CultureInfo.InvariantCulture));

        Assert.Equal(numerator, rate.Numerator);
        Assert.Equal(denominator, rate.Denominator);
    }

    [Theory]
    [InlineData(22, 78, 11, 39)]
    [InlineData(3464, 1_000_000, 433, 125_000)]
    [InlineData(3, -6, -1, 2)]
    [InlineData(-3, -6, 1, 2)]
    [InlineData(0, 5, 0, 1)]
    [InlineData(7, 1, 7, 1)]
    public void FromRatio_reduces_and_keeps_the_denominator_positive(long n, long d, long numerator, long denominator)
    {
        var rate = Rate.FromRatio(n, d);

        Assert.Equal(numerator, rate.Numerator);
        Assert.Equal(denominator, rate.Denominator);
    }

    [Fact]
    public void FromRatio_with_a_zero_denominator_throws()
    {
        Assert.Throws<DivideByZeroException>(() => Rate.FromRatio(1, 0));
    }

    [Theory]
    [InlineData("0.165", 33, 200)]
    [InlineData("0.3464", 433, 1250)]
    [InlineData("1.0830", 1083, 1000)]
    [InlineData("-0.5", -1, 2)]
    [InlineData("2147483648", 2_147_483_648, 1)]              // 2^31: the low 32 bits of the decimal have their top bit set
    [InlineData("0.3000000000", 3, 10)]                      // mantissa 3,000,000,000 > 2^31
    [InlineData("0.2147483648", 2_097_152, 9_765_625)]       // 2^31/10^10 = 2^21/5^10
    [InlineData("-4294967295.5", -8_589_934_591, 2)]
    [InlineData("9223372036854775807", long.MaxValue, 1)]
    public void FromDecimal_is_exact(string value, long numerator, long denominator)
    {
        var rate = Rate.FromDecimal(decimal.Parse(value, CultureInfo.InvariantCulture));

        Assert.Equal(numerator, rate.Numerator);
        Assert.Equal(denominator, rate.Denominator);
    }

    [Fact]
    public void Zero_one_and_default()
    {
        Assert.Equal(Rate.Zero, default);
        Assert.Equal(0, Rate.Zero.Numerator);
        Assert.Equal(1, Rate.Zero.Denominator);
        Assert.Equal(1, Rate.One.Numerator);
        Assert.Equal(1, Rate.One.Denominator);
        Assert.Equal(Rate.One, Rate.Percent(100m));
    }

    [Theory]
    [InlineData("0.3464%", 433, 125_000)]
    [InlineData("2.7%", 27, 1000)]
    [InlineData(" 16.5 % ", 33, 200)]
    [InlineData("22/78", 11, 39)]
    [InlineData("22 / 78", 11, 39)]
    [InlineData("-22/78", -11, 39)]
    [InlineData("0.165", 33, 200)]
    [InlineData("1", 1, 1)]
    [InlineData("-0.5", -1, 2)]
    public void Parse_reads_percentages_decimals_and_ratios(string text, long numerator, long denominator)
    {
        var rate = Rate.Parse(text);

        Assert.Equal(numerator, rate.Numerator);
        Assert.Equal(denominator, rate.Denominator);
        Assert.True(Rate.TryParse(text, out var tried));
        Assert.Equal(rate, tried);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("%")]
    [InlineData("1/0")]
    [InlineData("/78")]
    [InlineData("22/")]
    [InlineData("22/-78")]
    [InlineData("22/7.8")]
    [InlineData("1e3")]
    [InlineData("12,5")]
    [InlineData("1,000")]
    [InlineData("0.5%%")]
    [InlineData("x%")]
    public void Parse_rejects_other_text_with_a_FormatException_naming_it(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Rate.Parse(text));

        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.False(Rate.TryParse(text, out _));
    }

    [Fact]
    public void Arithmetic_is_exact()
    {
        Assert.Equal(Rate.FromRatio(1, 2), Rate.FromRatio(1, 3) + Rate.FromRatio(1, 6));
        Assert.Equal(Rate.FromRatio(1, 2), Rate.FromRatio(2, 3) * Rate.FromRatio(3, 4));
        // duty 12% then VAT 20% on the duty-inclusive value: 1.12 × 1.2 = 1.344
        Assert.Equal(Rate.FromRatio(168, 125), (Rate.One + Rate.Percent(12m)) * (Rate.One + Rate.Percent(20m)));
    }

    [Fact]
    public void Comparison_is_exact()
    {
        Assert.True(Rate.FromRatio(1, 3) < Rate.FromRatio(1, 2));
        Assert.True(Rate.FromRatio(-1, 2) < Rate.Zero);
        Assert.True(Rate.FromRatio(1_000_000_000_000, 3_000_000_000_001) < Rate.FromRatio(1, 3));
        Assert.True(Rate.FromRatio(2, 4) <= Rate.FromRatio(1, 2));
        Assert.True(Rate.FromRatio(2, 4) >= Rate.FromRatio(1, 2));
        Assert.Equal(0, Rate.FromRatio(2, 4).CompareTo(Rate.FromRatio(1, 2)));
        Assert.True(Rate.FromRatio(2, 3) > Rate.FromRatio(1, 2));
        Assert.True(Rate.FromRatio(2, 3) != Rate.FromRatio(1, 2));
        Assert.Equal(Rate.FromRatio(2, 4).GetHashCode(), Rate.FromRatio(1, 2).GetHashCode());
    }

    [Theory]
    [InlineData(33, 200, "16.5%")]
    [InlineData(433, 125_000, "0.3464%")]
    [InlineData(11, 39, "11/39")]
    [InlineData(-1, 2, "-50%")]
    [InlineData(0, 1, "0%")]
    public void ToString_is_a_percentage_when_exact_else_a_ratio(long numerator, long denominator, string expected)
    {
        Assert.Equal(expected, Rate.FromRatio(numerator, denominator).ToString());
    }

    [Theory]
    [InlineData(433, 125_000)]
    [InlineData(11, 39)]
    [InlineData(1, 1L << 40)]
    [InlineData(1, 1_000_000_000_000_000)]
    [InlineData(-7, 2048)]
    [InlineData(long.MaxValue, 1L << 20)]
    [InlineData(1, 3)]
    public void ToString_and_Parse_round_trip(long numerator, long denominator)
    {
        var rate = Rate.FromRatio(numerator, denominator);

        Assert.Equal(rate, Rate.Parse(rate.ToString()));
    }

    [Theory]
    [InlineData("0.1234567890123456789012345678")]
    [InlineData("12345678901234567890.5%")]
    public void Parse_rejects_a_rate_too_precise_to_hold_exactly(string text)
    {
        Assert.False(Rate.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Rate.Parse(text));
    }

    [Fact]
    public void ToDecimal_is_for_display()
    {
        Assert.Equal(0.165m, Rate.FromRatio(33, 200).ToDecimal());
    }
}
