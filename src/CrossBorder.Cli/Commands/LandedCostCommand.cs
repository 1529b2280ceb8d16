using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrossBorder.Engine;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Text;

namespace CrossBorder.Cli.Commands;

/// <summary><c>xborder landed-cost</c>: duty, VAT/GST and fees for a CSV of shipment lines.</summary>
internal static class LandedCostCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--in") { Description = "Shipment lines CSV (" + ShipmentCsv.Header + ").", Required = true };
        var output = new Option<string>("--out") { Description = "Results CSV to write.", Required = true };
        var tariffs = new Option<string[]>("--tariff") { Description = "Canonical tariff CSV files replacing the embedded default schedules.", AllowMultipleArgumentsPerToken = true };
        var rates = new Option<string?>("--rates") { Description = "Exchange rates: canonical date,base,quote,rate CSV or the ECB history CSV (default: the embedded sample)." };
        var explain = new Option<bool>("--explain") { Description = "Fill the explain column with every figure's derivation." };
        var rejects = new Option<string?>("--rejects") { Description = "Where to write rejected input rows (default: <out>.rejects.csv)." };
        var rulesFile = new Option<string?>("--rules") { Description = "Destination-rule overrides: destination,setting,value,origins,valid_from,valid_to,source." };
        var failOnRejects = new Option<bool>("--fail-on-rejects") { Description = "Exit with code 1 when any input row is rejected or any line cannot be priced." };
        var (quiet, json) = RunOutput.Options("the counts and the totals per currency as JSON");
        var command = new Command("landed-cost", "Computes customs value, duties, import VAT/GST and fees per line and per shipment. " + ExitCodes.WithFindings("--fail-on-rejects", "rows were rejected or lines not priced"))
        {
            input, output, tariffs, rates, explain, rejects, rulesFile, failOnRejects, quiet, json,
        };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            result.GetValue(input)!, result.GetValue(output)!, result.GetValue(tariffs), result.GetValue(rates),
            result.GetValue(explain), result.GetValue(rejects), context.Output, context.Error, result.GetValue(rulesFile),
            new RunOutput(result.GetValue(quiet), result.GetValue(json), result.GetValue(failOnRejects), context.ProgressAllowed), cancellationToken)));
        return command;
    }

    public static int Run(string inputPath, string outputPath, string[]? tariffFiles, string? ratesFile, bool explain, string? rejectsPath, TextWriter console, TextWriter error,
        string? rulesFile = null, RunOutput? run = null, CancellationToken cancellationToken = default)
    {
        run ??= RunOutput.Default;
        var rejectsFile = rejectsPath ?? outputPath + ".rejects.csv";
        var outcome = new Outcome();
        try
        {
            var calculator = DefaultData.Calculator(tariffFiles, ratesFile, rulesFile);
            var explainer = explain ? calculator : null;
            void Price(bool streamed) => AtomicFile.WriteAll(
            [
                (outputPath, stream => WriteResults(stream, streamed, calculator, explainer, inputPath, outcome, new CliContext(console, error, run.ProgressAllowed), run.Quiet, cancellationToken)),
                (rejectsFile, stream => WriteRejects(stream, [.. outcome.ReadRejects, .. outcome.NotPriced])),
            ], cancellationToken);
            try
            {
                // Batches of whole shipments, priced and written as they are read: memory stays bounded whatever the size.
                Price(streamed: true);
            }
            catch (ShipmentsNotContiguousException)
            {
                // A shipment's rows are scattered: read the whole file, which regroups them, and price it again.
                outcome = new Outcome();
                Price(streamed: false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Cancelled(error);
        }
        catch (Exception e) when (e is InputFormatException or IOException or UnauthorizedAccessException or KeyNotFoundException)
        {
            error.WriteLine($"xborder landed-cost: {e.Message}");
            return ExitCodes.Usage;
        }
        var rejectedRows = outcome.ReadRejects.Count;
        var failed = outcome.NotPriced.Count;
        if (run.Json)
        {
            RunOutput.WriteJson(console, stream => WriteJson(stream, outcome, outputPath, rejectsFile));
        }
        else if (!run.Quiet)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"landed-cost: {outcome.RowsRead} rows read, {outcome.Accepted} accepted, {rejectedRows} rejected; {outcome.Priced} lines priced, {failed} not priced; results in {outputPath}, rejects in {rejectsFile}"));
        }
        return run.FailOnFindings && (rejectedRows > 0 || failed > 0) ? ExitCodes.Findings : ExitCodes.Ok;
    }

    /// <summary>What a run read, priced and rejected, and its totals per currency.</summary>
    private sealed class Outcome
    {
        public long RowsRead;
        public long Accepted;
        public long Priced;
        public readonly List<ShipmentReject> ReadRejects = [];
        public readonly List<ShipmentReject> NotPriced = [];
        public readonly SortedDictionary<string, (long Lines, Money CustomsValue, Money Duty, Money Vat, Money Fees, Money Total)> Totals = new(StringComparer.Ordinal);
    }

    private static int Cancelled(TextWriter error)
    {
        error.WriteLine("xborder landed-cost: cancelled; no output file was written or changed.");
        return ExitCodes.Cancelled;
    }

    private static void WriteResults(Stream stream, bool streamed, LandedCostCalculator calculator, LandedCostCalculator? explainer, string inputPath, Outcome outcome,
        CliContext context, bool quiet, CancellationToken cancellationToken)
    {
        using var progress = Progress.For(context, quiet, [inputPath]);
        using var input = progress.Open(inputPath, cancellationToken, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var csv = new CsvOut(writer);
        csv.Row("shipment_id", "line", "currency", "customs_value", "duty", "vat", "fees", "total", "regime", "flags", "explain");
        if (streamed)
        {
            using var reader = new ShipmentCsvReader(input, inputPath, BatchLines, leaveOpen: true);
            var results = new LineCost[BatchLines];
            while (reader.TryReadBatch(out var batch))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (results.Length < batch.Length)
                {
                    results = new LineCost[batch.Length];
                }
                calculator.Calculate(batch, results);
                WriteBatch(csv, batch, results.AsSpan(0, batch.Length), explainer, inputPath, outcome, cancellationToken);
            }
            outcome.RowsRead = reader.RowsRead;
            outcome.Accepted = reader.LinesAccepted;
            outcome.ReadRejects.AddRange(reader.Rejects);
        }
        else
        {
            var lines = ShipmentCsv.Read(input, inputPath, outcome.ReadRejects, out outcome.RowsRead).ToArray();
            var results = new LineCost[lines.Length];
            calculator.Calculate(lines, results);
            outcome.Accepted = lines.Length;
            WriteBatch(csv, lines, results, explainer, inputPath, outcome, cancellationToken);
        }
    }

    private const int BatchLines = 4096;

    /// <summary>Writes the rows of whole shipments: one per line and one <c>total</c> row per shipment.</summary>
    private static void WriteBatch(CsvOut csv, ReadOnlySpan<ShipmentLine> span, ReadOnlySpan<LineCost> results, LandedCostCalculator? explainer, string inputPath, Outcome outcome,
        CancellationToken cancellationToken)
    {
        var start = 0;
        while (start < span.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = start + 1;
            while (end < span.Length && span[end].ShipmentId == span[start].ShipmentId)
            {
                end++;
            }
            var explanations = explainer?.Explain(span[start..end], new LineCost[end - start]);
            for (var k = start; k < end; k++)
            {
                var r = results[k];
                if (r.Status == LineCostStatus.Ok)
                {
                    outcome.Priced++;
                    var code = r.CustomsValue.Currency.Code;
                    outcome.Totals[code] = outcome.Totals.TryGetValue(code, out var t)
                        ? (t.Lines + 1, t.CustomsValue + r.CustomsValue, t.Duty + r.Duty, t.Vat + r.Vat, t.Fees + r.Fees, t.Total + r.Total)
                        : (1, r.CustomsValue, r.Duty, r.Vat, r.Fees, r.Total);
                }
                else
                {
                    outcome.NotPriced.Add(new ShipmentReject(inputPath, 0, 0, $"{span[k].ShipmentId}/{span[k].Line}", $"not priced: {r.Status}"));
                }
                csv.Row(Row(span[k].ShipmentId, span[k].Line.ToString(CultureInfo.InvariantCulture), r, explanations?[k - start] ?? ""));
            }
            var total = LandedCostCalculator.Total(results[start..end]);
            csv.Row(Row(span[start].ShipmentId, "total", total, ""));
            start = end;
        }
    }

    private static void WriteRejects(Stream stream, List<ShipmentReject> rejects)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var csv = new CsvOut(writer);
        csv.Row("file", "line", "column", "value", "reason");
        foreach (var reject in rejects)
        {
            csv.Row(reject.Source, reject.Line.ToString(CultureInfo.InvariantCulture), reject.Column.ToString(CultureInfo.InvariantCulture), reject.Value, reject.Reason);
        }
    }

    /// <summary>The run as JSON: counts, the files written, and per currency the priced lines and their summed figures.</summary>
    private static void WriteJson(Stream stream, Outcome outcome, string outputPath, string rejectsFile)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("rows_read", outcome.RowsRead);
        json.WriteNumber("accepted", outcome.Accepted);
        json.WriteNumber("rejected", outcome.ReadRejects.Count);
        json.WriteNumber("priced", outcome.Priced);
        json.WriteNumber("not_priced", outcome.NotPriced.Count);
        json.WriteString("results", outputPath);
        json.WriteString("rejects", rejectsFile);
        json.WriteStartArray("totals");
        foreach (var (currency, t) in outcome.Totals)
        {
            json.WriteStartObject();
            json.WriteString("currency", currency);
            json.WriteNumber("lines", t.Lines);
            json.WriteString("customs_value", Amount(t.CustomsValue));
            json.WriteString("duty", Amount(t.Duty));
            json.WriteString("vat", Amount(t.Vat));
            json.WriteString("fees", Amount(t.Fees));
            json.WriteString("total", Amount(t.Total));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string[] Row(string shipment, string line, LineCost r, string explanation)
    {
        var ok = r.Status == LineCostStatus.Ok;
        return
        [
            shipment, line, ok ? r.CustomsValue.Currency.Code : "",
            ok ? Amount(r.CustomsValue) : "", ok ? Amount(r.Duty) : "", ok ? Amount(r.Vat) : "", ok ? Amount(r.Fees) : "", ok ? Amount(r.Total) : "",
            ok ? RegimeText(r.Regime) : r.Status.ToString(), FlagsText(r.Flags), explanation,
        ];
    }

    private static string Amount(Money m) => m.ToString("N", CultureInfo.InvariantCulture);

    internal static string RegimeText(LandedCostRegime regime)
    {
        if (regime == LandedCostRegime.Standard)
        {
            return "standard";
        }
        var parts = new List<string>();
        if (regime.HasFlag(LandedCostRegime.BelowDutyDeMinimis)) parts.Add("below duty de minimis");
        if (regime.HasFlag(LandedCostRegime.BelowTaxDeMinimis)) parts.Add("below tax de minimis");
        if (regime.HasFlag(LandedCostRegime.PointOfSaleVat)) parts.Add("VAT at point of sale");
        if (regime.HasFlag(LandedCostRegime.SchemeNotApplicable)) parts.Add("scheme not applicable");
        if (regime.HasFlag(LandedCostRegime.FlatLowValueDuty)) parts.Add("flat low-value duty");
        if (regime.HasFlag(LandedCostRegime.TaxNotCollected)) parts.Add("tax not collected");
        if (regime.HasFlag(LandedCostRegime.Preference)) parts.Add("preferential rate");
        if (regime.HasFlag(LandedCostRegime.AdditionalDuties)) parts.Add("additional duties");
        if (regime.HasFlag(LandedCostRegime.FormalEntry)) parts.Add("formal entry");
        return string.Join("; ", parts);
    }

    internal static string FlagsText(LandedCostFlags flags)
    {
        var parts = new List<string>();
        if (flags.HasFlag(LandedCostFlags.Prohibited)) parts.Add("prohibited");
        if (flags.HasFlag(LandedCostFlags.LicenceRequired)) parts.Add("licence");
        if (flags.HasFlag(LandedCostFlags.CertificateRequired)) parts.Add("certificate");
        if (flags.HasFlag(LandedCostFlags.CodeFallback)) parts.Add("code fallback");
        if (flags.HasFlag(LandedCostFlags.CodeNotFound)) parts.Add("code not found");
        return string.Join("; ", parts);
    }
}
