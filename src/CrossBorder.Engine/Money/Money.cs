using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Contracts;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using CrossBorder.Engine.Internal;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine;

/// <summary>
/// An exact amount of money: a 64-bit count of the currency's minor units (cents, yen, fils) and the currency.
/// </summary>
/// <remarks>
/// Addition, subtraction and negation are exact and throw <see cref="OverflowException"/> rather than wrap.
/// Combining two currencies throws <see cref="CurrencyMismatchException"/>. Multiplication by a <see cref="Rate"/>
/// and division compute the exact quotient with 128-bit intermediates and round it once, with the
/// <see cref="RoundingMode"/> the caller names.
/// </remarks>
public readonly struct Money :
    IEquatable<Money>,
    IComparable<Money>,
    ISpanFormattable,
    IUtf8SpanFormattable,
    IAdditionOperators<Money, Money, Money>,
    ISubtractionOperators<Money, Money, Money>,
    IUnaryNegationOperators<Money, Money>,
    IComparisonOperators<Money, Money, bool>
{
    private readonly long _minorUnits;
    private readonly Currency _currency;

    /// <summary>An amount of <paramref name="minorUnits"/> minor units of <paramref name="currency"/>.</summary>
    /// <exception cref="InvalidOperationException">The currency has no minor units (XAU, XDR, ...) or is none.</exception>
    public Money(long minorUnits, Currency currency)
    {
        if (!currency.HasMinorUnits)
        {
            ThrowInvalidCurrency(currency);
        }
        _minorUnits = minorUnits;
        _currency = currency;
    }

    private Money(long minorUnits, Currency currency, bool trusted)
    {
        _ = trusted;
        _minorUnits = minorUnits;
        _currency = currency;
    }

    /// <summary>
    /// An amount of a currency the caller has already checked (<see cref="Currency.HasMinorUnits"/>), without checking
    /// it again: for hot loops that build many amounts of one validated currency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Money Trusted(long minorUnits, Currency currency)
    {
        Debug.Assert(currency.HasMinorUnits);
        return new(minorUnits, currency, trusted: true);
    }

    /// <summary>The amount in the currency's minor units (for EUR, cents).</summary>
    public long MinorUnits => _minorUnits;

    /// <summary>The currency.</summary>
    public Currency Currency => _currency;

    /// <summary>True when the amount is zero.</summary>
    public bool IsZero => _minorUnits == 0;

    /// <summary>−1, 0 or 1.</summary>
    public int Sign => Math.Sign(_minorUnits);

    /// <summary>Zero in <paramref name="currency"/>.</summary>
    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>An amount given in minor units.</summary>
    public static Money FromMinorUnits(long minorUnits, Currency currency) => new(minorUnits, currency);

    /// <summary>An amount given in whole major units (for EUR, euros).</summary>
    /// <exception cref="OverflowException">The amount does not fit.</exception>
    public static Money FromMajorUnits(long majorUnits, Currency currency) =>
        new(checked(majorUnits * CurrencyTable.Pow10[currency.MinorUnits]), currency);

    // ---------------------------------------------------------------- exact arithmetic

    /// <summary>Exact sum. Throws on different currencies and on overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Money operator +(Money left, Money right)
    {
        if (left._currency != right._currency)
        {
            ThrowHelper.ThrowCurrencyMismatch(left._currency, right._currency);
        }
        return new Money(checked(left._minorUnits + right._minorUnits), left._currency, trusted: true);
    }

    /// <summary>Exact difference. Throws on different currencies and on overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Money operator -(Money left, Money right)
    {
        if (left._currency != right._currency)
        {
            ThrowHelper.ThrowCurrencyMismatch(left._currency, right._currency);
        }
        return new Money(checked(left._minorUnits - right._minorUnits), left._currency, trusted: true);
    }

    /// <summary>Exact negation. Throws on overflow (the most negative amount has no positive counterpart).</summary>
    public static Money operator -(Money value) => new(checked(-value._minorUnits), value._currency, trusted: true);

    /// <summary>Exact product by a whole number. Throws on overflow.</summary>
    public static Money operator *(Money value, long factor) => new(checked(value._minorUnits * factor), value._currency, trusted: true);

    /// <summary>Exact sum (same as <c>+</c>).</summary>
    [Pure]
    public Money Add(Money other) => this + other;

    /// <summary>Exact difference (same as <c>-</c>).</summary>
    [Pure]
    public Money Subtract(Money other) => this - other;

    /// <summary>Exact negation.</summary>
    [Pure]
    public Money Negate() => -this;

    /// <summary>The absolute amount.</summary>
    [Pure]
    public Money Abs() => _minorUnits < 0 ? -this : this;

    /// <summary>
    /// This amount times <paramref name="rate"/>, computed exactly with 128-bit intermediates and rounded once to
    /// a whole minor unit with <paramref name="mode"/>.
    /// </summary>
    /// <exception cref="OverflowException">The result does not fit in 64-bit minor units.</exception>
    /// <exception cref="ArithmeticException">The result is inexact and the mode is <see cref="RoundingMode.Unnecessary"/>.</exception>
    [Pure]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Money Multiply(Rate rate, RoundingMode mode) =>
        new(FixedPoint.MultiplyRound(_minorUnits, rate, mode), _currency, trusted: true);

    /// <summary>
    /// <see cref="Multiply(Rate, RoundingMode)"/> with the rate by reference: a rate is 56 bytes, and hot loops that
    /// keep their rates in a table would otherwise copy one to the stack for every product.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Money Multiply(in Rate rate, RoundingMode mode, bool byReference)
    {
        _ = byReference;
        return new(FixedPoint.MultiplyRound(_minorUnits, in rate, mode), _currency, trusted: true);
    }

    /// <summary>This amount divided by <paramref name="divisor"/>, rounded once with <paramref name="mode"/>.</summary>
    [Pure]
    public Money Divide(long divisor, RoundingMode mode)
    {
        if (divisor == 0)
        {
            ThrowHelper.ThrowDivideByZero();
        }
        // Division by a negative divisor: divide the negated numerator by the positive divisor, in 128 bits so that
        // long.MinValue / -1 is an overflow error rather than a wrap.
        var result = divisor > 0
            ? FixedPoint.DivideRound(_minorUnits, divisor, mode)
            : FixedPoint.DivideRound(-(Int128)_minorUnits, -(Int128)divisor, mode);
        return new Money(result, _currency, trusted: true);
    }

    /// <summary>
    /// Rounds to a multiple of <paramref name="increment"/> minor units: cash rounding (CHF 0.05 is 5 rappen,
    /// SEK/NOK whole units are 100 öre), or customs truncation (Japan Customs: bases to ¥1,000, duties to ¥100,
    /// with <see cref="RoundingMode.TowardZero"/>).
    /// </summary>
    [Pure]
    public Money RoundToIncrement(long increment, RoundingMode mode)
    {
        if (increment <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(increment), increment, "The increment must be a positive number of minor units.");
        }
        var units = FixedPoint.DivideRound(_minorUnits, increment, mode);
        return new Money(checked(units * increment), _currency, trusted: true);
    }

    /// <summary>Rounds with the currency's cash rounding (see <see cref="CashRounding"/>), half-up.</summary>
    [Pure]
    public Money RoundToCash() => RoundToIncrement(CashRounding.IncrementFor(_currency), RoundingMode.HalfUp);

    // ---------------------------------------------------------------- allocation

    /// <summary>
    /// Splits this amount into <c>destination.Length</c> parts as equal as possible. The parts always sum to the
    /// total; each is within one minor unit of the exact share; the earlier parts get the extra units.
    /// </summary>
    public void Allocate(Span<Money> destination)
    {
        var n = destination.Length;
        if (n == 0)
        {
            ThrowHelper.ThrowArgument("Allocate into at least one part.", nameof(destination));
        }
        // Work on the magnitude so that a negative total is the mirror image of the positive one.
        var negative = _minorUnits < 0;
        var magnitude = negative ? -(Int128)_minorUnits : _minorUnits;
        var share = magnitude / n;
        var extra = (int)(magnitude - share * n);
        for (var i = 0; i < n; i++)
        {
            var part = share + (i < extra ? 1 : 0);
            destination[i] = new Money((long)(negative ? -part : part), _currency, trusted: true);
        }
    }

    /// <summary>
    /// Splits this amount in proportion to <paramref name="weights"/> (non-negative, not all zero) into
    /// <paramref name="destination"/>, by the largest-remainder method: every part is its exact share rounded down
    /// or up, the parts always sum to the total, and the units left over go to the largest remainders, ties to the
    /// earlier part. A negative total is allocated as the mirror image of its magnitude.
    /// </summary>
    [SkipLocalsInit] // the remainder slots are written before they are read
    public void Allocate(ReadOnlySpan<long> weights, Span<Money> destination)
    {
        var n = weights.Length;
        if (n == 0 || destination.Length < n)
        {
            ThrowHelper.ThrowArgument("Give at least one weight and a destination at least as long as the weights.", nameof(destination));
        }
        Int128 totalWeight = 0;
        for (var i = 0; i < n; i++)
        {
            if (weights[i] < 0)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(weights), weights[i], "Weights must not be negative.");
            }
            totalWeight += weights[i];
        }
        if (totalWeight == 0)
        {
            ThrowHelper.ThrowArgument("At least one weight must be positive.", nameof(weights));
        }
        if (n == 1)
        {
            destination[0] = this; // one positive weight takes everything
            return;
        }

        var negative = _minorUnits < 0;
        var magnitude = negative ? -(Int128)_minorUnits : _minorUnits;
        if (n <= SmallAllocation && totalWeight <= long.MaxValue && magnitude <= long.MaxValue
            && TryAllocateSmall((long)magnitude, negative, weights, (long)totalWeight, destination))
        {
            return;
        }

        RemainderSlot[]? rented = null;
        var slots = n <= 64 ? stackalloc RemainderSlot[64] : (rented = ArrayPool<RemainderSlot>.Shared.Rent(n));
        slots = slots[..n];
        try
        {
            // Parts are written with the total's sign straight away: a magnitude of 2^63 (all of long.MinValue in
            // one part) fits in a long only as a negative number.
            long unit = negative ? -1 : 1;
            Int128 allocated = 0;
            for (var i = 0; i < n; i++)
            {
                Int128 floor;
                Int128 remainder;
                // 64-bit division when the product and the total weight fit (nearly always); 128-bit otherwise.
                var high = Math.BigMul((ulong)magnitude, (ulong)weights[i], out var low);
                if (high == 0 && low <= long.MaxValue && totalWeight <= long.MaxValue && magnitude <= long.MaxValue)
                {
                    var f = (long)low / (long)totalWeight;
                    floor = f;
                    remainder = (long)low - f * (long)totalWeight;
                }
                else
                {
                    var exact = magnitude * weights[i];
                    floor = exact / totalWeight;
                    remainder = exact - floor * totalWeight;
                }
                slots[i] = new RemainderSlot(remainder, i);
                allocated += floor;
                destination[i] = new Money((long)(negative ? -floor : floor), _currency, trusted: true);
            }
            var left = (int)(magnitude - allocated); // < n, since each floor loses less than one unit
            if (left > 0)
            {
                if (n <= 16)
                {
                    RemainderSlot.InsertionSortLargestFirst(slots);
                }
                else
                {
                    slots.Sort(RemainderSlot.LargestFirst);
                }
                for (var k = 0; k < left; k++)
                {
                    var i = slots[k].Index;
                    destination[i] = new Money(destination[i]._minorUnits + unit, _currency, trusted: true);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<RemainderSlot>.Shared.Return(rented);
            }
        }
    }

    private const int SmallAllocation = 16;

    /// <summary>
    /// Allocation by weight over at most <see cref="SmallAllocation"/> parts when every product |total| × weight fits in
    /// 64 bits (a shipment's lines: the common case): the same parts as the general path — floors, then one unit each
    /// to the largest remainders, ties to the lower index — picked by scanning instead of sorting 128-bit slots. False
    /// (nothing written) when a product does not fit.
    /// </summary>
    [SkipLocalsInit]
    private bool TryAllocateSmall(long magnitude, bool negative, ReadOnlySpan<long> weights, long totalWeight, Span<Money> destination)
    {
        var n = weights.Length;
        Span<long> remainders = stackalloc long[SmallAllocation];
        Span<long> floors = stackalloc long[SmallAllocation];
        long allocated = 0;
        for (var i = 0; i < n; i++)
        {
            var high = Math.BigMul((ulong)magnitude, (ulong)weights[i], out var low);
            if (high != 0 || low > long.MaxValue)
            {
                return false;
            }
            var floor = (long)low / totalWeight;
            floors[i] = floor;
            remainders[i] = (long)low - floor * totalWeight;
            allocated += floor; // ≤ magnitude: the floors of shares that sum to it
        }
        // Fewer than n units are left, one for each of the largest remainders (remainders are ≥ 0; a part that took
        // its unit is marked −1).
        for (var left = magnitude - allocated; left > 0; left--)
        {
            var best = 0;
            for (var i = 1; i < n; i++)
            {
                if (remainders[i] > remainders[best])
                {
                    best = i;
                }
            }
            floors[best]++;
            remainders[best] = -1;
        }
        for (var i = 0; i < n; i++)
        {
            destination[i] = new Money(negative ? -floors[i] : floors[i], _currency, trusted: true);
        }
        return true;
    }

    private readonly record struct RemainderSlot(Int128 Remainder, int Index)
    {
        // A Comparison held in a static field: Span.Sort with a struct IComparer boxes the comparer and wraps it in
        // a new delegate on every call (88 bytes), while Sort(Comparison) allocates nothing.
        internal static readonly Comparison<RemainderSlot> LargestFirst = static (x, y) => Compare(x, y);

        private static int Compare(RemainderSlot x, RemainderSlot y)
        {
            var byRemainder = y.Remainder.CompareTo(x.Remainder);
            return byRemainder != 0 ? byRemainder : x.Index.CompareTo(y.Index);
        }

        // The same order as LargestFirst, for the few lines of a shipment: no delegate calls, no introsort set-up.
        internal static void InsertionSortLargestFirst(Span<RemainderSlot> slots)
        {
            for (var i = 1; i < slots.Length; i++)
            {
                var slot = slots[i];
                var j = i - 1;
                while (j >= 0 && Compare(slots[j], slot) > 0)
                {
                    slots[j + 1] = slots[j];
                    j--;
                }
                slots[j + 1] = slot;
            }
        }
    }

    // ---------------------------------------------------------------- decimal at the edges

    /// <summary>
    /// Converts a <see cref="decimal"/> amount in major units exactly. Fails when it has more decimals than the
    /// currency allows (1.005 EUR) rather than rounding silently; trailing zeros (1.500) are exact and accepted.
    /// </summary>
    /// <exception cref="ArithmeticException">The amount has more significant decimals than the currency's minor units.</exception>
    /// <exception cref="OverflowException">The amount does not fit in 64-bit minor units.</exception>
    public static Money FromDecimal(decimal amount, Currency currency) => FromDecimal(amount, currency, RoundingMode.Unnecessary);

    /// <summary>Converts a <see cref="decimal"/> amount in major units, rounding to the minor unit with <paramref name="mode"/>.</summary>
    public static Money FromDecimal(decimal amount, Currency currency, RoundingMode mode)
    {
        var scaled = amount * CurrencyTable.Pow10[currency.MinorUnits];
        var truncated = decimal.Truncate(scaled);
        var fraction = Math.Abs(scaled - truncated);
        if (truncated > long.MaxValue || truncated < long.MinValue)
        {
            ThrowHelper.ThrowOverflow("decimal conversion");
        }
        var units = (long)truncated;
        if (fraction != 0)
        {
            if (mode == RoundingMode.Unnecessary)
            {
                throw new ArithmeticException(
                    $"{amount.ToString(CultureInfo.InvariantCulture)} has more decimals than {currency.Code} allows ({currency.MinorUnits}); give a rounding mode to round it.");
            }
            var half = fraction.CompareTo(0.5m);
            units = checked(units + FixedPoint.Adjustment(amount < 0, (units & 1) != 0, half, mode));
        }
        return new Money(units, currency);
    }

    /// <summary>The amount in major units as a <see cref="decimal"/>, exactly.</summary>
    [Pure]
    public decimal ToDecimal()
    {
        var magnitude = _minorUnits < 0 ? (ulong)-(Int128)_minorUnits : (ulong)_minorUnits;
        // The two 32-bit halves are bit patterns: truncating and reinterpreting them is the point (unchecked).
        var low = unchecked((int)(uint)magnitude);
        var middle = unchecked((int)(uint)(magnitude >> 32));
        return new decimal(low, middle, 0, _minorUnits < 0, (byte)_currency.MinorUnits);
    }

    // ---------------------------------------------------------------- comparison

    /// <inheritdoc />
    public bool Equals(Money other) => _minorUnits == other._minorUnits && _currency == other._currency;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_minorUnits, _currency);

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        if (_currency != other._currency)
        {
            ThrowHelper.ThrowCurrencyMismatch(_currency, other._currency);
        }
        return _minorUnits.CompareTo(other._minorUnits);
    }

    /// <summary><paramref name="left"/>, after checking that <paramref name="right"/> has its currency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Money SameCurrency(Money left, Money right)
    {
        if (left._currency != right._currency)
        {
            ThrowHelper.ThrowCurrencyMismatch(left._currency, right._currency);
        }
        return left;
    }

#pragma warning disable CS1591
    // Static and inlined, not through Equals or CompareTo: an instance call on a parameter takes its address, and an
    // address-exposed Money lives in memory in the caller (every operation on it a store and a reload).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator ==(Money left, Money right) => left._minorUnits == right._minorUnits && left._currency == right._currency;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator !=(Money left, Money right) => !(left == right);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator <(Money left, Money right) => SameCurrency(left, right)._minorUnits < right._minorUnits;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator >(Money left, Money right) => SameCurrency(left, right)._minorUnits > right._minorUnits;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator <=(Money left, Money right) => SameCurrency(left, right)._minorUnits <= right._minorUnits;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator >=(Money left, Money right) => SameCurrency(left, right)._minorUnits >= right._minorUnits;
#pragma warning restore CS1591

    // ---------------------------------------------------------------- formatting

    /// <summary>
    /// Invariant text: <c>-1234.56 EUR</c>. Format <c>"N"</c> (or <c>"A"</c>) writes the amount alone
    /// (<c>-1234.56</c>), always with the currency's minor digits, a '.' and no grouping. Culture is never consulted;
    /// see <see cref="ToDisplayString"/> for display.
    /// </summary>
    public override string ToString() => ToString(null, null);

    /// <inheritdoc cref="ToString()" />
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> buffer = stackalloc char[32];
        TryFormat(buffer, out var written, format, formatProvider);
        return buffer[..written].ToString();
    }

    /// <inheritdoc cref="ToString()" />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        Span<byte> utf8 = stackalloc byte[32];
        if (!TryFormat(utf8, out var n, format, provider) || n > destination.Length)
        {
            charsWritten = 0;
            return false;
        }
        for (var i = 0; i < n; i++)
        {
            destination[i] = (char)utf8[i];
        }
        charsWritten = n;
        return true;
    }

    /// <inheritdoc cref="ToString()" />
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        var amountOnly = format.Length == 1 && (format[0] is 'N' or 'n' or 'A' or 'a');
        if (!Utf8AmountFormatter.TryFormat(_minorUnits, _currency.MinorUnits, utf8Destination, out bytesWritten))
        {
            return false;
        }
        if (amountOnly)
        {
            return true;
        }
        if (utf8Destination.Length < bytesWritten + 4)
        {
            bytesWritten = 0;
            return false;
        }
        utf8Destination[bytesWritten++] = (byte)' ';
        _currency.TryFormat(utf8Destination[bytesWritten..], out var codeBytes, default, null);
        bytesWritten += codeBytes;
        return true;
    }

    /// <summary>
    /// Culture-aware display text (for people, off the hot path): the culture's currency pattern with the ISO
    /// code as symbol, e.g. <c>1.234,56 EUR</c> for de-DE. The culture is always the one passed, never the thread's.
    /// </summary>
    public string ToDisplayString(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var numberFormat = (NumberFormatInfo)culture.NumberFormat.Clone();
        numberFormat.CurrencySymbol = _currency.Code;
        numberFormat.CurrencyDecimalDigits = _currency.MinorUnits;
        return ToDecimal().ToString("C", numberFormat);
    }

    /// <summary>
    /// Parses the invariant text that <see cref="ToString()"/> writes: an amount, one space and the currency code
    /// (<c>-1234.56 EUR</c>). The amount may not have more decimals than the currency.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out Money money)
    {
        money = default;
        var space = utf8Text.LastIndexOf((byte)' ');
        if (space < 0 || !Currency.TryFromCode(utf8Text[(space + 1)..], out var currency) || !currency.HasMinorUnits)
        {
            return false;
        }
        var amountText = utf8Text[..space];
        if (!Utf8AmountParser.TryParse(amountText, currency, AmountFormat.Invariant, out var minor, out var consumed) || consumed != amountText.Length)
        {
            return false;
        }
        money = new Money(minor, currency, trusted: true);
        return true;
    }

    private static void ThrowInvalidCurrency(Currency currency)
    {
        if (currency.IsNone)
        {
            ThrowHelper.ThrowNoCurrency();
        }
        ThrowHelper.ThrowNoMinorUnits(currency);
    }
}
