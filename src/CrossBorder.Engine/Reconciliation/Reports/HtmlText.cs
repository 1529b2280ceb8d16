using System.Globalization;

namespace CrossBorder.Engine.Reconciliation.Reports;

/// <summary>
/// Writes HTML to a <see cref="TextWriter"/>: markup as given, and text and attribute values escaped so that the
/// output is also well-formed XML (only <c>&amp;amp; &amp;lt; &amp;gt; &amp;quot; &amp;#39;</c> are used, and characters
/// that XML 1.0 cannot carry are replaced by U+FFFD).
/// </summary>
internal sealed class HtmlText(TextWriter writer)
{
    /// <summary>Writes markup as it is (never input data).</summary>
    public HtmlText Raw(string markup)
    {
        writer.Write(markup);
        return this;
    }

    /// <summary>Writes a value from the input (or anything else) as escaped text or attribute content.</summary>
    public HtmlText Text(string? value)
    {
        if (value is null)
        {
            return this;
        }
        var span = value.AsSpan();
        var start = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => null,
                < ' ' or '\u007F' or '\uFFFE' or '\uFFFF' => "\uFFFD",
                _ when char.IsSurrogate(c) && !IsPairAt(span, i) => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                if (char.IsHighSurrogate(c) && IsPairAt(span, i))
                {
                    i++; // keep the pair together
                }
                continue;
            }
            writer.Write(span[start..i]);
            writer.Write(replacement);
            start = i + 1;
        }
        writer.Write(span[start..]);
        return this;
    }

    /// <summary>Writes a whole number, invariant, with ',' grouping.</summary>
    public HtmlText Count(long value)
    {
        writer.Write(FormatCount(value));
        return this;
    }

    /// <summary>Writes an amount with its currency's minor digits, invariant, with ',' grouping.</summary>
    public HtmlText Amount(Money money)
    {
        writer.Write(FormatAmount(money));
        return this;
    }

    /// <summary>Writes an SVG coordinate or length (at most two decimals, invariant).</summary>
    public HtmlText Number(double value)
    {
        writer.Write(FormatNumber(value));
        return this;
    }

    /// <summary>A whole number, invariant, with ',' grouping.</summary>
    public static string FormatCount(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>An amount with exactly its currency's minor digits, invariant, with ',' grouping.</summary>
    public static string FormatAmount(Money money) =>
        money.ToDecimal().ToString("N" + money.Currency.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate or length (at most two decimals, invariant, no grouping).</summary>
    public static string FormatNumber(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    private static bool IsPairAt(ReadOnlySpan<char> span, int i) =>
        char.IsHighSurrogate(span[i]) ? i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])
        : char.IsLowSurrogate(span[i]) && i > 0 && char.IsHighSurrogate(span[i - 1]);
}
