using System.Runtime.CompilerServices;
using CrossBorder.Engine.Geography;

namespace CrossBorder.Engine.Tariffs;

/// <summary>
/// A destination's tariff: code prefixes with their effective-dated measures, stored as a digit trie in flat arrays,
/// built once and then read by any number of threads without locks or allocation.
/// </summary>
/// <remarks>
/// <para><b>Longest prefix, per kind.</b> A lookup walks the code's digits. For each <see cref="MeasureKind"/> the
/// deepest prefix on the path that carries an applicable measure of that kind wins: a 10-digit code not in the
/// schedule falls back to its nearest listed ancestor, and <c>GB,07,*,vat,0%</c> overrides <c>GB,*,*,vat,20%</c>
/// for chapter 07 while the duty still comes from the 10-digit line.</para>
/// <para>Measures at the root (code <c>*</c>) apply to every code, listed or not.</para>
/// </remarks>
public sealed class TariffSchedule
{
    private readonly DigitTrie _trie;
    private readonly Measure[] _measures;     // grouped by node, in insertion order within a node
    private readonly int[] _nodeStart;        // payload p -> first measure of the node
    private readonly int[] _nodeCount;        // payload p -> number of measures
    private readonly bool[] _listed;          // payload p -> the code is listed (not only an ancestor of a measure)

    private readonly PrefixIndex? _index;     // the lookups resolved ahead of time (null for huge schedules)

    internal TariffSchedule(string destination, DigitTrie trie, Measure[] measures, int[] nodeStart, int[] nodeCount, bool[] listed, int codeCount, PrefixIndex? index = null)
    {
        _index = index;
        Destination = destination;
        _trie = trie;
        _measures = measures;
        _nodeStart = nodeStart;
        _nodeCount = nodeCount;
        _listed = listed;
        CodeCount = codeCount;
    }

    /// <summary>The destination (<c>US</c>, <c>GB</c>, <c>EU</c>, <c>DE</c>, ...).</summary>
    public string Destination { get; }

    /// <summary>Number of codes listed.</summary>
    public int CodeCount { get; }

    /// <summary>Number of measures.</summary>
    public int MeasureCount => _measures.Length;

    /// <summary>Bytes held by the trie's arrays.</summary>
    public long TrieBytes => _trie.MemoryBytes;

    /// <summary>Starts a builder for a destination.</summary>
    public static TariffScheduleBuilder CreateBuilder(string destination) => new(destination);

    /// <summary>Looks a code up (UTF-16; dots and spaces allowed) and writes every applicable measure.</summary>
    /// <exception cref="FormatException">The code is not a tariff code.</exception>
    public TariffMatch Lookup(ReadOnlySpan<char> code, CountryCode origin, DateOnly date, Span<AppliedMeasure> measures)
    {
        if (!TariffCode.TryParse(code, out var parsed, out var error))
        {
            ThrowBadCode(code.ToString(), error.Reason);
        }
        return Lookup(parsed, origin, date, measures);
    }

    /// <summary>Looks a code up (UTF-8; dots and spaces allowed) and writes every applicable measure.</summary>
    /// <exception cref="FormatException">The code is not a tariff code.</exception>
    public TariffMatch Lookup(ReadOnlySpan<byte> utf8Code, CountryCode origin, DateOnly date, Span<AppliedMeasure> measures)
    {
        if (!TariffCode.TryParse(utf8Code, out var parsed, out var error))
        {
            ThrowBadCode(System.Text.Encoding.UTF8.GetString(utf8Code), error.Reason);
        }
        return Lookup(parsed, origin, date, measures);
    }

    /// <summary>
    /// Looks <paramref name="code"/> up for goods from <paramref name="origin"/> on <paramref name="date"/>: finds the
    /// longest listed prefix and writes, for each measure kind, the applicable measures of the deepest prefix that has
    /// any (deepest first). Allocates nothing.
    /// </summary>
    public TariffMatch Lookup(TariffCode code, CountryCode origin, DateOnly date, Span<AppliedMeasure> measures) =>
        _index is null ? LookupByWalk(code, origin, date, measures) : LookupByIndex(_index, code, origin, date, measures);

    /// <summary>
    /// The same answer as <see cref="LookupByWalk"/>, from the precomputed prefix index: one hash probe per candidate
    /// length, then the path's measures, deepest first. For each kind, the deepest depth with an applicable measure
    /// of that kind wins, and all of that depth's applicable measures of the kind are written.
    /// </summary>
    private static TariffMatch LookupByIndex(PrefixIndex index, TariffCode code, CountryCode origin, DateOnly date, Span<AppliedMeasure> measures)
    {
        ref readonly var slot = ref index.Find(code, out var matched);
        var day = date.DayNumber;
        var written = 0;
        var truncated = false;
        if (slot.Single is { } single)
        {
            // One measure on the whole path (the common case): everything needed is in the slot.
            if (day >= slot.SingleFromDay && day <= slot.SingleToDay && (slot.SingleAllOrigins || single.Origins.Contains(origin)))
            {
                if (measures.IsEmpty)
                {
                    truncated = true;
                }
                else
                {
                    measures[0] = new AppliedMeasure(single, PrefixIndex.Prefix(code, slot.SingleDepth));
                    written = 1;
                }
            }
            return new TariffMatch(code, matched, written, truncated);
        }
        var path = index.Path.Slice(slot.Start, slot.Count);
        var resolved = 0;   // bit per kind: decided at a deeper prefix
        var foundHere = 0;  // bit per kind: found at the current depth
        var depth = -1;
        foreach (ref readonly var m in path)
        {
            if (m.Depth != depth)
            {
                resolved |= foundHere;
                foundHere = 0;
                depth = m.Depth;
            }
            if ((resolved & m.KindBit) != 0 || day < m.FromDay || day > m.ToDay || !(m.AllOrigins || m.Origins.Contains(origin)))
            {
                continue;
            }
            foundHere |= m.KindBit;
            if (written < measures.Length)
            {
                measures[written++] = new AppliedMeasure(m.Measure, m.AttachedTo);
            }
            else
            {
                truncated = true;
            }
        }
        return new TariffMatch(code, matched, written, truncated);
    }

    /// <summary>The lookup by walking the trie (the reference the index is tested against).</summary>
    [SkipLocalsInit]
    internal TariffMatch LookupByWalk(TariffCode code, CountryCode origin, DateOnly date, Span<AppliedMeasure> measures)
    {
        Span<byte> digits = stackalloc byte[TariffCode.MaxDigits];
        code.TryWriteDigits(digits, out var length);
        Span<int> payloads = stackalloc int[TariffCode.MaxDigits + 1];
        var depth = _trie.Walk(digits[..length], payloads);

        var matchedDepth = 0;
        for (var d = depth; d > 0; d--)
        {
            var p = payloads[d];
            if (p >= 0 && _listed[p])
            {
                matchedDepth = d;
                break;
            }
        }

        var resolved = 0;   // bit per kind: decided at a deeper prefix
        var written = 0;
        var truncated = false;
        for (var d = depth; d >= 0; d--)
        {
            var p = payloads[d];
            if (p < 0)
            {
                continue;
            }
            var foundHere = 0;
            var start = _nodeStart[p];
            var end = start + _nodeCount[p];
            for (var m = start; m < end; m++)
            {
                var measure = _measures[m];
                var bit = 1 << (int)measure.Kind;
                if ((resolved & bit) != 0 || !measure.AppliesTo(origin, date))
                {
                    continue;
                }
                foundHere |= bit;
                if (written < measures.Length)
                {
                    measures[written++] = new AppliedMeasure(measure, d == 0 ? default : code.Truncate(d));
                }
                else
                {
                    truncated = true;
                }
            }
            resolved |= foundHere;
        }
        return new TariffMatch(code, matchedDepth == 0 ? default : code.Truncate(matchedDepth), written, truncated);
    }

    /// <summary>Every measure attached exactly to <paramref name="code"/> (or to <c>*</c> for the empty code), whatever the origin and date.</summary>
    public ReadOnlySpan<Measure> MeasuresAt(TariffCode code)
    {
        Span<byte> digits = stackalloc byte[TariffCode.MaxDigits];
        code.TryWriteDigits(digits, out var length);
        Span<int> payloads = stackalloc int[TariffCode.MaxDigits + 1];
        var depth = _trie.Walk(digits[..length], payloads);
        if (depth != length || payloads[depth] < 0)
        {
            return [];
        }
        return _measures.AsSpan(_nodeStart[payloads[depth]], _nodeCount[payloads[depth]]);
    }

    /// <summary>True when the exact code is listed in the schedule.</summary>
    public bool IsListed(TariffCode code)
    {
        Span<byte> digits = stackalloc byte[TariffCode.MaxDigits];
        code.TryWriteDigits(digits, out var length);
        Span<int> payloads = stackalloc int[TariffCode.MaxDigits + 1];
        var depth = _trie.Walk(digits[..length], payloads);
        return depth == length && payloads[depth] >= 0 && _listed[payloads[depth]];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowBadCode(string code, string reason) =>
        throw new FormatException($"'{code}' is not a tariff code ({reason}) in the {Destination} schedule lookup.");
}
