using System.Text;
using CrossBorder.Engine.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossBorder.Engine.Tests.Text;

/// <summary>
/// The parser's fast path for plain amounts must agree with the full grammar wherever it answers, and leave every
/// other text to it: random texts over the characters amounts are made of, and the boundary digit counts.
/// </summary>
public class Utf8AmountParserFastPathTests
{
    private static bool AgreesWithGeneral(string text, int minorDigits, AmountFormat format)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        var generalAccepts = Utf8AmountParser.TryParseGeneral(bytes, minorDigits, format, out var general, out var consumed, out _)
            && consumed == bytes.Length;
        // The fast path either declines (the general parser alone decides) or gives the general parser's answer.
        if (Utf8AmountParser.TryParsePlain(bytes, minorDigits, format.DecimalSeparator, out var plain)
            && !(generalAccepts && general == plain))
        {
            return false;
        }
        return true;
    }

    [Property(MaxTest = 5000)]
    public Property Fast_path_answers_agree_with_the_general_parser() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Elements("0123456789999.-,+( )/:\u00e9\u00b9".ToCharArray())).Select(chars => new string(chars)).ToArbitrary(),
            Gen.Elements(0, 2, 3, 4, 8).ToArbitrary(),
            Gen.Elements(AmountFormat.Invariant, AmountFormat.PointDecimalGrouped, AmountFormat.CommaDecimalGrouped).ToArbitrary(),
            AgreesWithGeneral);

    [Theory]
    [InlineData("999999999999999999", 0)]   // 18 digits: the fast path's limit
    [InlineData("9999999999999999999", 0)]  // 19 digits: the general parser's overflow check decides
    [InlineData("9223372036854775807", 0)]
    [InlineData("9223372036854775808", 0)]
    [InlineData("-9223372036854775808", 0)]
    [InlineData("9999999999999999.99", 2)]
    [InlineData("99999999999999999.99", 2)]
    [InlineData("12.", 2)]
    [InlineData(".5", 2)]
    [InlineData("-", 2)]
    [InlineData("", 2)]
    [InlineData("12.345", 2)]
    [InlineData("12.340", 2)]
    [InlineData("-0.01", 2)]
    [InlineData("123456789012345678901234567890", 2)]
    [InlineData("1", 2)]
    [InlineData("-1", 2)]
    [InlineData("12", 2)]
    [InlineData("1.2", 2)]
    [InlineData("-1.2", 2)]
    [InlineData("0.99", 2)]
    [InlineData("12345678", 0)]
    [InlineData("-1234567", 0)]
    [InlineData("99999.99", 2)]
    [InlineData("-9999.99", 2)]
    [InlineData("1.234567", 7)]
    [InlineData("1.2345678", 7)]
    [InlineData("1..2", 2)]
    [InlineData("1.2.", 2)]
    [InlineData("-.5", 2)]
    [InlineData("--5", 2)]
    [InlineData("5-", 2)]
    [InlineData("1,5", 2)]
    [InlineData("/", 2)]
    [InlineData(":", 2)]
    public void Boundary_texts_parse_the_same_either_way(string text, int minorDigits)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var viaGeneral = Utf8AmountParser.TryParseGeneral(bytes, minorDigits, AmountFormat.Invariant, out var general, out var generalConsumed, out _);
        var viaPublic = Utf8AmountParser.TryParse(bytes, minorDigits, AmountFormat.Invariant, out var value, out var consumed, out _);

        Assert.Equal(viaGeneral, viaPublic);
        Assert.Equal(general, value);
        Assert.Equal(generalConsumed, consumed);
        Assert.True(AgreesWithGeneral(text, minorDigits, AmountFormat.Invariant));
    }
}
