using System.Runtime.CompilerServices;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// An exact rational number with 128-bit terms, always in lowest terms with a positive denominator. The evaluator's
/// intermediate values (fractions of a minor unit) are these; arithmetic is checked, so an overflow throws
/// <see cref="OverflowException"/> rather than wrapping.
/// </summary>
internal readonly struct Fraction
{
    internal readonly Int128 Numerator;
    internal readonly Int128 Denominator;

    private Fraction(Int128 numerator, Int128 denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    internal static Fraction Zero => new(0, 1);

    internal bool IsZero => Numerator == 0;

    internal int Sign => Numerator.CompareTo(Int128.Zero);

    internal static Fraction Whole(Int128 value) => new(value, 1);

    /// <summary>n / d in lowest terms; <paramref name="denominator"/> must be positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Fraction Create(Int128 numerator, Int128 denominator)
    {
        if (denominator <= 0)
        {
            ThrowHelper.ThrowArgument("The denominator must be positive.", nameof(denominator));
        }
        if (denominator == 1 || numerator == 0)
        {
            return new Fraction(numerator, numerator == 0 ? 1 : denominator);
        }
        var gcd = Gcd(numerator < 0 ? -numerator : numerator, denominator);
        return gcd == 1 ? new Fraction(numerator, denominator) : new Fraction(numerator / gcd, denominator / gcd);
    }

    public static Fraction operator +(Fraction left, Fraction right)
    {
        if (left.Denominator == right.Denominator)
        {
            return Create(checked(left.Numerator + right.Numerator), left.Denominator);
        }
        // Cross-multiply over the lcm of the denominators, which keeps the terms small.
        var gcd = Gcd(left.Denominator, right.Denominator);
        var leftFactor = right.Denominator / gcd;
        var rightFactor = left.Denominator / gcd;
        return Create(
            checked((left.Numerator * leftFactor) + (right.Numerator * rightFactor)),
            checked(left.Denominator * leftFactor));
    }

    public static Fraction operator -(Fraction value) => new(checked(-value.Numerator), value.Denominator);

    public static Fraction operator -(Fraction left, Fraction right) => left + (-right);

    public static Fraction operator *(Fraction left, Fraction right)
    {
        // Cancel crosswise first so the products stay as small as possible.
        var g1 = Gcd(Abs(left.Numerator), right.Denominator);
        var g2 = Gcd(Abs(right.Numerator), left.Denominator);
        if (g1 == 0)
        {
            g1 = 1;
        }
        if (g2 == 0)
        {
            g2 = 1;
        }
        return Create(
            checked((left.Numerator / g1) * (right.Numerator / g2)),
            checked((left.Denominator / g2) * (right.Denominator / g1)));
    }

    /// <summary>Compares without overflow, by the continued-fraction expansion of both values.</summary>
    internal int CompareTo(Fraction other)
    {
        Int128 a = Numerator, b = Denominator, c = other.Numerator, d = other.Denominator;
        var flipped = false;
        while (true)
        {
            var qa = FloorDivide(a, b);
            var qc = FloorDivide(c, d);
            if (qa != qc)
            {
                var result = qa < qc ? -1 : 1;
                return flipped ? -result : result;
            }
            var ra = a - (qa * b); // 0 <= ra < b
            var rc = c - (qc * d);
            if (ra == 0 || rc == 0)
            {
                var result = ra == rc ? 0 : ra == 0 ? -1 : 1;
                return flipped ? -result : result;
            }
            // ra/b < rc/d  ⇔  b/ra > d/rc
            (a, b, c, d) = (b, ra, d, rc);
            flipped = !flipped;
        }
    }

    internal static Fraction Max(Fraction left, Fraction right) => left.CompareTo(right) >= 0 ? left : right;

    internal static Fraction Min(Fraction left, Fraction right) => left.CompareTo(right) <= 0 ? left : right;

    internal bool Equals(Fraction other) => Numerator == other.Numerator && Denominator == other.Denominator;

    private static Int128 Abs(Int128 value) => value < 0 ? -value : value;

    private static Int128 FloorDivide(Int128 numerator, Int128 denominator)
    {
        var quotient = numerator / denominator;
        if ((numerator % denominator) < 0)
        {
            quotient -= 1;
        }
        return quotient;
    }

    /// <summary>Greatest common divisor of two non-negative values, with a 64-bit fast path.</summary>
    private static Int128 Gcd(Int128 a, Int128 b)
    {
        if (a <= ulong.MaxValue && b <= ulong.MaxValue)
        {
            var x = (ulong)a;
            var y = (ulong)b;
            while (y != 0)
            {
                (x, y) = (y, x % y);
            }
            return x;
        }
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }
}
