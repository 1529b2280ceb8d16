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
    public static Command Create(CliContext context)
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
        var failOnBreaks = new Option<bool>("--fail-on-breaks") { Description = "Exit with code 1 when any break (a status other than matched or fx_matched), rejected line or settlement total mismatch is found." };
        var (quiet, json) = RunOutput.Options("the summary JSON (as --summary writes it)");
        var command = new Command("reconcile", "Reconciles expected revenue against settlements and writes every break. " + ExitCodes.WithFindings("--fail-on-breaks", "breaks, rejected lines or settlement total mismatches were found"))
        {
            expected, settlement, format, mapping, rates, fxTolerancePct, output, rejects, summary, tolerance, tolerancePct, threads, failOnBreaks, quiet, json,
        };
        command.Options.Add(report);
        command.SetAction((r, cancellationToken) => Task.FromResult(Run(r.GetValue(expected)!, r.GetValue(settlement)!, r.GetValue(output)!, r.GetValue(rejects), r.GetValue(summary),
            new ReconciliationOptions { Tolerance = r.GetValue(tolerance), TolerancePercent = r.GetValue(tolerancePct), Threads = Math.Max(1, r.GetValue(threads)), FxTolerancePercent = r.GetValue(fxTolerancePct) },
            context.Output, context.Error, r.GetValue(format) ?? "auto", r.GetValue(mapping), r.GetValue(rates),
            new RunOutput(r.GetValue(quiet), r.GetValue(json), r.GetValue(failOnBreaks), context.ProgressAllowed), cancellationToken, r.GetValue(report))));
        return command;
    }

    public static int Run(string[] expected, string[] settlement, string output, string? rejectsPath, string? summaryPath, ReconciliationOptions options, TextWriter console, TextWriter error,
        string format = "auto", string? mappingPath = null, string? ratesPath = null, RunOutput? run = null, CancellationToken cancellationToken = default, string? reportPath = null)
    {
        run ??= RunOutput.Default;
        if (options.FxTolerancePercent < 0)
        {
            error.WriteLine("xborder reconcile: tolerances cannot be negative.");
            return ExitCodes.Usage;
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
                return ExitCodes.Usage;
            }
        }
        if (options.Tolerance < 0 || options.TolerancePercent < 0)
        {
            error.WriteLine("xborder reconcile: tolerances cannot be negative.");
            return ExitCodes.Usage;
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
            using (var progress = Progress.For(new CliContext(console, error, run.ProgressAllowed), run.Quiet, [.. expected, .. settlement]))
            {
                foreach (var file in expected)
                {
                    using var stream = OpenInput(progress, file, cancellationToken);
                    engine.Add(ReconciliationSide.Expected, stream, file);
                }
                foreach (var file in settlement)
                {
                    AddSettlements(engine, progress, file, forced, mapping, cancellationToken);
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            result = engine.Complete();
            rejectsPath ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".", "rejects.csv");
            var files = new List<(string, Action<Stream>)> { (output, result.WriteBreaksCsv), (rejectsPath, result.WriteRejectsCsv) };
            if (summaryPath is not null)
            {
                files.Add((summaryPath, result.WriteSummaryJson));
            }
            if (reportPath is not null)
            {
                var generatedAt = DateTimeOffset.UtcNow;
                files.Add((reportPath, stream => new ReconciliationHtmlReport().Write(result, stream, generatedAt)));
            }
            AtomicFile.WriteAll(files, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("xborder reconcile: cancelled; no output file was written or changed.");
            return ExitCodes.Cancelled;
        }
        catch (InputFormatException e)
        {
            error.WriteLine($"xborder reconcile: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (NotSupportedException e)
        {
            error.WriteLine($"xborder reconcile: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OverflowException e)
        {
            error.WriteLine($"xborder reconcile: a total does not fit in 64-bit minor units: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"xborder reconcile: {e.Message}");
            return ExitCodes.Usage;
        }
        if (run.Json)
        {
            RunOutput.WriteJson(console, result.WriteSummaryJson);
        }
        else if (!run.Quiet)
        {
            console.Write(result.FormatSummary());
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Breaks.Count} breaks written to {output}; {result.Rejects.Count} rejected lines to {rejectsPath}"));
        }
        var findings = result.Breaks.Any(b => b.Status != BreakStatus.FxMatched) || result.Rejects.Count > 0
            || result.SettlementChecks.Any(c => c.Status == SettlementCheckStatus.SettlementTotalMismatch);
        return run.FailOnFindings && findings ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>Reads one settlement file through the progress stream: canonical into the settlement side, a provider's report through its reader.</summary>
    private static void AddSettlements(ReconciliationEngine engine, Progress progress, string file, SettlementFormat? forced, ComponentMapping? mapping, CancellationToken cancellationToken)
    {
        var resolved = SettlementFormats.Resolve(file, forced);
        if (resolved == SettlementFormat.Canonical)
        {
            using var canonical = OpenInput(progress, file, cancellationToken);
            engine.Add(ReconciliationSide.Settlement, canonical, file);
            return;
        }
        using var stream = OpenInput(progress, file, cancellationToken, 1 << 16);
        engine.AddSettlements(stream, file, SettlementFormats.ReaderFor(resolved), mapping);
    }

    private static Stream OpenInput(Progress progress, string path, CancellationToken cancellationToken, int bufferSize = 1)
    {
        try
        {
            return progress.Open(path, cancellationToken, bufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException(path, 0, 0, path, $"cannot read the file: {e.Message}", e);
        }
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
