using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Geography;

/// <summary>
/// An ISO 3166-1 alpha-2 country code (<c>DE</c>, <c>CN</c>), two bytes, upper case. <c>default</c> is "unknown".
/// </summary>
/// <remarks>Greece is <c>GR</c> (ISO), although EU VAT and customs texts write <c>EL</c>; parsing accepts <c>EL</c> as <c>GR</c>.</remarks>
public readonly struct CountryCode : IEquatable<CountryCode>, IComparable<CountryCode>, ISpanFormattable
{
    private readonly ushort _letters; // first letter in the high byte

    private CountryCode(ushort letters) => _letters = letters;

    /// <summary>True for <c>default(CountryCode)</c>.</summary>
    public bool IsUnknown => _letters == 0;

    /// <summary>Parses two ASCII letters, case-insensitive (UTF-16).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CountryCode code)
    {
        text = text.Trim();
        if (text.Length != 2)
        {
            code = default;
            return false;
        }
        return TryFromLetters(text[0], text[1], out code);
    }

    /// <summary>Parses two ASCII letters, case-insensitive (UTF-8).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out CountryCode code)
    {
        if (utf8Text.Length != 2)
        {
            code = default;
            return false;
        }
        return TryFromLetters(utf8Text[0], utf8Text[1], out code);
    }

    /// <summary>Parses two letters.</summary>
    /// <exception cref="FormatException">Not two ASCII letters.</exception>
    public static CountryCode Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text.ToString()}' is not an ISO 3166-1 alpha-2 country code.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFromLetters(uint a, uint b, out CountryCode code)
    {
        unchecked
        {
            a = (a & ~0x20u) - 'A';
            b = (b & ~0x20u) - 'A';
        }
        if (a > 25 || b > 25)
        {
            code = default;
            return false;
        }
        var letters = (ushort)(((a + 'A') << 8) | (b + 'A'));
        code = new CountryCode(letters == ('E' << 8 | 'L') ? (ushort)('G' << 8 | 'R') : letters);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(CountryCode other) => _letters == other._letters;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CountryCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _letters;

    /// <inheritdoc />
    public int CompareTo(CountryCode other) => _letters.CompareTo(other._letters);

    /// <summary>The two letters, or an empty string for unknown.</summary>
    public override string ToString() => IsUnknown ? "" : string.Create(2, _letters, static (span, l) =>
    {
        span[0] = (char)(l >> 8);
        span[1] = (char)(l & 0xFF);
    });

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (IsUnknown)
        {
            charsWritten = 0;
            return true;
        }
        if (destination.Length < 2)
        {
            charsWritten = 0;
            return false;
        }
        destination[0] = (char)(_letters >> 8);
        destination[1] = (char)(_letters & 0xFF);
        charsWritten = 2;
        return true;
    }

#pragma warning disable CS1591
    public static bool operator ==(CountryCode left, CountryCode right) => left.Equals(right);
    public static bool operator !=(CountryCode left, CountryCode right) => !left.Equals(right);
    public static bool operator <(CountryCode left, CountryCode right) => left.CompareTo(right) < 0;
    public static bool operator >(CountryCode left, CountryCode right) => left.CompareTo(right) > 0;
    public static bool operator <=(CountryCode left, CountryCode right) => left.CompareTo(right) <= 0;
    public static bool operator >=(CountryCode left, CountryCode right) => left.CompareTo(right) >= 0;
#pragma warning restore CS1591
}
