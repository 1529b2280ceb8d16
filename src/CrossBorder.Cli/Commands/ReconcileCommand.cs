using System.CommandLine;
using System.Globalization;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Reconciliation.Reports;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Text;

namespace CrossBorder.Cli.Commands;

/// <summary><c>xborder reconcile</c>: expected revenue against settlements.</summary>
internal static class ReconcileCommand
{
    public static Command Create()
    {
        var expected = new Option<string[]>("--expected") { Description = "Expected-side canonical CSV (order_id,component,currency,amount[,date,market,category,ref]).", Required = true, AllowMultipleArgumentsPerToken = true };
        var settlement = new Option<string[]>("--settlement") { Description = "Settlement report(s): canonical CSV or a provider's report (see --format); may be repeated.", Required = true, AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--format") { Description = "Format of the --settlement files: auto (detected from each file's header) or one of " + string.Join(", ", SettlementFormats.Names) + ".", DefaultValueFactory = _ => "auto" };
        var rates = new Option<string?>("--rates") { Description = "Exchange rates (canonical date,base,quote,rate CSV or the ECB history CSV) for matching an order expected in one currency and settled in another." };
        var fxTolerancePct = new Option<decimal>("--fx-tolerance-pct") { Description = "Tolerance of such an FX match as a percentage of |expected| (default 1).", DefaultValueFactory = _ => 1m };
        var mapping = new Option<string?>("--mapping") { Description = "CSV mapping provider codes to components (format,transaction_type,code,description,component); its rows come before the built-in defaults." };
        var output = new Option<string>("--out") { Description = "breaks.csv to write.", Required = true };
        var rejects = new Option<string?>("--rejects") { Description = "rejects.csv to write (default: next to --out)." };
        var summary = new Option<string?>("--summary") { Description = "Summary JSON to write." };
        var report = new Option<string?>("--report") { Description = "Self-contained HTML report to write (charts, largest differences, settlement checks, rejects)." };
        var tolerance = new Option<decimal>("--tolerance") { Description = "Absolute tolerance in major units, per currency at its precision (default 0)." };
        var tolerancePct = new Option<decimal>("--tolerance-pct") { Description = "Tolerance as a percentage of |expected| (default 0)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (default: all cores); the output does not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("reconcile", "Reconciles expected revenue against settlements and writes every break.")
        {
            expected, settlement, format, mapping, rates, fxTolerancePct, output, rejects, summary, tolerance, tolerancePct, threads,
        };
        command.Options.Add(report);
        command.SetAction(r => Run(r.GetValue(expected)!, r.GetValue(settlement)!, r.GetValue(output)!, r.GetValue(rejects), r.GetValue(summary),
            new ReconciliationOptions { Tolerance = r.GetValue(tolerance), TolerancePercent = r.GetValue(tolerancePct), Threads = Math.Max(1, r.GetValue(threads)), FxTolerancePercent = r.GetValue(fxTolerancePct) },
            Console.Out, Console.Error, r.GetValue(format) ?? "auto", r.GetValue(mapping), r.GetValue(rates), r.GetValue(report)));
        return command;
    }

    public static int Run(string[] expected, string[] settlement, string output, string? rejectsPath, string? summaryPath, ReconciliationOptions options, TextWriter console, TextWriter error,
        string format = "auto", string? mappingPath = null, string? ratesPath = null, string? reportPath = null)
    {
        if (options.FxTolerancePercent < 0)
        {
            error.WriteLine("xborder reconcile: tolerances cannot be negative.");
            return 2;
        }
        SettlementFormat? forced = null;
        if (!string.Equals(format, "auto", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                forced = SettlementFormats.Parse(format);
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"xborder reconcile: {e.Message}");
                return 2;
            }
        }
        if (options.Tolerance < 0 || options.TolerancePercent < 0)
        {
            error.WriteLine("xborder reconcile: tolerances cannot be negative.");
            return 2;
        }
        ReconciliationResult result;
        try
        {
            ComponentMapping? mapping = null;
            if (mappingPath is not null)
            {
                using var mappingStream = OpenOrThrow(mappingPath);
                mapping = ComponentMapping.Load(mappingStream, mappingPath);
            }
            if (ratesPath is not null)
            {
                options = options with { Rates = DefaultData.Rates(ratesPath) };
            }
            var engine = new ReconciliationEngine(options);
            foreach (var file in expected)
            {
                engine.Add(ReconciliationSide.Expected, file);
            }
            foreach (var file in settlement)
            {
                engine.AddSettlements(file, forced, mapping);
            }
            result = engine.Complete();
        }
        catch (InputFormatException e)
        {
            error.WriteLine($"xborder reconcile: {e.Message}");
            return 2;
        }
        catch (NotSupportedException e)
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
        if (reportPath is not null)
        {
            AtomicFile.Write(reportPath, stream => new ReconciliationHtmlReport().Write(result, stream, DateTimeOffset.UtcNow));
        }
        console.Write(result.FormatSummary());
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Breaks.Count} breaks written to {output}; {result.Rejects.Count} rejected lines to {rejectsPath}"));
        return 0;
    }

    private static FileStream OpenOrThrow(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException(path, 0, 0, path, $"cannot read the file: {e.Message}", e);
        }
    }
}
