using System.Globalization;
using BenchmarkDotNet.Attributes;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Engine;

namespace CrossBorder.Benchmarks.Money;

/// <summary>
/// Writing the amount column of an export as UTF-8 (<c>-1234.56</c>) into one output buffer, field after field:
/// <see cref="decimal"/>'s UTF-8 formatter against <see cref="Engine.Money"/>'s. Time is per amount.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class MoneyFormatBenchmarks
{
    private const int N = InputData.ItemCount;

    private decimal[] _decimals = null!;
    private Engine.Money[] _amounts = null!;
    private byte[] _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cents = InputData.MinorUnitAmounts(N, seed: 3);
        _amounts = [.. cents.Select(c => Engine.Money.FromMinorUnits(c, Currency.EUR))];
        _decimals = [.. cents.Select(c => decimal.Parse(InputData.FormatCents(c), CultureInfo.InvariantCulture))]; // scale 2: 1234.50, like Money
        _output = new byte[N * 32];

        var decimalLength = DecimalTryFormatUtf8();
        var decimalText = _output.AsSpan(0, decimalLength).ToArray();
        var moneyLength = MoneyTryFormatAmount();
        if (!decimalText.AsSpan().SequenceEqual(_output.AsSpan(0, moneyLength)))
        {
            throw new InvalidOperationException("decimal and Money write different text.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "decimal.TryFormat(utf8, Invariant)")]
    public int DecimalTryFormatUtf8()
    {
        var values = _decimals;
        var output = _output.AsSpan();
        var position = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!values[i].TryFormat(output[position..], out var written, default, CultureInfo.InvariantCulture))
            {
                return -1;
            }
            position += written;
            output[position++] = (byte)';';
        }
        return position;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Money.TryFormat(utf8, \"N\") (ours)")]
    [Ours]
    public int MoneyTryFormatAmount()
    {
        var values = _amounts;
        var output = _output.AsSpan();
        var position = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!values[i].TryFormat(output[position..], out var written, "N", null))
            {
                return -1;
            }
            position += written;
            output[position++] = (byte)';';
        }
        return position;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Money.TryFormat(utf8) with code (ours)")]
    [Ours]
    public int MoneyTryFormatWithCode()
    {
        var values = _amounts;
        var output = _output.AsSpan();
        var position = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!values[i].TryFormat(output[position..], out var written, default, null))
            {
                return -1;
            }
            position += written;
            output[position++] = (byte)';';
        }
        return position;
    }
}
