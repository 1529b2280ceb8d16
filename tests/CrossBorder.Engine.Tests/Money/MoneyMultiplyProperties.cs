using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests;

/// <summary>Money × Rate against an independent decimal oracle, for every rounding mode.</summary>
public class MoneyMultiplyProperties
{
    private const long AmountLimit = 999_999_999_999; // |amount| < 10^12

    public sealed record Case(long Amount, long RateNumerator, int RateScale, RoundingMode Mode)
    {
        public override string ToString() => $"{Amount} × {RateNumerator}/10^{RateScale} ({Mode})";
    }

    private static Gen<Case> Cases =>
        Gen.Frequency<Case>(
        [
            // any amount below 10^12 times any decimal rate num/10^k (k ≤ 6, |num| ≤ 10^9): the product reaches 10^21,
            // past 64 bits, and the result may overflow
            (4, from amount in Generators.Int64Between(-AmountLimit, AmountLimit)
                from numerator in Gen.Choose(-1_000_000_000, 1_000_000_000)
                from scale in Gen.Choose(0, 6)
                from mode in Generators.RoundingMode
                select new Case(amount, numerator, scale, mode)),
            // small amounts and rates, where every kind of remainder shows up often
            (3, from amount in Gen.Choose(-1000, 1000)
                from numerator in Gen.Choose(-1000, 1000)
                from scale in Gen.Choose(0, 3)
                from mode in Generators.RoundingMode
                select new Case(amount, numerator, scale, mode)),
            // exact ties: an odd amount times m + 1/2
            (2, from half in Gen.Choose(-500, 500)
                from odd in Gen.Choose(-100_000, 100_000)
                from scale in Gen.Choose(1, 6)
                from mode in Generators.RoundingMode
                select new Case(2L * odd + 1, (2L * half + 1) * 5 * Generators.Pow10(scale - 1), scale, mode)),
        ]);

    [Property(MaxTest = 3000)]
    public Property Multiply_agrees_with_a_decimal_oracle() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var money = new Money(c.Amount, Currency.EUR);
            var rate = Rate.FromRatio(c.RateNumerator, Generators.Pow10(c.RateScale));
            var exact = c.Amount * new decimal((int)Math.Abs(c.RateNumerator), 0, 0, c.RateNumerator < 0, (byte)c.RateScale);

            var expected = RoundOracle(exact, c.Mode);

            if (expected is null)
            {
                Assert.Throws<ArithmeticException>(() => money.Multiply(rate, c.Mode));
            }
            else if (expected < long.MinValue || expected > long.MaxValue)
            {
                Assert.Throws<OverflowException>(() => money.Multiply(rate, c.Mode));
            }
            else
            {
                Assert.Equal(new Money((long)expected.Value, Currency.EUR), money.Multiply(rate, c.Mode));
            }
        });

    /// <summary>The exact decimal rounded to a whole number with <paramref name="mode"/>; null when inexact and Unnecessary.</summary>
    internal static decimal? RoundOracle(decimal exact, RoundingMode mode)
    {
        var truncated = decimal.Truncate(exact);
        var fraction = Math.Abs(exact - truncated);
        var away = truncated + (exact < 0 ? -1 : 1);
        return mode switch
        {
            RoundingMode.Unnecessary => fraction == 0 ? exact : null,
            RoundingMode.HalfEven => decimal.Round(exact, 0, MidpointRounding.ToEven),
            RoundingMode.HalfUp => decimal.Round(exact, 0, MidpointRounding.AwayFromZero),
            RoundingMode.HalfDown => fraction > 0.5m ? away : truncated,
            RoundingMode.TowardZero => truncated,
            RoundingMode.AwayFromZero => fraction == 0 ? truncated : away,
            RoundingMode.Floor => Math.Floor(exact),
            RoundingMode.Ceiling => Math.Ceiling(exact),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
    }

    [Theory]
    [InlineData("2.5", RoundingMode.HalfEven, "2")]
    [InlineData("3.5", RoundingMode.HalfEven, "4")]
    [InlineData("2.5", RoundingMode.HalfUp, "3")]
    [InlineData("-2.5", RoundingMode.HalfUp, "-3")]
    [InlineData("2.5", RoundingMode.HalfDown, "2")]
    [InlineData("-2.5", RoundingMode.HalfDown, "-2")]
    [InlineData("2.51", RoundingMode.HalfDown, "3")]
    [InlineData("-2.51", RoundingMode.HalfDown, "-3")]
    [InlineData("-2.1", RoundingMode.TowardZero, "-2")]
    [InlineData("-2.1", RoundingMode.AwayFromZero, "-3")]
    [InlineData("-2.9", RoundingMode.Floor, "-3")]
    [InlineData("-2.1", RoundingMode.Ceiling, "-2")]
    [InlineData("2.0", RoundingMode.Unnecessary, "2")]
    public void The_oracle_itself_rounds_as_documented(string exact, RoundingMode mode, string expected)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(decimal.Parse(expected, culture), RoundOracle(decimal.Parse(exact, culture), mode));
    }
}
