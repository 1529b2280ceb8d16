using System.Runtime.CompilerServices;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// A tariff classification code: an HS heading or subheading (2, 4 or 6 digits) or a national extension (8, 10, up to
/// 12 digits; Japan uses 9). Accepted with dots and spaces (<c>8517.62.00.90</c>, <c>851762 0090</c>) and
/// normalised to digits without allocating. Leading zeros are significant (<c>0101</c> is not <c>101</c>).
/// </summary>
public readonly struct TariffCode : IEquatable<TariffCode>, IComparable<TariffCode>, ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>The most digits a code may have.</summary>
    public const int MaxDigits = 12;

    /// <summary>The fewest digits a code may have (an HS chapter).</summary>
    public const int MinDigits = 2;

    // The digits as a decimal number, plus their count (which keeps leading zeros).
    private readonly long _value;
    private readonly byte _length;

    private TariffCode(long value, int length)
    {
        _value = value;
        _length = (byte)length;
    }

    /// <summary>Number of digits.</summary>
    public int Length => _length;

    /// <summary>The digits as a decimal number (leading zeros are kept by <see cref="Length"/>).</summary>
    internal long Value => _value;

    /// <summary>The code of <paramref name="length"/> digits whose value is <paramref name="value"/> (no checks: internal use).</summary>
    internal static TariffCode FromValue(long value, int length) => new(value, length);

    /// <summary>True for <c>default(TariffCode)</c>, which is no code.</summary>
    public bool IsEmpty => _length == 0;

    /// <summary>The digit at <paramref name="index"/> (0-based), 0–9.</summary>
    public int DigitAt(int index)
    {
        if ((uint)index >= _length)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        var value = _value;
        for (var k = _length - 1; k > index; k--)
        {
            value /= 10;
        }
        return (int)(value % 10);
    }

    /// <summary>The code cut to its first <paramref name="length"/> digits (its ancestor).</summary>
    public TariffCode Truncate(int length)
    {
        if (length < 0 || length > _length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A code of {_length} digits cannot be cut to {length}.");
        }
        var value = _value;
        for (var k = _length; k > length; k--)
        {
            value /= 10;
        }
        return new TariffCode(value, length);
    }

    /// <summary>True when this code is <paramref name="other"/> or one of its ancestors.</summary>
    public bool IsPrefixOf(TariffCode other) => _length <= other._length && other.Truncate(_length).Equals(this);

    /// <summary>Parses a code with optional dots and spaces between digits (UTF-16).</summary>
    /// <exception cref="FormatException">The text is not a code; the message names it and the reason.</exception>
    public static TariffCode Parse(ReadOnlySpan<char> text)
    {
        if (!TryParse(text, out var code, out var error))
        {
            throw new FormatException($"'{text.ToString()}' is not a tariff code: {error.Reason} at offset {error.Offset} (expected {MinDigits}-{MaxDigits} digits, dots and spaces allowed).");
        }
        return code;
    }

    /// <summary>Parses a code with optional dots and spaces between digits (UTF-8).</summary>
    public static TariffCode Parse(ReadOnlySpan<byte> utf8Text)
    {
        if (!TryParse(utf8Text, out var code, out var error))
        {
            throw error.ToException(utf8Text, $"a tariff code ({MinDigits}-{MaxDigits} digits)");
        }
        return code;
    }

    /// <summary>Tries to parse a code (UTF-16).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TariffCode code) => TryParse(text, out code, out _);

    /// <summary>Tries to parse a code (UTF-8).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out TariffCode code) => TryParse(utf8Text, out code, out _);

    /// <summary>Tries to parse a code (UTF-16), saying where and why it failed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TariffCode code, out ParseError error)
    {
        var parser = new Accumulator();
        for (var i = 0; i < text.Length; i++)
        {
            if (!parser.Accept(text[i], i, out error))
            {
                code = default;
                return false;
            }
        }
        return parser.Finish(text.Length, out code, out error);
    }

    /// <summary>Tries to parse a code (UTF-8), saying where and why it failed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out TariffCode code, out ParseError error)
    {
        var parser = new Accumulator();
        for (var i = 0; i < utf8Text.Length; i++)
        {
            if (!parser.Accept(utf8Text[i], i, out error))
            {
                code = default;
                return false;
            }
        }
        return parser.Finish(utf8Text.Length, out code, out error);
    }

    /// <summary>Writes the code's digits to <paramref name="destination"/> (normalised form, no dots).</summary>
    public bool TryWriteDigits(Span<byte> destination, out int written)
    {
        if (destination.Length < _length)
        {
            written = 0;
            return false;
        }
        var value = _value;
        for (var k = _length - 1; k >= 0; k--)
        {
            destination[k] = (byte)('0' + (value % 10));
            value /= 10;
        }
        written = _length;
        return true;
    }

    private struct Accumulator
    {
        private long _value;
        private int _length;
        private bool _lastWasSeparator;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Accept(uint c, int offset, out ParseError error)
        {
            var digit = unchecked(c - '0');
            if (digit <= 9)
            {
                if (_length == MaxDigits)
                {
                    error = new ParseError(ParseErrorKind.Overflow, offset);
                    return false;
                }
                _value = _value * 10 + digit;
                _length++;
                _lastWasSeparator = false;
                error = default;
                return true;
            }
            if (c is '.' or ' ')
            {
                // Separators only between digits (leading and trailing spaces are tolerated), never two dots in a row.
                if (_length > 0 && _lastWasSeparator && c == '.')
                {
                    error = new ParseError(ParseErrorKind.UnexpectedCharacter, offset);
                    return false;
                }
                if (_length == 0 && c == '.')
                {
                    error = new ParseError(ParseErrorKind.UnexpectedCharacter, offset);
                    return false;
                }
                _lastWasSeparator = true;
                error = default;
                return true;
            }
            error = new ParseError(ParseErrorKind.UnexpectedCharacter, offset);
            return false;
        }

        public readonly bool Finish(int end, out TariffCode code, out ParseError error)
        {
            if (_length < MinDigits)
            {
                code = default;
                error = new ParseError(_length == 0 ? ParseErrorKind.Empty : ParseErrorKind.Truncated, end);
                return false;
            }
            code = new TariffCode(_value, _length);
            error = default;
            return true;
        }
    }

    /// <inheritdoc />
    public bool Equals(TariffCode other) => _value == other._value && _length == other._length;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TariffCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_value, _length);

    /// <summary>Orders codes as their digit strings do (ordinal): a parent sorts before its children.</summary>
    public int CompareTo(TariffCode other)
    {
        var common = Math.Min(_length, other._length);
        var left = Truncate(common)._value;
        var right = other.Truncate(common)._value;
        return left != right ? left.CompareTo(right) : _length.CompareTo(other._length);
    }

    /// <summary>The digits, without separators.</summary>
    public override string ToString()
    {
        Span<byte> digits = stackalloc byte[MaxDigits];
        TryWriteDigits(digits, out var n);
        return System.Text.Encoding.ASCII.GetString(digits[..n]);
    }

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        Span<byte> digits = stackalloc byte[MaxDigits];
        TryWriteDigits(digits, out var n);
        if (destination.Length < n)
        {
            charsWritten = 0;
            return false;
        }
        for (var i = 0; i < n; i++)
        {
            destination[i] = (char)digits[i];
        }
        charsWritten = n;
        return true;
    }

    /// <inheritdoc />
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryWriteDigits(utf8Destination, out bytesWritten);

#pragma warning disable CS1591
    public static bool operator ==(TariffCode left, TariffCode right) => left.Equals(right);
    public static bool operator !=(TariffCode left, TariffCode right) => !left.Equals(right);
    public static bool operator <(TariffCode left, TariffCode right) => left.CompareTo(right) < 0;
    public static bool operator >(TariffCode left, TariffCode right) => left.CompareTo(right) > 0;
    public static bool operator <=(TariffCode left, TariffCode right) => left.CompareTo(right) <= 0;
    public static bool operator >=(TariffCode left, TariffCode right) => left.CompareTo(right) >= 0;
#pragma warning restore CS1591
}
