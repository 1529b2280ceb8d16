using System.Buffers.Text;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Engine;
using CrossBorder.Engine.Text;

namespace CrossBorder.Benchmarks.Text;

/// <summary>
/// Parsing amount fields of a UTF-8 export ("-12.34", "1234.50", "0.99", "184467.07"): what a user would write with
/// the BCL (<see cref="decimal"/>'s UTF-8 parser, or <see cref="Utf8Parser"/>) against
/// <see cref="Utf8AmountParser"/>, which parses straight into minor units. Time is per amount.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class AmountParsingBenchmarks
{
    private const int N = InputData.ItemCount;

    private TextColumn _column = null!;
    private decimal[] _decimals = null!;
    private long[] _minorUnits = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cents = InputData.MinorUnitAmounts(N, seed: 20251009);
        _column = TextColumn.From([.. cents.Select(InputData.FormatCents)]);
        _decimals = new decimal[N];
        _minorUnits = new long[N];

        // The three variants must agree on every input, or the comparison is meaningless.
        if (DecimalTryParseUtf8() != N || Utf8ParserTryParseDecimal() != N || Utf8AmountParserTryParse() != N)
        {
            throw new InvalidOperationException("An input did not parse.");
        }
        for (var i = 0; i < N; i++)
        {
            if (_minorUnits[i] != cents[i] || _decimals[i] * 100m != cents[i])
            {
                throw new InvalidOperationException($"Parsers disagree on '{_column.Values[i]}'.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "decimal.TryParse(utf8, Invariant)")]
    public int DecimalTryParseUtf8()
    {
        var utf8 = _column.Utf8;
        var starts = _column.Utf8Starts;
        var lengths = _column.Utf8Lengths;
        var results = _decimals;
        var parsed = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (decimal.TryParse(utf8.AsSpan(starts[i], lengths[i]), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                results[i] = value;
                parsed++;
            }
        }
        return parsed;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Utf8Parser.TryParse(out decimal)")]
    public int Utf8ParserTryParseDecimal()
    {
        var utf8 = _column.Utf8;
        var starts = _column.Utf8Starts;
        var lengths = _column.Utf8Lengths;
        var results = _decimals;
        var parsed = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var field = utf8.AsSpan(starts[i], lengths[i]);
            if (Utf8Parser.TryParse(field, out decimal value, out var consumed) && consumed == field.Length)
            {
                results[i] = value;
                parsed++;
            }
        }
        return parsed;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Utf8AmountParser.TryParse (ours)")]
    [Ours]
    public int Utf8AmountParserTryParse()
    {
        var utf8 = _column.Utf8;
        var starts = _column.Utf8Starts;
        var lengths = _column.Utf8Lengths;
        var results = _minorUnits;
        var parsed = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var field = utf8.AsSpan(starts[i], lengths[i]);
            if (Utf8AmountParser.TryParse(field, Currency.EUR, AmountFormat.Invariant, out var minorUnits, out var consumed) && consumed == field.Length)
            {
                results[i] = minorUnits;
                parsed++;
            }
        }
        return parsed;
    }
}
