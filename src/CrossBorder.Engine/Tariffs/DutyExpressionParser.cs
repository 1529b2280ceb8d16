using System.Diagnostics.CodeAnalysis;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// Parses tariff rate texts into compiled <see cref="DutyExpression"/>s: USITC HTS texts (<see cref="ParseUs"/>,
/// <see cref="ParseUsSpecial"/>) and UK/EU TARIC duty expressions (<see cref="ParseTaric"/>).
/// </summary>
/// <remarks>
/// <para>A text that cannot be parsed is an error naming the text, the position and the reason — never a zero
/// duty. Texts that refer to amounts published elsewhere (EU agricultural components, HTS "the duty provided in the
/// applicable subheading", "See 9822.04.01") parse into named terms the caller supplies when evaluating.</para>
/// <para>Parsing allocates (it builds the expression once); evaluating does not.</para>
/// </remarks>
public static class DutyExpressionParser
{
    /// <summary>
    /// Parses an HTS General, Column 2 or Chapter 99 rate text: <c>Free</c>, <c>6.8%</c>, <c>2.4¢/kg</c>,
    /// <c>$1.035/kg</c>, <c>37.5¢/kg + 14.9%</c>, <c>45¢ each + 7% + 2.5¢/jewel</c>, <c>33 1/3%</c>,
    /// <c>The duty provided in the applicable subheading + 25%</c>.
    /// </summary>
    /// <exception cref="DutyExpressionFormatException">The text is not a rate; the message names the position and reason.</exception>
    public static DutyExpression ParseUs(string text)
    {
        if (!TryParseUs(text, out var expression, out var error))
        {
            TariffThrowHelper.ThrowParse(error);
        }
        return expression;
    }

    /// <summary>Tries to parse an HTS General, Column 2 or Chapter 99 rate text (see <see cref="ParseUs"/>).</summary>
    public static bool TryParseUs(string text, [NotNullWhen(true)] out DutyExpression? expression, out DutyParseError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UsRateParser.TryParse(text, out expression, out error);
    }

    /// <summary>
    /// Parses an HTS Special column text into its rate groups: <c>Free (A+,AU,BH,CL)</c>,
    /// <c>Free (A,AU,BH) 3.5% (JP)</c>, <c>Free (BH,CL) 16.4¢/kg (P) See 9822.04.10 (AU)</c>.
    /// </summary>
    /// <exception cref="DutyExpressionFormatException">A group is not a rate; the message names the position and reason.</exception>
    public static IReadOnlyList<UsSpecialRate> ParseUsSpecial(string text)
    {
        if (!TryParseUsSpecial(text, out var rates, out var error))
        {
            TariffThrowHelper.ThrowParse(error);
        }
        return rates;
    }

    /// <summary>Tries to parse an HTS Special column text (see <see cref="ParseUsSpecial"/>).</summary>
    public static bool TryParseUsSpecial(string text, [NotNullWhen(true)] out IReadOnlyList<UsSpecialRate>? rates, out DutyParseError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ok = UsRateParser.TryParseSpecial(text, out var groups, out error);
        rates = groups;
        return ok;
    }

    /// <summary>
    /// Parses a UK/EU TARIC duty expression: <c>12.00 % + 147.00 GBP / 100 kg</c>, <c>26.00 GBP / hl</c>,
    /// <c>0.50 GBP / % vol/hl</c>, <c>8.30 % MIN 1.10 EUR / 100 kg MAX 5.00 EUR / 100 kg</c>,
    /// <c>9.00% +  EA MAX 18.70%  + ADSZ</c>, seasonal <c>15.00% (01 JAN-14 FEB, 16 JUN-31 DEC), 0.00% (15 FEB-15 JUN)</c>.
    /// </summary>
    /// <exception cref="DutyExpressionFormatException">The text is not a duty expression; the message names the position and reason.</exception>
    public static DutyExpression ParseTaric(string text)
    {
        if (!TryParseTaric(text, out var expression, out var error))
        {
            TariffThrowHelper.ThrowParse(error);
        }
        return expression;
    }

    /// <summary>Tries to parse a UK/EU TARIC duty expression (see <see cref="ParseTaric"/>).</summary>
    public static bool TryParseTaric(string text, [NotNullWhen(true)] out DutyExpression? expression, out DutyParseError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TaricRateParser.TryParse(text, out expression, out error);
    }
}
