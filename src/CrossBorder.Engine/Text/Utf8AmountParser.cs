using System.Runtime.CompilerServices;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine.Text;

/// <summary>
/// Parses decimal amount texts in UTF-8 straight into a currency's minor units (a <see cref="long"/>), without
/// allocating and without <see cref="decimal"/>. The number format is an explicit <see cref="AmountFormat"/>.
/// </summary>
/// <remarks>
/// Grammar: optional spaces, an optional sign (<c>-</c>, <c>+</c>, or <c>(</c> … <c>)</c> when accounting negatives
/// are allowed), digits with optional three-digit groups, an optional decimal separator and fraction digits,
/// optional trailing spaces. Parsing stops at the first byte that cannot continue the amount; the caller checks
/// <c>bytesConsumed</c> when the whole span must be an amount (or calls <see cref="Parse(ReadOnlySpan{byte}, Currency, in AmountFormat)"/>).
/// </remarks>
public static class Utf8AmountParser
{
    private const ulong MaxMagnitude = 1UL << 63;          // |long.MinValue|
    private const ulong LastSafeAccumulator = MaxMagnitude / 10; // 922337203685477580

    /// <summary>Parses an amount at the start of <paramref name="source"/> into minor units of <paramref name="currency"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> source, Currency currency, in AmountFormat format, out long minorUnits, out int bytesConsumed)
    {
        // The fast path inline, the general parser called: keeps the caller's loop small and its locals in registers.
        var minorDigits = currency.MinorUnits;
        if (TryParsePlain(source, minorDigits, format.DecimalSeparator, out minorUnits))
        {
            bytesConsumed = source.Length;
            return true;
        }
        // The results come back in registers, not through refs: a ref would pin the caller's locals to the stack
        // for the whole of its loop, fast path included.
        var outcome = ParseGeneral(source, minorDigits, format);
        minorUnits = outcome.Value;
        bytesConsumed = outcome.BytesConsumed;
        return outcome.Succeeded;
    }

    /// <summary>A result small enough to be returned in two registers.</summary>
    private readonly record struct Outcome(long Value, int BytesConsumed, bool Succeeded);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Outcome ParseGeneral(ReadOnlySpan<byte> source, int minorDigits, AmountFormat format)
    {
        var succeeded = TryParseGeneral(source, minorDigits, format, out var value, out var consumed, out _);
        return new Outcome(value, consumed, succeeded);
    }

    /// <summary>Parses an amount, and on failure says where and why in <paramref name="error"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> source, Currency currency, in AmountFormat format, out long minorUnits, out int bytesConsumed, out ParseError error) =>
        TryParse(source, currency.MinorUnits, format, out minorUnits, out bytesConsumed, out error);

    /// <summary>Parses the whole of <paramref name="source"/> as an amount of <paramref name="currency"/>.</summary>
    /// <exception cref="Utf8ParseException">The span is not exactly one amount; the exception names offset and text.</exception>
    public static long Parse(ReadOnlySpan<byte> source, Currency currency, in AmountFormat format)
    {
        if (!TryParseExact(source, currency, format, out var minorUnits, out var error))
        {
            throw error.ToException(source, $"an amount of {currency.Code}");
        }
        return minorUnits;
    }

    /// <summary>Parses the whole of <paramref name="source"/> as a decimal number scaled to <paramref name="minorDigits"/> digits.</summary>
    /// <exception cref="Utf8ParseException">The span is not exactly one number; the exception names offset and text.</exception>
    public static long Parse(ReadOnlySpan<byte> source, int minorDigits, in AmountFormat format)
    {
        if (!TryParse(source, minorDigits, format, out var value, out var consumed, out var error) || consumed != source.Length)
        {
            if (error.Kind == ParseErrorKind.None)
            {
                error = new ParseError(ParseErrorKind.UnexpectedCharacter, consumed);
            }
            throw error.ToException(source, $"a number with {minorDigits} decimals");
        }
        return value;
    }

    /// <summary>Parses the whole of <paramref name="source"/> as an amount; anything left over is an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseExact(ReadOnlySpan<byte> source, Currency currency, in AmountFormat format, out long minorUnits, out ParseError error)
    {
        if (!TryParse(source, currency.MinorUnits, format, out minorUnits, out var consumed, out error))
        {
            return false;
        }
        if (consumed != source.Length)
        {
            error = new ParseError(ParseErrorKind.UnexpectedCharacter, consumed);
            minorUnits = 0;
            return false;
        }
        return true;
    }

    /// <summary>Parses an amount into units of 10^-<paramref name="minorDigits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the plain-amount fast path, inlined into the caller's loop
    public static bool TryParse(ReadOnlySpan<byte> source, int minorDigits, in AmountFormat format, out long minorUnits, out int bytesConsumed, out ParseError error)
    {
        if (TryParsePlain(source, minorDigits, format.DecimalSeparator, out minorUnits))
        {
            bytesConsumed = source.Length;
            error = default;
            return true;
        }
        return TryParseGeneral(source, minorDigits, format, out minorUnits, out bytesConsumed, out error);
    }

    /// <summary>The full grammar (see the remarks on the class); <see cref="TryParsePlain"/> is its fast subset.</summary>
    [SkipLocalsInit]
    internal static bool TryParseGeneral(ReadOnlySpan<byte> source, int minorDigits, in AmountFormat format, out long minorUnits, out int bytesConsumed, out ParseError error)
    {
        // Hot loop: digit tests use the unsigned-subtract trick and the accumulator's overflow is checked by hand
        // against |long.MinValue|, so the arithmetic below is deliberately unchecked.
        unchecked
        {
            var i = 0;
            var length = source.Length;
            while (i < length && source[i] == (byte)' ')
            {
                i++;
            }
            if (i == length)
            {
                return Fail(ParseErrorKind.Empty, i, out minorUnits, out bytesConsumed, out error);
            }

            var negative = false;
            var parenthesis = false;
            var b = source[i];
            if (b == (byte)'-')
            {
                negative = true;
                i++;
            }
            else if (b == (byte)'+')
            {
                i++;
            }
            else if (b == (byte)'(' && format.AllowAccountingNegative)
            {
                negative = true;
                parenthesis = true;
                i++;
            }

            ulong accumulator = 0;
            var integerDigits = 0;
            var groupLength = 0;
            var grouped = false;
            var groupSeparator = format.GroupSeparator;
            while (i < length)
            {
                b = source[i];
                var digit = (uint)(b - '0');
                if (digit <= 9)
                {
                    if (accumulator >= LastSafeAccumulator && (accumulator > LastSafeAccumulator || digit > 8))
                    {
                        return Fail(ParseErrorKind.Overflow, i, out minorUnits, out bytesConsumed, out error);
                    }
                    accumulator = accumulator * 10 + digit;
                    integerDigits++;
                    groupLength++;
                    i++;
                }
                else if (b == groupSeparator && groupSeparator != 0 && integerDigits > 0)
                {
                    // A group separator must follow a first group of 1-3 digits or a full group of 3, and be
                    // followed by a digit; otherwise it is not part of this number.
                    if (grouped ? groupLength != 3 : groupLength > 3)
                    {
                        return Fail(ParseErrorKind.BadGrouping, i, out minorUnits, out bytesConsumed, out error);
                    }
                    if (i + 1 >= length || (uint)(source[i + 1] - '0') > 9)
                    {
                        break;
                    }
                    grouped = true;
                    groupLength = 0;
                    i++;
                }
                else
                {
                    break;
                }
            }
            if (grouped && groupLength != 3)
            {
                return Fail(ParseErrorKind.BadGrouping, i - groupLength, out minorUnits, out bytesConsumed, out error);
            }

            var fractionDigits = 0;
            uint firstExcess = 0;
            var sticky = false;
            var firstNonZeroExcessOffset = -1;
            if (i < length && source[i] == format.DecimalSeparator)
            {
                i++;
                while (i < length)
                {
                    var digit = (uint)(source[i] - '0');
                    if (digit > 9)
                    {
                        break;
                    }
                    if (fractionDigits < minorDigits)
                    {
                        if (accumulator >= LastSafeAccumulator && (accumulator > LastSafeAccumulator || digit > 8))
                        {
                            return Fail(ParseErrorKind.Overflow, i, out minorUnits, out bytesConsumed, out error);
                        }
                        accumulator = accumulator * 10 + digit;
                    }
                    else
                    {
                        if (fractionDigits == minorDigits)
                        {
                            firstExcess = digit;
                        }
                        else
                        {
                            sticky |= digit != 0;
                        }
                        if (digit != 0 && firstNonZeroExcessOffset < 0)
                        {
                            firstNonZeroExcessOffset = i;
                        }
                    }
                    fractionDigits++;
                    i++;
                }
            }
            if (integerDigits == 0 && fractionDigits == 0)
            {
                return Fail(i < length ? ParseErrorKind.UnexpectedCharacter : ParseErrorKind.Truncated, i, out minorUnits, out bytesConsumed, out error);
            }

            // Scale to minor units when fewer fraction digits were given than the currency has.
            for (var missing = fractionDigits; missing < minorDigits; missing++)
            {
                if (accumulator > LastSafeAccumulator)
                {
                    return Fail(ParseErrorKind.Overflow, 0, out minorUnits, out bytesConsumed, out error);
                }
                accumulator *= 10;
            }

            if (firstNonZeroExcessOffset >= 0)
            {
                if (format.ExcessDecimals == ExcessDecimalsPolicy.Reject)
                {
                    return Fail(ParseErrorKind.TooManyDecimals, firstNonZeroExcessOffset, out minorUnits, out bytesConsumed, out error);
                }
                var half = firstExcess > 5 || (firstExcess == 5 && sticky) ? 1 : firstExcess == 5 ? 0 : -1;
                var adjustment = FixedPoint.Adjustment(negative, (accumulator & 1) != 0, half, format.Rounding);
                accumulator = negative ? accumulator - (ulong)adjustment : accumulator + (ulong)adjustment;
            }

            if (accumulator > (negative ? MaxMagnitude : MaxMagnitude - 1))
            {
                return Fail(ParseErrorKind.Overflow, 0, out minorUnits, out bytesConsumed, out error);
            }

            if (parenthesis)
            {
                if (i >= length || source[i] != (byte)')')
                {
                    return Fail(i < length ? ParseErrorKind.UnexpectedCharacter : ParseErrorKind.Truncated, i, out minorUnits, out bytesConsumed, out error);
                }
                i++;
            }
            while (i < length && source[i] == (byte)' ')
            {
                i++;
            }

            minorUnits = negative ? (long)(0 - accumulator) : (long)accumulator;
            bytesConsumed = i;
            error = default;
            return true;
        }
    }

    /// <summary>
    /// The shape nearly every field in a settlement file has — <c>-?digits(.digits)?</c> filling the whole span, at
    /// most 18 digits in all and no more fraction digits than the currency has — without per-digit overflow checks
    /// (10^18 &lt; 2^63). Anything else returns false and the general parser above decides, so the two agree.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParsePlain(ReadOnlySpan<byte> source, int minorDigits, byte decimalSeparator, out long minorUnits)
    {
        // Unchecked: the accumulator may wrap only when there are more than 18 digits, and then the result is
        // discarded by the digit-count test before use.
        unchecked
        {
            minorUnits = 0;
            if (source.IsEmpty)
            {
                return false;
            }
            // Branch-free sign: about one amount in six is negative, too many for the predictor to ignore.
            var negative = source[0] == (byte)'-';
            var i = negative ? 1 : 0;
            var start = i;
            ulong accumulator = 0;
            while (i < source.Length)
            {
                var digit = (uint)(source[i] - '0');
                if (digit > 9)
                {
                    break;
                }
                accumulator = accumulator * 10 + digit;
                i++;
            }
            var integerDigits = i - start;
            if (integerDigits == 0 || (uint)minorDigits > 18 || integerDigits > 18 - minorDigits)
            {
                return false;
            }
            var fractionDigits = 0;
            if (i < source.Length)
            {
                if (source[i] != decimalSeparator)
                {
                    return false;
                }
                i++;
                while (i < source.Length)
                {
                    var digit = (uint)(source[i] - '0');
                    if (digit > 9 || fractionDigits == minorDigits)
                    {
                        return false;
                    }
                    accumulator = accumulator * 10 + digit;
                    fractionDigits++;
                    i++;
                }
            }
            accumulator *= (ulong)CurrencyTable.Pow10[minorDigits - fractionDigits];
            minorUnits = negative ? -(long)accumulator : (long)accumulator;
            return true;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Fail(ParseErrorKind kind, int offset, out long minorUnits, out int bytesConsumed, out ParseError error)
    {
        minorUnits = 0;
        bytesConsumed = 0;
        error = new ParseError(kind, offset);
        return false;
    }
}
