using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Engine.Text;

namespace CrossBorder.Benchmarks.Text;

/// <summary>
/// Parsing the date columns of an export: <c>yyyy-MM-dd</c> business dates and ISO 8601 timestamps with an offset
/// (<c>2025-10-09T22:07:18+00:00</c>). Each kind is its own group with its own baseline (the BCL call a user would
/// write on the decoded text) against <see cref="Utf8DateParser"/> on the UTF-8 bytes. Time is per value.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DateParsingBenchmarks
{
    private const int N = InputData.ItemCount;

    private TextColumn _dates = null!;
    private TextColumn _timestamps = null!;
    private DateOnly[] _dateResults = null!;
    private DateTimeOffset[] _timestampResults = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dates = InputData.Dates(N, seed: 2025);
        var timestamps = InputData.Timestamps(N, seed: 1009);
        _dates = TextColumn.From([.. dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        _timestamps = TextColumn.From([.. timestamps.Select(t => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))]);
        _dateResults = new DateOnly[N];
        _timestampResults = new DateTimeOffset[N];

        if (DateOnlyTryParseExact() != N || !_dateResults.AsSpan().SequenceEqual(dates)
            || Utf8TryParseIsoDate() != N || !_dateResults.AsSpan().SequenceEqual(dates))
        {
            throw new InvalidOperationException("Date parsers disagree with the generated dates.");
        }
        if (DateTimeOffsetTryParse() != N || !SameInstantsAndOffsets(_timestampResults, timestamps)
            || Utf8TryParseDateTime() != N || !SameInstantsAndOffsets(_timestampResults, timestamps))
        {
            throw new InvalidOperationException("Timestamp parsers disagree with the generated timestamps.");
        }
    }

    private static bool SameInstantsAndOffsets(DateTimeOffset[] actual, DateTimeOffset[] expected)
    {
        for (var i = 0; i < actual.Length; i++)
        {
            if (actual[i] != expected[i] || actual[i].Offset != expected[i].Offset)
            {
                return false;
            }
        }
        return true;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "DateOnly.TryParseExact(chars, yyyy-MM-dd)")]
    [BenchmarkCategory("yyyy-MM-dd")]
    public int DateOnlyTryParseExact()
    {
        var chars = _dates.Chars;
        var starts = _dates.CharStarts;
        var lengths = _dates.CharLengths;
        var results = _dateResults;
        var parsed = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (DateOnly.TryParseExact(chars.AsSpan(starts[i], lengths[i]), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                results[i] = date;
                parsed++;
            }
        }
        return parsed;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Utf8DateParser.TryParseIsoDate (ours)")]
    [BenchmarkCategory("yyyy-MM-dd")]
    [Ours]
    public int Utf8TryParseIsoDate()
    {
        var utf8 = _dates.Utf8;
        var starts = _dates.Utf8Starts;
        var lengths = _dates.Utf8Lengths;
        var results = _dateResults;
        var parsed = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var field = utf8.AsSpan(starts[i], lengths[i]);
            if (Utf8DateParser.TryParseIsoDate(field, out var date, out var consumed, out _) && consumed == field.Length)
            {
                results[i] = date;
                parsed++;
            }
        }
        return parsed;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "DateTimeOffset.TryParse(chars, Invariant)")]
    [BenchmarkCategory("ISO 8601 date-time")]
    public int DateTimeOffsetTryParse()
    {
        var chars = _timestamps.Chars;
        var starts = _timestamps.CharStarts;
        var lengths = _timestamps.CharLengths;
        var results = _timestampResults;
        var parsed = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (DateTimeOffset.TryParse(chars.AsSpan(starts[i], lengths[i]), CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            {
                results[i] = value;
                parsed++;
            }
        }
        return parsed;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Utf8DateParser.TryParseDateTime (ours)")]
    [BenchmarkCategory("ISO 8601 date-time")]
    [Ours]
    public int Utf8TryParseDateTime()
    {
        var utf8 = _timestamps.Utf8;
        var starts = _timestamps.Utf8Starts;
        var lengths = _timestamps.Utf8Lengths;
        var results = _timestampResults;
        var parsed = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var field = utf8.AsSpan(starts[i], lengths[i]);
            if (Utf8DateParser.TryParseDateTime(field, out var value, out var consumed, out _) && consumed == field.Length)
            {
                results[i] = value;
                parsed++;
            }
        }
        return parsed;
    }
}
