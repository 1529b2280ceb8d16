using System.Globalization;
using System.Text.Json;

namespace CrossBorder.Cli.Tests;

public class LandedCostCommandTests
{
    private static CliHarness.Outcome LandedCost(TempFolder folder, string shipments, params string[] extra) =>
        CliHarness.Run(["landed-cost", "--in", folder.Write("shipments.csv", shipments), "--out", folder.File("results.csv"), .. extra]);

    [Fact]
    public void A_clean_run_exits_0_also_with_fail_on_rejects()
    {
        using var folder = new TempFolder();

        var outcome = LandedCost(folder, Inputs.CleanShipments, "--fail-on-rejects");

        Assert.Equal(0, outcome.Code);
        Assert.Contains("3 accepted, 0 rejected; 3 lines priced", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_row_exits_0_without_fail_on_rejects_and_1_with_it()
    {
        using var folder = new TempFolder();

        var plain = LandedCost(folder, Inputs.RejectingShipments);
        var strict = LandedCost(folder, Inputs.RejectingShipments, "--fail-on-rejects");

        Assert.Equal(0, plain.Code);
        Assert.Equal(1, strict.Code);
        Assert.Equal(2, File.ReadAllLines(folder.File("results.csv.rejects.csv")).Length);
    }

    [Fact]
    public void A_file_whose_shipments_are_scattered_is_priced_like_the_same_file_grouped()
    {
        // Streamed batches need each shipment's rows together; a scattered file is read whole and regrouped instead.
        using var folder = new TempFolder();
        var rows = Inputs.CleanShipments.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var scattered = string.Join('\n', rows[0], rows[1], rows[3], rows[2]) + "\n";

        var grouped = LandedCost(folder, Inputs.CleanShipments);
        var groupedResults = File.ReadAllText(folder.File("results.csv"));
        var regrouped = LandedCost(folder, scattered);

        Assert.Equal((0, 0), (grouped.Code, regrouped.Code));
        Assert.Equal(groupedResults, File.ReadAllText(folder.File("results.csv")));
        Assert.Contains("3 rows read, 3 accepted, 0 rejected; 3 lines priced", regrouped.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_many_batches_gives_every_line_and_shipment_total_once()
    {
        // 3,000 shipments of 3 lines: more than two of the streamed batches (4,096 lines), cut between shipments.
        using var folder = new TempFolder();
        var text = new System.Text.StringBuilder(Inputs.ShipmentsHeader);
        for (var s = 0; s < 3_000; s++)
        {
            for (var line = 1; line <= 3; line++)
            {
                text.Append(CultureInfo.InvariantCulture, $"S-{s},{line},DE,VN,6109100010,{100 + s % 50}.00,EUR,,,,,,,,2025-05-09,air,\n");
            }
        }

        var outcome = LandedCost(folder, text.ToString(), "--json");

        Assert.Equal(0, outcome.Code);
        var results = File.ReadAllLines(folder.File("results.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(9_000, results.Count(r => r[1] != "total"));
        Assert.Equal(3_000, results.Count(r => r[1] == "total"));
        Assert.Equal(3_000, results.Select(r => r[0]).Distinct().Count());
        using var json = JsonDocument.Parse(outcome.Output);
        Assert.Equal(9_000, json.RootElement.GetProperty("priced").GetInt64());
    }

    [Fact]
    public void An_unreadable_input_exits_2()
    {
        using var folder = new TempFolder();

        var outcome = CliHarness.Run("landed-cost", "--in", folder.File("absent.csv"), "--out", folder.File("results.csv"));

        Assert.Equal(2, outcome.Code);
        Assert.Contains("absent.csv", outcome.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("results.csv")));
    }

    [Fact]
    public void Quiet_prints_nothing_and_still_writes_the_results()
    {
        using var folder = new TempFolder();

        var outcome = CliHarness.Run(CancellationToken.None, progressAllowed: true, ["landed-cost", "--in", folder.Write("shipments.csv", Inputs.CleanShipments),
            "--out", folder.File("results.csv"), "-q"]);

        Assert.Equal(0, outcome.Code);
        Assert.Equal("", outcome.Output);
        Assert.Equal("", outcome.Error);
        Assert.Equal(1 + 3 + 2, File.ReadAllLines(folder.File("results.csv")).Length);
    }

    [Fact]
    public void Json_gives_the_counts_and_per_currency_totals_of_the_results_file()
    {
        using var folder = new TempFolder();

        var outcome = LandedCost(folder, Inputs.RejectingShipments, "--json");

        Assert.Equal(0, outcome.Code);
        using var json = JsonDocument.Parse(outcome.Output);
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("rows_read").GetInt64());
        Assert.Equal(3, root.GetProperty("accepted").GetInt64());
        Assert.Equal(1, root.GetProperty("rejected").GetInt64());
        Assert.Equal(3, root.GetProperty("priced").GetInt64());
        Assert.Equal(0, root.GetProperty("not_priced").GetInt64());

        // Each currency's totals are the sums of the priced line rows of results.csv.
        var rows = File.ReadAllLines(folder.File("results.csv")).Skip(1).Select(l => l.Split(',')).Where(f => f[1] != "total").ToList();
        var totals = root.GetProperty("totals").EnumerateArray().ToList();
        Assert.Equal(["EUR", "USD"], totals.Select(t => t.GetProperty("currency").GetString()));
        foreach (var total in totals)
        {
            var currency = total.GetProperty("currency").GetString();
            var lines = rows.Where(f => f[2] == currency).ToList();
            Assert.Equal(lines.Count, total.GetProperty("lines").GetInt64());
            string[] columns = ["customs_value", "duty", "vat", "fees", "total"];
            for (var c = 0; c < columns.Length; c++)
            {
                var sum = lines.Sum(f => decimal.Parse(f[3 + c], NumberStyles.Number, CultureInfo.InvariantCulture));
                Assert.Equal(sum, decimal.Parse(total.GetProperty(columns[c]).GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void Progress_is_drawn_only_when_allowed()
    {
        using var folder = new TempFolder();
        string[] args = ["landed-cost", "--in", folder.Write("shipments.csv", Inputs.CleanShipments), "--out", folder.File("results.csv")];

        var drawn = CliHarness.Run(CancellationToken.None, progressAllowed: true, args);
        var redirected = CliHarness.Run(CancellationToken.None, progressAllowed: false, args);

        Assert.Contains("4 lines", drawn.Error, StringComparison.Ordinal);
        Assert.Equal("", redirected.Error);
    }

    [Fact]
    public void A_cancelled_run_exits_130_and_leaves_previous_outputs_untouched()
    {
        using var folder = new TempFolder();
        var results = folder.Write("results.csv", "previous results");
        var rejects = folder.Write("rejects.csv", "previous rejects");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var outcome = CliHarness.Run(cancel.Token, false, ["landed-cost", "--in", folder.Write("shipments.csv", Inputs.CleanShipments), "--out", results, "--rejects", rejects]);

        Assert.Equal(130, outcome.Code);
        Assert.Equal("previous results", File.ReadAllText(results));
        Assert.Equal("previous rejects", File.ReadAllText(rejects));
        Assert.Empty(folder.TemporaryFiles());
    }
}
