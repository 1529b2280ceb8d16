namespace CrossBorder.Engine.Tests;

/// <summary>Multiply, Divide and RoundToIncrement: exact quotient, rounded once, with hand-computed expectations.</summary>
public class MoneyRoundingTests
{
    private static Money Eur(long cents) => new(cents, Currency.EUR);

    public static TheoryData<long, long, long, RoundingMode, long> MultiplyCases => new()
    {
        // 25 × 1/2 = 12.5: a tie
        { 25, 1, 2, RoundingMode.HalfEven, 12 },
        { 25, 1, 2, RoundingMode.HalfUp, 13 },
        { 25, 1, 2, RoundingMode.HalfDown, 12 },
        { 25, 1, 2, RoundingMode.TowardZero, 12 },
        { 25, 1, 2, RoundingMode.AwayFromZero, 13 },
        { 25, 1, 2, RoundingMode.Floor, 12 },
        { 25, 1, 2, RoundingMode.Ceiling, 13 },
        // −25 × 1/2 = −12.5: the mirror
        { -25, 1, 2, RoundingMode.HalfEven, -12 },
        { -25, 1, 2, RoundingMode.HalfUp, -13 },
        { -25, 1, 2, RoundingMode.HalfDown, -12 },
        { -25, 1, 2, RoundingMode.TowardZero, -12 },
        { -25, 1, 2, RoundingMode.AwayFromZero, -13 },
        { -25, 1, 2, RoundingMode.Floor, -13 },
        { -25, 1, 2, RoundingMode.Ceiling, -12 },
        // 25 × −1/2: a negative rate is the same mirror
        { 25, -1, 2, RoundingMode.HalfUp, -13 },
        { 25, -1, 2, RoundingMode.Floor, -13 },
        { 25, -1, 2, RoundingMode.Ceiling, -12 },
        // 35 × 1/2 = 17.5: the tie goes to the even 18 under HalfEven
        { 35, 1, 2, RoundingMode.HalfEven, 18 },
        { 35, 1, 2, RoundingMode.HalfDown, 17 },
        { -35, 1, 2, RoundingMode.HalfEven, -18 },
        // 10 × 1/3 = 3.33…: below the half
        { 10, 1, 3, RoundingMode.HalfEven, 3 },
        { 10, 1, 3, RoundingMode.HalfUp, 3 },
        { 10, 1, 3, RoundingMode.HalfDown, 3 },
        { 10, 1, 3, RoundingMode.TowardZero, 3 },
        { 10, 1, 3, RoundingMode.AwayFromZero, 4 },
        { 10, 1, 3, RoundingMode.Floor, 3 },
        { 10, 1, 3, RoundingMode.Ceiling, 4 },
        // −20 × 1/3 = −6.67: above the half
        { -20, 1, 3, RoundingMode.HalfEven, -7 },
        { -20, 1, 3, RoundingMode.HalfUp, -7 },
        { -20, 1, 3, RoundingMode.HalfDown, -7 },
        { -20, 1, 3, RoundingMode.TowardZero, -6 },
        { -20, 1, 3, RoundingMode.AwayFromZero, -7 },
        { -20, 1, 3, RoundingMode.Floor, -7 },
        { -20, 1, 3, RoundingMode.Ceiling, -6 },
        // exact products need no rounding, not even with Unnecessary
        { 30, 1, 3, RoundingMode.Unnecessary, 10 },
        { 30, 1, 3, RoundingMode.Floor, 10 },
        { -30, 1, 3, RoundingMode.Ceiling, -10 },
        // €199.99 × 19% = €37.9981
        { 19999, 19, 100, RoundingMode.HalfUp, 3800 },
        { 19999, 19, 100, RoundingMode.TowardZero, 3799 },
        // €123.45 × 16.5% = €20.36925
        { 12345, 33, 200, RoundingMode.HalfEven, 2037 },
        { 12345, 33, 200, RoundingMode.TowardZero, 2036 },
        // products beyond 64 bits: 4e18 × 3/4 = 3e18
        { 4_000_000_000_000_000_000, 3, 4, RoundingMode.Unnecessary, 3_000_000_000_000_000_000 },
        // (4e18 + 1) × 3/4 = 3e18 + 0.75
        { 4_000_000_000_000_000_001, 3, 4, RoundingMode.HalfUp, 3_000_000_000_000_000_001 },
        { 4_000_000_000_000_000_001, 3, 4, RoundingMode.TowardZero, 3_000_000_000_000_000_000 },
        { -4_000_000_000_000_000_001, 3, 4, RoundingMode.Floor, -3_000_000_000_000_000_001 },
        { -4_000_000_000_000_000_001, 3, 4, RoundingMode.Ceiling, -3_000_000_000_000_000_000 },
        // (4e18 + 2) × 3/4 = 3e18 + 1.5: a tie beyond 64 bits
        { 4_000_000_000_000_000_002, 3, 4, RoundingMode.HalfEven, 3_000_000_000_000_000_002 },
        { 4_000_000_000_000_000_002, 3, 4, RoundingMode.HalfUp, 3_000_000_000_000_000_002 },
        { 4_000_000_000_000_000_002, 3, 4, RoundingMode.HalfDown, 3_000_000_000_000_000_001 },
        { -4_000_000_000_000_000_002, 3, 4, RoundingMode.HalfDown, -3_000_000_000_000_000_001 },
        { -4_000_000_000_000_000_002, 3, 4, RoundingMode.HalfEven, -3_000_000_000_000_000_002 },
        // (4e18 + 6) × 3/4 = 3e18 + 4.5: the tie goes down to the even 3e18 + 4
        { 4_000_000_000_000_000_006, 3, 4, RoundingMode.HalfEven, 3_000_000_000_000_000_004 },
        // long.MaxValue × 1 and × 0
        { long.MaxValue, 1, 1, RoundingMode.Unnecessary, long.MaxValue },
        { long.MinValue, 0, 1, RoundingMode.Unnecessary, 0 },
    };

    [Theory]
    [MemberData(nameof(MultiplyCases))]
    public void Multiply_rounds_the_exact_product_once(long cents, long numerator, long denominator, RoundingMode mode, long expected)
    {
        var rate = Rate.FromRatio(numerator, denominator);

        Assert.Equal(Eur(expected), Eur(cents).Multiply(rate, mode));
    }

    [Theory]
    [InlineData(25, 1, 2)]
    [InlineData(10, 1, 3)]
    [InlineData(4_000_000_000_000_000_001, 3, 4)]
    public void Multiply_with_Unnecessary_throws_on_an_inexact_product(long cents, long numerator, long denominator)
    {
        var ex = Assert.Throws<ArithmeticException>(() => Eur(cents).Multiply(Rate.FromRatio(numerator, denominator), RoundingMode.Unnecessary));

        Assert.Contains(nameof(RoundingMode.Unnecessary), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiply_throws_when_the_result_does_not_fit()
    {
        Assert.Throws<OverflowException>(() => Eur(long.MaxValue).Multiply(Rate.FromRatio(3, 2), RoundingMode.HalfUp));
        Assert.Throws<OverflowException>(() => Eur(long.MinValue).Multiply(Rate.FromRatio(-1, 1), RoundingMode.HalfUp));
    }

    [Fact]
    public void Multiply_keeps_the_currency()
    {
        var yen = new Money(1001, Currency.JPY).Multiply(Rate.Percent(10m), RoundingMode.HalfUp);

        Assert.Equal(new Money(100, Currency.JPY), yen);
    }

    [Theory]
    [InlineData(100, 3, RoundingMode.HalfUp, 33)]
    [InlineData(200, 3, RoundingMode.HalfUp, 67)]
    [InlineData(200, 3, RoundingMode.TowardZero, 66)]
    [InlineData(-100, 3, RoundingMode.Floor, -34)]
    [InlineData(-100, 3, RoundingMode.Ceiling, -33)]
    [InlineData(100, -3, RoundingMode.HalfUp, -33)]
    [InlineData(100, -3, RoundingMode.Floor, -34)]
    [InlineData(-100, -3, RoundingMode.Ceiling, 34)]
    [InlineData(25, 2, RoundingMode.HalfEven, 12)]
    [InlineData(25, 2, RoundingMode.HalfUp, 13)]
    [InlineData(-25, -2, RoundingMode.HalfDown, 12)]
    [InlineData(300, 3, RoundingMode.Unnecessary, 100)]
    [InlineData(long.MinValue, 1, RoundingMode.Unnecessary, long.MinValue)]
    [InlineData(long.MinValue, 2, RoundingMode.Unnecessary, long.MinValue / 2)]
    [InlineData(long.MaxValue, long.MinValue, RoundingMode.HalfEven, -1)]
    public void Divide_rounds_the_exact_quotient_once(long cents, long divisor, RoundingMode mode, long expected)
    {
        Assert.Equal(Eur(expected), Eur(cents).Divide(divisor, mode));
    }

    [Fact]
    public void Divide_errors()
    {
        Assert.Throws<DivideByZeroException>(() => Eur(100).Divide(0, RoundingMode.HalfUp));
        Assert.Throws<OverflowException>(() => Eur(long.MinValue).Divide(-1, RoundingMode.HalfUp));
        Assert.Throws<ArithmeticException>(() => Eur(100).Divide(3, RoundingMode.Unnecessary));
    }

    [Theory]
    // CHF cash: 5 rappen
    [InlineData("CHF", 102, 5, RoundingMode.HalfUp, 100)]
    [InlineData("CHF", 103, 5, RoundingMode.HalfUp, 105)]
    [InlineData("CHF", 107, 5, RoundingMode.HalfUp, 105)]
    [InlineData("CHF", 108, 5, RoundingMode.HalfUp, 110)]
    [InlineData("CHF", -103, 5, RoundingMode.HalfUp, -105)]
    [InlineData("CHF", 100, 5, RoundingMode.Unnecessary, 100)]
    // SEK cash: whole kronor
    [InlineData("SEK", 1249, 100, RoundingMode.HalfUp, 1200)]
    [InlineData("SEK", 1250, 100, RoundingMode.HalfUp, 1300)]
    [InlineData("SEK", 1250, 100, RoundingMode.HalfEven, 1200)]
    [InlineData("SEK", -1250, 100, RoundingMode.HalfUp, -1300)]
    // Japan Customs: taxable value truncated to ¥1,000, duty to ¥100
    [InlineData("JPY", 123_456, 1000, RoundingMode.TowardZero, 123_000)]
    [InlineData("JPY", 123_999, 1000, RoundingMode.TowardZero, 123_000)]
    [InlineData("JPY", 12_399, 100, RoundingMode.TowardZero, 12_300)]
    [InlineData("JPY", 999, 1000, RoundingMode.TowardZero, 0)]
    [InlineData("JPY", -12_399, 100, RoundingMode.TowardZero, -12_300)]
    public void RoundToIncrement_rounds_to_a_multiple(string code, long minor, long increment, RoundingMode mode, long expected)
    {
        var currency = Currency.FromCode(code);

        Assert.Equal(new Money(expected, currency), new Money(minor, currency).RoundToIncrement(increment, mode));
    }

    [Fact]
    public void RoundToIncrement_errors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Eur(100).RoundToIncrement(0, RoundingMode.HalfUp));
        Assert.Throws<ArgumentOutOfRangeException>(() => Eur(100).RoundToIncrement(-5, RoundingMode.HalfUp));
        Assert.Throws<ArithmeticException>(() => Eur(102).RoundToIncrement(5, RoundingMode.Unnecessary));
        Assert.Throws<OverflowException>(() => Eur(long.MaxValue).RoundToIncrement(10, RoundingMode.Ceiling));
    }

    [Theory]
    [InlineData("CHF", 5)]
    [InlineData("SEK", 100)]
    [InlineData("NOK", 100)]
    [InlineData("DKK", 50)]
    [InlineData("CAD", 5)]
    [InlineData("AUD", 5)]
    [InlineData("NZD", 10)]
    [InlineData("EUR", 1)]
    [InlineData("JPY", 1)]
    public void Cash_increments(string code, long increment)
    {
        Assert.Equal(increment, CashRounding.IncrementFor(Currency.FromCode(code)));
    }

    [Theory]
    [InlineData("CHF", 102, 100)]
    [InlineData("CHF", 103, 105)]
    [InlineData("SEK", 1250, 1300)]
    [InlineData("NOK", 1249, 1200)]
    [InlineData("DKK", 1225, 1250)]
    [InlineData("NZD", 1234, 1230)]
    [InlineData("EUR", 1234, 1234)]
    public void RoundToCash_uses_the_cash_increment_half_up(string code, long minor, long expected)
    {
        var currency = Currency.FromCode(code);

        Assert.Equal(new Money(expected, currency), new Money(minor, currency).RoundToCash());
    }
}
