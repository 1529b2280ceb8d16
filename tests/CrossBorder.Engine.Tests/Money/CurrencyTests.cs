using System.Runtime.CompilerServices;
using System.Text;

namespace CrossBorder.Engine.Tests;

public class CurrencyTests
{
    [Theory]
    [InlineData("EUR", "EUR", 978)]
    [InlineData("eur", "EUR", 978)]
    [InlineData("eUr", "EUR", 978)]
    [InlineData("usd", "USD", 840)]
    [InlineData("JPY", "JPY", 392)]
    [InlineData("kwd", "KWD", 414)]
    public void FromCode_string_is_case_insensitive(string text, string code, int numeric)
    {
        var currency = Currency.FromCode(text);

        Assert.Equal(code, currency.Code);
        Assert.Equal(numeric, currency.NumericCode);
    }

    [Theory]
    [InlineData("EUR", "EUR", 978)]
    [InlineData("eur", "EUR", 978)]
    [InlineData("Gbp", "GBP", 826)]
    [InlineData("chf", "CHF", 756)]
    public void FromCode_utf8_is_case_insensitive(string text, string code, int numeric)
    {
        var currency = Currency.FromCode(Encoding.UTF8.GetBytes(text));

        Assert.Equal(code, currency.Code);
        Assert.Equal(numeric, currency.NumericCode);
    }

    [Fact]
    public void Utf8_and_char_lookups_find_the_same_currency()
    {
        Assert.True(Currency.TryFromCode("sek"u8, out var fromBytes));
        Assert.True(Currency.TryFromCode("SEK".AsSpan(), out var fromChars));

        Assert.Equal(fromChars, fromBytes);
        Assert.Equal(Currency.SEK, fromBytes);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("QQQ")]
    [InlineData("EURO")]
    [InlineData("EU")]
    [InlineData("")]
    [InlineData("E1R")]
    [InlineData("EU ")]
    [InlineData("E@R")]
    [InlineData("EU{")]
    [InlineData("ÉUR")]
    public void Unknown_code_throws_UnknownCurrencyException_naming_the_code(string code)
    {
        var fromString = Assert.Throws<UnknownCurrencyException>(() => Currency.FromCode(code));
        Assert.Equal(code, fromString.Code);
        Assert.Contains($"'{code}'", fromString.Message, StringComparison.Ordinal);

        var fromUtf8 = Assert.Throws<UnknownCurrencyException>(() => Currency.FromCode(Encoding.UTF8.GetBytes(code)));
        Assert.Equal(code, fromUtf8.Code);
        Assert.Contains($"'{code}'", fromUtf8.Message, StringComparison.Ordinal);

        Assert.False(Currency.TryFromCode(code.AsSpan(), out var none));
        Assert.True(none.IsNone);
        Assert.False(Currency.TryFromCode(Encoding.UTF8.GetBytes(code), out _));
    }

    [Fact]
    public void Null_code_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Currency.FromCode((string)null!));
    }

    [Theory]
    [InlineData("XAU")]
    [InlineData("XDR")]
    [InlineData("XAG")]
    [InlineData("XXX")]
    public void Units_without_minor_units_cannot_carry_money(string code)
    {
        var currency = Currency.FromCode(code);

        Assert.False(currency.HasMinorUnits);
        Assert.Throws<InvalidOperationException>(() => currency.MinorUnits);
        Assert.Throws<InvalidOperationException>(() => new Money(1, currency));
        Assert.Throws<InvalidOperationException>(() => Money.FromMinorUnits(0, currency));
        Assert.Throws<InvalidOperationException>(() => Money.Zero(currency));
    }

    [Theory]
    [InlineData("MRU", 929)]
    [InlineData("MGA", 969)]
    public void Ouguiya_and_ariary_follow_ISO_with_two_minor_units(string code, int numeric)
    {
        var currency = Currency.FromCode(code);

        Assert.True(currency.HasMinorUnits);
        Assert.Equal(2, currency.MinorUnits);
        Assert.Equal(numeric, currency.NumericCode);
        Assert.False(currency.IsWithdrawn);
        Assert.Equal(12345, new Money(12345, currency).MinorUnits);
    }

    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("EUR", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("TND", 3)]
    [InlineData("CLF", 4)]
    [InlineData("UYW", 4)]
    public void Minor_units_follow_ISO(string code, int minorUnits)
    {
        Assert.Equal(minorUnits, Currency.FromCode(code).MinorUnits);
    }

    [Theory]
    [InlineData("DEM", 2002, 3)]
    [InlineData("FRF", 2002, 3)]
    [InlineData("LTL", 2014, 12)]
    [InlineData("SLL", 2023, 12)]
    [InlineData("HRK", 2023, 1)]
    [InlineData("ANG", 2025, 3)]
    public void Withdrawn_codes_know_when_they_were_withdrawn(string code, int year, int month)
    {
        var currency = Currency.FromCode(code);

        Assert.True(currency.IsWithdrawn);
        Assert.Equal(new DateOnly(year, month, 1), currency.WithdrawnFrom);
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("SLE")]
    [InlineData("XCG")]
    [InlineData("ZWG")]
    public void Active_codes_are_not_withdrawn(string code)
    {
        var currency = Currency.FromCode(code);

        Assert.False(currency.IsWithdrawn);
        Assert.Null(currency.WithdrawnFrom);
    }

    [Fact]
    public void Currency_is_at_most_four_bytes()
    {
        Assert.True(Unsafe.SizeOf<Currency>() <= 4, $"sizeof(Currency) is {Unsafe.SizeOf<Currency>()}");
    }

    [Fact]
    public void Money_is_at_most_sixteen_bytes()
    {
        Assert.True(Unsafe.SizeOf<Money>() <= 16, $"sizeof(Money) is {Unsafe.SizeOf<Money>()}");
    }

    [Fact]
    public void Default_currency_is_none_and_cannot_carry_money()
    {
        var none = default(Currency);

        Assert.True(none.IsNone);
        Assert.Equal("", none.Code);
        Assert.False(none.HasMinorUnits);
        Assert.False(Currency.EUR.IsNone);
        Assert.Throws<InvalidOperationException>(() => new Money(0, none));
    }

    [Theory]
    [InlineData(978, "EUR")]
    [InlineData(840, "USD")]
    [InlineData(532, "XCG")] // ANG (withdrawn 2025) had 532 too: the active code wins
    [InlineData(191, "HRK")] // only withdrawn codes carry 191
    public void Numeric_code_lookup_prefers_the_active_currency(int numeric, string code)
    {
        Assert.True(Currency.TryFromNumericCode(numeric, out var currency));
        Assert.Equal(code, currency.Code);
    }

    [Fact]
    public void Unknown_numeric_code_is_not_found()
    {
        Assert.False(Currency.TryFromNumericCode(1, out var currency));
        Assert.True(currency.IsNone);
    }

    [Fact]
    public void Well_known_currencies_have_their_codes()
    {
        Assert.Equal(
            ["EUR", "USD", "GBP", "JPY", "CHF", "CAD", "AUD", "NOK", "SEK", "CNY", "KWD"],
            new[]
            {
                Currency.EUR, Currency.USD, Currency.GBP, Currency.JPY, Currency.CHF, Currency.CAD, Currency.AUD,
                Currency.NOK, Currency.SEK, Currency.CNY, Currency.KWD,
            }.Select(c => c.Code));
    }

    [Fact]
    public void All_lists_each_code_once_and_in_code_order()
    {
        var codes = Currency.All.Select(c => c.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Contains("EUR", codes);
        Assert.Contains("DEM", codes);
        Assert.Contains("XAU", codes);
    }

    [Fact]
    public void Equality_and_ordering_follow_the_code()
    {
        var chf = Currency.FromCode("CHF");
        var eur = Currency.FromCode("eur");

        Assert.Equal(Currency.EUR, eur);
        Assert.True(eur == Currency.EUR);
        Assert.True(chf != eur);
        Assert.True(chf < eur);
        Assert.True(eur > chf);
        Assert.True(chf.CompareTo(eur) < 0);
        Assert.Equal(Currency.EUR.GetHashCode(), eur.GetHashCode());
        Assert.True(eur.Equals((object)Currency.EUR));
        Assert.False(eur.Equals((object)"EUR"));
    }

    [Fact]
    public void Formats_as_its_code_in_UTF16_and_UTF8()
    {
        Assert.Equal("KWD", Currency.KWD.ToString());

        Span<char> chars = stackalloc char[8];
        Assert.True(Currency.KWD.TryFormat(chars, out var charsWritten, default, null));
        Assert.Equal("KWD", chars[..charsWritten].ToString());

        Span<byte> bytes = stackalloc byte[8];
        Assert.True(Currency.KWD.TryFormat(bytes, out var bytesWritten, default, null));
        Assert.True(bytes[..bytesWritten].SequenceEqual("KWD"u8));

        Assert.False(Currency.KWD.TryFormat(chars[..2], out _, default, null));
        Assert.False(Currency.KWD.TryFormat(bytes[..2], out _, default, null));
    }

    [Fact]
    public void Name_is_the_ISO_name()
    {
        Assert.Equal("Euro", Currency.EUR.Name);
        Assert.Equal("Pound Sterling", Currency.GBP.Name);
    }
}
