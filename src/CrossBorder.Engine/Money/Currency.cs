using System.Diagnostics.Contracts;
using System.Runtime.CompilerServices;
using CrossBorder.Engine.Internal;

namespace CrossBorder.Engine;

/// <summary>
/// An ISO 4217 currency, active or withdrawn. Two bytes: an index into the project's own ISO 4217 table.
/// </summary>
/// <remarks>
/// <para>Every active code of ISO 4217 list one is here with its numeric code and minor units, and the withdrawn
/// codes of list three with their withdrawal month. Lookups are case-insensitive and allocate nothing.</para>
/// <para>Currencies whose minor units ISO gives as "N.A." (XAU, XAG, XPT, XPD, XDR, XXX, XTS, the bond-market units)
/// exist as currencies but cannot carry a <see cref="Money"/> amount: <see cref="HasMinorUnits"/> is false.</para>
/// <para>MRU (Mauritanian ouguiya) and MGA (Malagasy ariary) have non-decimal subunits (1 ouguiya = 5 khoums,
/// 1 ariary = 5 iraimbilanja). ISO 4217 lists both with 2 minor units and every payment system settles them in
/// hundredths, so this engine follows ISO: amounts are in hundredths, and fifth-units are not represented.</para>
/// <para><c>default(Currency)</c> is "no currency": using it as money is an error.</para>
/// </remarks>
public readonly struct Currency : IEquatable<Currency>, IComparable<Currency>, ISpanFormattable, IUtf8SpanFormattable
{
    private readonly ushort _index;

    private Currency(ushort index) => _index = index;

    /// <summary>The three-letter alphabetic code, such as <c>EUR</c>.</summary>
    public string Code => _index == 0 ? "" : CurrencyTable.Entries[_index].Code;

    /// <summary>The ISO 4217 numeric code, such as 978 for EUR.</summary>
    public int NumericCode => CurrencyTable.Entries[_index].Numeric;

    /// <summary>The currency's English name as ISO 4217 gives it.</summary>
    public string Name => CurrencyTable.Entries[_index].Name ?? "";

    /// <summary>True when ISO 4217 gives the currency a number of minor units (false for XAU, XDR, XXX, ...).</summary>
    public bool HasMinorUnits
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => CurrencyTable.MinorUnits[_index] != CurrencyInfo.NotApplicable;
    }

    /// <summary>Number of decimal places of the minor unit (0, 2, 3 or 4).</summary>
    /// <exception cref="InvalidOperationException">The currency has no minor units (see <see cref="HasMinorUnits"/>).</exception>
    public int MinorUnits
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var units = CurrencyTable.MinorUnits[_index];
            if (units == CurrencyInfo.NotApplicable)
            {
                ThrowHelper.ThrowNoMinorUnits(this);
            }
            return units;
        }
    }

    /// <summary>True for a code that ISO 4217 has withdrawn (list three).</summary>
    public bool IsWithdrawn => CurrencyTable.Entries[_index].WithdrawnFrom is not null;

    /// <summary>First day of the month in which ISO 4217 withdrew the code, or null for an active code.</summary>
    public DateOnly? WithdrawnFrom => CurrencyTable.Entries[_index].WithdrawnFrom;

    /// <summary>True for <c>default(Currency)</c>, which is no currency.</summary>
    public bool IsNone => _index == 0;

    internal ushort Index => _index;

    internal static Currency FromIndex(ushort index) => new(index);

    /// <summary>Every currency in the table, active and withdrawn.</summary>
    public static IEnumerable<Currency> All
    {
        get
        {
            for (var i = 1; i < CurrencyTable.Entries.Length; i++)
            {
                yield return new Currency((ushort)i);
            }
        }
    }

    /// <summary>Finds a currency by its three-letter code in UTF-8, case-insensitive, without allocating.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryFromCode(ReadOnlySpan<byte> utf8Code, out Currency currency)
    {
        if (utf8Code.Length != 3)
        {
            currency = default;
            return false;
        }
        currency = new Currency(CurrencyTable.Find(utf8Code[0], utf8Code[1], utf8Code[2]));
        return currency._index != 0;
    }

    /// <summary>Finds a currency by its three-letter code, case-insensitive, without allocating.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryFromCode(ReadOnlySpan<char> code, out Currency currency)
    {
        if (code.Length != 3)
        {
            currency = default;
            return false;
        }
        currency = new Currency(CurrencyTable.Find(code[0], code[1], code[2]));
        return currency._index != 0;
    }

    /// <summary>Finds a currency by its three-letter code in UTF-8, case-insensitive.</summary>
    /// <exception cref="UnknownCurrencyException">The code is not an ISO 4217 code.</exception>
    public static Currency FromCode(ReadOnlySpan<byte> utf8Code)
    {
        if (!TryFromCode(utf8Code, out var currency))
        {
            ThrowHelper.ThrowUnknownCurrency(utf8Code);
        }
        return currency;
    }

    /// <summary>Finds a currency by its three-letter code, case-insensitive.</summary>
    /// <exception cref="UnknownCurrencyException">The code is not an ISO 4217 code.</exception>
    public static Currency FromCode(ReadOnlySpan<char> code)
    {
        if (!TryFromCode(code, out var currency))
        {
            ThrowHelper.ThrowUnknownCurrency(code);
        }
        return currency;
    }

    /// <summary>Finds a currency by its three-letter code, case-insensitive.</summary>
    /// <exception cref="UnknownCurrencyException">The code is not an ISO 4217 code.</exception>
    public static Currency FromCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return FromCode(code.AsSpan());
    }

    /// <summary>Finds the active currency with an ISO 4217 numeric code (or the withdrawn one, if none is active).</summary>
    public static bool TryFromNumericCode(int numericCode, out Currency currency)
    {
        currency = new Currency(CurrencyTable.FindNumeric(numericCode));
        return currency._index != 0;
    }

#pragma warning disable CS1591 // well-known currencies, named by their code
    public static Currency EUR { get; } = FromCode("EUR");
    public static Currency USD { get; } = FromCode("USD");
    public static Currency GBP { get; } = FromCode("GBP");
    public static Currency JPY { get; } = FromCode("JPY");
    public static Currency CHF { get; } = FromCode("CHF");
    public static Currency CAD { get; } = FromCode("CAD");
    public static Currency AUD { get; } = FromCode("AUD");
    public static Currency NOK { get; } = FromCode("NOK");
    public static Currency SEK { get; } = FromCode("SEK");
    public static Currency CNY { get; } = FromCode("CNY");
    public static Currency KWD { get; } = FromCode("KWD");
#pragma warning restore CS1591

    /// <inheritdoc />
    public bool Equals(Currency other) => _index == other._index;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Currency other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _index;

    /// <summary>Orders currencies by their alphabetic code (ordinal).</summary>
    public int CompareTo(Currency other) => _index.CompareTo(other._index);

    /// <summary>The three-letter code.</summary>
    [Pure]
    public override string ToString() => Code;

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => Code;

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var code = Code;
        if (code.AsSpan().TryCopyTo(destination))
        {
            charsWritten = code.Length;
            return true;
        }
        charsWritten = 0;
        return false;
    }

    /// <summary>Writes the code's bytes (three for a currency, none for the default) to <paramref name="destination"/>, which has room; returns their count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int WriteCode(Span<byte> destination)
    {
        if (_index == 0)
        {
            return 0;
        }
        var code = CurrencyTable.Entries[_index].Code;
        for (var i = 0; i < code.Length; i++)
        {
            destination[i] = (byte)code[i];
        }
        return code.Length;
    }

    /// <inheritdoc />
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (utf8Destination.Length < Code.Length)
        {
            bytesWritten = 0;
            return false;
        }
        bytesWritten = WriteCode(utf8Destination);
        return true;
    }

#pragma warning disable CS1591
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator ==(Currency left, Currency right) => left._index == right._index;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator !=(Currency left, Currency right) => left._index != right._index;
    public static bool operator <(Currency left, Currency right) => left._index < right._index;
    public static bool operator >(Currency left, Currency right) => left._index > right._index;
    public static bool operator <=(Currency left, Currency right) => left._index <= right._index;
    public static bool operator >=(Currency left, Currency right) => left._index >= right._index;
#pragma warning restore CS1591
}
