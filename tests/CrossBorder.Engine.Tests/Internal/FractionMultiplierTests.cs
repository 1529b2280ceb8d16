using CrossBorder.Engine.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests.Internal;

/// <summary>
/// The division-free multiply-and-round path against an oracle that divides in 128 bits, for every rounding mode,
/// every small fraction, and random large ones, including the magnitudes at and around the fast path's limit.
/// </summary>
public class FractionMultiplierTests
{
    private static readonly RoundingMode[] s_modes =
    [
        RoundingMode.HalfEven, RoundingMode.HalfUp, RoundingMode.HalfDown, RoundingMode.TowardZero,
        RoundingMode.AwayFromZero, RoundingMode.Floor, RoundingMode.Ceiling,
    ];

    /// <summary>a × n / d rounded, by 128-bit division and the textbook rules.</summary>
    private static long Oracle(long a, long n, long d, RoundingMode mode)
    {
        var product = (Int128)a * n;
        var quotient = product / d; // truncated toward zero
        var remainder = product - quotient * d;
        if (remainder == 0)
        {
            return (long)quotient;
        }
        var negative = product < 0;
        var twice = Int128.Abs(remainder) * 2;
        var up = mode switch
        {
            RoundingMode.HalfEven => twice > d || (twice == d && (quotient & 1) != 0),
            RoundingMode.HalfUp => twice >= d,
            RoundingMode.HalfDown => twice > d,
            RoundingMode.TowardZero => false,
            RoundingMode.AwayFromZero => true,
            RoundingMode.Floor => negative,
            RoundingMode.Ceiling => !negative,
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        return (long)(up ? quotient + (negative ? -1 : 1) : quotient);
    }

    private static bool Fits(long a, Rate rate) =>
        Int128.Abs((Int128)a * rate.Numerator / rate.Denominator) < long.MaxValue;

    private static void AssertAllModes(long a, Rate rate)
    {
        foreach (var mode in s_modes)
        {
            var expected = Oracle(a, rate.Numerator, rate.Denominator, mode);
            var actual = FixedPoint.MultiplyRound(a, rate, mode);
            if (expected != actual)
            {
                Assert.Fail($"{a} × {rate.Numerator}/{rate.Denominator} {mode}: expected {expected}, got {actual}");
            }
        }
    }

    [Fact]
    public void Every_fraction_with_a_denominator_up_to_64_rounds_like_the_oracle()
    {
        for (long d = 1; d <= 64; d++)
        {
            for (var n = -2 * d; n <= 2 * d; n++)
            {
                var rate = Rate.FromRatio(n, d);
                for (var a = -3 * d; a <= 3 * d; a++)
                {
                    AssertAllModes(a, rate);
                }
            }
        }
    }

    [Theory]
    [InlineData(1L, 2L)]
    [InlineData(1L, 3L)]
    [InlineData(2L, 3L)]
    [InlineData(433L, 125000L)]
    [InlineData(33L, 200L)]
    [InlineData(11L, 39L)]
    [InlineData(-19L, 100L)]
    [InlineData(1L, 1L << 40)]
    [InlineData((1L << 40) - 1, 1L << 40)]
    [InlineData(999_999_999_999L, 1_000_000_000_000L)]
    [InlineData(1L, long.MaxValue)]
    [InlineData(long.MaxValue - 1, long.MaxValue)]
    public void Magnitudes_around_the_fast_path_limit_round_like_the_oracle(long n, long d)
    {
        var rate = Rate.FromRatio(n, d);
        // The fast path's limit is ⌊2^64/d⌋ capped below 2^63: probe it and its neighbours exactly.
        var limit = (long)UInt128.Min((UInt128.One << 64) / (ulong)rate.Denominator, long.MaxValue - 3);
        long[] centres = [limit, long.MaxValue - 3, 1_000_000_000_000_000L, 4];
        foreach (var centre in centres)
        {
            for (long delta = -3; delta <= 3; delta++)
            {
                var a = centre + delta;
                if (!Fits(a, rate))
                {
                    continue; // the result itself does not fit: an overflow, tested elsewhere
                }
                AssertAllModes(a, rate);
                AssertAllModes(-a, rate);
            }
        }
    }

    [Fact]
    public void Long_min_value_times_a_fraction_rounds_like_the_oracle()
    {
        Assert.Equal(long.MinValue / 2, FixedPoint.MultiplyRound(long.MinValue, Rate.FromRatio(1, 2), RoundingMode.HalfEven));
        AssertAllModes(long.MinValue, Rate.FromRatio(999, 1000));
        AssertAllModes(long.MinValue, Rate.FromRatio(-1, 3));
        AssertAllModes(long.MinValue + 1, Rate.FromRatio(1, 2));
    }

    [Property(MaxTest = 3000)]
    public Property Random_amounts_and_fractions_round_like_the_oracle() =>
        Prop.ForAll(
            Gen.Choose(0, 62).SelectMany(bits => ArbMap.Default.GeneratorFor<long>().Select(x => unchecked((long)((ulong)x >> (63 - bits))) | 1L)).ToArbitrary(),
            ArbMap.Default.GeneratorFor<long>().ToArbitrary(),
            Gen.Choose(0, 63).SelectMany(bits => ArbMap.Default.GeneratorFor<long>().Select(x => bits == 63 ? x : x >> (63 - bits))).ToArbitrary(),
            (d, n, a) =>
            {
                var rate = Rate.FromRatio(n % (d > long.MaxValue / 2 ? d : 2 * d), d);
                if (!Fits(a, rate))
                {
                    return true; // overflow is a separate behaviour
                }
                foreach (var mode in s_modes)
                {
                    if (FixedPoint.MultiplyRound(a, rate, mode) != Oracle(a, rate.Numerator, rate.Denominator, mode))
                    {
                        return false;
                    }
                }
                return true;
            });
}
