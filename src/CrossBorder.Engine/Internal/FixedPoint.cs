using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Internal;

/// <summary>
/// Integer division with a named rounding mode, on 64-bit values with a 128-bit path when a product does not fit.
/// This is the single place where rounding happens; everything else calls it.
/// </summary>
internal static class FixedPoint
{
    /// <summary>Rounds <paramref name="numerator"/> / <paramref name="denominator"/>; the denominator is positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long DivideRound(long numerator, long denominator, RoundingMode mode)
    {
        // Division of long by a positive long cannot overflow (denominator >= 1), so unchecked is safe and avoids
        // the MinValue/-1 check the JIT would otherwise keep.
        unchecked
        {
            var quotient = numerator / denominator;
            // |quotient × denominator| <= |numerator| and |remainder| < denominator: none of this can overflow,
            // nor can the ±1 adjustment (a remainder exists only when |quotient| < |numerator|).
            var remainder = numerator - quotient * denominator;
            if (remainder == 0)
            {
                return quotient;
            }
            var absRemainder = remainder < 0 ? -remainder : remainder;
            return quotient + Adjustment(numerator < 0, (quotient & 1) != 0, CompareToHalf(absRemainder, denominator), mode);
        }
    }

    /// <summary>Rounds <paramref name="numerator"/> / <paramref name="denominator"/>; the denominator is positive.</summary>
    /// <exception cref="OverflowException">The rounded quotient does not fit in a <see cref="long"/>.</exception>
    internal static long DivideRound(Int128 numerator, Int128 denominator, RoundingMode mode)
    {
        var quotient = numerator / denominator;
        var remainder = numerator - quotient * denominator;
        if (remainder != 0)
        {
            var absRemainder = remainder < 0 ? -remainder : remainder;
            var half = absRemainder.CompareTo(denominator - absRemainder);
            quotient += Adjustment(numerator < 0, (quotient & 1) != 0, half, mode);
        }
        if (quotient > long.MaxValue || quotient < long.MinValue)
        {
            ThrowHelper.ThrowOverflow("division");
        }
        return (long)quotient;
    }

    /// <summary>a × b / d rounded, with a 64-bit fast path when a × b fits; d is positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long MultiplyDivideRound(long a, long b, long d, RoundingMode mode)
    {
        var high = Math.BigMul(a, b, out var low);
        // The product fits in a long when the high half is the sign extension of the low half.
        if (high == (low >> 63))
        {
            return DivideRound(low, d, mode);
        }
        return DivideRound((Int128)a * b, d, mode);
    }

    /// <summary>
    /// a × rate rounded. The fast path (|rate| &lt; 1 and |a| within the rate's limit, which covers amounts to about
    /// 2^64 / denominator) is one 64×64→128 multiply and three compares (see <see cref="FractionMultiplier"/>);
    /// everything else takes the exact route through <see cref="MultiplyDivideRound"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long MultiplyRound(long a, in Rate rate, RoundingMode mode)
    {
        // Unchecked: |a| as a ulong is exact (2^63 for long.MinValue); the fast path keeps |a| < 2^63 and the
        // rounded magnitude ≤ |a| × |rate| + 1 ≤ |a|, so nothing wraps. s is 0 or all ones: the sign is data, and
        // the negation is branch-free.
        unchecked
        {
            ref readonly var multiplier = ref Rate.MultiplierOf(in rate);
            var sa = a >> 63;
            var magnitude = (ulong)((a ^ sa) - sa);
            if (!multiplier.Handles(magnitude))
            {
                return MultiplyRoundSlow(a, rate.Numerator, rate.Denominator, mode);
            }
            var quotient = multiplier.Multiply(magnitude, out var low);
            var s = sa ^ (rate.Numerator >> 63);
            var negative = s != 0;
            var up = mode switch
            {
                RoundingMode.HalfEven => multiplier.RoundsUpHalfEven(low, quotient),
                RoundingMode.HalfUp => multiplier.IsAtLeastHalf(low),
                RoundingMode.HalfDown => multiplier.IsAboveHalf(low),
                RoundingMode.TowardZero => false,
                RoundingMode.AwayFromZero => multiplier.IsNonZero(low),
                RoundingMode.Floor => negative & multiplier.IsNonZero(low),
                RoundingMode.Ceiling => !negative & multiplier.IsNonZero(low),
                _ => multiplier.IsNonZero(low) && ThrowInexactUp(),
            };
            var rounded = (long)(quotient + (up ? 1UL : 0UL));
            return (rounded ^ s) - s;
        }
    }

    // Scalars, not the Rate: passing the struct would make the caller copy it to the stack on every call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long MultiplyRoundSlow(long a, long numerator, long denominator, RoundingMode mode) =>
        MultiplyDivideRound(a, numerator, denominator, mode);

    private static bool ThrowInexactUp()
    {
        ThrowHelper.ThrowInexact("Rounding");
        return false;
    }

    /// <summary>Compares a positive remainder with half the (positive) divisor without overflow: −1, 0 or 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CompareToHalf(long absRemainder, long denominator)
    {
        var other = unchecked(denominator - absRemainder); // 0 < absRemainder < denominator
        return absRemainder < other ? -1 : absRemainder > other ? 1 : 0;
    }

    /// <summary>
    /// What to add to a quotient truncated toward zero: −1, 0 or +1. <paramref name="half"/> compares the
    /// discarded fraction with one half (−1 below, 0 tie, +1 above); it is only called for an inexact quotient.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Adjustment(bool negative, bool quotientOdd, int half, RoundingMode mode)
    {
        long away = negative ? -1 : 1;
        switch (mode)
        {
            case RoundingMode.HalfEven:
                return half > 0 || (half == 0 && quotientOdd) ? away : 0;
            case RoundingMode.HalfUp:
                return half >= 0 ? away : 0;
            case RoundingMode.HalfDown:
                return half > 0 ? away : 0;
            case RoundingMode.TowardZero:
                return 0;
            case RoundingMode.AwayFromZero:
                return away;
            case RoundingMode.Floor:
                return negative ? -1 : 0;
            case RoundingMode.Ceiling:
                return negative ? 0 : 1;
            default:
                ThrowHelper.ThrowInexact("Rounding");
                return 0;
        }
    }

    internal static long GreatestCommonDivisor(long a, long b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    internal static Int128 GreatestCommonDivisor(Int128 a, Int128 b)
    {
        a = Int128.Abs(a);
        b = Int128.Abs(b);
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }

    /// <summary>
    /// Reduces a positive-denominator fraction to lowest terms. When it still does not fit in 64 bits (only for
    /// chained cross rates of unusually precise inputs) both terms are scaled down, keeping at least 15
    /// significant digits; that one approximation is documented on <c>Fx.ExchangeRate</c>.
    /// </summary>
    internal static (long Numerator, long Denominator) Reduce(Int128 numerator, Int128 denominator)
    {
        if (denominator <= 0)
        {
            ThrowHelper.ThrowArgument("The denominator must be positive.", nameof(denominator));
        }
        var gcd = GreatestCommonDivisor(numerator, denominator);
        if (gcd > 1)
        {
            numerator /= gcd;
            denominator /= gcd;
        }
        while (Int128.Abs(numerator) > long.MaxValue || denominator > long.MaxValue)
        {
            numerator = DivideRoundToInt128(numerator, 10);
            denominator = DivideRoundToInt128(denominator, 10);
            if (denominator == 0)
            {
                ThrowHelper.ThrowOverflow("rate reduction");
            }
        }
        return ((long)numerator, (long)denominator);
    }

    private static Int128 DivideRoundToInt128(Int128 value, int divisor)
    {
        var quotient = value / divisor;
        var remainder = value - quotient * divisor;
        var absRemainder = remainder < 0 ? -remainder : remainder;
        if (absRemainder * 2 >= divisor)
        {
            quotient += value < 0 ? -1 : 1;
        }
        return quotient;
    }
}
