using BenchmarkDotNet.Attributes;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Engine;

namespace CrossBorder.Benchmarks.Money;

/// <summary>
/// An amount times a rate, rounded half-even to the cent: duty, VAT and fee lines. The decimal way
/// (<c>Math.Round(amount * rate, 2, MidpointRounding.ToEven)</c>) against
/// <see cref="Engine.Money.Multiply(Rate, RoundingMode)"/> on the same amounts and rates. Time is per line.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class MultiplyRoundBenchmarks
{
    private const int N = InputData.ItemCount;

    // Customs processing fee (0.3464%), duty rates (16.5%, 7.8%, 2.7%) and VAT rates (19%, 20%).
    private static readonly decimal[] s_ratesAsDecimal = [0.003464m, 0.165m, 0.078m, 0.027m, 0.19m, 0.20m];

    private decimal[] _decimalAmounts = null!;
    private decimal[] _decimalRates = null!;
    private decimal[] _decimalResults = null!;
    private Engine.Money[] _amounts = null!;
    private Rate[] _rates = null!;
    private Engine.Money[] _results = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cents = InputData.MinorUnitAmounts(N, seed: 7);
        var random = new Random(11);
        _decimalAmounts = new decimal[N];
        _decimalRates = new decimal[N];
        _decimalResults = new decimal[N];
        _amounts = new Engine.Money[N];
        _rates = new Rate[N];
        _results = new Engine.Money[N];
        for (var i = 0; i < N; i++)
        {
            var rate = s_ratesAsDecimal[random.Next(s_ratesAsDecimal.Length)];
            _amounts[i] = Engine.Money.FromMinorUnits(cents[i], Currency.EUR);
            _decimalAmounts[i] = InputData.ToDecimal(_amounts[i]);
            _rates[i] = Rate.FromDecimal(rate);
            _decimalRates[i] = rate;
        }

        DecimalMultiplyRound();
        MoneyMultiply();
        for (var i = 0; i < N; i++)
        {
            if (InputData.ToDecimal(_results[i]) != _decimalResults[i])
            {
                throw new InvalidOperationException($"{_amounts[i]} × {_rates[i]}: decimal gives {_decimalResults[i]}, Money gives {_results[i]}.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Math.Round(decimal * decimal, 2, ToEven)")]
    public void DecimalMultiplyRound()
    {
        var amounts = _decimalAmounts;
        var rates = _decimalRates;
        var results = _decimalResults;
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = Math.Round(amounts[i] * rates[i], 2, MidpointRounding.ToEven);
        }
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Money.Multiply(Rate, HalfEven) (ours)")]
    [Ours]
    public void MoneyMultiply()
    {
        var amounts = _amounts;
        var rates = _rates;
        var results = _results;
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = amounts[i].Multiply(rates[i], RoundingMode.HalfEven);
        }
    }
}
