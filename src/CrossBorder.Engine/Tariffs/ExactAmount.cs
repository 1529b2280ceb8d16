using System.Globalization;
using System.Numerics;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// An exact amount of money before rounding: a fraction of the currency's minor units (103.5 US cents is 207/2
/// cents). Duty expressions evaluate to this, and round once, at the end, to a <see cref="Money"/>.
/// </summary>
public readonly struct ExactAmount : IEquatable<ExactAmount>, IComparable<ExactAmount>
{
    private readonly Fraction _value;
    private readonly Currency _currency;

    internal ExactAmount(Fraction value, Currency currency)
    {
        _value = value;
        _currency = currency;
    }

    /// <summary>The numerator, in minor units, of the fraction in lowest terms (its sign is the amount's sign).</summary>
    public Int128 Numerator => _value.Denominator == 0 ? 0 : _value.Numerator;

    /// <summary>The positive denominator of the fraction in lowest terms.</summary>
    public Int128 Denominator => _value.Denominator == 0 ? 1 : _value.Denominator;

    /// <summary>The currency.</summary>
    public Currency Currency => _currency;

    /// <summary>True when the amount is a whole number of minor units (no rounding needed).</summary>
    public bool IsWholeMinorUnits => Denominator == 1;

    /// <summary>The exact amount of <paramref name="money"/>.</summary>
    public static ExactAmount FromMoney(Money money) => new(Fraction.Whole(money.MinorUnits), money.Currency);

    /// <summary>Rounds once to a whole minor unit with <paramref name="mode"/>.</summary>
    /// <exception cref="ArithmeticException">The amount is inexact and the mode is <see cref="RoundingMode.Unnecessary"/>.</exception>
    /// <exception cref="OverflowException">The rounded amount does not fit in 64-bit minor units.</exception>
    public Money Round(RoundingMode mode) => Money.FromMinorUnits(FixedPoint.DivideRound(Numerator, Denominator, mode), _currency);

    /// <summary>The exact sum of two amounts of the same currency.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static ExactAmount operator +(ExactAmount left, ExactAmount right)
    {
        if (left._currency != right._currency)
        {
            ThrowHelper.ThrowCurrencyMismatch(left._currency, right._currency);
        }
        return new ExactAmount(left.Value + right.Value, left._currency);
    }

    /// <summary>The exact sum (same as <c>+</c>).</summary>
    public ExactAmount Add(ExactAmount other) => this + other;

    internal Fraction Value => _value.Denominator == 0 ? Fraction.Zero : _value;

    /// <inheritdoc />
    public bool Equals(ExactAmount other) => _currency == other._currency && Value.Equals(other.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ExactAmount other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator, _currency);

    /// <summary>Compares two amounts of the same currency exactly.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public int CompareTo(ExactAmount other)
    {
        if (_currency != other._currency)
        {
            ThrowHelper.ThrowCurrencyMismatch(_currency, other._currency);
        }
        return Value.CompareTo(other.Value);
    }

    /// <summary>
    /// Invariant text: the amount in major units when it is a terminating decimal (<c>1.035 USD</c>), else the
    /// fraction of minor units (<c>1/3 minor units of USD</c>).
    /// </summary>
    public override string ToString()
    {
        var numerator = Numerator;
        var denominator = Denominator;
        var digits = _currency.IsNone || !_currency.HasMinorUnits ? 0 : _currency.MinorUnits;
        // A terminating decimal: the denominator has only the factors 2 and 5.
        var d = denominator;
        var twos = 0;
        var fives = 0;
        while (d % 2 == 0) { d /= 2; twos++; }
        while (d % 5 == 0) { d /= 5; fives++; }
        if (d != 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{numerator}/{denominator} minor units of {_currency.Code}");
        }
        var scale = Math.Max(twos, fives) + digits;
        var scaled = (BigInteger)numerator * BigInteger.Pow(10, scale - digits) / (BigInteger)denominator;
        var negative = scaled.Sign < 0;
        var text = BigInteger.Abs(scaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        if (scale > 0)
        {
            text = text[..^scale] + "." + text[^scale..];
            text = text.TrimEnd('0');
            if (text.Length - text.IndexOf('.', StringComparison.Ordinal) - 1 < digits)
            {
                text = text.PadRight(text.IndexOf('.', StringComparison.Ordinal) + 1 + digits, '0');
            }
            text = text.TrimEnd('.');
        }
        return (negative ? "-" : "") + text + " " + _currency.Code;
    }

#pragma warning disable CS1591
    public static bool operator ==(ExactAmount left, ExactAmount right) => left.Equals(right);
    public static bool operator !=(ExactAmount left, ExactAmount right) => !left.Equals(right);
    public static bool operator <(ExactAmount left, ExactAmount right) => left.CompareTo(right) < 0;
    public static bool operator >(ExactAmount left, ExactAmount right) => left.CompareTo(right) > 0;
    public static bool operator <=(ExactAmount left, ExactAmount right) => left.CompareTo(right) <= 0;
    public static bool operator >=(ExactAmount left, ExactAmount right) => left.CompareTo(right) >= 0;
#pragma warning restore CS1591
}
