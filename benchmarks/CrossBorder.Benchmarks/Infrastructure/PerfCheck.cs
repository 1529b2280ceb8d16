using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text.Json.Serialization;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CrossBorder.Benchmarks.LandedCost;
using CrossBorder.Benchmarks.Money;
using CrossBorder.Benchmarks.Reconciliation;
using CrossBorder.Benchmarks.Settlements;
using CrossBorder.Benchmarks.Tariffs;
using CrossBorder.Benchmarks.Text;
using Perfolizer.Horology;

namespace CrossBorder.Benchmarks.Infrastructure;

/// <summary>
/// <c>--perf-check [--update-baseline [--runs N] [--clock cpu|wall]] [--baseline path] [--verbose]</c>: a short in-process
/// BenchmarkDotNet pass over the engine's hot paths, each beside its baseline in the same class, compared with the
/// committed <c>benchmarks/perf-baseline.json</c>.
/// </summary>
/// <remarks>
/// <para>
/// Absolute times on a shared 2-core machine move by tens of percent from one minute to the next, so what is checked
/// is the ratio <c>median(ours) / median(baseline)</c>: both run in the same process, minutes apart at most, on the
/// same data, and a slowdown of ours that the baseline does not share shows up in it. A ratio fails when it exceeds
/// <c>committed ratio × margin</c>; a pair that fails is measured once more and fails only if the better of its two
/// ratios still exceeds the limit (load spikes rarely hit the same pair twice; a real regression does).
/// </para>
/// <para>
/// Allocation is deterministic, and is checked exactly as <see cref="AllocationGate"/> does: a benchmark committed at
/// 0 B/op fails when BenchmarkDotNet's bytes per operation (rounded, so the harness' few KB per run, about 0.04 B/op,
/// do not count) is above zero. A benchmark that allocates by design (reconciliation returns its breaks) fails when it
/// allocates more than <c>committed × allocation margin</c>.
/// </para>
/// <para>
/// <c>--update-baseline</c> runs the pass <c>--runs</c> times (3 by default) and rewrites the baseline file with each
/// pair's median ratio over the runs (the runs themselves are kept for the record), the largest allocation seen, and
/// the machine, date and load average; the margins already in the file are kept. The check measures with the clock
/// the file was recorded with: process CPU time by default (<see cref="ProcessCpuClock"/>), or <c>--clock wall</c>.
/// </para>
/// </remarks>
public static class PerfCheck
{
    public const string Switch = "--perf-check";

    /// <summary>Settlement lines of the reconciliation in this pass (the full benchmark uses 1,000,000).</summary>
    public const int ReconcileLines = 50_000;

    /// <summary>The margins a new baseline file starts with; see the results doc for how they were chosen.</summary>
    private const double DefaultRatioMargin = 2.0;

    private const double DefaultAllocationMargin = 1.1;

    /// <summary>The pairs checked: ours and the baseline it is compared with, in the same benchmark class.</summary>
    internal static readonly Pair[] Pairs =
    [
        new(typeof(AmountParsingBenchmarks), nameof(AmountParsingBenchmarks.Utf8AmountParserTryParse), nameof(AmountParsingBenchmarks.DecimalTryParseUtf8)),
        new(typeof(CurrencyLookupBenchmarks), nameof(CurrencyLookupBenchmarks.TryFromCodeUtf8), nameof(CurrencyLookupBenchmarks.DictionaryByString)),
        new(typeof(CurrencyLookupBenchmarks), nameof(CurrencyLookupBenchmarks.TryFromCodeChars), nameof(CurrencyLookupBenchmarks.DictionaryByString)),
        new(typeof(MultiplyRoundBenchmarks), nameof(MultiplyRoundBenchmarks.MoneyMultiply), nameof(MultiplyRoundBenchmarks.DecimalMultiplyRound)),
        new(typeof(TariffLookupBenchmarks), nameof(TariffLookupBenchmarks.Lookup), nameof(TariffLookupBenchmarks.DictionaryWithSubstring)),
        new(typeof(TariffLookupBenchmarks), nameof(TariffLookupBenchmarks.LookupChars), nameof(TariffLookupBenchmarks.DictionaryWithSubstring)),
        new(typeof(LandedCostBatchBenchmarks), nameof(LandedCostBatchBenchmarks.Calculate), nameof(LandedCostBatchBenchmarks.Naive)),
        new(typeof(ReconcileBenchmarks), nameof(ReconcileBenchmarks.OursOneThread), nameof(ReconcileBenchmarks.Naive)),
        new(typeof(SettlementReaderBenchmarks), nameof(SettlementReaderBenchmarks.AmazonV2_Ours), nameof(SettlementReaderBenchmarks.AmazonV2_Sep)),
        new(typeof(SettlementReaderBenchmarks), nameof(SettlementReaderBenchmarks.Stripe_Ours), nameof(SettlementReaderBenchmarks.Stripe_Sep)),
        new(typeof(SettlementReaderBenchmarks), nameof(SettlementReaderBenchmarks.AdyenSdr_Ours), nameof(SettlementReaderBenchmarks.AdyenSdr_Sep)),
        new(typeof(SettlementReaderBenchmarks), nameof(SettlementReaderBenchmarks.PayPalActivity_Ours), nameof(SettlementReaderBenchmarks.PayPalActivity_Sep)),
    ];

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static int Run(string[] args)
    {
        var verbose = args.Contains("--verbose", StringComparer.Ordinal);
        var update = args.Contains("--update-baseline", StringComparer.Ordinal);
        var runs = OptionValue(args, "--runs") is { } runsText ? int.Parse(runsText, NumberStyles.None, CultureInfo.InvariantCulture) : 3;
        var baselinePath = OptionValue(args, "--baseline") ?? DefaultBaselinePath();
        var clock = OptionValue(args, "--clock") ?? CpuClock;
        if (clock is not (CpuClock or WallClock))
        {
            Console.Error.WriteLine("--clock is cpu or wall.");
            return 2;
        }
        if (runs < 1)
        {
            Console.Error.WriteLine("--runs must be at least 1.");
            return 2;
        }

        // The reconciliation benchmark reads its size from the environment; this pass uses a small one.
        Environment.SetEnvironmentVariable("CROSSBORDER_RECONCILE_LINES", ReconcileLines.ToString(CultureInfo.InvariantCulture));

        var stopwatch = Stopwatch.StartNew();
        var loadBefore = LoadAverage();
        return update
            ? UpdateBaseline(baselinePath, runs, clock, verbose, loadBefore, stopwatch)
            : Check(baselinePath, verbose, stopwatch);
    }

    private static int Check(string baselinePath, bool verbose, Stopwatch stopwatch)
    {
        if (!File.Exists(baselinePath))
        {
            Console.Error.WriteLine($"Perf check: no baseline file at {baselinePath}; create it with --perf-check --update-baseline.");
            return 1;
        }
        var baseline = JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(baselinePath), s_json)
            ?? throw new InvalidDataException($"{baselinePath} is empty.");
        var committed = baseline.Benchmarks.ToDictionary(b => b.Name, StringComparer.Ordinal);
        Console.WriteLine($"Perf check against {baselinePath} (recorded {baseline.RecordedUtc} on {baseline.Machine.Cpu}, {baseline.Machine.Cores} cores, load {baseline.Machine.LoadAverageBefore}).");

        var current = Measure(Pairs, verbose, baseline.Clock != WallClock);
        var rows = Pairs.Select(p => Judge(p, current.GetValueOrDefault(p.Name), committed.GetValueOrDefault(p.Name), baseline)).ToList();

        // A ratio over its limit is measured once more (only that pair's class and methods); the better ratio counts.
        var retry = rows.Where(r => r.RatioFailed).Select(r => r.Pair).ToArray();
        if (retry.Length > 0)
        {
            Console.WriteLine($"Ratio over the limit for {string.Join(", ", retry.Select(p => p.Name))}: measuring once more.");
            var second = Measure(retry, verbose, baseline.Clock != WallClock);
            rows = [.. rows.Select(r => r.RatioFailed && second.TryGetValue(r.Pair.Name, out var again)
                ? Judge(r.Pair, Better(r.Current, again), committed.GetValueOrDefault(r.Pair.Name), baseline, retried: true)
                : r)];
        }

        foreach (var extra in committed.Keys.Except(Pairs.Select(p => p.Name), StringComparer.Ordinal))
        {
            Console.WriteLine($"note: {extra} is in the baseline file but no longer checked.");
        }

        PrintTable(rows);
        WriteArtifact(rows);
        var passed = rows.TrueForAll(r => r.Pass);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Perf check: {(passed ? "PASS" : "FAIL")}: {rows.Count(r => r.Pass)} of {rows.Count} hot paths within the committed ratio and allocation ({stopwatch.Elapsed.TotalSeconds:F0} s, load average now {LoadAverage()})."));
        if (!passed)
        {
            Console.WriteLine("If the change is intended, update the baseline: dotnet run --project benchmarks/CrossBorder.Benchmarks -c Release -- --perf-check --update-baseline");
        }
        return passed ? 0 : 1;
    }

    private static int UpdateBaseline(string baselinePath, int runs, string clock, bool verbose, string loadBefore, Stopwatch stopwatch)
    {
        var previous = File.Exists(baselinePath) ? JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(baselinePath), s_json) : null;
        var previousEntries = previous?.Benchmarks.ToDictionary(b => b.Name, StringComparer.Ordinal) ?? [];

        var all = new List<Dictionary<string, Measurement>>();
        for (var run = 1; run <= runs; run++)
        {
            Console.WriteLine($"Run {run} of {runs}, load average {LoadAverage()}.");
            all.Add(Measure(Pairs, verbose, clock != WallClock));
        }

        var entries = new List<BaselineEntry>();
        var missing = new List<string>();
        foreach (var pair in Pairs)
        {
            var measured = all.Select(r => r.GetValueOrDefault(pair.Name)).OfType<Measurement>().ToList();
            if (measured.Count != runs)
            {
                missing.Add(pair.Name);
                continue;
            }
            var ratios = measured.Select(m => m.Ratio).ToList();
            entries.Add(new BaselineEntry
            {
                Name = pair.Name,
                Baseline = pair.BaselineName,
                Ratio = Math.Round(Median(ratios), 4),
                RatioRuns = [.. ratios.Select(r => Math.Round(r, 4))],
                RatioOfMinimaRuns = [.. measured.Select(m => Math.Round(m.MinRatio, 4))],
                OursMedianNs = [.. measured.Select(m => Math.Round(m.OursNs, 2))],
                BaselineMedianNs = [.. measured.Select(m => Math.Round(m.BaselineNs, 2))],
                AllocatedBytesPerOp = measured.Max(m => m.AllocatedBytesPerOp),
                RatioMargin = previousEntries.GetValueOrDefault(pair.Name)?.RatioMargin,
            });
        }
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"Perf check: baseline not written: {string.Join(", ", missing)} did not run in every run.");
            return 1;
        }

        var file = new BaselineFile
        {
            Description = "Committed ratios median(ours)/median(baseline) and allocations of the hot paths, checked by --perf-check (see benchmarks/RESULTS-money.md, \"Performance regression check\").",
            Update = "dotnet run --project benchmarks/CrossBorder.Benchmarks -c Release -- --perf-check --update-baseline",
            RecordedUtc = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Machine = new MachineInfo
            {
                Cpu = CpuModel(),
                Cores = Environment.ProcessorCount,
                Os = RuntimeInformation.OSDescription,
                Runtime = RuntimeInformation.FrameworkDescription,
                Vector = $"Avx2 {Avx2.IsSupported}, Avx512F {Avx512F.IsSupported}",
                LoadAverageBefore = loadBefore,
                LoadAverageAfter = LoadAverage(),
            },
            Job = JobDescription,
            Clock = clock,
            ReconcileLines = ReconcileLines,
            Runs = runs,
            RatioMargin = previous?.RatioMargin ?? DefaultRatioMargin,
            AllocationMargin = previous?.AllocationMargin ?? DefaultAllocationMargin,
            MarginNote = previous?.MarginNote,
            Benchmarks = entries,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(baselinePath))!);
        File.WriteAllText(baselinePath, JsonSerializer.Serialize(file, s_json) + "\n");

        Console.WriteLine();
        Console.WriteLine("| benchmark | baseline | ratio (median) | ratios of the runs | spread (max/min) | allocated B/op |");
        Console.WriteLine("|---|---|---:|---|---:|---:|");
        foreach (var entry in entries)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {entry.Name} | {entry.Baseline} | {entry.Ratio:0.0000} | {string.Join(" ", entry.RatioRuns.Select(r => r.ToString("0.0000", CultureInfo.InvariantCulture)))} | {entry.RatioRuns.Max() / entry.RatioRuns.Min():0.00} | {entry.AllocatedBytesPerOp} |"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Perf baseline written to {baselinePath}: {entries.Count} hot paths, {runs} runs ({stopwatch.Elapsed.TotalSeconds:F0} s, load average {loadBefore} before, {LoadAverage()} after)."));
        return 0;
    }

    private const string CpuClock = "cpu";

    private const string WallClock = "wall";

    private const string JobDescription = "in-process emit toolchain, 1 launch, 3 warm-up and 7 measured iterations of 200 ms, no overhead evaluation, MemoryDiagnoser";

    /// <summary>Runs the pairs' classes, restricted to the pairs' methods, and returns each pair's measurement.</summary>
    private static Dictionary<string, Measurement> Measure(IReadOnlyCollection<Pair> pairs, bool verbose, bool cpuClock)
    {
        var job = Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(5), logOutput: verbose))
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(7)
            .WithIterationTime(TimeInterval.FromMilliseconds(200))
            .WithEvaluateOverhead(false)
            .WithId("PerfCheck");
        if (cpuClock)
        {
            job = job.WithClock(ProcessCpuClock.Instance);
        }

        var wanted = pairs.SelectMany(p => new[] { (p.Type, p.Ours), (p.Type, p.Baseline) }).ToHashSet();
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(MarkdownExporter.GitHub)
            .AddLogger(verbose ? ConsoleLogger.Default : new ErrorsOnlyLogger())
            .AddFilter(new SimpleFilter(b => wanted.Contains((b.Descriptor.Type, b.Descriptor.WorkloadMethod.Name))))
            .WithOption(ConfigOptions.JoinSummary, true);

        var types = pairs.Select(p => p.Type).Distinct().ToArray();
        var summaries = BenchmarkRunner.Run(types, config);

        var reports = new Dictionary<(Type, string), BenchmarkReport>();
        foreach (var summary in summaries)
        {
            foreach (var error in summary.ValidationErrors)
            {
                Console.Error.WriteLine($"validation: {error.Message}");
            }
            foreach (var report in summary.Reports)
            {
                reports[(report.BenchmarkCase.Descriptor.Type, report.BenchmarkCase.Descriptor.WorkloadMethod.Name)] = report;
            }
        }

        var results = new Dictionary<string, Measurement>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            if (reports.GetValueOrDefault((pair.Type, pair.Ours)) is not { Success: true, ResultStatistics: { } ours } oursReport
                || reports.GetValueOrDefault((pair.Type, pair.Baseline)) is not { Success: true, ResultStatistics: { } baseline }
                || oursReport.GcStats.GetBytesAllocatedPerOperation(oursReport.BenchmarkCase) is not { } allocated)
            {
                continue;
            }
            results[pair.Name] = new Measurement(ours.Median, baseline.Median, ours.Median / baseline.Median, ours.Min / baseline.Min, allocated);
        }
        return results;
    }

    private static Row Judge(Pair pair, Measurement? current, BaselineEntry? committed, BaselineFile file, bool retried = false)
    {
        if (committed is null)
        {
            return new Row(pair, committed, current, double.NaN, 0, "FAIL: not in the baseline file (run --update-baseline)", RatioFailed: false, Pass: false, retried);
        }
        var margin = committed.RatioMargin ?? file.RatioMargin;
        var ratioLimit = committed.Ratio * margin;
        var allocationLimit = committed.AllocatedBytesPerOp == 0 ? 0 : (long)Math.Floor(committed.AllocatedBytesPerOp * file.AllocationMargin);
        if (current is null)
        {
            return new Row(pair, committed, current, ratioLimit, allocationLimit, "FAIL: did not run", RatioFailed: false, Pass: false, retried);
        }
        var ratioFailed = current.Ratio > ratioLimit;
        var allocationFailed = current.AllocatedBytesPerOp > allocationLimit;
        var verdict = (ratioFailed, allocationFailed) switch
        {
            (false, false) => retried ? "PASS (2nd run)" : "PASS",
            (true, false) => "FAIL: slower",
            (false, true) => committed.AllocatedBytesPerOp == 0 ? "FAIL: allocates" : "FAIL: allocates more",
            _ => "FAIL: slower, allocates",
        };
        return new Row(pair, committed, current, ratioLimit, allocationLimit, verdict, ratioFailed, !ratioFailed && !allocationFailed, retried);
    }

    private static Measurement Better(Measurement? first, Measurement second) =>
        first is null || second.Ratio < first.Ratio
            ? second with { AllocatedBytesPerOp = Math.Max(second.AllocatedBytesPerOp, first?.AllocatedBytesPerOp ?? 0) }
            : first with { AllocatedBytesPerOp = Math.Max(first.AllocatedBytesPerOp, second.AllocatedBytesPerOp) };

    private static void PrintTable(List<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| benchmark | baseline | committed ratio | current ratio | limit | ours median | baseline median | allocated B/op (committed, limit) | verdict |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var c = row.Current;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Pair.Name} | {row.Pair.Baseline} | {Ratio(row.Committed?.Ratio)} | {Ratio(c?.Ratio)} | {Ratio(row.RatioLimit)} | {Time(c?.OursNs)} | {Time(c?.BaselineNs)} | {c?.AllocatedBytesPerOp.ToString(CultureInfo.InvariantCulture) ?? "-"} ({row.Committed?.AllocatedBytesPerOp.ToString(CultureInfo.InvariantCulture) ?? "-"}, {(row.Committed is null ? "-" : row.AllocationLimit.ToString(CultureInfo.InvariantCulture))}) | {row.Verdict} |"));
        }
        Console.WriteLine();
    }

    private static string Ratio(double? ratio) =>
        ratio is { } value && !double.IsNaN(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Time(double? nanoseconds) => nanoseconds switch
    {
        null => "-",
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0.00} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e3:0.00} us"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.00} ms"),
    };

    /// <summary>This run's figures, for the record (CI keeps the artifacts folder).</summary>
    private static void WriteArtifact(List<Row> rows)
    {
        var path = Path.Combine("BenchmarkDotNet.Artifacts", "perf-check.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var record = rows.Select(r => new
        {
            name = r.Pair.Name,
            baseline = r.Pair.BaselineName,
            committedRatio = r.Committed?.Ratio,
            ratio = r.Current?.Ratio,
            ratioOfMinima = r.Current?.MinRatio,
            limit = double.IsNaN(r.RatioLimit) ? (double?)null : r.RatioLimit,
            oursMedianNs = r.Current?.OursNs,
            baselineMedianNs = r.Current?.BaselineNs,
            allocatedBytesPerOp = r.Current?.AllocatedBytesPerOp,
            verdict = r.Verdict,
        });
        File.WriteAllText(path, JsonSerializer.Serialize(new { recordedUtc = DateTime.UtcNow, loadAverage = LoadAverage(), rows = record }, s_json) + "\n");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string? OptionValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary><c>benchmarks/perf-baseline.json</c> of the repository this program was built from.</summary>
    private static string DefaultBaselinePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrossBorder.Engine.sln")))
            {
                return Path.Combine(directory.FullName, "benchmarks", "perf-baseline.json");
            }
        }
        return Path.Combine("benchmarks", "perf-baseline.json");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    internal sealed record Pair(Type Type, string Ours, string Baseline)
    {
        public string Name => $"{Type.Name}.{Ours}";

        public string BaselineName => $"{Type.Name}.{Baseline}";
    }

    /// <summary>Medians in ns per operation, their ratio (the one checked) and, for the record, the ratio of the minima.</summary>
    private sealed record Measurement(double OursNs, double BaselineNs, double Ratio, double MinRatio, long AllocatedBytesPerOp);

    private sealed record Row(Pair Pair, BaselineEntry? Committed, Measurement? Current, double RatioLimit, long AllocationLimit, string Verdict, bool RatioFailed, bool Pass, bool Retried);

    private sealed class BaselineFile
    {
        public string Description { get; set; } = "";

        public string Update { get; set; } = "";

        public string RecordedUtc { get; set; } = "";

        public MachineInfo Machine { get; set; } = new();

        public string Job { get; set; } = "";

        /// <summary><c>cpu</c> (process CPU time, the default) or <c>wall</c>.</summary>
        public string Clock { get; set; } = CpuClock;

        public int ReconcileLines { get; set; }

        public int Runs { get; set; }

        /// <summary>A ratio fails above committed ratio × this (unless the entry has its own).</summary>
        public double RatioMargin { get; set; }

        /// <summary>A path that allocates by design fails above committed bytes × this.</summary>
        public double AllocationMargin { get; set; }

        public string? MarginNote { get; set; }

        public List<BaselineEntry> Benchmarks { get; set; } = [];
    }

    private sealed class MachineInfo
    {
        public string Cpu { get; set; } = "";

        public int Cores { get; set; }

        public string Os { get; set; } = "";

        public string Runtime { get; set; } = "";

        public string Vector { get; set; } = "";

        public string LoadAverageBefore { get; set; } = "";

        public string LoadAverageAfter { get; set; } = "";
    }

    private sealed class BaselineEntry
    {
        public string Name { get; set; } = "";

        public string Baseline { get; set; } = "";

        public double Ratio { get; set; }

        public double? RatioMargin { get; set; }

        public long AllocatedBytesPerOp { get; set; }

        public List<double> RatioRuns { get; set; } = [];

        /// <summary>For the record only: min(ours) / min(baseline) of each run.</summary>
        public List<double> RatioOfMinimaRuns { get; set; } = [];

        public List<double> OursMedianNs { get; set; } = [];

        public List<double> BaselineMedianNs { get; set; } = [];
    }
}
