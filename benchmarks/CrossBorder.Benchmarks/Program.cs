using BenchmarkDotNet.Running;
using System.Globalization;
using CrossBorder.Benchmarks.Infrastructure;
using CrossBorder.Benchmarks.Reconciliation;
using CrossBorder.Engine.Reconciliation.Generation;

// dotnet run -c Release --project benchmarks/CrossBorder.Benchmarks -- <BenchmarkSwitcher arguments>
//     e.g. -- --filter '*'           every benchmark, default job (slow)
//          -- --filter '*' --job short
//          -- --list flat
// dotnet run -c Release --project benchmarks/CrossBorder.Benchmarks -- --allocation-gate [--verbose]
//     runs every benchmark marked [Ours] in-process with a very short job and the memory diagnoser, and exits 1
//     when any of them allocates.
// dotnet run -c Release --project benchmarks/CrossBorder.Benchmarks -- --perf-check [--update-baseline [--runs N] [--clock cpu|wall]] [--baseline path] [--verbose]
//     short in-process run of the hot paths beside their baselines; exits 1 when a ratio ours/baseline is worse than
//     benchmarks/perf-baseline.json allows or a path committed at 0 B/op allocates. --update-baseline rewrites the file.
// dotnet run -c Release --project benchmarks/CrossBorder.Benchmarks -- --generate <dir> <settlement lines> <seed>
//     writes a deterministic pair of canonical reconciliation files (expected.csv, settlement.csv) with injected breaks
//     (the same files as `xborder generate --out <dir> --lines <settlement lines> --seed <seed>`).
// dotnet run -c Release --project benchmarks/CrossBorder.Benchmarks -- --reconcile-peak naive|ours1|ours2|duckdb [lines [split%]]
//     one reconciliation of the generated files in this process: time and peak working set. split% 7 gives about 9
//     expected lines per 10 settlement lines (the 10M against 9M); without it, about 1 per 2.
if (args.Contains(AllocationGate.Switch, StringComparer.Ordinal))
{
    return AllocationGate.Run(verbose: args.Contains("--verbose", StringComparer.Ordinal));
}

if (args.Contains(PerfCheck.Switch, StringComparer.Ordinal))
{
    return PerfCheck.Run(args);
}

if (args is ["--generate", var directory, var lines, var seed])
{
    var stats = CanonicalDatasetGenerator.Generate(directory, long.Parse(lines, NumberStyles.None, CultureInfo.InvariantCulture), int.Parse(seed, NumberStyles.None, CultureInfo.InvariantCulture));
    Console.WriteLine(stats);
    return 0;
}
if (args is ["--reconcile-peak", var variant, ..] && args.Length <= 4)
{
    return ReconcileBenchmarks.RunPeak(variant, args.Length >= 3 ? long.Parse(args[2], NumberStyles.None, CultureInfo.InvariantCulture) : ReconcileBenchmarks.Lines,
        args.Length == 4 ? int.Parse(args[3], NumberStyles.None, CultureInfo.InvariantCulture) : null);
}
if (args.Length > 0 && args[0] is "--generate" or "--reconcile-peak")
{
    Console.Error.WriteLine("usage: --generate <dir> <settlement lines> <seed> | --reconcile-peak naive|ours1|ours2|duckdb [lines [split%]]");
    return 2;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(AllocationGate).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
