using System.Globalization;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// Parses USITC HTS rate texts (General, Special, Column 2, Chapter 99) into <see cref="DutyExpression"/>s.
/// </summary>
/// <remarks>
/// Grammar (words ignore case; white space, HTML tags and line-split hyphens are blank):
/// <code>
/// rate     := "Free" ["," condition] | "No change" | "See" target | sum [note]
/// sum      := term (("+" | "plus" | "minus") term)*
/// term     := reference-phrase                       (HtsPhrases.References)
///           | percent ["on" basis]                   6.8%, 33 1/3%, 5% on the case
///           | number "percent of" basis              3 percent of the fair retail value
///           | money ("each" | "/" unit) [sugar]      2.4¢/kg, $1.035/kg, 0.9¢ each
/// money    := number "¢" | "$" number                ¢ are US cents, the minor unit of USD
/// sugar    := "less" money "/kg for each degree under" N "degrees (and fractions of a degree in proportion)
///             but not less [than]" money "/kg"
/// note     := "(see U.S. note ...)"                  kept as a remark
/// </code>
/// The sugar form A less B for each degree under N, but not less than C, is (A − B × kg × degrees below N) MIN C.
/// </remarks>
internal sealed class UsRateParser : RateTextParser
{
    private static readonly int EachIndex = MeasurementUnitTable.IndexOf("US:EACH");
    private static readonly int KilogramIndex = MeasurementUnitTable.IndexOf("KGM");

    private UsRateParser(string text, int start, int end)
        : base(text, start, end)
    {
    }

    /// <summary>Parses a General, Column 2 or Chapter 99 text (no program lists).</summary>
    internal static bool TryParse(string text, out DutyExpression? expression, out DutyParseError error)
    {
        var parser = new UsRateParser(text, 0, text.Length);
        expression = null;
        var ok = parser.ParseRate() && parser.TryBuild(DutyExpressionSyntax.UsHts, out expression);
        error = parser.Error;
        return ok;
    }

    /// <summary>Parses a Special column text into its rate groups, each with its program indicators.</summary>
    internal static bool TryParseSpecial(string text, out UsSpecialRate[]? rates, out DutyParseError error)
    {
        rates = null;
        var groups = new List<UsSpecialRate>();
        var segmentStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '(' || !TryProgramList(text, i, out var close, out var programs))
            {
                continue;
            }
            if (IsBlank(text, segmentStart, i))
            {
                error = new DutyParseError(text, i, "a list of special programs without a rate before it");
                return false;
            }
            if (!TryParseSegment(text, segmentStart, i, programs, groups, out error))
            {
                return false;
            }
            segmentStart = close + 1;
            i = close;
        }
        if (!IsBlank(text, segmentStart, text.Length))
        {
            // A rate with no program list: Chapter 98/99 special rates that apply as their heading says.
            if (!TryParseSegment(text, segmentStart, text.Length, [], groups, out error))
            {
                return false;
            }
        }
        if (groups.Count == 0)
        {
            error = new DutyParseError(text, 0, "empty rate text");
            return false;
        }
        rates = [.. groups];
        error = default;
        return true;
    }

    private static bool TryParseSegment(string text, int start, int end, string[] programs, List<UsSpecialRate> groups, out DutyParseError error)
    {
        var parser = new UsRateParser(text, start, end);
        if (!parser.ParseRate() || !parser.TryBuild(DutyExpressionSyntax.UsHts, out var expression))
        {
            error = parser.Error;
            return false;
        }
        groups.Add(new UsSpecialRate(expression!, programs));
        error = default;
        return true;
    }

    private static bool IsBlank(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                continue;
            }
            var tag = PhraseText.TagLength(text, i, end);
            if (tag == 0)
            {
                return false;
            }
            i += tag - 1;
        }
        return true;
    }

    /// <summary>
    /// A parenthesised list of program indicators: codes of one or two capital letters, optionally marked
    /// <c>+</c> or <c>*</c> (A+, A*, AU, P+), separated by commas or white space; empty entries (<c>BH,,CL</c>) are
    /// skipped.
    /// </summary>
    private static bool TryProgramList(string text, int open, out int close, out string[] programs) =>
        ReadProgramList(text, open, out close, out programs, out _);

    /// <summary>As <see cref="TryProgramList"/>; on failure, <paramref name="badEntry"/> is the first entry that is not a code.</summary>
    private static bool ReadProgramList(string text, int open, out int close, out string[] programs, out string? badEntry)
    {
        programs = [];
        badEntry = null;
        close = text.IndexOf(')', open + 1);
        if (close < 0)
        {
            return false;
        }
        var content = text.AsSpan(open + 1, close - open - 1);
        if (content.Contains('('))
        {
            return false;
        }
        var list = new List<string>();
        foreach (var range in content.SplitAny(", \t\r\n"))
        {
            var code = content[range];
            if (code.IsEmpty)
            {
                continue;
            }
            var letters = code[^1] is '+' or '*' ? code[..^1] : code;
            if (letters.Length is < 1 or > 2 || letters.IndexOfAnyExcept(UpperCase) >= 0)
            {
                badEntry = code.ToString();
                return false;
            }
            list.Add(code.ToString());
        }
        programs = [.. list];
        return programs.Length > 0;
    }

    /// <summary>Why a parenthesis after a rate cannot be read, for the error message.</summary>
    private string DescribeParenthesis()
    {
        var close = Text.IndexOf(')', Pos + 1);
        if (close < 0 || Text.AsSpan(Pos + 1, close - Pos - 1).Contains('('))
        {
            return "'(' without a matching ')'";
        }
        if (ReadProgramList(Text, Pos, out _, out _, out var bad))
        {
            return "a list of special programs belongs to the Special column: parse it with ParseUsSpecial";
        }
        return bad is null || bad.Any(char.IsAsciiLetterLower)
            ? $"unexpected '{Collapse(Pos, End)}' after the rate"
            : $"'{bad}' in the list of special programs is not a program indicator (one or two capital letters, optionally followed by + or *)";
    }

    private static readonly System.Buffers.SearchValues<char> UpperCase =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private bool ParseRate()
    {
        if (AtEnd)
        {
            return Fail(Pos, "empty rate text");
        }
        if (TryWord("free"))
        {
            Emit(new DutyNode(DutyNodeKind.Free));
            if (TryChar(','))
            {
                SkipSpace();
                if (AtEnd)
                {
                    return Fail(Pos, "expected a condition after 'Free,'");
                }
                // "Free, under bond, as prescribed in U.S. note 2 to this subchapter": free, on a condition.
                Remark(Collapse(Pos, End));
                Pos = End;
            }
        }
        else if (TryPhrase("nochange"))
        {
            EmitReference(HtsPhrases.NoChange);
        }
        else if (TryWord("see"))
        {
            if (!ParseSee())
            {
                return false;
            }
        }
        else if (!ParseSum())
        {
            return false;
        }
        SkipSpace();
        if (Current == '(' && TrySeeNote(out var close))
        {
            Remark(Collapse(Pos + 1, close));
            Pos = close + 1;
        }
        if (!AtEnd)
        {
            return Fail(Pos, Current == '(' ? DescribeParenthesis() : $"unexpected '{Collapse(Pos, End)}' after the rate");
        }
        EndAlternative();
        return true;
    }

    /// <summary>"(see U.S. note 3 of this subchapter)" at the current position, with nested parentheses.</summary>
    private bool TrySeeNote(out int close)
    {
        close = -1;
        var save = Pos;
        Pos++;
        var isSee = TryWord("see");
        Pos = save;
        if (!isSee)
        {
            return false;
        }
        var depth = 0;
        for (var i = Pos; i < End; i++)
        {
            if (Text[i] == '(')
            {
                depth++;
            }
            else if (Text[i] == ')' && --depth == 0)
            {
                close = i;
                return true;
            }
        }
        return false;
    }

    private bool ParseSum()
    {
        if (!ParseTerm())
        {
            return false;
        }
        while (true)
        {
            if (TryChar('+') || TryWord("plus"))
            {
                if (!ParseTerm())
                {
                    return false;
                }
                EmitOperator(DutyNodeKind.Add);
            }
            else if (TryWord("minus"))
            {
                if (!ParseTerm())
                {
                    return false;
                }
                EmitOperator(DutyNodeKind.Subtract);
            }
            else
            {
                return true;
            }
        }
    }

    private bool ParseTerm()
    {
        SkipSpace();
        var start = Pos;
        foreach (var (normalised, entry) in HtsPhrases.NormalisedReferences)
        {
            if (!TryPhrase(normalised))
            {
                continue;
            }
            EmitReference(entry.Reference);
            if (entry.CapFirst is not null)
            {
                // "... but in no case in excess of the sum of (a) ... and (b) ...": reference MAX (a + b).
                EmitReference(entry.CapFirst);
                EmitReference(entry.CapSecond!);
                EmitOperator(DutyNodeKind.Add);
                EmitOperator(DutyNodeKind.Maximum);
            }
            return true;
        }
        if (Current == '$' || char.IsAsciiDigit(Current))
        {
            var money = Current == '$';
            if (money)
            {
                Pos++;
            }
            if (!TryNumber(out var mantissa, out var scale))
            {
                return Error.IsNone ? Fail(Pos, "expected an amount after '$'") : false;
            }
            if (money)
            {
                return ParseSpecific(MajorUnits(mantissa, scale, Currency.USD), start);
            }
            if (TryChar('¢'))
            {
                return ParseSpecific(MinorUnits(mantissa, scale), start);
            }
            var rate = Percent(mantissa, scale);
            if (scale == 0 && TryMixedFraction(mantissa, out var mixed))
            {
                rate = mixed;
            }
            if (TryChar('%'))
            {
                return TryWord("on") ? ParseBasis(rate) : EmitAdValorem(rate, null);
            }
            if (TryWord("percent"))
            {
                return TryWord("of") ? ParseBasis(rate) : Fail(Pos, "expected 'of' after 'percent'");
            }
            return Fail(Pos, "expected '%', '¢' or 'percent' after the number");
        }
        return Fail(start, "expected a rate: 'Free', a percentage, an amount per unit, or a known reference to another duty");
    }

    /// <summary>"33 1/3%": a whole number, a space and a fraction before '%'.</summary>
    private bool TryMixedFraction(long whole, out Rate rate)
    {
        rate = default;
        var save = Pos;
        if (TryNumber(out var numerator, out var s1) && s1 == 0 && TryChar('/') && TryNumber(out var denominator, out var s2) && s2 == 0
            && denominator > numerator)
        {
            SkipSpace();
            if (Current == '%')
            {
                rate = Rate.FromRatio(checked((whole * denominator) + numerator), checked(denominator * 100));
                return true;
            }
        }
        Pos = save;
        return false;
    }

    private bool EmitAdValorem(Rate rate, string? basis)
    {
        Emit(new DutyNode(DutyNodeKind.AdValorem, rate, name: basis));
        return true;
    }

    /// <summary>The value after "on" or "percent of": the customs value, or a value basis the caller supplies.</summary>
    private bool ParseBasis(Rate rate)
    {
        SkipSpace();
        var start = Pos;
        var end = ScanEnd(start, stopAtWords: false);
        var normalised = PhraseText.Normalise(Text, start, end);
        foreach (var (phrase, entry) in HtsPhrases.NormalisedValueBases)
        {
            if (normalised == phrase || normalised == "the" + phrase)
            {
                Pos = end;
                if (entry.Basis is null)
                {
                    Remark($"'{Collapse(start, end)}' is the customs value of the goods entered");
                }
                return EmitAdValorem(rate, entry.Basis);
            }
        }
        return Fail(start, $"unknown value basis '{Collapse(start, end)}'");
    }

    private bool ParseSpecific(Rate amount, int start)
    {
        MeasurementUnit unit;
        if (TryWord("each"))
        {
            unit = MeasurementUnit.FromIndex(EachIndex);
        }
        else if (TryChar('/'))
        {
            if (!ParseUnit(out unit))
            {
                return false;
            }
        }
        else if (TryPhrase("foreachotherpieceorpart"))
        {
            return Fail(start,
                "a rate 'for each other piece or part' whose total is capped at the duty for the complete movement only "
                + "'if consisting in part of a plate or a set of plates': that condition is a fact about the goods, which duty expressions do not model");
        }
        else
        {
            return Fail(Pos, "expected '/' and a unit, or 'each', after the amount");
        }
        Emit(new DutyNode(DutyNodeKind.Specific, amount, Currency.USD, unit));
        return unit.Code == "KGM" && TryWord("less") ? ParseSugarPolarization() : true;
    }

    /// <summary>
    /// HTS 1701 raw sugar: "3.6606¢/kg less 0.020668¢/kg for each degree under 100 degrees (and fractions of a degree
    /// in proportion) but not less than 3.143854¢/kg", after the first amount and "less".
    /// </summary>
    private bool ParseSugarPolarization()
    {
        if (!ParseMoneyPerKilogram(out var reduction, "the reduction per degree after 'less'"))
        {
            return false;
        }
        if (!TryPhrase("foreachdegreeunder"))
        {
            return Fail(Pos, "expected 'for each degree under'");
        }
        var at = Pos;
        if (!TryNumber(out var mantissa, out var scale) || !TryWord("degrees"))
        {
            return Fail(at, "expected the number of degrees");
        }
        if (!TryPhrase("(andfractionsofadegreeinproportion)"))
        {
            return Fail(Pos, "expected '(and fractions of a degree in proportion)': without it the text does not say how part degrees count");
        }
        if (!TryPhrase("butnotless"))
        {
            return Fail(Pos, "expected 'but not less than' and the minimum");
        }
        TryWord("than"); // The 2024 edition omits "than" once (1701.13.10, column 2).
        if (!ParseMoneyPerKilogram(out var floor, "the minimum after 'but not less than'"))
        {
            return false;
        }
        var thousandths = checked(mantissa * Quantity.Scale);
        if (scale > 3 || thousandths % Pow10(scale) != 0)
        {
            return Fail(at, "the degrees have more than three decimals");
        }
        var threshold = Quantity.FromThousandths(thousandths / Pow10(scale));
        Emit(new DutyNode(DutyNodeKind.Specific, reduction, Currency.USD, MeasurementUnit.KilogramDegreesBelow(threshold)));
        EmitOperator(DutyNodeKind.Subtract);
        Emit(new DutyNode(DutyNodeKind.Specific, floor, Currency.USD, MeasurementUnit.FromIndex(KilogramIndex)));
        EmitOperator(DutyNodeKind.Minimum);
        return true;
    }

    private bool ParseMoneyPerKilogram(out Rate amount, string what)
    {
        amount = default;
        SkipSpace();
        var at = Pos;
        var dollars = TryChar('$');
        if (!TryNumber(out var mantissa, out var scale))
        {
            return Fail(at, $"expected {what}");
        }
        if (dollars)
        {
            amount = MajorUnits(mantissa, scale, Currency.USD);
        }
        else if (TryChar('¢'))
        {
            amount = MinorUnits(mantissa, scale);
        }
        else
        {
            return Fail(Pos, "expected '¢' after the amount");
        }
        return TryChar('/') && TryPhrase("kg") ? true : Fail(Pos, "expected '/kg'");
    }

    /// <summary>A unit after '/': an alias of the units table, or a unit whose quantity the caller supplies by name.</summary>
    private bool ParseUnit(out MeasurementUnit unit)
    {
        unit = default;
        SkipSpace();
        var start = Pos;
        var end = ScanEnd(start, stopAtWords: true);
        if (end == start)
        {
            return Fail(start, "expected a unit after '/'");
        }
        var normalised = PhraseText.Normalise(Text, start, end);
        foreach (var (alias, index) in MeasurementUnitTable.UsAliases)
        {
            if (alias == normalised)
            {
                unit = MeasurementUnit.FromIndex(index);
                Pos = end;
                return true;
            }
        }
        // Units the caller measures and supplies by name: "kg on copper content", "kg of anhydrous morphine content",
        // "jewel over 7", "gross of immediate containers".
        var named =
            ((normalised.StartsWith("kgon", StringComparison.Ordinal) || normalised.StartsWith("kgof", StringComparison.Ordinal))
                && normalised.EndsWith("content", StringComparison.Ordinal) && normalised.Length > 11
                && normalised.AsSpan(4, normalised.Length - 11).IndexOfAnyExcept(LowerCase) < 0)
            || (normalised.StartsWith("jewelover", StringComparison.Ordinal) && normalised.Length > 9 && normalised.AsSpan(9).IndexOfAnyExcept(Digits) < 0)
            || normalised == "grossofimmediatecontainers";
        if (named)
        {
            unit = MeasurementUnit.Named(Collapse(start, end).ToLowerInvariant());
            Pos = end;
            return true;
        }
        return Fail(start, $"unknown unit '{Collapse(start, end)}'");
    }

    private static readonly System.Buffers.SearchValues<char> LowerCase = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz");
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>
    /// The end of a unit or basis phrase: the next '+', '(' or end of text, or (for units) the words "less",
    /// "plus", "minus", without trailing white space.
    /// </summary>
    private int ScanEnd(int start, bool stopAtWords)
    {
        var i = start;
        while (i < End)
        {
            var c = Text[i];
            if (c is '+' or '(')
            {
                break;
            }
            if (stopAtWords && char.IsAsciiLetter(c) && (i == start || !char.IsAsciiLetter(Text[i - 1]))
                && (IsWordAt(i, "less") || IsWordAt(i, "plus") || IsWordAt(i, "minus") || IsWordAt(i, "for")))
            {
                break;
            }
            i++;
        }
        while (i > start && char.IsWhiteSpace(Text[i - 1]))
        {
            i--;
        }
        return i;
    }

    private bool IsWordAt(int at, string word) =>
        at + word.Length <= End
        && string.Compare(Text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (at + word.Length == End || !char.IsAsciiLetter(Text[at + word.Length]));

    /// <summary>The target of "See": HTS headings (with ranges and lists) or a U.S. note.</summary>
    private bool ParseSee()
    {
        SkipSpace();
        var start = Pos;
        if (char.IsAsciiDigit(Current))
        {
            var parts = new List<string>();
            do
            {
                if (!ParseHeading(out var item))
                {
                    return false;
                }
                if (Current == '-')
                {
                    Pos++;
                    if (!ParseHeading(out var last))
                    {
                        return false;
                    }
                    item += "-" + last;
                }
                parts.Add(item);
            }
            while (TryChar(','));
            EmitReference("See " + string.Join(", ", parts));
            return true;
        }
        var additional = TryWord("additional");
        if (!TryPhrase("u.s.note"))
        {
            return Fail(start, "expected HTS headings or a U.S. note after 'See'");
        }
        var at = Pos;
        if (!TryNumber(out var note, out var scale) || scale != 0)
        {
            return Fail(at, "expected the number of the U.S. note");
        }
        var key = additional
            ? string.Create(CultureInfo.InvariantCulture, $"See additional U.S. note {note}")
            : string.Create(CultureInfo.InvariantCulture, $"See U.S. note {note}");
        if (Pos + 2 < End && Text[Pos] == '(' && char.IsAsciiLetterLower(Text[Pos + 1]) && Text[Pos + 2] == ')')
        {
            key += Text.Substring(Pos, 3);
            Pos += 3;
        }
        if (TryWord("to") || TryWord("of"))
        {
            var word = Text[(Pos - 2)..Pos].ToLowerInvariant();
            if (!TryPhrase("thissubchapter"))
            {
                return Fail(Pos, "expected 'this subchapter'");
            }
            key += $" {word} this subchapter";
        }
        EmitReference(key);
        return true;
    }

    /// <summary>An HTS number of 8 or 10 digits: 9822.04.01 or 9822.04.01.10.</summary>
    private bool ParseHeading(out string heading)
    {
        SkipSpace();
        heading = "";
        var i = Pos;
        bool Digits(int count)
        {
            for (var k = 0; k < count; k++, i++)
            {
                if (i >= End || !char.IsAsciiDigit(Text[i]))
                {
                    return false;
                }
            }
            return true;
        }
        bool Dot()
        {
            if (i < End && Text[i] == '.')
            {
                i++;
                return true;
            }
            return false;
        }
        if (!(Digits(4) && Dot() && Digits(2) && Dot() && Digits(2)))
        {
            return Fail(Pos, "expected an HTS number such as 9822.04.01");
        }
        var save = i;
        if (!(Dot() && Digits(2)) || (i < End && char.IsAsciiDigit(Text[i])))
        {
            i = save;
        }
        heading = Text[Pos..i];
        Pos = i;
        return true;
    }
}
