using System.CommandLine;
using System.Globalization;
using CrossBorder.Engine.LandedCost.Generation;
using CrossBorder.Engine.Reconciliation.Generation;
using CrossBorder.Engine.Settlements.Generation;

namespace CrossBorder.Cli.Commands;

/// <summary><c>xborder generate</c>: the benchmark datasets, at a chosen size and seed, byte-identical for the same arguments.</summary>
internal static class GenerateCommand
{
    /// <summary>Every dataset the command can write, and the files of each.</summary>
    public static readonly IReadOnlyList<(string Name, string Files)> Formats =
    [
        ("canonical", "expected.csv, settlement.csv and generated.txt: canonical reconciliation files with about 1% of orders broken in each way"),
        ("shipments", "shipments.csv: landed-cost input lines"),
        ("amazon-v2", "amazon-v2-settlement.txt: Amazon settlement flat file V2, seed S"),
        ("stripe", "stripe-settlement.csv: Stripe itemized balance-change report, seed S+1"),
        ("adyen-sdr", "adyen-sdr-settlement.csv: Adyen Settlement Details Report, seed S+2"),
        ("paypal-activity", "paypal-activity.csv: PayPal Activity download, seed S+3"),
    ];

    /// <summary>The datasets written when <c>--formats</c> is not given.</summary>
    public const string DefaultFormats = "canonical,shipments";

    // The provider reports: file name, seed offset from --seed (the settlement-reader benchmarks use seeds 1 to 4, so
    // --seed 1 writes their files), generator.
    private static readonly (string Name, string File, int SeedOffset, Func<int, int, byte[]> Generate)[] s_reports =
    [
        ("amazon-v2", "amazon-v2-settlement.txt", 0, SettlementDatasetGenerator.AmazonV2),
        ("stripe", "stripe-settlement.csv", 1, SettlementDatasetGenerator.Stripe),
        ("adyen-sdr", "adyen-sdr-settlement.csv", 2, SettlementDatasetGenerator.Adyen),
        ("paypal-activity", "paypal-activity.csv", 3, SettlementDatasetGenerator.PayPal),
    ];

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Folder to write into (created when needed; files of the same names are replaced).", Required = true };
        var lines = new Option<long>("--lines") { Description = "Size: settlement lines of the canonical files (whole orders, so a few more), lines of shipments.csv.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the pseudo-random sequence (default 42); the same seed and size give byte-identical files.", DefaultValueFactory = _ => 42 };
        var formats = new Option<string>("--formats") { Description = "Comma-separated datasets: " + string.Join("; ", Formats.Select(f => f.Name + " (" + f.Files + ")")) + ". Default: " + DefaultFormats + ".", DefaultValueFactory = _ => DefaultFormats };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors." };
        var command = new Command("generate", "Writes the benchmark datasets at a chosen size and seed, so that the README's figures can be reproduced. " + ExitCodes.Text)
        {
            output, lines, seed, formats, quiet,
        };
        command.SetAction((r, cancellationToken) => Task.FromResult(Run(r.GetValue(output)!, r.GetValue(lines), r.GetValue(seed), r.GetValue(formats)!, r.GetValue(quiet), context.Output, context.Error, cancellationToken)));
        return command;
    }

    public static int Run(string directory, long lines, int seed, string formats, bool quiet, TextWriter console, TextWriter error, CancellationToken cancellationToken = default)
    {
        var wanted = formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = wanted.Where(w => !Formats.Any(f => string.Equals(f.Name, w, StringComparison.OrdinalIgnoreCase))).ToList();
        if (wanted.Count == 0 || unknown.Count > 0)
        {
            error.WriteLine($"xborder generate: unknown dataset '{string.Join(", ", unknown)}' (one or more of {string.Join(", ", Formats.Select(f => f.Name))}).");
            return ExitCodes.Usage;
        }
        if (lines < 1 || lines > int.MaxValue)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"xborder generate: --lines must be between 1 and {int.MaxValue}."));
            return ExitCodes.Usage;
        }
        bool Wants(string name) => wanted.Contains(name, StringComparer.OrdinalIgnoreCase);

        // Everything is written into a fresh folder beside the target and moved over only when complete, so that a
        // stopped run leaves the target's previous files as they were.
        string staging;
        try
        {
            Directory.CreateDirectory(directory);
            staging = Path.Combine(directory, ".xborder-generate.tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"xborder generate: {e.Message}");
            return ExitCodes.Usage;
        }
        var report = new List<string>();
        try
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Wants("canonical"))
                {
                    var stats = CanonicalDatasetGenerator.Generate(staging, lines, seed);
                    report.Add(string.Create(CultureInfo.InvariantCulture,
                        $"canonical: expected.csv {stats.ExpectedLines} lines, settlement.csv {stats.SettlementLines} lines ({stats.Orders} orders; injected {stats.Missing} missing, {stats.Unexpected} unexpected, {stats.AmountMismatch} amount mismatches, {stats.Duplicates} duplicates, {stats.CurrencyMismatch} currency mismatches)"));
                }
                cancellationToken.ThrowIfCancellationRequested();
                if (Wants("shipments"))
                {
                    var shipments = ShipmentDatasetGenerator.Generate((int)lines, seed);
                    File.WriteAllBytes(Path.Combine(staging, "shipments.csv"), ShipmentDatasetGenerator.ToCsv(shipments));
                    report.Add(string.Create(CultureInfo.InvariantCulture, $"shipments: shipments.csv {shipments.Length} lines"));
                }
                foreach (var (name, file, offset, generate) in s_reports)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Wants(name))
                    {
                        File.WriteAllBytes(Path.Combine(staging, file), generate((int)lines, unchecked(seed + offset)));
                        report.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {file} {lines} rows, seed {unchecked(seed + offset)}"));
                    }
                }
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var file in Directory.GetFiles(staging))
                {
                    File.Move(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
                }
            }
            finally
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("xborder generate: cancelled; no file in the folder was written or changed.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"xborder generate: {e.Message}");
            return ExitCodes.Usage;
        }
        if (!quiet)
        {
            foreach (var line in report)
            {
                console.WriteLine(line);
            }
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}, size {lines}: written to {directory}"));
        }
        return ExitCodes.Ok;
    }
}
