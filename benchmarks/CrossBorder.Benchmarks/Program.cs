using BenchmarkDotNet.Running;
using CrossBorder.Benchmarks.Infrastructure;

// dotnet run -c Release --project benchmarks/CrossBorder.Benchmarks -- <BenchmarkSwitcher arguments>
//     e.g. -- --filter '*'           every benchmark, default job (slow)
//          -- --filter '*' --job short
//          -- --list flat
// dotnet run -c Release --project benchmarks/CrossBorder.Benchmarks -- --allocation-gate [--verbose]
//     runs every benchmark marked [Ours] in-process with a very short job and the memory diagnoser, and exits 1
//     when any of them allocates.
if (args.Contains(AllocationGate.Switch, StringComparer.Ordinal))
{
    return AllocationGate.Run(verbose: args.Contains("--verbose", StringComparer.Ordinal));
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(AllocationGate).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
