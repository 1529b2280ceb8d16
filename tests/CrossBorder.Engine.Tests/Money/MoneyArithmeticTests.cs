namespace CrossBorder.Engine.Tests;

public class MoneyArithmeticTests
{
    private static Money Eur(long cents) => new(cents, Currency.EUR);

    [Theory]
    [InlineData(1050, 250, 1300)]
    [InlineData(1050, -2500, -1450)]
    [InlineData(0, 0, 0)]
    [InlineData(long.MaxValue, 0, long.MaxValue)]
    [InlineData(long.MaxValue, long.MinValue, -1)]
    [InlineData(long.MinValue + 1, -1, long.MinValue)]
    public void Addition_is_exact(long left, long right, long sum)
    {
        Assert.Equal(Eur(sum), Eur(left) + Eur(right));
        Assert.Equal(Eur(sum), Eur(left).Add(Eur(right)));
    }

    [Theory]
    [InlineData(1050, 250, 800)]
    [InlineData(1050, 2500, -1450)]
    [InlineData(-1, long.MaxValue, long.MinValue)]
    [InlineData(long.MaxValue, long.MaxValue, 0)]
    public void Subtraction_is_exact(long left, long right, long difference)
    {
        Assert.Equal(Eur(difference), Eur(left) - Eur(right));
        Assert.Equal(Eur(difference), Eur(left).Subtract(Eur(right)));
    }

    [Theory]
    [InlineData(1050, -1050)]
    [InlineData(-1, 1)]
    [InlineData(0, 0)]
    [InlineData(long.MaxValue, -long.MaxValue)]
    public void Negation_is_exact(long value, long negated)
    {
        Assert.Equal(Eur(negated), -Eur(value));
        Assert.Equal(Eur(negated), Eur(value).Negate());
    }

    [Fact]
    public void Abs_is_the_magnitude()
    {
        Assert.Equal(Eur(1050), Eur(-1050).Abs());
        Assert.Equal(Eur(1050), Eur(1050).Abs());
    }

    [Fact]
    public void Combining_two_currencies_throws_CurrencyMismatchException()
    {
        var eur = Eur(100);
        var usd = new Money(100, Currency.USD);

        var add = Assert.Throws<CurrencyMismatchException>(() => eur + usd);
        Assert.Equal(Currency.EUR, add.Left);
        Assert.Equal(Currency.USD, add.Right);
        Assert.Contains("EUR", add.Message, StringComparison.Ordinal);
        Assert.Contains("USD", add.Message, StringComparison.Ordinal);

        var subtract = Assert.Throws<CurrencyMismatchException>(() => usd - eur);
        Assert.Equal(Currency.USD, subtract.Left);
        Assert.Equal(Currency.EUR, subtract.Right);

        Assert.Throws<CurrencyMismatchException>(() => eur.Add(usd));
        Assert.Throws<CurrencyMismatchException>(() => eur.Subtract(usd));
        Assert.Throws<CurrencyMismatchException>(() => eur.CompareTo(usd));
        Assert.Throws<CurrencyMismatchException>(() => eur < usd);
    }

    [Fact]
    public void Overflow_throws_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => Eur(long.MaxValue) + Eur(1));
        Assert.Throws<OverflowException>(() => Eur(long.MinValue) + Eur(-1));
        Assert.Throws<OverflowException>(() => Eur(long.MinValue) - Eur(1));
        Assert.Throws<OverflowException>(() => Eur(long.MaxValue) - Eur(-1));
        Assert.Throws<OverflowException>(() => -Eur(long.MinValue));
        Assert.Throws<OverflowException>(() => Eur(long.MinValue).Negate());
        Assert.Throws<OverflowException>(() => Eur(long.MinValue).Abs());
        Assert.Throws<OverflowException>(() => Eur(long.MaxValue / 2 + 1) * 2);
    }

    [Theory]
    [InlineData(1999, 3, 5997)]
    [InlineData(1999, -3, -5997)]
    [InlineData(1999, 0, 0)]
    public void Multiplication_by_a_whole_number_is_exact(long cents, long factor, long product)
    {
        Assert.Equal(Eur(product), Eur(cents) * factor);
    }

    [Theory]
    [InlineData("EUR", 12, 1200)]
    [InlineData("JPY", 12, 12)]
    [InlineData("KWD", 12, 12000)]
    [InlineData("CLF", -12, -120000)]
    public void FromMajorUnits_scales_by_the_minor_units(string code, long major, long minor)
    {
        var currency = Currency.FromCode(code);

        Assert.Equal(new Money(minor, currency), Money.FromMajorUnits(major, currency));
    }

    [Fact]
    public void FromMajorUnits_throws_on_overflow()
    {
        Assert.Throws<OverflowException>(() => Money.FromMajorUnits(long.MaxValue / 10, Currency.EUR));
    }

    [Fact]
    public void Zero_sign_and_properties()
    {
        var zero = Money.Zero(Currency.JPY);

        Assert.True(zero.IsZero);
        Assert.Equal(0, zero.Sign);
        Assert.Equal(Currency.JPY, zero.Currency);
        Assert.Equal(-1, Eur(-5).Sign);
        Assert.Equal(1, Eur(5).Sign);
        Assert.False(Eur(5).IsZero);
        Assert.Equal(5, Money.FromMinorUnits(5, Currency.EUR).MinorUnits);
    }

    [Fact]
    public void Equality_needs_the_same_amount_and_currency()
    {
        Assert.Equal(Eur(100), Eur(100));
        Assert.NotEqual(Eur(100), Eur(101));
        Assert.NotEqual(Eur(100), new Money(100, Currency.USD));
        Assert.True(Eur(100) == Eur(100));
        Assert.True(Eur(100) != new Money(100, Currency.USD));
        Assert.True(Eur(100).Equals((object)Eur(100)));
        Assert.False(Eur(100).Equals((object)100L));
        Assert.Equal(Eur(100).GetHashCode(), Eur(100).GetHashCode());
    }

    [Fact]
    public void Comparison_orders_amounts_of_one_currency()
    {
        Assert.True(Eur(-1) < Eur(0));
        Assert.True(Eur(2) > Eur(1));
        Assert.True(Eur(1) <= Eur(1));
        Assert.True(Eur(1) >= Eur(1));
        Assert.Equal(0, Eur(7).CompareTo(Eur(7)));
        Assert.True(Eur(long.MinValue).CompareTo(Eur(long.MaxValue)) < 0);
    }
}
