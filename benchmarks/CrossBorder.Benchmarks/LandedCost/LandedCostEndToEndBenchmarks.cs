using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.LandedCost.Generation;

namespace CrossBorder.Benchmarks.LandedCost;

/// <summary>
/// <c>xborder landed-cost</c> end to end, in memory: a shipments CSV of 1,000,000 lines (the lines of
/// <see cref="LandedCostBatchBenchmarks"/>, written in the command's input format) is read, priced and written as a
/// results CSV (<c>shipment_id,line,currency,customs_value,duty,vat,fees,total</c>). The baseline is what a user
/// writes first: <see cref="StreamReader.ReadLine"/>, <see cref="string.Split(char, StringSplitOptions)"/>,
/// <see cref="decimal.Parse(string, NumberStyles, IFormatProvider)"/>, rates in <see cref="Dictionary{TKey, TValue}"/>s
/// keyed by codes cut to 10, 8, 6 and 4 digits, ad valorem duty and VAT only, and a <see cref="StreamWriter"/>. Time is
/// per line; lines per second = 10^9 / ns.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class LandedCostEndToEndBenchmarks
{
    private const int N = LandedCostBatchBenchmarks.N;
    private const int BatchLines = 4096;

    private readonly LandedCostBatchBenchmarks _batch = new();
    private byte[] _csv = null!;
    private readonly MemoryStream _output = new(32 << 20);
    private LineCost[] _results = null!;

    [GlobalSetup]
    public void Setup()
    {
        _batch.Setup();
        _csv = ShipmentDatasetGenerator.ToCsv(_batch.Lines);
        _results = new LineCost[BatchLines];
        var ours = Ours();
        var naive = Naive();
        Console.WriteLine($"// input {_csv.Length:N0} B, {N:N0} lines; output ours {ours:N0} B, naive {naive:N0} B");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "naive: ReadLine, Split, decimal, Dictionary, StreamWriter")]
    public long Naive()
    {
        _output.SetLength(0);
        using var reader = new StreamReader(new MemoryStream(_csv, writable: false), Encoding.UTF8);
        using var writer = new StreamWriter(_output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write("shipment_id,line,currency,customs_value,duty,vat,fees,total\n");
        reader.ReadLine();
        while (reader.ReadLine() is { } row)
        {
            var f = row.Split(',');
            var value = decimal.Parse(f[5], NumberStyles.Number, CultureInfo.InvariantCulture);
            var decimals = f[2] == "JP" ? 0 : 2;
            var duty = Math.Round(value * _batch.NaiveDutyRate(f[2], f[4]), decimals, MidpointRounding.AwayFromZero);
            var vat = Math.Round((value + duty) * _batch.NaiveVatRate(f[2], f[4]), decimals, MidpointRounding.AwayFromZero);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{f[0]},{f[1]},{f[6]},{value},{duty},{vat},0,{duty + vat}\n"));
        }
        writer.Flush();
        return _output.Length;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "ShipmentCsvReader batches + Calculate + UTF-8 results (ours)")]
    public long Ours()
    {
        _output.SetLength(0);
        using var reader = new ShipmentCsvReader(new MemoryStream(_csv, writable: false), "shipments.csv", BatchLines);
        Span<byte> row = stackalloc byte[512];
        "shipment_id,line,currency,customs_value,duty,vat,fees,total\n"u8.CopyTo(row);
        _output.Write(row[..59]);
        while (reader.TryReadBatch(out var lines))
        {
            if (lines.Length > _results.Length)
            {
                _results = new LineCost[lines.Length];
            }
            var results = _results.AsSpan(0, lines.Length);
            _batch.Calculator.Calculate(lines, results);
            for (var i = 0; i < lines.Length; i++)
            {
                var r = results[i];
                if (!System.Text.Unicode.Utf8.TryWrite(row, CultureInfo.InvariantCulture, $"{lines[i].ShipmentId},{lines[i].Line},{r.Total.Currency.Code},{r.CustomsValue:N},{r.Duty:N},{r.Vat:N},{r.Fees:N},{r.Total:N}\n", out var written))
                {
                    throw new InvalidOperationException("A result row is longer than 512 bytes.");
                }
                _output.Write(row[..written]);
            }
        }
        if (reader.Rejects.Count != 0 || reader.LinesAccepted != N)
        {
            throw new InvalidOperationException($"{reader.Rejects.Count} rejects, {reader.LinesAccepted} lines: {reader.Rejects.FirstOrDefault()}");
        }
        return _output.Length;
    }
}
