using System.Text;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// Shared scanning for the rate-text parsers: a position in a text that treats white space (including no-break
/// spaces and line breaks) and HTML tags left in the USITC export (<c>&lt;sup&gt;</c>, <c>&lt;il&gt;</c>,
/// <c>&lt;u&gt;&lt;/u&gt;</c>) as blank. Positions always refer to the original text.
/// </summary>
internal abstract class TextCursor
{
    private readonly int _end;

    protected TextCursor(string text, int start, int end)
    {
        Text = text;
        Start = start;
        Pos = start;
        _end = end;
    }

    protected string Text { get; }

    /// <summary>Where the parsed segment starts (0 unless a Special-column group).</summary>
    protected int Start { get; }

    protected int Pos { get; set; }

    protected int End => _end;

    /// <summary>Where and why parsing failed (the first failure wins).</summary>
    internal DutyParseError Error { get; private set; }

    /// <summary>Records an error at <paramref name="position"/>, and returns false so callers can <c>return Fail(...)</c>.</summary>
    protected bool Fail(int position, string reason)
    {
        if (Error.IsNone)
        {
            Error = new DutyParseError(Text, Math.Min(position, Text.Length), reason);
        }
        return false;
    }

    protected bool AtEnd
    {
        get
        {
            SkipSpace();
            return Pos >= _end;
        }
    }

    protected char Current => Pos < _end ? Text[Pos] : '\0';

    protected void SkipSpace()
    {
        while (Pos < _end)
        {
            if (char.IsWhiteSpace(Text[Pos]))
            {
                Pos++;
            }
            else if (PhraseText.TagLength(Text, Pos, _end) is var tag and > 0)
            {
                Pos += tag;
            }
            else
            {
                break;
            }
        }
    }

    protected bool TryChar(char c)
    {
        SkipSpace();
        if (Pos < _end && Text[Pos] == c)
        {
            Pos++;
            return true;
        }
        return false;
    }

    /// <summary>Matches a whole word, ignoring case (<paramref name="word"/> is lower case).</summary>
    protected bool TryWord(string word)
    {
        SkipSpace();
        if (Pos + word.Length > _end)
        {
            return false;
        }
        for (var i = 0; i < word.Length; i++)
        {
            if (char.ToLowerInvariant(Text[Pos + i]) != word[i])
            {
                return false;
            }
        }
        var after = Pos + word.Length;
        if (after < _end && char.IsAsciiLetter(Text[after]))
        {
            return false;
        }
        Pos = after;
        return true;
    }

    /// <summary>Matches an upper-case keyword (MIN, MAX) as a whole word, without moving.</summary>
    protected bool LooksAtKeyword(int at, string keyword)
    {
        if (at + keyword.Length > _end || string.CompareOrdinal(Text, at, keyword, 0, keyword.Length) != 0)
        {
            return false;
        }
        var after = at + keyword.Length;
        return (after >= _end || !char.IsAsciiLetter(Text[after])) && (at == 0 || !char.IsAsciiLetter(Text[at - 1]));
    }

    /// <summary>
    /// Matches a phrase given in normalised form, skipping white space, hyphens
    /// (words split across lines: "appli- cable", "sub- chapter") and HTML tags in the text, and requiring that the
    /// phrase does not end in the middle of a word or number. See <see cref="PhraseText.Normalise(string)"/>.
    /// </summary>
    protected bool TryPhrase(string normalised)
    {
        SkipSpace();
        var i = Pos;
        foreach (var expected in normalised)
        {
            while (i < _end && PhraseText.IsIgnorable(Text, i, _end, out var length))
            {
                i += length;
            }
            if (i >= _end || char.ToLowerInvariant(Text[i]) != expected)
            {
                return false;
            }
            i++;
        }
        if (normalised.Length > 0 && char.IsAsciiLetterOrDigit(normalised[^1]))
        {
            var j = i;
            while (j < _end && PhraseText.TagLength(Text, j, _end) is var tag and > 0)
            {
                j += tag;
            }
            if (j < _end && char.IsAsciiLetterOrDigit(Text[j]))
            {
                return false;
            }
        }
        Pos = i;
        return true;
    }

    /// <summary>
    /// The text between two positions for display and as a name: tags removed, white space collapsed to single
    /// spaces, words split across lines ("sub- chapter") joined.
    /// </summary>
    protected string Collapse(int start, int end)
    {
        var builder = new StringBuilder(end - start);
        var i = start;
        var space = false;
        while (i < end)
        {
            var tag = PhraseText.TagLength(Text, i, end);
            if (tag > 0)
            {
                i += tag;
                continue;
            }
            var c = Text[i];
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                i++;
                continue;
            }
            if (c == '-' && i + 1 < end && char.IsWhiteSpace(Text[i + 1]) && i > start && char.IsAsciiLetter(Text[i - 1]))
            {
                // "sub- chapter": a word split at a line end.
                i++;
                while (i < end && char.IsWhiteSpace(Text[i]))
                {
                    i++;
                }
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
            i++;
        }
        return builder.ToString();
    }

    /// <summary>
    /// An unsigned decimal number: digits, optional three-digit groups after commas (1,000 and 1,024.00), an
    /// optional fraction. The value is <paramref name="mantissa"/> × 10^-<paramref name="scale"/>, exactly.
    /// </summary>
    protected bool TryNumber(out long mantissa, out int scale)
    {
        SkipSpace();
        mantissa = 0;
        scale = 0;
        var i = Pos;
        if (i >= _end || !char.IsAsciiDigit(Text[i]))
        {
            return false;
        }
        var digits = 0;
        // Integer part, with optional thousands groups: a comma counts as a separator only before exactly three
        // digits, so the ", " between seasonal alternatives is never read as one.
        while (i < _end)
        {
            if (char.IsAsciiDigit(Text[i]))
            {
                if (!Accumulate(Text[i], ref mantissa, ref digits))
                {
                    return Fail(Pos, "number with too many digits");
                }
                i++;
            }
            else if (Text[i] == ',' && IsThreeDigitGroup(i + 1))
            {
                i++;
            }
            else
            {
                break;
            }
        }
        if (i + 1 < _end && Text[i] == '.' && char.IsAsciiDigit(Text[i + 1]))
        {
            i++;
            while (i < _end && char.IsAsciiDigit(Text[i]))
            {
                if (!Accumulate(Text[i], ref mantissa, ref digits))
                {
                    return Fail(Pos, "number with too many digits");
                }
                scale++;
                i++;
            }
        }
        Pos = i;
        return true;

        static bool Accumulate(char digit, ref long value, ref int count)
        {
            if (++count > 18)
            {
                return false;
            }
            value = (value * 10) + (digit - '0');
            return true;
        }

        bool IsThreeDigitGroup(int at) =>
            at + 2 < _end
            && char.IsAsciiDigit(Text[at]) && char.IsAsciiDigit(Text[at + 1]) && char.IsAsciiDigit(Text[at + 2])
            && (at + 3 >= _end || !char.IsAsciiDigit(Text[at + 3]));
    }

    /// <summary>10^<paramref name="exponent"/> for 0..18.</summary>
    protected static long Pow10(int exponent) => CurrencyTable.Pow10[exponent];
}
