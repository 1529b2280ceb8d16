using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests;

/// <summary>Add, subtract and negate are exact, and throw exactly when the exact result leaves the 64-bit range.</summary>
public class MoneyArithmeticProperties
{
    private static readonly Int128 s_min = long.MinValue;
    private static readonly Int128 s_max = long.MaxValue;

    private static Gen<(long Left, long Right)> Pairs =>
        from left in Generators.AnyInt64
        from right in Gen.Frequency<long>(
        [
            (3, Generators.AnyInt64),
            // right operands that land next to the edges
            (1, Gen.Elements(-1L, 0L, 1L).Select(d => unchecked(long.MaxValue - left + d))),
            (1, Gen.Elements(-1L, 0L, 1L).Select(d => unchecked(long.MinValue - left + d))),
        ])
        select (left, right);

    [Property(MaxTest = 2000)]
    public Property Addition_is_exact_or_overflows() =>
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var exact = (Int128)pair.Left + pair.Right;
            var left = new Money(pair.Left, Currency.EUR);
            var right = new Money(pair.Right, Currency.EUR);
            if (exact < s_min || exact > s_max)
            {
                Assert.Throws<OverflowException>(() => left + right);
            }
            else
            {
                Assert.Equal(new Money((long)exact, Currency.EUR), left + right);
            }
        });

    [Property(MaxTest = 2000)]
    public Property Subtraction_is_exact_or_overflows() =>
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var exact = (Int128)pair.Left - pair.Right;
            var left = new Money(pair.Left, Currency.USD);
            var right = new Money(pair.Right, Currency.USD);
            if (exact < s_min || exact > s_max)
            {
                Assert.Throws<OverflowException>(() => left - right);
            }
            else
            {
                Assert.Equal(new Money((long)exact, Currency.USD), left - right);
            }
        });

    [Property(MaxTest = 1000)]
    public Property Negation_is_exact_or_overflows() =>
        Prop.ForAll(Generators.AnyInt64.ToArbitrary(), value =>
        {
            var money = new Money(value, Currency.JPY);
            if (-(Int128)value > s_max)
            {
                Assert.Throws<OverflowException>(() => -money);
            }
            else
            {
                Assert.Equal(new Money((long)-(Int128)value, Currency.JPY), -money);
            }
        });
}
