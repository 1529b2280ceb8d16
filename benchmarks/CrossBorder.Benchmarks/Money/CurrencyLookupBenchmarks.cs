using System.Text;
using BenchmarkDotNet.Attributes;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Engine;

namespace CrossBorder.Benchmarks.Money;

/// <summary>
/// Resolving the currency column of a settlement file (EUR, USD, GBP, ..., a few in lower case). The usual
/// approach is a case-insensitive <see cref="Dictionary{TKey, TValue}"/> keyed by code; reading a UTF-8 file,
/// the code must first become a string. Ours looks the code up from the UTF-8 or UTF-16 span directly. Time is
/// per code.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class CurrencyLookupBenchmarks
{
    private const int N = InputData.ItemCount;

    private readonly Dictionary<string, Currency> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private TextColumn _column = null!;
    private Currency[] _results = null!;

    [GlobalSetup]
    public void Setup()
    {
        foreach (var currency in Currency.All)
        {
            _byCode[currency.Code] = currency;
        }
        _column = TextColumn.From(InputData.CurrencyCodes(N, seed: 4217));
        _results = new Currency[N];
        Currency[]? expected = null;
        foreach (var variant in new Func<int>[] { DictionaryByString, DictionaryAfterUtf8Decode, DictionaryAlternateLookupBySpan, TryFromCodeUtf8, TryFromCodeChars })
        {
            if (variant() != N)
            {
                throw new InvalidOperationException("A code was not found.");
            }
            expected ??= [.. _results];
            if (!expected.AsSpan().SequenceEqual(_results))
            {
                throw new InvalidOperationException("Lookups disagree.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Dictionary<string, Currency>[string] (OrdinalIgnoreCase)")]
    public int DictionaryByString()
    {
        var codes = _column.Values;
        var results = _results;
        var found = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (_byCode.TryGetValue(codes[i], out var currency))
            {
                results[i] = currency;
                found++;
            }
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Encoding.UTF8.GetString + Dictionary[string]")]
    public int DictionaryAfterUtf8Decode()
    {
        var utf8 = _column.Utf8;
        var starts = _column.Utf8Starts;
        var lengths = _column.Utf8Lengths;
        var results = _results;
        var found = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var code = Encoding.UTF8.GetString(utf8, starts[i], lengths[i]);
            if (_byCode.TryGetValue(code, out var currency))
            {
                results[i] = currency;
                found++;
            }
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Dictionary alternate lookup [ReadOnlySpan<char>]")]
    public int DictionaryAlternateLookupBySpan()
    {
        var chars = _column.Chars;
        var starts = _column.CharStarts;
        var lengths = _column.CharLengths;
        var results = _results;
        var lookup = _byCode.GetAlternateLookup<ReadOnlySpan<char>>();
        var found = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (lookup.TryGetValue(chars.AsSpan(starts[i], lengths[i]), out var currency))
            {
                results[i] = currency;
                found++;
            }
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Currency.TryFromCode(utf8) (ours)")]
    [Ours]
    public int TryFromCodeUtf8()
    {
        var utf8 = _column.Utf8;
        var starts = _column.Utf8Starts;
        var lengths = _column.Utf8Lengths;
        var results = _results;
        var found = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (Currency.TryFromCode(utf8.AsSpan(starts[i], lengths[i]), out var currency))
            {
                results[i] = currency;
                found++;
            }
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Currency.TryFromCode(chars) (ours)")]
    [Ours]
    public int TryFromCodeChars()
    {
        var chars = _column.Chars;
        var starts = _column.CharStarts;
        var lengths = _column.CharLengths;
        var results = _results;
        var found = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (Currency.TryFromCode(chars.AsSpan(starts[i], lengths[i]), out var currency))
            {
                results[i] = currency;
                found++;
            }
        }
        return found;
    }
}
