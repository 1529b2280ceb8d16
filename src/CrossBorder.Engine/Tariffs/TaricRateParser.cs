namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// Parses UK Trade Tariff / EU TARIC duty expressions (UK Global Tariff, and the EU CET column of the UK file).
/// </summary>
/// <remarks>
/// Grammar (white space optional and free; <c>MIN</c>/<c>MAX</c> upper case):
/// <code>
/// expression := alternative ["(" season ("," season)* ")"] ("," alternative ["(" ... ")"])*
/// alternative:= sum (("MIN" | "MAX") sum)*
/// sum        := term (("+" | "-") term)*
/// term       := number "%" ["RET"]                   12.00 %, 16.50 % RET (of the retail price)
///             | number currency "/" unit              147.00 GBP / 100 kg, 1.1 €/100 kg/net
///             | component                             EA, EAR, ADSZ, ADSZR, ADFM, ADFMR, AD S/Z, Entry Price
///             | number                                a bare number, read as a percentage (with a remark)
/// season     := day [month] "-" day month             01 JAN-14 FEB, 01-31 DEC, 16 JUL - 15 JUN
/// </code>
/// A seasonal rate lists alternatives with their windows; an alternative without a window applies on the other days.
/// </remarks>
internal sealed class TaricRateParser : RateTextParser
{
    private TaricRateParser(string text)
        : base(text, 0, text.Length)
    {
    }

    internal static bool TryParse(string text, out DutyExpression? expression, out DutyParseError error)
    {
        var parser = new TaricRateParser(text);
        expression = null;
        var ok = parser.ParseExpression() && parser.TryBuild(DutyExpressionSyntax.Taric, out expression);
        error = parser.Error;
        return ok;
    }

    private bool ParseExpression()
    {
        if (AtEnd)
        {
            return Fail(Pos, "empty rate text");
        }
        while (true)
        {
            var alternative = AlternativeCount;
            if (!ParseBounded())
            {
                return false;
            }
            if (TryChar('(') && !ParseSeasons(alternative))
            {
                return false;
            }
            EndAlternative();
            if (TryChar(','))
            {
                continue;
            }
            if (AtEnd)
            {
                break;
            }
            return Fail(Pos, $"unexpected '{Collapse(Pos, End)}': expected '+', '-', MIN, MAX, a season in parentheses, ',' or the end");
        }
        if (AlternativeCount > 1)
        {
            var otherwise = -1;
            for (var a = 0; a < AlternativeCount; a++)
            {
                if (HasSeasons(a))
                {
                    continue;
                }
                if (otherwise >= 0)
                {
                    return Fail(0, "two alternatives without a season: which applies when is not stated");
                }
                otherwise = a;
            }
            if (otherwise >= 0)
            {
                AddSeason(new DutySeason(otherwise, 0, 0, 0, 0));
            }
        }
        return true;
    }

    private bool ParseBounded()
    {
        if (!ParseSum())
        {
            return false;
        }
        while (true)
        {
            SkipSpace();
            DutyNodeKind bound;
            if (LooksAtKeyword(Pos, "MIN"))
            {
                bound = DutyNodeKind.Minimum;
            }
            else if (LooksAtKeyword(Pos, "MAX"))
            {
                bound = DutyNodeKind.Maximum;
            }
            else
            {
                return true;
            }
            Pos += 3;
            if (!ParseSum())
            {
                return false;
            }
            EmitOperator(bound);
        }
    }

    private bool ParseSum()
    {
        if (!ParseTerm())
        {
            return false;
        }
        while (true)
        {
            DutyNodeKind op;
            if (TryChar('+'))
            {
                op = DutyNodeKind.Add;
            }
            else if (TryChar('-'))
            {
                op = DutyNodeKind.Subtract;
            }
            else
            {
                return true;
            }
            if (!ParseTerm())
            {
                return false;
            }
            EmitOperator(op);
        }
    }

    private bool ParseTerm()
    {
        SkipSpace();
        var start = Pos;
        foreach (var (normalised, name) in AgriculturalComponents.Normalised)
        {
            if (TryPhrase(normalised))
            {
                Emit(new DutyNode(DutyNodeKind.AgriculturalComponent, name: name));
                return true;
            }
        }
        if (!TryNumber(out var mantissa, out var scale))
        {
            return Error.IsNone
                ? Fail(start, "expected a percentage, an amount per unit or an agricultural component (EA, ADSZ, ...)")
                : false;
        }
        var numberEnd = Pos;
        if (TryChar('%'))
        {
            // "16.50 % RET": UK excise charged on the recommended retail price (measurement unit RET), not on the
            // customs value; the caller supplies the price as the value basis DutyInput.RetailPrice.
            var onRetailPrice = TryPhrase("retailprice") || TryPhrase("ret");
            Emit(new DutyNode(DutyNodeKind.AdValorem, Percent(mantissa, scale), name: onRetailPrice ? DutyInput.RetailPrice : null));
            return true;
        }
        SkipSpace();
        Currency currency;
        if (TryChar('€'))
        {
            currency = Currency.EUR;
        }
        else if (IsAtTermEnd())
        {
            // EU CET printings such as "6.4 + 24.6 EUR/100 kg" and "7.2 MIN 0.36 EUR/100 kg" drop the '%'.
            var number = Collapse(start, numberEnd);
            Remark($"'{number}' has no unit and is read as {number}%");
            Emit(new DutyNode(DutyNodeKind.AdValorem, Percent(mantissa, scale)));
            return true;
        }
        else if (!TryCurrencyCode(out currency))
        {
            return Error.IsNone ? Fail(Pos, "expected '%' or a currency after the number") : false;
        }
        if (!TryChar('/'))
        {
            return Fail(Pos, $"expected '/' and a unit after {currency.Code}");
        }
        if (!ParseUnit(out var unit))
        {
            return false;
        }
        Emit(new DutyNode(DutyNodeKind.Specific, MajorUnits(mantissa, scale, currency), currency, unit));
        return true;
    }

    private bool IsAtTermEnd()
    {
        SkipSpace();
        return Pos >= End || Current is '+' or '-' or ',' or '(' || LooksAtKeyword(Pos, "MIN") || LooksAtKeyword(Pos, "MAX");
    }

    private bool TryCurrencyCode(out Currency currency)
    {
        currency = default;
        SkipSpace();
        if (Pos + 3 > End || !char.IsAsciiLetterUpper(Text[Pos]) || !char.IsAsciiLetterUpper(Text[Pos + 1]) || !char.IsAsciiLetterUpper(Text[Pos + 2])
            || (Pos + 3 < End && char.IsAsciiLetter(Text[Pos + 3])))
        {
            return false;
        }
        if (!Currency.TryFromCode(Text.AsSpan(Pos, 3), out currency) || !currency.HasMinorUnits)
        {
            return Fail(Pos, $"unknown currency '{Text.Substring(Pos, 3)}'");
        }
        Pos += 3;
        return true;
    }

    private bool ParseUnit(out MeasurementUnit unit)
    {
        unit = default;
        SkipSpace();
        var start = Pos;
        var end = start;
        while (end < End)
        {
            var c = Text[end];
            if (c is '+' or '(' || LooksAtKeyword(end, "MIN") || LooksAtKeyword(end, "MAX")
                || (c == ',' && (end + 1 >= End || !char.IsAsciiDigit(Text[end + 1])))
                || (c == '-' && end > start && char.IsWhiteSpace(Text[end - 1])))
            {
                break;
            }
            end++;
        }
        while (end > start && char.IsWhiteSpace(Text[end - 1]))
        {
            end--;
        }
        if (end == start)
        {
            return Fail(start, "expected a unit after '/'");
        }
        var normalised = PhraseText.Normalise(Text, start, end);
        foreach (var (alias, index) in MeasurementUnitTable.TaricAliases)
        {
            if (alias == normalised)
            {
                unit = MeasurementUnit.FromIndex(index);
                Pos = end;
                return true;
            }
        }
        return Fail(start, $"unknown unit '{Collapse(start, end)}'");
    }

    private bool ParseSeasons(int alternative)
    {
        do
        {
            SkipSpace();
            var at = Pos;
            if (!TryNumber(out var fromDay, out var s1) || s1 != 0)
            {
                return Fail(at, "expected the first day of the season");
            }
            if (!TryMonth(out var fromMonth))
            {
                return false;
            }
            if (!TryChar('-'))
            {
                return Fail(Pos, "expected '-' between the first and the last day of the season");
            }
            var toAt = Pos;
            if (!TryNumber(out var toDay, out var s2) || s2 != 0)
            {
                return Fail(toAt, "expected the last day of the season");
            }
            if (!TryMonth(out var toMonth))
            {
                return false;
            }
            if (toMonth == 0)
            {
                return Fail(Pos, "expected the month of the last day of the season");
            }
            if (fromMonth == 0)
            {
                fromMonth = toMonth; // "01-31 DEC"
            }
            if (fromDay is < 1 or > 31 || toDay is < 1 or > 31)
            {
                return Fail(at, "a day of the month must be 1 to 31");
            }
            AddSeason(new DutySeason(alternative, fromMonth, (int)fromDay, toMonth, (int)toDay));
        }
        while (TryChar(','));
        return TryChar(')') ? true : Fail(Pos, "expected ')' after the season");
    }

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>A month name (JAN, JUNE, SEPT...), or none (month 0).</summary>
    private bool TryMonth(out int month)
    {
        month = 0;
        SkipSpace();
        var start = Pos;
        var end = start;
        while (end < End && char.IsAsciiLetter(Text[end]))
        {
            end++;
        }
        if (end == start)
        {
            return true;
        }
        var word = Text[start..end].ToLowerInvariant();
        for (var m = 0; m < Months.Length; m++)
        {
            if (word.StartsWith(Months[m], StringComparison.Ordinal) && IsMonthSpelling(word, m))
            {
                month = m + 1;
                Pos = end;
                return true;
            }
        }
        return Fail(start, $"unknown month '{Text[start..end]}'");
    }

    private static bool IsMonthSpelling(string word, int month) => word.Length == 3 || (month, word) switch
    {
        (5, "june") or (6, "july") or (8, "sept") => true,
        _ => false,
    };
}
