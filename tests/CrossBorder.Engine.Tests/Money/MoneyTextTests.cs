using System.Globalization;
using System.Text;

namespace CrossBorder.Engine.Tests;

/// <summary>Invariant text (never the thread's culture) and display text for a given culture.</summary>
public class MoneyTextTests
{
    [Theory]
    [InlineData(-123456, "EUR", "-1234.56 EUR", "-1234.56")]
    [InlineData(123456, "USD", "1234.56 USD", "1234.56")]
    [InlineData(5, "EUR", "0.05 EUR", "0.05")]
    [InlineData(-5, "EUR", "-0.05 EUR", "-0.05")]
    [InlineData(0, "EUR", "0.00 EUR", "0.00")]
    [InlineData(1234, "JPY", "1234 JPY", "1234")]
    [InlineData(-1, "JPY", "-1 JPY", "-1")]
    [InlineData(1234, "KWD", "1.234 KWD", "1.234")]
    [InlineData(1, "KWD", "0.001 KWD", "0.001")]
    [InlineData(12345, "CLF", "1.2345 CLF", "1.2345")]
    [InlineData(long.MinValue, "EUR", "-92233720368547758.08 EUR", "-92233720368547758.08")]
    [InlineData(long.MaxValue, "KWD", "9223372036854775.807 KWD", "9223372036854775.807")]
    public void Formats_invariant_text(long minor, string code, string full, string amountOnly)
    {
        var money = new Money(minor, Currency.FromCode(code));

        Assert.Equal(full, money.ToString());
        Assert.Equal(full, money.ToString(null, null));
        Assert.Equal(amountOnly, money.ToString("N", null));
        Assert.Equal(amountOnly, money.ToString("A", null));

        Span<byte> utf8 = stackalloc byte[64];
        Assert.True(money.TryFormat(utf8, out var bytesWritten, default, CultureInfo.InvariantCulture));
        Assert.Equal(full, Encoding.UTF8.GetString(utf8[..bytesWritten]));
        Assert.True(money.TryFormat(utf8, out bytesWritten, "N", CultureInfo.InvariantCulture));
        Assert.Equal(amountOnly, Encoding.UTF8.GetString(utf8[..bytesWritten]));

        Span<char> utf16 = stackalloc char[64];
        Assert.True(money.TryFormat(utf16, out var charsWritten, default, CultureInfo.InvariantCulture));
        Assert.Equal(full, utf16[..charsWritten].ToString());
        Assert.True(money.TryFormat(utf16, out charsWritten, "n", CultureInfo.InvariantCulture));
        Assert.Equal(amountOnly, utf16[..charsWritten].ToString());
    }

    [Fact]
    public void TryFormat_fails_cleanly_when_the_destination_is_too_short()
    {
        var money = new Money(-123456, Currency.EUR); // "-1234.56 EUR": 12 characters, 8 without the code

        Span<byte> utf8 = stackalloc byte[11];
        Assert.False(money.TryFormat(utf8, out var bytesWritten, default, CultureInfo.InvariantCulture));
        Assert.Equal(0, bytesWritten);
        Assert.False(money.TryFormat(utf8[..7], out bytesWritten, "N", CultureInfo.InvariantCulture));
        Assert.Equal(0, bytesWritten);
        Assert.True(money.TryFormat(utf8[..8], out bytesWritten, "N", CultureInfo.InvariantCulture));
        Assert.Equal(8, bytesWritten);

        Span<char> utf16 = stackalloc char[11];
        Assert.False(money.TryFormat(utf16, out var charsWritten, default, CultureInfo.InvariantCulture));
        Assert.Equal(0, charsWritten);
        Assert.True(money.TryFormat(stackalloc char[12], out charsWritten, default, CultureInfo.InvariantCulture));
        Assert.Equal(12, charsWritten);
    }

    [Fact]
    public void Interpolation_uses_the_invariant_text()
    {
        var money = new Money(-123456, Currency.EUR);

        Assert.Equal("Total: -1234.56 EUR", string.Create(CultureInfo.InvariantCulture, $"Total: {money}"));
        Assert.Equal("Total: -1234.56", string.Create(CultureInfo.GetCultureInfo("de-DE"), $"Total: {money:N}"));
    }

    [Theory]
    [InlineData(123456, "EUR", "de-DE", "1.234,56")]
    [InlineData(123456, "USD", "en-US", "1,234.56")]
    [InlineData(123456, "JPY", "ja-JP", "123,456")]
    [InlineData(1234567, "KWD", "en-US", "1,234.567")]
    public void ToDisplayString_uses_the_given_culture(long minor, string code, string culture, string number)
    {
        var text = new Money(minor, Currency.FromCode(code)).ToDisplayString(new CultureInfo(culture));

        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains(code, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDisplayString_of_JPY_has_no_decimals()
    {
        var text = new Money(1234, Currency.JPY).ToDisplayString(new CultureInfo("de-DE"));

        Assert.Contains("1.234", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDisplayString_needs_a_culture()
    {
        Assert.Throws<ArgumentNullException>(() => new Money(1, Currency.EUR).ToDisplayString(null!));
    }

    [Theory]
    [InlineData("-1234.56 EUR", -123456, "EUR")]
    [InlineData("1234.56 usd", 123456, "USD")]
    [InlineData("1234 JPY", 1234, "JPY")]
    [InlineData("1.234 KWD", 1234, "KWD")]
    [InlineData("0.5 EUR", 50, "EUR")]
    [InlineData("-92233720368547758.08 EUR", long.MinValue, "EUR")]
    public void TryParse_reads_the_invariant_text(string text, long minor, string code)
    {
        Assert.True(Money.TryParse(Encoding.UTF8.GetBytes(text), out var money));

        Assert.Equal(new Money(minor, Currency.FromCode(code)), money);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12.34")]
    [InlineData("12.34 ")]
    [InlineData("12.345 EUR")]
    [InlineData("12.34 ABC")]
    [InlineData("12.34 XAU")]
    [InlineData("1,234.56 EUR")]
    [InlineData("12.34x EUR")]
    [InlineData("EUR 12.34")]
    [InlineData("92233720368547758.08 EUR")]
    public void TryParse_rejects_other_text(string text)
    {
        Assert.False(Money.TryParse(Encoding.UTF8.GetBytes(text), out var money));
        Assert.Equal(default, money);
    }

    [Theory]
    [InlineData(-123456, "EUR")]
    [InlineData(0, "EUR")]
    [InlineData(long.MaxValue, "JPY")]
    [InlineData(long.MinValue, "KWD")]
    [InlineData(1, "CLF")]
    public void ToString_and_TryParse_round_trip(long minor, string code)
    {
        var money = new Money(minor, Currency.FromCode(code));

        Assert.True(Money.TryParse(Encoding.UTF8.GetBytes(money.ToString()), out var parsed));
        Assert.Equal(money, parsed);
    }
}
