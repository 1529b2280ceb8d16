using BenchmarkDotNet.Attributes;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Engine;

namespace CrossBorder.Benchmarks.Money;

/// <summary>
/// Splitting a charge (shipping, a customs duty, a fee) over an order's lines in proportion to their values, 2 to 6
/// lines per order. The naive decimal way rounds each share and dumps the remainder on the last line; ours is the
/// largest-remainder method of <see cref="Engine.Money.Allocate(ReadOnlySpan{long}, Span{Engine.Money})"/> into a
/// span. Time is per split order.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class AllocationBenchmarks
{
    private const int N = InputData.ItemCount;

    private Engine.Money[] _totals = null!;
    private decimal[] _decimalTotals = null!;
    private long[] _weights = null!;
    private decimal[] _decimalWeights = null!;
    private int[] _starts = null!;
    private int[] _counts = null!;
    private Engine.Money[] _parts = null!;
    private decimal[] _decimalParts = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _totals = new Engine.Money[N];
        _decimalTotals = new decimal[N];
        _starts = new int[N];
        _counts = new int[N];
        var weights = new List<long>();
        for (var i = 0; i < N; i++)
        {
            _totals[i] = Engine.Money.FromMinorUnits(random.NextInt64(500, 50_000), Currency.EUR); // 5.00 .. 499.99
            _decimalTotals[i] = InputData.ToDecimal(_totals[i]);
            _starts[i] = weights.Count;
            _counts[i] = random.Next(2, 7);
            for (var k = 0; k < _counts[i]; k++)
            {
                weights.Add(random.NextInt64(100, 50_000)); // line values in cents
            }
        }
        _weights = [.. weights];
        _decimalWeights = [.. weights.Select(w => (decimal)w)];
        _parts = new Engine.Money[_weights.Length];
        _decimalParts = new decimal[_weights.Length];

        NaiveDecimalSplit();
        MoneyAllocateByWeights();
        for (var i = 0; i < N; i++)
        {
            var moneySum = 0m;
            var decimalSum = 0m;
            for (var k = _starts[i]; k < _starts[i] + _counts[i]; k++)
            {
                moneySum += InputData.ToDecimal(_parts[k]);
                decimalSum += _decimalParts[k];
            }
            if (moneySum != _decimalTotals[i] || decimalSum != _decimalTotals[i])
            {
                throw new InvalidOperationException($"Split of {_totals[i]} does not add up.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "decimal: round each share, remainder on last")]
    public void NaiveDecimalSplit()
    {
        var totals = _decimalTotals;
        var weights = _decimalWeights;
        var parts = _decimalParts;
        for (var i = 0; i < totals.Length; i++)
        {
            var start = _starts[i];
            var end = start + _counts[i];
            var totalWeight = 0m;
            for (var k = start; k < end; k++)
            {
                totalWeight += weights[k];
            }
            var allocated = 0m;
            for (var k = start; k < end - 1; k++)
            {
                var part = Math.Round(totals[i] * weights[k] / totalWeight, 2, MidpointRounding.ToEven);
                parts[k] = part;
                allocated += part;
            }
            parts[end - 1] = totals[i] - allocated;
        }
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Money.Allocate(weights, span) (ours)")]
    [Ours]
    public void MoneyAllocateByWeights()
    {
        var totals = _totals;
        var weights = _weights.AsSpan();
        var parts = _parts.AsSpan();
        for (var i = 0; i < totals.Length; i++)
        {
            var start = _starts[i];
            var count = _counts[i];
            totals[i].Allocate(weights.Slice(start, count), parts.Slice(start, count));
        }
    }
}
