using System.Text;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tests.Text;

public class Utf8AmountParserTests
{
    public enum Style
    {
        Invariant,
        PointDecimalGrouped,
        CommaDecimalGrouped,
    }

    private static AmountFormat FormatOf(Style style) => style switch
    {
        Style.Invariant => AmountFormat.Invariant,
        Style.PointDecimalGrouped => AmountFormat.PointDecimalGrouped,
        Style.CommaDecimalGrouped => AmountFormat.CommaDecimalGrouped,
        _ => throw new ArgumentOutOfRangeException(nameof(style)),
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("1234.56", "EUR", Style.Invariant, 123456)]
    [InlineData("-1234.56", "EUR", Style.Invariant, -123456)]
    [InlineData("+12.5", "EUR", Style.Invariant, 1250)]
    [InlineData("12", "EUR", Style.Invariant, 1200)]
    [InlineData("0.05", "EUR", Style.Invariant, 5)]
    [InlineData("-0.05", "EUR", Style.Invariant, -5)]
    [InlineData("12.", "EUR", Style.Invariant, 1200)]
    [InlineData(".5", "EUR", Style.Invariant, 50)]
    [InlineData("1.500", "EUR", Style.Invariant, 150)]
    [InlineData("  12.34  ", "EUR", Style.Invariant, 1234)]
    [InlineData("007", "EUR", Style.Invariant, 700)]
    [InlineData("1,234.56", "EUR", Style.PointDecimalGrouped, 123456)]
    [InlineData("1,234,567.89", "EUR", Style.PointDecimalGrouped, 123456789)]
    [InlineData("1234.56", "EUR", Style.PointDecimalGrouped, 123456)]
    [InlineData("(12.00)", "EUR", Style.PointDecimalGrouped, -1200)]
    [InlineData("(1,234.56)", "EUR", Style.PointDecimalGrouped, -123456)]
    [InlineData("(12.00) ", "EUR", Style.PointDecimalGrouped, -1200)]
    [InlineData("1.234,56", "EUR", Style.CommaDecimalGrouped, 123456)]
    [InlineData("1234,56", "EUR", Style.CommaDecimalGrouped, 123456)]
    [InlineData("-1.234.567,89", "EUR", Style.CommaDecimalGrouped, -123456789)]
    [InlineData("(12,00)", "EUR", Style.CommaDecimalGrouped, -1200)]
    [InlineData("1234", "JPY", Style.Invariant, 1234)]
    [InlineData("1,234", "JPY", Style.PointDecimalGrouped, 1234)]
    [InlineData("1.234", "JPY", Style.CommaDecimalGrouped, 1234)]
    [InlineData("1.234", "KWD", Style.Invariant, 1234)]
    [InlineData("1", "KWD", Style.Invariant, 1000)]
    [InlineData("0.001", "KWD", Style.Invariant, 1)]
    [InlineData("1,234.567", "KWD", Style.PointDecimalGrouped, 1234567)]
    [InlineData("1.2345", "CLF", Style.Invariant, 12345)]
    [InlineData("92233720368547758.07", "EUR", Style.Invariant, long.MaxValue)]
    [InlineData("-92233720368547758.08", "EUR", Style.Invariant, long.MinValue)]
    [InlineData("-9223372036854775808", "JPY", Style.Invariant, long.MinValue)]
    [InlineData("92,233,720,368,547,758.07", "EUR", Style.PointDecimalGrouped, long.MaxValue)]
    public void Parses_the_whole_text_into_minor_units(string text, string code, Style style, long expected)
    {
        var currency = Currency.FromCode(code);
        var source = Utf8(text);

        Assert.True(Utf8AmountParser.TryParse(source, currency, FormatOf(style), out var minor, out var consumed));
        Assert.Equal(expected, minor);
        Assert.Equal(source.Length, consumed);

        Assert.True(Utf8AmountParser.TryParseExact(source, currency, FormatOf(style), out minor, out var error));
        Assert.Equal(expected, minor);
        Assert.Equal(default, error);

        Assert.Equal(expected, Utf8AmountParser.Parse(source, currency, FormatOf(style)));
    }

    [Theory]
    [InlineData("12.34 EUR", 1234, 6)]
    [InlineData("12.34;56", 1234, 5)]
    [InlineData("1,234.56", 100, 1)]
    [InlineData("12a", 1200, 2)]
    public void TryParse_stops_at_the_first_byte_that_cannot_continue_the_amount(string text, long expected, int consumed)
    {
        Assert.True(Utf8AmountParser.TryParse(Utf8(text), Currency.EUR, AmountFormat.Invariant, out var minor, out var used));

        Assert.Equal(expected, minor);
        Assert.Equal(consumed, used);
    }

    [Fact]
    public void A_trailing_group_separator_is_not_part_of_the_number()
    {
        Assert.True(Utf8AmountParser.TryParse("1,234,"u8, Currency.EUR, AmountFormat.PointDecimalGrouped, out var minor, out var used));

        Assert.Equal(123400, minor);
        Assert.Equal(5, used);
    }

    [Theory]
    [InlineData("12.345", "EUR", Style.Invariant, ParseErrorKind.TooManyDecimals, 5)]
    [InlineData("12.3450", "EUR", Style.Invariant, ParseErrorKind.TooManyDecimals, 5)]
    [InlineData("12.3405", "EUR", Style.Invariant, ParseErrorKind.TooManyDecimals, 6)]
    [InlineData("1234.5", "JPY", Style.Invariant, ParseErrorKind.TooManyDecimals, 5)]
    [InlineData("1.2345", "KWD", Style.Invariant, ParseErrorKind.TooManyDecimals, 5)]
    [InlineData("12a", "EUR", Style.Invariant, ParseErrorKind.UnexpectedCharacter, 2)]
    [InlineData("12.34 EUR", "EUR", Style.Invariant, ParseErrorKind.UnexpectedCharacter, 6)]
    [InlineData("1,234.56", "EUR", Style.Invariant, ParseErrorKind.UnexpectedCharacter, 1)]
    [InlineData("abc", "EUR", Style.Invariant, ParseErrorKind.UnexpectedCharacter, 0)]
    [InlineData("-x", "EUR", Style.Invariant, ParseErrorKind.UnexpectedCharacter, 1)]
    [InlineData("(12.00)", "EUR", Style.Invariant, ParseErrorKind.UnexpectedCharacter, 0)]
    [InlineData("(12.00]", "EUR", Style.PointDecimalGrouped, ParseErrorKind.UnexpectedCharacter, 6)]
    [InlineData("(12.00", "EUR", Style.PointDecimalGrouped, ParseErrorKind.Truncated, 6)]
    [InlineData("-", "EUR", Style.Invariant, ParseErrorKind.Truncated, 1)]
    [InlineData(".", "EUR", Style.Invariant, ParseErrorKind.Truncated, 1)]
    [InlineData("", "EUR", Style.Invariant, ParseErrorKind.Empty, 0)]
    [InlineData("   ", "EUR", Style.Invariant, ParseErrorKind.Empty, 3)]
    [InlineData("1,23.00", "EUR", Style.PointDecimalGrouped, ParseErrorKind.BadGrouping, 2)]
    [InlineData("1,2345.00", "EUR", Style.PointDecimalGrouped, ParseErrorKind.BadGrouping, 2)]
    [InlineData("1,23,456.00", "EUR", Style.PointDecimalGrouped, ParseErrorKind.BadGrouping, 4)]
    [InlineData("1.23.456,00", "EUR", Style.CommaDecimalGrouped, ParseErrorKind.BadGrouping, 4)]
    [InlineData("12,3456", "EUR", Style.PointDecimalGrouped, ParseErrorKind.BadGrouping, 3)]
    [InlineData("1234,567.00", "EUR", Style.PointDecimalGrouped, ParseErrorKind.BadGrouping, 4)]
    [InlineData("1.23,00", "EUR", Style.CommaDecimalGrouped, ParseErrorKind.BadGrouping, 2)]
    [InlineData("92233720368547758.08", "EUR", Style.Invariant, ParseErrorKind.Overflow, 0)]
    [InlineData("9223372036854775808", "JPY", Style.Invariant, ParseErrorKind.Overflow, 0)]
    [InlineData("-9223372036854775809", "JPY", Style.Invariant, ParseErrorKind.Overflow, 19)]
    [InlineData("99999999999999999999", "JPY", Style.Invariant, ParseErrorKind.Overflow, 18)]
    [InlineData("99999999999999999", "EUR", Style.Invariant, ParseErrorKind.Overflow, 0)]
    public void Errors_say_what_and_where(string text, string code, Style style, ParseErrorKind kind, int offset)
    {
        var currency = Currency.FromCode(code);
        var source = Utf8(text);

        Assert.False(Utf8AmountParser.TryParseExact(source, currency, FormatOf(style), out var minor, out var error));

        Assert.Equal(0, minor);
        Assert.Equal(new ParseError(kind, offset), error);

        var ex = Assert.Throws<Utf8ParseException>(() => Utf8AmountParser.Parse(source, currency, FormatOf(style)));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(offset, ex.Offset);
        Assert.Equal(text, ex.Text);
        Assert.Contains($"offset {offset}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12.345", RoundingMode.HalfEven, 1234)]
    [InlineData("12.345", RoundingMode.HalfUp, 1235)]
    [InlineData("12.345", RoundingMode.HalfDown, 1234)]
    [InlineData("12.345", RoundingMode.TowardZero, 1234)]
    [InlineData("12.345", RoundingMode.AwayFromZero, 1235)]
    [InlineData("12.345", RoundingMode.Floor, 1234)]
    [InlineData("12.345", RoundingMode.Ceiling, 1235)]
    [InlineData("-12.345", RoundingMode.HalfEven, -1234)]
    [InlineData("-12.345", RoundingMode.HalfUp, -1235)]
    [InlineData("-12.345", RoundingMode.HalfDown, -1234)]
    [InlineData("-12.345", RoundingMode.TowardZero, -1234)]
    [InlineData("-12.345", RoundingMode.AwayFromZero, -1235)]
    [InlineData("-12.345", RoundingMode.Floor, -1235)]
    [InlineData("-12.345", RoundingMode.Ceiling, -1234)]
    [InlineData("12.335", RoundingMode.HalfEven, 1234)]
    [InlineData("12.3451", RoundingMode.HalfDown, 1235)]
    [InlineData("12.34500001", RoundingMode.HalfEven, 1235)]
    [InlineData("12.3449", RoundingMode.HalfUp, 1234)]
    [InlineData("12.3401", RoundingMode.Ceiling, 1235)]
    [InlineData("12.3499", RoundingMode.Floor, 1234)]
    [InlineData("(12.345)", RoundingMode.HalfUp, -1235)]
    [InlineData("0.004", RoundingMode.HalfUp, 0)]
    [InlineData("12.340", RoundingMode.Unnecessary, 1234)]
    public void Round_policy_rounds_excess_decimals_once(string text, RoundingMode mode, long expected)
    {
        var format = AmountFormat.PointDecimalGrouped with { ExcessDecimals = ExcessDecimalsPolicy.Round, Rounding = mode };

        Assert.True(Utf8AmountParser.TryParseExact(Utf8(text), Currency.EUR, format, out var minor, out var error), error.Reason);

        Assert.Equal(expected, minor);
    }

    [Fact]
    public void Rounding_up_past_the_largest_amount_is_an_overflow()
    {
        var format = AmountFormat.Invariant with { ExcessDecimals = ExcessDecimalsPolicy.Round, Rounding = RoundingMode.HalfUp };

        Assert.False(Utf8AmountParser.TryParseExact("92233720368547758.075"u8, Currency.EUR, format, out _, out var error));
        Assert.Equal(ParseErrorKind.Overflow, error.Kind);
        Assert.True(Utf8AmountParser.TryParseExact("-92233720368547758.075"u8, Currency.EUR, format, out var minor, out _));
        Assert.Equal(long.MinValue, minor);
    }

    [Fact]
    public void Minor_digits_overload_parses_rates_with_eight_decimals()
    {
        Assert.True(Utf8AmountParser.TryParse("1.0830"u8, 8, AmountFormat.Invariant, out var scaled, out var consumed, out var error));

        Assert.Equal(108_300_000, scaled);
        Assert.Equal(6, consumed);
        Assert.Equal(ParseErrorKind.None, error.Kind);
    }

    [Fact]
    public void Error_descriptions_name_the_text_the_reason_and_the_offset()
    {
        var error = new ParseError(ParseErrorKind.TooManyDecimals, 5);

        var message = error.Describe("12.345"u8, "an amount of EUR");

        Assert.Contains("'12.345'", message, StringComparison.Ordinal);
        Assert.Contains("an amount of EUR", message, StringComparison.Ordinal);
        Assert.Contains(error.Reason, message, StringComparison.Ordinal);
        Assert.Contains("offset 5", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_kind_has_its_own_reason()
    {
        var reasons = Enum.GetValues<ParseErrorKind>().Select(kind => new ParseError(kind, 0).Reason).ToList();

        Assert.Equal(reasons.Count, reasons.Distinct(StringComparer.Ordinal).Count());
    }
}
