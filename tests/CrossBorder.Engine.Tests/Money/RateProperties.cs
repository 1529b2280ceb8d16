using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests;

public class RateProperties
{
    private const long Limit = 10_000_000_000_000_000; // 10^16

    // Denominators of every kind: powers of 2 and 5 (printed as percentages), small ones, and large ones.
    private static Gen<long> Denominators => Gen.Frequency<long>(
    [
        (3, from twos in Gen.Choose(0, 23)
            from fives in Gen.Choose(0, 23)
            let d = (Int128)BigPow(2, twos) * BigPow(5, fives)
            where d <= Limit
            select (long)d),
        (2, Gen.Choose(1, 1_000_000).Select(d => (long)d)),
        (1, Generators.Int64Between(1, Limit)),
    ]);

    private static long BigPow(long b, int e)
    {
        long value = 1;
        for (var i = 0; i < e; i++)
        {
            value = value > Limit ? value : value * b;
        }
        return value;
    }

    [Property(MaxTest = 2000)]
    public Property ToString_parses_back_to_the_same_rate() =>
        Prop.ForAll((from n in Generators.Int64Between(-Limit, Limit) from d in Denominators select Rate.FromRatio(n, d)).ToArbitrary(), rate =>
        {
            var text = rate.ToString();

            Assert.True(Rate.TryParse(text, out var parsed), text);
            Assert.Equal(rate, parsed);
        });

    [Property(MaxTest = 2000)]
    public Property FromDecimal_is_the_exact_fraction() =>
        Prop.ForAll((from n in Generators.Int64Between(-long.MaxValue, long.MaxValue) from k in Gen.Choose(0, 18) select (n, k)).ToArbitrary(), input =>
        {
            var (n, k) = input;
            var magnitude = (ulong)Math.Abs(n);
            var value = new decimal(unchecked((int)(uint)magnitude), unchecked((int)(uint)(magnitude >> 32)), 0, n < 0, (byte)k);

            Assert.Equal(Rate.FromRatio(n, Generators.Pow10(k)), Rate.FromDecimal(value));
        });
}
