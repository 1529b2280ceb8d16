using System.Globalization;
using System.Text;
using CrossBorder.Engine.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests;

/// <summary>Every amount of every currency with minor units survives formatting and parsing.</summary>
public class MoneyTextProperties
{
    [Property(MaxTest = 2000)]
    public Property Amount_text_parses_back_to_the_same_minor_units() =>
        Prop.ForAll(Generators.AnyMoney.ToArbitrary(), money =>
        {
            Span<byte> utf8 = stackalloc byte[32];
            Assert.True(money.TryFormat(utf8, out var written, "N", CultureInfo.InvariantCulture));

            var parsed = Utf8AmountParser.TryParseExact(utf8[..written], money.Currency, AmountFormat.Invariant, out var minor, out var error);

            Assert.True(parsed, $"{Encoding.UTF8.GetString(utf8[..written])}: {error.Reason} at {error.Offset}");
            Assert.Equal(money.MinorUnits, minor);
        });

    [Property(MaxTest = 2000)]
    public Property ToString_parses_back_with_TryParse() =>
        Prop.ForAll(Generators.AnyMoney.ToArbitrary(), money =>
        {
            var text = money.ToString();

            Assert.True(Money.TryParse(Encoding.UTF8.GetBytes(text), out var parsed), text);
            Assert.Equal(money, parsed);
        });

    [Property(MaxTest = 1000)]
    public Property UTF16_and_UTF8_text_agree() =>
        Prop.ForAll(Generators.AnyMoney.ToArbitrary(), money =>
        {
            Span<byte> utf8 = stackalloc byte[32];
            Span<char> utf16 = stackalloc char[32];
            Assert.True(money.TryFormat(utf8, out var bytes, default, CultureInfo.InvariantCulture));
            Assert.True(money.TryFormat(utf16, out var chars, default, CultureInfo.InvariantCulture));

            Assert.Equal(utf16[..chars].ToString(), Encoding.UTF8.GetString(utf8[..bytes]));
            Assert.Equal(money.ToString(), utf16[..chars].ToString());
        });

    [Property(MaxTest = 1000)]
    public Property ToDecimal_and_FromDecimal_round_trip() =>
        Prop.ForAll(Generators.AnyMoney.ToArbitrary(), money =>
        {
            var value = money.ToDecimal();

            Assert.Equal(money, Money.FromDecimal(value, money.Currency));
            Assert.Equal(money.ToString("N", null), value.ToString(CultureInfo.InvariantCulture));
        });
}
