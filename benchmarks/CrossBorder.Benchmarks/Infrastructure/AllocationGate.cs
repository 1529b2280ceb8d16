using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace CrossBorder.Benchmarks.Infrastructure;

/// <summary>
/// <c>--allocation-gate</c>: runs every benchmark marked <see cref="OursAttribute"/> in this process (no child
/// project is generated or built) with a short job and <see cref="MemoryDiagnoser"/>, then fails when any of them
/// allocates. Timings from this job are not meant to be read; only the allocation figures are.
/// </summary>
public static class AllocationGate
{
    public const string Switch = "--allocation-gate";

    public static int Run(bool verbose)
    {
        var stopwatch = Stopwatch.StartNew();

        // In-process emit toolchain: the same IL as the default toolchain, emitted into this process. Warm-up is
        // long enough (several 100 ms iterations after the pilot) for the hot methods to reach tier 1, so the
        // allocation measured is that of the optimised code a real run uses.
        var job = Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(2), logOutput: verbose))
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(2)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithEvaluateOverhead(false)
            .WithId("AllocationGate");

        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(MarkdownExporter.GitHub)
            .AddLogger(verbose ? ConsoleLogger.Default : new ErrorsOnlyLogger())
            .AddFilter(new SimpleFilter(benchmark => IsOurs(benchmark)))
            .WithOption(ConfigOptions.JoinSummary, true);

        var summaries = BenchmarkRunner.Run(typeof(AllocationGate).Assembly, config);

        var rows = new List<(string Name, string Allocated, string Detail, bool Pass)>();
        var validationFailed = false;
        foreach (var summary in summaries)
        {
            validationFailed |= summary.HasCriticalValidationErrors;
            foreach (var error in summary.ValidationErrors)
            {
                Console.Error.WriteLine($"validation: {error.Message}");
            }
            foreach (var report in summary.Reports)
            {
                var benchmark = report.BenchmarkCase;
                if (benchmark.Descriptor.Baseline || !IsOurs(benchmark))
                {
                    continue;
                }
                var name = $"{benchmark.Descriptor.Type.Name}.{benchmark.Descriptor.WorkloadMethod.Name}";
                if (!report.Success)
                {
                    rows.Add((name, "-", "did not run", false));
                    continue;
                }
                var perOperation = report.GcStats.GetBytesAllocatedPerOperation(benchmark);
                var total = report.GcStats.GetTotalAllocatedBytes(excludeAllocationQuantumSideEffects: false);
                if (perOperation is null || total is null)
                {
                    rows.Add((name, "n/a", "no allocation data from MemoryDiagnoser", false));
                    continue;
                }
                // BenchmarkDotNet rounds bytes per operation to the nearest integer; the raw total (process-wide, so
                // it may include a few KB from the harness itself) is shown for the record.
                var operations = report.GcStats.TotalOperations;
                var detail = string.Create(CultureInfo.InvariantCulture, $"{total} B over {operations:N0} operations ({(double)total.Value / operations:0.###} B/op unrounded)");
                rows.Add((name, perOperation.Value.ToString(CultureInfo.InvariantCulture), detail, perOperation.Value == 0));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| benchmark | allocated B/op | verdict | measured |");
        Console.WriteLine("|---|---:|---|---|");
        foreach (var row in rows.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            Console.WriteLine($"| {row.Name} | {row.Allocated} | {(row.Pass ? "PASS" : "FAIL")} | {row.Detail} |");
        }
        Console.WriteLine();

        var passed = rows.Count > 0 && !validationFailed && rows.TrueForAll(r => r.Pass);
        if (rows.Count == 0)
        {
            Console.WriteLine("No [Ours] benchmark ran.");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Allocation gate: {(passed ? "PASS" : "FAIL")}: {rows.Count(r => r.Pass)} of {rows.Count} engine benchmarks allocate 0 B/op ({stopwatch.Elapsed.TotalSeconds:F0} s)."));
        return passed ? 0 : 1;
    }

    private static bool IsOurs(BenchmarkCase benchmark) =>
        benchmark.Descriptor.WorkloadMethod.GetCustomAttribute<OursAttribute>() is not null;
}
