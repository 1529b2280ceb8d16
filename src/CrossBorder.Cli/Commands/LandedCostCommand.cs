using System.CommandLine;
using System.Globalization;
using CrossBorder.Engine;
using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.Text;

namespace CrossBorder.Cli.Commands;

/// <summary><c>xborder landed-cost</c>: duty, VAT/GST and fees for a CSV of shipment lines.</summary>
internal static class LandedCostCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--in") { Description = "Shipment lines CSV (" + ShipmentCsv.Header + ").", Required = true };
        var output = new Option<string>("--out") { Description = "Results CSV to write.", Required = true };
        var tariffs = new Option<string[]>("--tariff") { Description = "Canonical tariff CSV files replacing the embedded default schedules.", AllowMultipleArgumentsPerToken = true };
        var rates = new Option<string?>("--rates") { Description = "Exchange rates: canonical date,base,quote,rate CSV or the ECB history CSV (default: the embedded sample)." };
        var explain = new Option<bool>("--explain") { Description = "Fill the explain column with every figure's derivation." };
        var rejects = new Option<string?>("--rejects") { Description = "Where to write rejected input rows (default: <out>.rejects.csv)." };
        var rulesFile = new Option<string?>("--rules") { Description = "Destination-rule overrides: destination,setting,value,origins,valid_from,valid_to,source." };
        var command = new Command("landed-cost", "Computes customs value, duties, import VAT/GST and fees per line and per shipment.")
        {
            input, output, tariffs, rates, explain, rejects, rulesFile,
        };
        command.SetAction(result => Run(
            result.GetValue(input)!, result.GetValue(output)!, result.GetValue(tariffs), result.GetValue(rates),
            result.GetValue(explain), result.GetValue(rejects), Console.Out, Console.Error, result.GetValue(rulesFile)));
        return command;
    }

    public static int Run(string inputPath, string outputPath, string[]? tariffFiles, string? ratesFile, bool explain, string? rejectsPath, TextWriter console, TextWriter error, string? rulesFile = null)
    {
        LandedCostCalculator calculator;
        List<ShipmentLine> lines;
        var rejects = new List<ShipmentReject>();
        long rowsRead;
        try
        {
            calculator = DefaultData.Calculator(tariffFiles, ratesFile, rulesFile);
            using var stream = File.OpenRead(inputPath);
            lines = ShipmentCsv.Read(stream, inputPath, rejects, out rowsRead);
        }
        catch (Exception e) when (e is InputFormatException or IOException or UnauthorizedAccessException or KeyNotFoundException)
        {
            error.WriteLine($"xborder landed-cost: {e.Message}");
            return 2;
        }

        var span = lines.ToArray();
        var results = new LineCost[span.Length];
        calculator.Calculate(span, results);

        var priced = 0;
        var failed = 0;
        using (var writer = CsvOut.Create(outputPath))
        {
            var csv = new CsvOut(writer);
            csv.Row("shipment_id", "line", "currency", "customs_value", "duty", "vat", "fees", "total", "regime", "flags", "explain");
            var start = 0;
            while (start < span.Length)
            {
                var end = start + 1;
                while (end < span.Length && span[end].ShipmentId == span[start].ShipmentId)
                {
                    end++;
                }
                var explanations = explain ? calculator.Explain(span.AsSpan(start, end - start), new LineCost[end - start]) : null;
                for (var k = start; k < end; k++)
                {
                    var r = results[k];
                    if (r.Status == LineCostStatus.Ok)
                    {
                        priced++;
                    }
                    else
                    {
                        failed++;
                        rejects.Add(new ShipmentReject(inputPath, 0, 0, $"{span[k].ShipmentId}/{span[k].Line}", $"not priced: {r.Status}"));
                    }
                    csv.Row(Row(span[k].ShipmentId, span[k].Line.ToString(CultureInfo.InvariantCulture), r, explanations?[k - start] ?? ""));
                }
                var total = LandedCostCalculator.Total(results.AsSpan(start, end - start));
                csv.Row(Row(span[start].ShipmentId, "total", total, ""));
                start = end;
            }
        }

        var rejectsFile = rejectsPath ?? outputPath + ".rejects.csv";
        using (var writer = CsvOut.Create(rejectsFile))
        {
            var csv = new CsvOut(writer);
            csv.Row("file", "line", "column", "value", "reason");
            foreach (var reject in rejects)
            {
                csv.Row(reject.Source, reject.Line.ToString(CultureInfo.InvariantCulture), reject.Column.ToString(CultureInfo.InvariantCulture), reject.Value, reject.Reason);
            }
        }
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"landed-cost: {rowsRead} rows read, {lines.Count} accepted, {rejects.Count - failed} rejected; {priced} lines priced, {failed} not priced; results in {outputPath}, rejects in {rejectsFile}"));
        return 0;
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
