using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Benchmarks.Tariffs;

/// <summary>
/// Resolving a declared 10-digit code against the full US HTS (about 35,000 lines, 2024 basic edition): the
/// longest listed prefix and the MFN ("General") rate that applies to it, which is usually attached at 8 digits
/// while the declaration carries the 10-digit statistical suffix. One in ten inputs is an unlisted 10-digit
/// extension of a listed 8-digit line, which must fall back to it. The usual approaches are a
/// <see cref="Dictionary{TKey, TValue}"/> or a sorted array keyed by the code's digits, cut to 10, 8, 6 and 4
/// digits until something is found. Time is per lookup.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class TariffLookupBenchmarks
{
    private const int N = InputData.ItemCount;
    private static readonly int[] Truncations = [10, 8, 6, 4];
    private static readonly CountryCode Origin = CountryCode.Parse("CN");
    private static readonly DateOnly Date = new(2025, 5, 9);

    private TariffSchedule _schedule = null!;
    private readonly Dictionary<string, Measure?> _byDigits = new(StringComparer.Ordinal);
    private string[] _sortedDigits = null!;
    private Measure?[] _sortedMeasures = null!;
    private TariffCode[] _codes = null!;
    private string[] _texts = null!;
    private readonly AppliedMeasure[] _applied = new AppliedMeasure[8];
    private int[] _matchedLength = null!;
    private Measure?[] _mfn = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = DataFiles.UsHts;
        if (!File.Exists(path))
        {
            var notice = $"TariffLookupBenchmarks skipped: the full US HTS ({path}) is not on this machine; set CROSSBORDER_SHARED_DATA to the folder holding tariffs/us/hts-2024-basic-edition.csv.";
            Console.WriteLine(notice);
            throw new InvalidOperationException(notice);
        }

        // Every numbered line is a listed code; the General column, where it parses, is its MFN rate.
        var builder = TariffSchedule.CreateBuilder("US");
        var tenDigit = new List<string>();
        var eightDigit = new List<string>();
        var header = true;
        var unparsed = 0;
        foreach (var fields in DataFiles.ReadCsv(path))
        {
            if (header)
            {
                header = false;
                continue;
            }
            var number = fields[0].Replace(".", "", StringComparison.Ordinal);
            if (number.Length < TariffCode.MinDigits || !TariffCode.TryParse(number, out var code))
            {
                continue;
            }
            Measure? mfn = null;
            var general = fields.Count > 4 ? fields[4].Trim() : "";
            if (general.Length > 0 && DutyExpressionParser.TryParseUs(general, out var expression, out _))
            {
                mfn = new Measure(MeasureKind.Mfn, OriginSet.All, expression, DateOnly.MinValue, DateOnly.MaxValue);
                builder.AddMeasure(code, mfn);
            }
            else
            {
                unparsed += general.Length > 0 ? 1 : 0;
                builder.AddCode(code);
            }
            // A line listed twice keeps its rate.
            if (!_byDigits.TryGetValue(number, out var existing) || existing is null)
            {
                _byDigits[number] = mfn;
            }
            (number.Length == 10 ? tenDigit : number.Length == 8 ? eightDigit : null)?.Add(number);
        }
        _schedule = builder.Build();
        _sortedDigits = [.. _byDigits.Keys.Order(StringComparer.Ordinal)];
        _sortedMeasures = [.. _sortedDigits.Select(k => _byDigits[k])];

        var random = new Random(1920);
        _texts = new string[N];
        for (var i = 0; i < N; i++)
        {
            if (random.Next(10) != 0)
            {
                _texts[i] = tenDigit[random.Next(tenDigit.Count)];
                continue;
            }
            string candidate;
            do
            {
                candidate = eightDigit[random.Next(eightDigit.Count)] + random.Next(100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            }
            while (_byDigits.ContainsKey(candidate));
            _texts[i] = candidate;
        }
        _codes = [.. _texts.Select(t => TariffCode.Parse(t))];
        _matchedLength = new int[N];
        _mfn = new Measure?[N];

        Console.WriteLine($"// US HTS: {_byDigits.Count:N0} codes, {_schedule.MeasureCount:N0} MFN measures ({unparsed:N0} General texts skipped), trie {_schedule.TrieBytes:N0} B; {tenDigit.Count:N0} 10-digit lines.");

        int[]? expectedLength = null;
        Measure?[]? expectedMfn = null;
        foreach (var variant in new Func<int>[] { DictionaryWithSubstring, DictionaryAlternateLookup, SortedArrayBinarySearch, Lookup, LookupChars })
        {
            Array.Clear(_matchedLength);
            Array.Clear(_mfn);
            if (variant() != N)
            {
                throw new InvalidOperationException("A code found no listed prefix.");
            }
            expectedLength ??= [.. _matchedLength];
            expectedMfn ??= [.. _mfn];
            for (var i = 0; i < N; i++)
            {
                if (expectedLength[i] != _matchedLength[i] || !ReferenceEquals(expectedMfn[i], _mfn[i]))
                {
                    throw new InvalidOperationException($"Lookups disagree on {_texts[i]}: matched {expectedLength[i]} vs {_matchedLength[i]} digits, MFN {expectedMfn[i]} vs {_mfn[i]}.");
                }
            }
        }
        if (expectedMfn!.Count(m => m is null) > N / 10)
        {
            throw new InvalidOperationException("Too many lookups found no MFN rate: the General column was not read.");
        }
    }

    /// <summary>
    /// Records a look-up's measure for the cross-check in <see cref="Setup"/>, the same way in every method. An indexed
    /// store into a <c>Measure?[]</c> went through the runtime's covariant-store helper (a third of the time of our
    /// look-up); a store through a reference is only the GC write barrier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Measure?[] results, int i, Measure? measure) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(results), i) = measure;

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Dictionary<string, Measure>, Substring 10/8/6/4")]
    public int DictionaryWithSubstring()
    {
        var texts = _texts;
        var found = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            var text = texts[i];
            var matched = 0;
            Measure? mfn = null;
            foreach (var length in Truncations)
            {
                if (length <= text.Length && _byDigits.TryGetValue(length == text.Length ? text : text.Substring(0, length), out var measure))
                {
                    matched = matched == 0 ? length : matched;
                    if (measure is not null)
                    {
                        mfn = measure;
                        break;
                    }
                }
            }
            _matchedLength[i] = matched;
            Store(_mfn, i, mfn);
            found += matched == 0 ? 0 : 1;
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Dictionary alternate lookup [ReadOnlySpan<char>], 10/8/6/4")]
    public int DictionaryAlternateLookup()
    {
        var texts = _texts;
        var lookup = _byDigits.GetAlternateLookup<ReadOnlySpan<char>>();
        var found = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            var text = texts[i].AsSpan();
            var matched = 0;
            Measure? mfn = null;
            foreach (var length in Truncations)
            {
                if (length <= text.Length && lookup.TryGetValue(text[..length], out var measure))
                {
                    matched = matched == 0 ? length : matched;
                    if (measure is not null)
                    {
                        mfn = measure;
                        break;
                    }
                }
            }
            _matchedLength[i] = matched;
            Store(_mfn, i, mfn);
            found += matched == 0 ? 0 : 1;
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "sorted string[], Array.BinarySearch, Substring 10/8/6/4")]
    public int SortedArrayBinarySearch()
    {
        var texts = _texts;
        var keys = _sortedDigits;
        var found = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            var text = texts[i];
            var matched = 0;
            Measure? mfn = null;
            foreach (var length in Truncations)
            {
                var index = length <= text.Length ? Array.BinarySearch(keys, length == text.Length ? text : text.Substring(0, length), StringComparer.Ordinal) : -1;
                if (index >= 0)
                {
                    matched = matched == 0 ? length : matched;
                    if (_sortedMeasures[index] is { } measure)
                    {
                        mfn = measure;
                        break;
                    }
                }
            }
            _matchedLength[i] = matched;
            Store(_mfn, i, mfn);
            found += matched == 0 ? 0 : 1;
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "TariffSchedule.Lookup(TariffCode) (ours)")]
    [Ours]
    public int Lookup()
    {
        var codes = _codes;
        var schedule = _schedule;
        var applied = _applied.AsSpan();
        var found = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            var match = schedule.Lookup(codes[i], Origin, Date, applied);
            _matchedLength[i] = match.Matched.Length;
            Store(_mfn, i, match.MeasureCount > 0 ? applied[0].Measure : null);
            found += match.Found ? 1 : 0;
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "TariffSchedule.Lookup(chars), parse included (ours)")]
    [Ours]
    public int LookupChars()
    {
        var texts = _texts;
        var schedule = _schedule;
        var applied = _applied.AsSpan();
        var found = 0;
        for (var i = 0; i < texts.Length; i++)
        {
            var match = schedule.Lookup(texts[i], Origin, Date, applied);
            _matchedLength[i] = match.Matched.Length;
            Store(_mfn, i, match.MeasureCount > 0 ? applied[0].Measure : null);
            found += match.Found ? 1 : 0;
        }
        return found;
    }

    /// <summary>Diagnostic: the trie walk alone (no measures), to split the cost of <see cref="Lookup"/>.</summary>
    [Benchmark(OperationsPerInvoke = N, Description = "TariffSchedule.IsListed, trie walk only (ours, diagnostic)")]
    [Ours]
    public int IsListedWalkOnly()
    {
        var codes = _codes;
        var schedule = _schedule;
        var listed = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            listed += schedule.IsListed(codes[i]) ? 1 : 0;
        }
        return listed;
    }
}
