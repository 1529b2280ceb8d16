using System.Globalization;
using BenchmarkDotNet.Attributes;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Engine.Fx;
using CrossBorder.Engine.Geography;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.LandedCost.Generation;
using CrossBorder.Engine.Tariffs;

namespace CrossBorder.Benchmarks.LandedCost;

/// <summary>
/// Duty and import VAT for an in-memory batch of 1,000,000 lines in shipments of 1 to 5 lines to the US, Germany,
/// the UK, Canada, Australia and Japan, from the repository's default tariff and ECB rates on 2025-05-09. Values
/// are in the destination's currency, without freight or insurance, from origins with no preference or
/// additional duty in the default tariff, so that the simple ad-valorem formula a user would write
/// (<c>duty = round(value × rate, 2)</c>, <c>VAT = round((value + duty) × VAT rate, 2)</c>, in <see cref="decimal"/>,
/// rates in <see cref="Dictionary{TKey, TValue}"/>s keyed by code strings cut to 10, 8, 6 and 4 digits) is right for
/// every line that is not relieved by a de minimis rule or, in Japan, rounded per declaration. Ours applies all
/// the destination rules (de minimis, point-of-sale schemes, fees, per-declaration rounding) as well. Time is per
/// line.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class LandedCostBatchBenchmarks
{
    public const int N = 1_000_000;
    private static readonly DateOnly Date = ShipmentDatasetGenerator.Date;
    private static readonly int[] Truncations = [10, 8, 6, 4];

    // Destination and its tariff (the EU's for Germany), for the baseline's rate look-up; the lines come from
    // ShipmentDatasetGenerator.
    private static readonly (string Destination, string Tariff)[] Destinations =
    [
        ("US", "US"), ("DE", "EU"), ("GB", "GB"), ("CA", "CA"), ("AU", "AU"), ("JP", "JP"),
    ];

    private LandedCostCalculator _calculator = null!;
    private ShipmentLine[] _lines = null!;
    private LineCost[] _results = null!;

    // The baseline's view: strings and decimals, as read from a CSV.
    private NaiveLine[] _naive = null!;
    private decimal[] _naiveDuty = null!;
    private decimal[] _naiveVat = null!;
    private readonly Dictionary<string, Dictionary<string, decimal>> _dutyRates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, decimal>> _vatRates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tariffOf = new(StringComparer.Ordinal);

    /// <summary>The generated lines (after <see cref="Setup"/>), for the end-to-end benchmark.</summary>
    internal ShipmentLine[] Lines => _lines;

    /// <summary>The calculator over the default data.</summary>
    internal LandedCostCalculator Calculator => _calculator;

    /// <summary>The baseline's duty rate for a destination and a code, as a user's code would look it up.</summary>
    internal decimal NaiveDutyRate(string destination, string code) => LookUp(_dutyRates.GetValueOrDefault(_tariffOf[destination]), code);

    /// <summary>The baseline's VAT rate for a destination and a code.</summary>
    internal decimal NaiveVatRate(string destination, string code) => LookUp(_vatRates.GetValueOrDefault(destination), code);

    /// <summary>A line as a user's own code holds it.</summary>
    public sealed record NaiveLine(string ShipmentId, string Destination, string Origin, string Code, decimal Value);

    [GlobalSetup]
    public void Setup()
    {
        var tariffPath = DataFiles.Repository("tariffs/default-tariff.csv");
        var groups = new OriginGroups();
        using (var stream = File.OpenRead(DataFiles.Repository("tariffs/origin-groups.csv")))
        {
            groups.Load(stream, "data/tariffs/origin-groups.csv");
        }
        var schedules = new TariffSchedules();
        CanonicalTariffLoader.Load(tariffPath, groups, schedules);
        var rates = EcbReferenceRates.Load(DataFiles.Repository("fx/ecb-reference-rates-sample.csv"));
        _calculator = new LandedCostCalculator(schedules, DestinationRuleBook.CreateDefault(), rates);

        LoadNaiveRates(tariffPath);

        // The lines: the library's generator (also behind `xborder generate`), seed 2025-05-09.
        _lines = ShipmentDatasetGenerator.Generate(N, ShipmentDatasetGenerator.BenchmarkSeed);
        _naive = new NaiveLine[N];
        for (var i = 0; i < N; i++)
        {
            var line = _lines[i];
            _naive[i] = new NaiveLine(line.ShipmentId, line.Destination, line.Origin.ToString(), line.Code.ToString(), line.Value.ToDecimal());
        }
        var shipment = _lines.DistinctBy(l => l.ShipmentId, StringComparer.Ordinal).Count();
        _results = new LineCost[N];
        _naiveDuty = new decimal[N];
        _naiveVat = new decimal[N];

        Calculate();
        Naive();
        var compared = 0;
        var byRegime = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < N; i++)
        {
            var result = _results[i];
            var key = _naive[i].Destination + " " + result.Regime;
            byRegime[key] = byRegime.GetValueOrDefault(key) + 1;
            if (result.Status != LineCostStatus.Ok)
            {
                throw new InvalidOperationException($"Line {i} ({_naive[i]}): {result.Status}.");
            }
            if (result.Regime is not (LandedCostRegime.Standard or LandedCostRegime.FormalEntry) || _naive[i].Destination == "JP")
            {
                continue;
            }
            if (result.Duty.ToDecimal() != _naiveDuty[i] || result.Vat.ToDecimal() != _naiveVat[i])
            {
                throw new InvalidOperationException($"Line {i} ({_naive[i]}): ours duty {result.Duty} VAT {result.Vat}, baseline {_naiveDuty[i]} {_naiveVat[i]}.");
            }
            compared++;
        }
        Console.WriteLine($"// {N:N0} lines in {shipment:N0} shipments; {compared:N0} simple ad-valorem lines agree with the baseline. Regimes: "
            + string.Join(", ", byRegime.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        if (compared < N / 4)
        {
            throw new InvalidOperationException($"Only {compared} lines were compared with the baseline.");
        }
        var parallel = new LineCost[N];
        _calculator.CalculateParallel(_lines, parallel);
        if (!parallel.AsSpan().SequenceEqual(_results))
        {
            throw new InvalidOperationException("CalculateParallel disagrees with Calculate.");
        }
    }

    /// <summary>Reads the MFN (origin <c>*</c>) and VAT rates in force on the date, the way a user would.</summary>
    private void LoadNaiveRates(string path)
    {
        foreach (var (destination, tariff) in Destinations)
        {
            _tariffOf[destination] = tariff;
        }
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }
            var f = line.Split(',');
            var (destination, code, origin, measure, rateText) = (f[0], f[1], f[2], f[3], f[4]);
            var from = f[5].Length == 0 ? DateOnly.MinValue : DateOnly.ParseExact(f[5], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var to = f[6].Length == 0 ? DateOnly.MaxValue : DateOnly.ParseExact(f[6], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (origin != "*" || Date < from || Date > to || measure is not ("mfn" or "vat"))
            {
                continue;
            }
            var rate = rateText == "Free" ? 0m : decimal.Parse(rateText.Replace("%", "", StringComparison.Ordinal).Trim(), NumberStyles.Number, CultureInfo.InvariantCulture) / 100m;
            var table = measure == "mfn" ? _dutyRates : _vatRates;
            if (!table.TryGetValue(destination, out var byCode))
            {
                byCode = new Dictionary<string, decimal>(StringComparer.Ordinal);
                table[destination] = byCode;
            }
            byCode[code] = rate;
        }
    }

    private static decimal LookUp(Dictionary<string, decimal>? byCode, string code)
    {
        if (byCode is null)
        {
            return 0m;
        }
        foreach (var length in Truncations)
        {
            if (byCode.TryGetValue(length == code.Length ? code : code.Substring(0, length), out var rate))
            {
                return rate;
            }
        }
        return byCode.GetValueOrDefault("*");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "naive: decimal, Dictionary<string, decimal>, Substring 10/8/6/4")]
    public decimal Naive()
    {
        var lines = _naive;
        var total = 0m;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var decimals = line.Destination == "JP" ? 0 : 2;
            var dutyRate = NaiveDutyRate(line.Destination, line.Code);
            var vatRate = NaiveVatRate(line.Destination, line.Code);
            var duty = Math.Round(line.Value * dutyRate, decimals, MidpointRounding.AwayFromZero);
            var vat = Math.Round((line.Value + duty) * vatRate, decimals, MidpointRounding.AwayFromZero);
            _naiveDuty[i] = duty;
            _naiveVat[i] = vat;
            total += duty + vat;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "LandedCostCalculator.Calculate (ours)")]
    [Ours]
    public void Calculate() => _calculator.Calculate(_lines, _results);

    [Benchmark(OperationsPerInvoke = N, Description = "LandedCostCalculator.CalculateParallel, 2 cores (ours)")]
    public void CalculateParallel() => _calculator.CalculateParallel(_lines, _results);
}
