using System.Runtime.CompilerServices;

namespace CrossBorder.Engine.Geography;

/// <summary>
/// The origins a measure applies to: <c>*</c> (erga omnes), a country (<c>CN</c>), a group (<c>EU</c>), a list
/// (<c>CN HK</c>), and exclusions (<c>* !CA !MX</c>: all origins except Canada and Mexico; <c>EU !DE</c>).
/// Membership is one bit test in a 26×26 bitmap, without allocation.
/// </summary>
public sealed class OriginSet
{
    private readonly ulong[] _bits = new ulong[(26 * 26 + 63) / 64];

    private OriginSet(string text) => Text = text;

    /// <summary>The text the set was parsed from, for explanations.</summary>
    public string Text { get; }

    /// <summary>Every origin.</summary>
    public static OriginSet All { get; } = CreateAll();

    /// <summary>True when goods originating in <paramref name="origin"/> are covered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(CountryCode origin)
    {
        if (origin.IsUnknown)
        {
            // An unknown origin is covered only by an erga omnes set without exclusions.
            return IsAll;
        }
        var index = Index(origin);
        return (_bits[index >> 6] & (1UL << (index & 63))) != 0;
    }

    /// <summary>True for <c>*</c> without exclusions.</summary>
    public bool IsAll { get; private set; }

    /// <summary>
    /// Parses an origin text: space- or comma-separated terms, each <c>*</c>, a country, a group of
    /// <paramref name="groups"/>, or one of those prefixed with <c>!</c> to exclude it. Inclusions are applied first,
    /// then exclusions.
    /// </summary>
    /// <exception cref="FormatException">A term that is neither a country nor a known group; the message names it.</exception>
    public static OriginSet Parse(string text, OriginGroups groups)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(groups);
        var set = new OriginSet(text.Trim());
        var terms = text.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0)
        {
            throw new FormatException("An empty origin: write * for all origins.");
        }
        var anyExclusion = false;
        var all = false;
        foreach (var term in terms)
        {
            if (term.StartsWith('!'))
            {
                anyExclusion = true;
                continue;
            }
            if (term == "*")
            {
                all = true;
                set._bits.AsSpan().Fill(ulong.MaxValue);
                continue;
            }
            foreach (var country in Resolve(term, groups))
            {
                set.Set(country, true);
            }
        }
        foreach (var term in terms)
        {
            if (term.StartsWith('!'))
            {
                foreach (var country in Resolve(term[1..], groups))
                {
                    set.Set(country, false);
                }
            }
        }
        set.IsAll = all && !anyExclusion;
        return set;
    }

    private static CountryCode[] Resolve(string term, OriginGroups groups)
    {
        if (groups.TryGet(term, out var members))
        {
            return members;
        }
        if (term.Length == 2 && CountryCode.TryParse(term, out var country))
        {
            return [country];
        }
        throw new FormatException($"'{term}' is neither an ISO 3166-1 alpha-2 country code nor a known origin group ({string.Join(", ", groups.Names)}).");
    }

    private void Set(CountryCode country, bool on)
    {
        var index = Index(country);
        if (on)
        {
            _bits[index >> 6] |= 1UL << (index & 63);
        }
        else
        {
            _bits[index >> 6] &= ~(1UL << (index & 63));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(CountryCode country)
    {
        var letters = country.GetHashCode(); // the two ASCII letters, first in the high byte
        return ((letters >> 8) - 'A') * 26 + ((letters & 0xFF) - 'A');
    }

    private static OriginSet CreateAll()
    {
        var set = new OriginSet("*") { IsAll = true };
        set._bits.AsSpan().Fill(ulong.MaxValue);
        return set;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
