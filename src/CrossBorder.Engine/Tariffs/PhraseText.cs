using System.Text;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// The normal form in which unit aliases and narrative phrases are compared: lower case, without white space,
/// hyphens or HTML tags, so that <c>100 kg / net drained wt</c> equals <c>100kg/net drained wt</c>,
/// <c>appli- cable</c> equals <c>applicable</c> and <c>m&lt;sup&gt;2&lt;/sup&gt;</c> equals <c>m2</c>.
/// </summary>
internal static class PhraseText
{
    /// <summary>The normal form of a whole text.</summary>
    internal static string Normalise(string text) => Normalise(text, 0, text.Length);

    /// <summary>The normal form of <c>text[start..end]</c>.</summary>
    internal static string Normalise(string text, int start, int end)
    {
        var builder = new StringBuilder(end - start);
        var i = start;
        while (i < end)
        {
            if (IsIgnorable(text, i, end, out var length))
            {
                i += length;
                continue;
            }
            builder.Append(char.ToLowerInvariant(text[i]));
            i++;
        }
        return builder.ToString();
    }

    /// <summary>True for white space, a hyphen or an HTML tag at <paramref name="at"/>; <paramref name="length"/> is its length.</summary>
    internal static bool IsIgnorable(string text, int at, int end, out int length)
    {
        var c = text[at];
        if (char.IsWhiteSpace(c) || c == '-')
        {
            length = 1;
            return true;
        }
        length = TagLength(text, at, end);
        return length > 0;
    }

    /// <summary>The length of an HTML tag (<c>&lt;sup&gt;</c>, <c>&lt;/il&gt;</c>) starting at <paramref name="at"/>, or 0.</summary>
    internal static int TagLength(string text, int at, int end)
    {
        if (text[at] != '<')
        {
            return 0;
        }
        var i = at + 1;
        if (i < end && text[i] == '/')
        {
            i++;
        }
        var nameStart = i;
        while (i < end && char.IsAsciiLetter(text[i]))
        {
            i++;
        }
        return i > nameStart && i < end && text[i] == '>' ? i + 1 - at : 0;
    }
}
