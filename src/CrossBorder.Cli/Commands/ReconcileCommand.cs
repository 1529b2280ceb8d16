using System.CommandLine;
using System.Globalization;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Text;

namespace CrossBorder.Cli.Commands;

/// <summary><c>xborder reconcile</c>: expected revenue against settlements.</summary>
internal static class ReconcileCommand
{
    public static Command Create()
    {
        var expected = new Option<string[]>("--expected") { Description = "Expected-side canonical CSV (order_id,component,currency,amount[,date,market,category,ref]).", Required = true, AllowMultipleArgumentsPerToken = true };
        var settlement = new Option<string[]>("--settlement") { Description = "Settlement-side canonical CSV.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "breaks.csv to write.", Required = true };
        var rejects = new Option<string?>("--rejects") { Description = "rejects.csv to write (default: next to --out)." };
        var summary = new Option<string?>("--summary") { Description = "Summary JSON to write." };
        var tolerance = new Option<decimal>("--tolerance") { Description = "Absolute tolerance in major units, per currency at its precision (default 0)." };
        var tolerancePct = new Option<decimal>("--tolerance-pct") { Description = "Tolerance as a percentage of |expected| (default 0)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores); the output does not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("reconcile", "Reconciles expected revenue against settlements and writes every break.")
        {
            expected, settlement, output, rejects, summary, tolerance, tolerancePct, threads,
        };
        command.SetAction(r => Run(r.GetValue(expected)!, r.GetValue(settlement)!, r.GetValue(output)!, r.GetValue(rejects), r.GetValue(summary),
            new ReconciliationOptions { Tolerance = r.GetValue(tolerance), TolerancePercent = r.GetValue(tolerancePct), Threads = Math.Max(1, r.GetValue(threads)) },
            Console.Out, Console.Error));
        return command;
    }

    public static int Run(string[] expected, string[] settlement, string output, string? rejectsPath, string? summaryPath, ReconciliationOptions options, TextWriter console, TextWriter error)
    {
        if (options.Tolerance < 0 || options.TolerancePercent < 0)
        {
            error.WriteLine("xborder reconcile: tolerances cannot be negative.");
            return 2;
        }
        ReconciliationResult result;
        try
        {
            var engine = new ReconciliationEngine(options);
            foreach (var file in expected)
            {
                engine.Add(ReconciliationSide.Expected, file);
            }
            foreach (var file in settlement)
            {
                engine.Add(ReconciliationSide.Settlement, file);
            }
            result = engine.Complete();
        }
        catch (InputFormatException e)
        {
            error.WriteLine($"xborder reconcile: {e.Message}");
            return 2;
        }
        catch (OverflowException e)
        {
            error.WriteLine($"xborder reconcile: a total does not fit in 64-bit minor units: {e.Message}");
            return 2;
        }
        rejectsPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".", "rejects.csv");
        AtomicFile.Write(output, result.WriteBreaksCsv);
        AtomicFile.Write(rejectsPath, result.WriteRejectsCsv);
        if (summaryPath is not null)
        {
            AtomicFile.Write(summaryPath, result.WriteSummaryJson);
        }
        console.Write(result.FormatSummary());
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Breaks.Count} breaks written to {output}; {result.Rejects.Count} rejected lines to {rejectsPath}"));
        return 0;
    }
}
