using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// An exact, non-negative quantity of goods (kilograms, litres, items, %vol, degrees...), held as a whole number of
/// thousandths: 16,320 kg is 16,320,000 and 40 %vol is 40,000. Never a <c>double</c>.
/// </summary>
/// <remarks>
/// Thousandths are the resolution customs declarations use (grams, millilitres, 0.001 %vol); a value with more
/// decimals is rejected rather than rounded. The range is up to about 9.2 × 10^15 units.
/// </remarks>
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    /// <summary>The fixed scale: a quantity counts thousandths of its unit.</summary>
    public const long Scale = 1000;

    private readonly long _thousandths;

    private Quantity(long thousandths) => _thousandths = thousandths;

    /// <summary>The quantity in thousandths of its unit.</summary>
    public long Thousandths => _thousandths;

    /// <summary>Zero.</summary>
    public static Quantity Zero => default;

    /// <summary>A quantity given in thousandths (1,500 is 1.5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The quantity is negative.</exception>
    public static Quantity FromThousandths(long thousandths)
    {
        if (thousandths < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(thousandths), thousandths, "A quantity of goods cannot be negative.");
        }
        return new Quantity(thousandths);
    }

    /// <summary>A whole quantity (12 items, 100 kg).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The quantity is negative.</exception>
    /// <exception cref="OverflowException">The quantity does not fit.</exception>
    public static Quantity FromWhole(long units) => FromThousandths(checked(units * Scale));

    /// <summary>A quantity from a decimal, exactly: 163.2 is 163,200 thousandths.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The quantity is negative.</exception>
    /// <exception cref="ArithmeticException">The value has more than three decimals.</exception>
    /// <exception cref="OverflowException">The value does not fit.</exception>
    public static Quantity FromDecimal(decimal value)
    {
        var scaled = value * Scale;
        if (scaled != decimal.Truncate(scaled))
        {
            ThrowTooManyDecimals(value);
        }
        return FromThousandths(decimal.ToInt64(scaled));
    }

    [DoesNotReturn]
    private static void ThrowTooManyDecimals(decimal value) =>
        throw new ArithmeticException(
            $"The quantity {value.ToString(CultureInfo.InvariantCulture)} has more than three decimals; quantities are exact to the thousandth.");

    /// <summary>The quantity as a decimal (exact).</summary>
    public decimal ToDecimal() => new decimal(_thousandths) / Scale;

    /// <inheritdoc />
    public bool Equals(Quantity other) => _thousandths == other._thousandths;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _thousandths.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Quantity other) => _thousandths.CompareTo(other._thousandths);

    /// <summary>Invariant text with up to three decimals: <c>163.2</c>.</summary>
    public override string ToString() => ToDecimal().ToString("0.###", CultureInfo.InvariantCulture);

#pragma warning disable CS1591
    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);
    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);
    public static bool operator <(Quantity left, Quantity right) => left._thousandths < right._thousandths;
    public static bool operator >(Quantity left, Quantity right) => left._thousandths > right._thousandths;
    public static bool operator <=(Quantity left, Quantity right) => left._thousandths <= right._thousandths;
    public static bool operator >=(Quantity left, Quantity right) => left._thousandths >= right._thousandths;
#pragma warning restore CS1591
}
