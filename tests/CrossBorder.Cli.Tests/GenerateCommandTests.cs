using System.Security.Cryptography;
using System.Text.Json;
using CrossBorder.Engine.Settlements.Generation;

namespace CrossBorder.Cli.Tests;

public class GenerateCommandTests
{
    private static Dictionary<string, string> Hashes(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    [Fact]
    public void The_same_seed_and_size_give_byte_identical_files()
    {
        using var folder = new TempFolder();

        var first = CliHarness.Run("generate", "--out", folder.File("a"), "--lines", "3000", "--seed", "11");
        var second = CliHarness.Run("generate", "--out", folder.File("b"), "--lines", "3000", "--seed", "11");

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        var a = Hashes(folder.File("a"));
        Assert.Equal(["expected.csv", "generated.txt", "settlement.csv", "shipments.csv"], a.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(a, Hashes(folder.File("b")));
    }

    [Fact]
    public void A_different_seed_gives_different_files()
    {
        using var folder = new TempFolder();

        CliHarness.Run("generate", "--out", folder.File("a"), "--lines", "2000", "--seed", "1");
        CliHarness.Run("generate", "--out", folder.File("b"), "--lines", "2000", "--seed", "2");

        var a = Hashes(folder.File("a"));
        var b = Hashes(folder.File("b"));
        foreach (var name in a.Keys)
        {
            Assert.NotEqual(a[name], b[name]);
        }
    }

    /// <summary>
    /// The files the benchmarks' own generator wrote for 1,000 lines and seed 7 before it moved into the library
    /// (hashed then), so that published figures stay reproducible: a change here must bump the generator's Version.
    /// </summary>
    [Fact]
    public void The_canonical_files_are_those_the_benchmarks_generated_before_the_move()
    {
        using var folder = new TempFolder();

        var outcome = CliHarness.Run("generate", "--out", folder.Path, "--lines", "1000", "--seed", "7", "--formats", "canonical");

        Assert.Equal(0, outcome.Code);
        var hashes = Hashes(folder.Path);
        Assert.Equal("843d310c8bf6f1e8c8cdc59ea3f09c60b4440cf1a9069feb512d1672d921fdfd", hashes["expected.csv"]);
        Assert.Equal("bba3f0b6d0f8dc9ffa3431cba44776bad15840553a53ae11d2fdfb27d0db6595", hashes["settlement.csv"]);
        Assert.Equal("9a08017c53c0ae1775d125132ebb271c7905b8dab684a7faf8991fe3dea07bdf", hashes["generated.txt"]);
        Assert.False(hashes.ContainsKey("shipments.csv"));
    }

    [Fact]
    public void Generated_canonical_files_reconcile_without_rejects_and_with_the_injected_breaks()
    {
        using var folder = new TempFolder();
        CliHarness.Run("generate", "--out", folder.Path, "--lines", "5000", "--seed", "3", "--formats", "canonical");
        var generated = File.ReadAllText(folder.File("generated.txt"));

        var outcome = CliHarness.Run("reconcile", "--expected", folder.File("expected.csv"), "--settlement", folder.File("settlement.csv"),
            "--out", folder.File("breaks.csv"), "--json", "--fail-on-breaks");

        Assert.Equal(1, outcome.Code); // the injected breaks
        using var json = JsonDocument.Parse(outcome.Output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("balanced").GetBoolean());
        foreach (var file in root.GetProperty("files").EnumerateArray())
        {
            Assert.Equal(0, file.GetProperty("rejected").GetInt64());
            Assert.Equal(file.GetProperty("lines_read").GetInt64(), file.GetProperty("accepted").GetInt64());
        }
        var settlementLines = root.GetProperty("files")[1].GetProperty("accepted").GetInt64();
        Assert.Contains($"SettlementLines = {settlementLines}", generated, StringComparison.Ordinal);
        Assert.True(settlementLines >= 5000);
        Assert.Single(File.ReadAllLines(folder.File("rejects.csv")));
        Assert.True(File.ReadAllLines(folder.File("breaks.csv")).Length > 1);
    }

    [Fact]
    public void Generated_shipments_are_all_accepted_and_priced()
    {
        using var folder = new TempFolder();
        CliHarness.Run("generate", "--out", folder.Path, "--lines", "4000", "--seed", "5", "--formats", "shipments");

        var outcome = CliHarness.Run("landed-cost", "--in", folder.File("shipments.csv"), "--out", folder.File("results.csv"), "--json", "--fail-on-rejects");

        Assert.Equal(0, outcome.Code);
        using var json = JsonDocument.Parse(outcome.Output);
        Assert.Equal(4000, json.RootElement.GetProperty("rows_read").GetInt64());
        Assert.Equal(4000, json.RootElement.GetProperty("priced").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("rejected").GetInt64());
    }

    [Theory]
    [InlineData("--formats", "canonical,nonsense")]
    [InlineData("--lines", "0")]
    public void Bad_arguments_exit_2_and_write_nothing(string option, string value)
    {
        using var folder = new TempFolder();
        var target = folder.File("out");
        string[] args = option == "--lines" ? ["generate", "--out", target, "--lines", value] : ["generate", "--out", target, "--lines", "100", option, value];

        var outcome = CliHarness.Run(args);

        Assert.Equal(2, outcome.Code);
        Assert.False(Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any());
    }

    [Fact]
    public void A_cancelled_run_exits_130_and_leaves_the_folder_as_it_was()
    {
        using var folder = new TempFolder();
        var previous = folder.Write("expected.csv", "previous");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var outcome = CliHarness.Run(cancel.Token, false, ["generate", "--out", folder.Path, "--lines", "1000"]);

        Assert.Equal(130, outcome.Code);
        Assert.Equal("previous", File.ReadAllText(previous));
        Assert.Equal([previous], Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Provider_reports_are_detected_and_read_without_rejects()
    {
        using var folder = new TempFolder();
        var generated = CliHarness.Run("generate", "--out", folder.Path, "--lines", "500", "--seed", "9", "--formats", "amazon-v2,stripe,adyen-sdr,paypal-activity");
        Assert.Equal(0, generated.Code);
        string[] reports = ["amazon-v2-settlement.txt", "stripe-settlement.csv", "adyen-sdr-settlement.csv", "paypal-activity.csv"];
        Assert.Equal(reports.Order(StringComparer.Ordinal), Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        foreach (var report in reports)
        {
            var outcome = CliHarness.Run("reconcile", "--expected", folder.Write("expected.csv", Inputs.Header), "--settlement", folder.File(report),
                "--out", folder.File("breaks.csv"), "--json");

            Assert.Equal(0, outcome.Code);
            using var json = JsonDocument.Parse(outcome.Output);
            var file = json.RootElement.GetProperty("files")[1];
            Assert.Equal(0, file.GetProperty("rejected").GetInt64());
            Assert.True(file.GetProperty("accepted").GetInt64() >= 500, report);
        }
    }

    [Fact]
    public void Provider_reports_use_the_seed_plus_their_offset_so_seed_1_gives_the_benchmark_files()
    {
        using var folder = new TempFolder();

        var outcome = CliHarness.Run("generate", "--out", folder.Path, "--lines", "300", "--seed", "1", "--formats", "amazon-v2,stripe,adyen-sdr,paypal-activity");

        Assert.Equal(0, outcome.Code);
        Assert.Equal(SettlementDatasetGenerator.AmazonV2(300, 1), File.ReadAllBytes(folder.File("amazon-v2-settlement.txt")));
        Assert.Equal(SettlementDatasetGenerator.Stripe(300, 2), File.ReadAllBytes(folder.File("stripe-settlement.csv")));
        Assert.Equal(SettlementDatasetGenerator.Adyen(300, 3), File.ReadAllBytes(folder.File("adyen-sdr-settlement.csv")));
        Assert.Equal(SettlementDatasetGenerator.PayPal(300, 4), File.ReadAllBytes(folder.File("paypal-activity.csv")));
        Assert.NotEqual(SettlementDatasetGenerator.PayPal(300, 1), SettlementDatasetGenerator.PayPal(300, 4));
    }
}
