using BenchmarkDotNet.Attributes;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Engine;
using CrossBorder.Engine.Fx;

namespace CrossBorder.Benchmarks.Fx;

/// <summary>
/// Converting settlement amounts from EUR with published reference rates (USD 1.0830, GBP 0.84120, JPY 162.45,
/// CHF 0.9378, SEK 11.2450, KWD 0.33275), rounded half-even to the quote currency's minor unit: the decimal way
/// against <see cref="ExchangeRate.Convert(Engine.Money, RoundingMode)"/>. Time is per conversion.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class FxConversionBenchmarks
{
    private const int N = InputData.ItemCount;

    private static readonly (Currency Quote, decimal Rate)[] s_published =
    [
        (Currency.USD, 1.0830m), (Currency.GBP, 0.84120m), (Currency.JPY, 162.45m), (Currency.CHF, 0.9378m),
        (Currency.SEK, 11.2450m), (Currency.KWD, 0.33275m),
    ];

    private decimal[] _decimalAmounts = null!;
    private decimal[] _decimalRates = null!;
    private int[] _quoteDigits = null!;
    private decimal[] _decimalResults = null!;
    private Engine.Money[] _amounts = null!;
    private ExchangeRate[] _rates = null!;
    private Engine.Money[] _results = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cents = InputData.MinorUnitAmounts(N, seed: 978);
        var random = new Random(840);
        _decimalAmounts = new decimal[N];
        _decimalRates = new decimal[N];
        _quoteDigits = new int[N];
        _decimalResults = new decimal[N];
        _amounts = new Engine.Money[N];
        _rates = new ExchangeRate[N];
        _results = new Engine.Money[N];
        for (var i = 0; i < N; i++)
        {
            var (quote, rate) = s_published[random.Next(s_published.Length)];
            _amounts[i] = Engine.Money.FromMinorUnits(cents[i], Currency.EUR);
            _decimalAmounts[i] = InputData.ToDecimal(_amounts[i]);
            _rates[i] = ExchangeRate.FromDecimal(Currency.EUR, quote, rate);
            _decimalRates[i] = rate;
            _quoteDigits[i] = quote.MinorUnits;
        }

        DecimalConvert();
        ExchangeRateConvert();
        for (var i = 0; i < N; i++)
        {
            if (InputData.ToDecimal(_results[i]) != _decimalResults[i])
            {
                throw new InvalidOperationException($"{_amounts[i]} at {_rates[i]}: decimal gives {_decimalResults[i]}, ExchangeRate gives {_results[i]}.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Math.Round(decimal * rate, quoteDigits, ToEven)")]
    public void DecimalConvert()
    {
        var amounts = _decimalAmounts;
        var rates = _decimalRates;
        var digits = _quoteDigits;
        var results = _decimalResults;
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = Math.Round(amounts[i] * rates[i], digits[i], MidpointRounding.ToEven);
        }
    }

    [Benchmark(OperationsPerInvoke = N, Description = "ExchangeRate.Convert(Money, HalfEven) (ours)")]
    [Ours]
    public void ExchangeRateConvert()
    {
        var amounts = _amounts;
        var rates = _rates;
        var results = _results;
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = rates[i].Convert(amounts[i], RoundingMode.HalfEven);
        }
    }
}
