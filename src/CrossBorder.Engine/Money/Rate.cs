using System.Diagnostics.Contracts;
using System.Globalization;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine;

/// <summary>
/// An exact rate or percentage, stored as a fraction of two 64-bit integers in lowest terms: 0.3464% is
/// 433/125000, 16.5% is 33/200, and a tax-inclusive ratio such as 22/78 stays 11/39. Never a <c>double</c>.
/// </summary>
public readonly struct Rate : IEquatable<Rate>, IComparable<Rate>, ISpanFormattable
{
    private readonly long _numerator;
    private readonly long _denominatorMinusOne; // so that default(Rate) is 0/1
    private readonly FractionMultiplier _multiplier; // precomputed for multiply-and-round (default: the zero fraction)

    private Rate(long numerator, long denominator)
    {
        _numerator = numerator;
        _denominatorMinusOne = denominator - 1;
        _multiplier = new FractionMultiplier(numerator, denominator);
    }

    /// <summary>|numerator| / denominator prepared for multiply-and-round without a division.</summary>
    internal FractionMultiplier Multiplier => _multiplier;

    /// <summary>The multiplier of <paramref name="rate"/> by reference (40 bytes; the property copies it).</summary>
    internal static ref readonly FractionMultiplier MultiplierOf(in Rate rate) => ref rate._multiplier;

    /// <summary>The numerator of the fraction in lowest terms (its sign is the rate's sign).</summary>
    public long Numerator => _numerator;

    /// <summary>The positive denominator of the fraction in lowest terms.</summary>
    public long Denominator => unchecked(_denominatorMinusOne + 1); // never overflows: the stored value is d − 1 with d ≥ 1

    /// <summary>Zero.</summary>
    public static Rate Zero => default;

    /// <summary>One (100%).</summary>
    public static Rate One => new(1, 1);

    /// <summary>The exact ratio <paramref name="numerator"/> / <paramref name="denominator"/>, reduced.</summary>
    public static Rate FromRatio(long numerator, long denominator)
    {
        if (denominator == 0)
        {
            ThrowHelper.ThrowDivideByZero();
        }
        if (denominator < 0)
        {
            numerator = checked(-numerator);
            denominator = checked(-denominator);
        }
        var gcd = FixedPoint.GreatestCommonDivisor(numerator, denominator);
        return gcd > 1 ? new Rate(numerator / gcd, denominator / gcd) : new Rate(numerator, denominator);
    }

    /// <summary>A rate from a decimal fraction, exactly (0.165 is 33/200).</summary>
    public static Rate FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        // The three 32-bit words are unsigned bit patterns (unchecked: reinterpreting a negative int is the point).
        var mantissa = unchecked(((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0]);
        if (bits[3] < 0)
        {
            mantissa = -mantissa;
        }
        var denominator = Int128.One;
        for (var i = 0; i < scale; i++)
        {
            denominator *= 10;
        }
        var gcd = FixedPoint.GreatestCommonDivisor(mantissa, denominator);
        if (gcd > 1)
        {
            mantissa /= gcd;
            denominator /= gcd;
        }
        if (Int128.Abs(mantissa) > long.MaxValue || denominator > long.MaxValue)
        {
            throw new OverflowException($"The rate {value.ToString(CultureInfo.InvariantCulture)} has too many significant digits to be held exactly.");
        }
        return new Rate((long)mantissa, (long)denominator);
    }

    /// <summary>A percentage, exactly: <c>Percent(16.5m)</c> is 33/200.</summary>
    public static Rate Percent(decimal percent)
    {
        var r = FromDecimal(percent);
        return FromRatio(r._numerator, checked(r.Denominator * 100));
    }

    /// <summary>
    /// Parses an invariant rate text: a percentage (<c>0.3464%</c>), a decimal fraction (<c>0.165</c>) or a ratio
    /// (<c>22/78</c>).
    /// </summary>
    /// <exception cref="FormatException">The text is none of those; the message names it.</exception>
    public static Rate Parse(ReadOnlySpan<char> text)
    {
        if (!TryParse(text, out var rate))
        {
            throw new FormatException($"'{text.ToString()}' is not a rate: expected a percentage such as 2.7%, a decimal such as 0.165 or a ratio such as 22/78.");
        }
        return rate;
    }

    /// <summary>Tries to parse an invariant rate text (see <see cref="Parse"/>).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Rate rate)
    {
        text = text.Trim();
        rate = default;
        var slash = text.IndexOf('/');
        if (slash > 0)
        {
            if (long.TryParse(text[..slash].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                && long.TryParse(text[(slash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
                && d != 0)
            {
                rate = FromRatio(n, d);
                return true;
            }
            return false;
        }
        var percent = text.EndsWith("%");
        if (percent)
        {
            text = text[..^1].TrimEnd();
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        try
        {
            rate = percent ? Percent(value) : FromDecimal(value);
        }
        catch (OverflowException)
        {
            // More significant digits than a 64-bit fraction holds: not a rate, and a Try method does not throw.
            rate = default;
            return false;
        }
        return true;
    }

    /// <summary>The rate as a <see cref="decimal"/>, for display at the edges (may round for ratios such as 22/78).</summary>
    [Pure]
    public decimal ToDecimal() => (decimal)_numerator / Denominator;

    /// <summary>Sum of two rates, exact.</summary>
    public static Rate operator +(Rate left, Rate right)
    {
        var n = (Int128)left._numerator * right.Denominator + (Int128)right._numerator * left.Denominator;
        var d = (Int128)left.Denominator * right.Denominator;
        var (rn, rd) = FixedPoint.Reduce(n, d);
        return new Rate(rn, rd);
    }

    /// <summary>Product of two rates, exact.</summary>
    public static Rate operator *(Rate left, Rate right)
    {
        var (rn, rd) = FixedPoint.Reduce((Int128)left._numerator * right._numerator, (Int128)left.Denominator * right.Denominator);
        return new Rate(rn, rd);
    }

    /// <inheritdoc />
    public bool Equals(Rate other) => _numerator == other._numerator && _denominatorMinusOne == other._denominatorMinusOne;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_numerator, _denominatorMinusOne);

    /// <inheritdoc />
    public int CompareTo(Rate other) =>
        ((Int128)_numerator * other.Denominator).CompareTo((Int128)other._numerator * Denominator);

    /// <summary>Invariant text: a percentage with as many digits as needed when exact in decimal, else the ratio.</summary>
    public override string ToString() => ToString(null, null);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> buffer = stackalloc char[64];
        return TryFormat(buffer, out var written, format, formatProvider) ? buffer[..written].ToString() : $"{_numerator}/{Denominator}";
    }

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        // Exact decimal percentage when the denominator has only factors 2 and 5 and the digits fit in a decimal:
        // n/d = n·(10^k/d) / 10^k with k = max(twos, fives), exact when that mantissa has at most 96 bits.
        var d = Denominator;
        var twos = 0;
        var fives = 0;
        while (d % 2 == 0) { d /= 2; twos++; }
        while (d % 5 == 0) { d /= 5; fives++; }
        var k = Math.Max(twos, fives);
        if (d == 1 && k <= 20)
        {
            UInt128 factor = 1;
            for (var i = 0; i < k; i++)
            {
                factor *= 10;
            }
            factor /= (ulong)Denominator;
            var magnitude = (UInt128)Int128.Abs(_numerator);
            if (magnitude <= ((UInt128.One << 96) - 1) / factor)
            {
                var mantissa = magnitude * factor;
                var value = new decimal(unchecked((int)(uint)mantissa), unchecked((int)(uint)(mantissa >> 32)), unchecked((int)(uint)(mantissa >> 64)), _numerator < 0, (byte)k);
                var percent = value * 100m; // exact: the point moves two places
                return destination.TryWrite(CultureInfo.InvariantCulture, $"{percent:0.############################}%", out charsWritten);
            }
        }
        return destination.TryWrite(CultureInfo.InvariantCulture, $"{_numerator}/{Denominator}", out charsWritten);
    }

#pragma warning disable CS1591
    public static bool operator ==(Rate left, Rate right) => left.Equals(right);
    public static bool operator !=(Rate left, Rate right) => !left.Equals(right);
    public static bool operator <(Rate left, Rate right) => left.CompareTo(right) < 0;
    public static bool operator >(Rate left, Rate right) => left.CompareTo(right) > 0;
    public static bool operator <=(Rate left, Rate right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Rate left, Rate right) => left.CompareTo(right) >= 0;
#pragma warning restore CS1591
}
