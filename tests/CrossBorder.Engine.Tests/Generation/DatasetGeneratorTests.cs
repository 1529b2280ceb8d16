using CrossBorder.Engine.LandedCost;
using CrossBorder.Engine.LandedCost.Generation;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Reconciliation.Generation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Generation;
using CrossBorder.Engine.Tests.Settlements;

namespace CrossBorder.Engine.Tests.Generation;

public sealed class DatasetGeneratorTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "crossborder-generator-tests", Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(4_000, 1)]
    [InlineData(9_000, 77)]
    public void Canonical_files_hold_what_the_stats_say_and_reconcile_into_the_injected_breaks(long lines, int seed)
    {
        var stats = CanonicalDatasetGenerator.Generate(_folder, lines, seed);

        Assert.Equal(stats.ExpectedLines + 1, File.ReadLines(Path.Combine(_folder, "expected.csv")).Count());
        Assert.Equal(stats.SettlementLines + 1, File.ReadLines(Path.Combine(_folder, "settlement.csv")).Count());
        Assert.InRange(stats.SettlementLines, lines, lines + 64);

        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 1 });
        engine.Add(ReconciliationSide.Expected, Path.Combine(_folder, "expected.csv"));
        engine.Add(ReconciliationSide.Settlement, Path.Combine(_folder, "settlement.csv"));
        var result = engine.Complete();
        var s = result.Summary;

        Assert.Empty(result.Rejects);
        Assert.True(s.Balanced);
        // A component settled in another currency leaves its expected key unsettled and an unexpected key in the other
        // currency; a repeated settlement line adds its amount again, so its key is an amount mismatch as well.
        Assert.Equal(stats.Missing + stats.CurrencyMismatch, s.KeysByStatus[BreakStatus.MissingSettlement]);
        Assert.Equal(stats.Unexpected + stats.CurrencyMismatch, s.KeysByStatus[BreakStatus.UnexpectedSettlement]);
        Assert.Equal(stats.AmountMismatch + stats.Duplicates, s.KeysByStatus[BreakStatus.AmountMismatch]);
        Assert.Equal(stats.Duplicates, s.DuplicateLines);
        Assert.True(stats.Missing > 0 && stats.Unexpected > 0 && stats.AmountMismatch > 0 && stats.CurrencyMismatch > 0);
    }

    [Theory]
    [InlineData(null, 0.45, 0.55)]
    [InlineData(7, 0.86, 0.94)]
    [InlineData(0, 0.97, 1.0)]
    public void The_split_share_sets_expected_lines_per_settlement_line_and_the_breaks_still_reconcile(int? splitPercent, double low, double high)
    {
        // The benchmark target is 10M settlement lines against 9M expected lines: 7% of components split.
        var stats = CanonicalDatasetGenerator.Generate(_folder, 20_000, 3, splitPercent);

        Assert.InRange((double)stats.ExpectedLines / stats.SettlementLines, low, high);
        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 2 });
        engine.Add(ReconciliationSide.Expected, Path.Combine(_folder, "expected.csv"));
        engine.Add(ReconciliationSide.Settlement, Path.Combine(_folder, "settlement.csv"));
        var s = engine.Complete().Summary;
        Assert.True(s.Balanced);
        Assert.Equal(stats.Missing + stats.CurrencyMismatch, s.KeysByStatus[BreakStatus.MissingSettlement]);
        Assert.Equal(stats.AmountMismatch + stats.Duplicates, s.KeysByStatus[BreakStatus.AmountMismatch]);
        Assert.Contains(splitPercent is { } p ? $"split {p}%" : "seed 3\n", File.ReadAllText(Path.Combine(_folder, "generated.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void Canonical_files_depend_only_on_size_and_seed()
    {
        CanonicalDatasetGenerator.Generate(Path.Combine(_folder, "a"), 2_000, 5);
        CanonicalDatasetGenerator.Generate(Path.Combine(_folder, "b"), 2_000, 5);
        CanonicalDatasetGenerator.Generate(Path.Combine(_folder, "c"), 2_000, 6);

        foreach (var name in new[] { "expected.csv", "settlement.csv", "generated.txt" })
        {
            var a = File.ReadAllBytes(Path.Combine(_folder, "a", name));
            Assert.Equal(a, File.ReadAllBytes(Path.Combine(_folder, "b", name)));
            Assert.NotEqual(a, File.ReadAllBytes(Path.Combine(_folder, "c", name)));
        }
    }

    [Fact]
    public void Shipment_csv_reads_back_into_the_same_lines()
    {
        var lines = ShipmentDatasetGenerator.Generate(3_000, 12);
        var rejects = new List<ShipmentReject>();

        var read = ShipmentCsv.Read(new MemoryStream(ShipmentDatasetGenerator.ToCsv(lines)), "shipments.csv", rejects, out var rows);

        Assert.Empty(rejects);
        Assert.Equal(3_000, rows);
        Assert.Equal(lines.Length, read.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(lines[i].ShipmentId, read[i].ShipmentId);
            Assert.Equal(lines[i].Line, read[i].Line);
            Assert.Equal(lines[i].Destination, read[i].Destination);
            Assert.Equal(lines[i].Origin, read[i].Origin);
            Assert.Equal(lines[i].Code, read[i].Code);
            Assert.Equal(lines[i].Value, read[i].Value);
            Assert.Equal(lines[i].Date, read[i].Date);
            Assert.Equal(lines[i].Transport, read[i].Transport);
        }
        Assert.NotEqual(ShipmentDatasetGenerator.ToCsv(lines), ShipmentDatasetGenerator.ToCsv(ShipmentDatasetGenerator.Generate(3_000, 13)));
    }

    [Fact]
    public void Shipments_have_1_to_5_lines_numbered_from_1()
    {
        var lines = ShipmentDatasetGenerator.Generate(5_000, 3);

        foreach (var shipment in lines.GroupBy(l => l.ShipmentId, StringComparer.Ordinal))
        {
            Assert.InRange(shipment.Count(), 1, 5);
            Assert.Equal(Enumerable.Range(1, shipment.Count()), shipment.Select(l => l.Line));
            Assert.Single(shipment.Select(l => l.Destination).Distinct(StringComparer.Ordinal));
        }
    }

    public static TheoryData<string> Reports() => new() { "amazon-v2", "stripe", "adyen-sdr", "paypal-activity" };

    [Theory]
    [MemberData(nameof(Reports))]
    public void Provider_reports_are_detected_and_read_without_rejects(string format)
    {
        var bytes = format switch
        {
            "amazon-v2" => SettlementDatasetGenerator.AmazonV2(2_000, 1),
            "stripe" => SettlementDatasetGenerator.Stripe(2_000, 2),
            "adyen-sdr" => SettlementDatasetGenerator.Adyen(2_000, 3),
            _ => SettlementDatasetGenerator.PayPal(2_000, 4),
        };

        var detected = SettlementFormats.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024)));
        Assert.Equal(SettlementFormats.Parse(format), detected);
        var sink = new CountingSink();
        SettlementFormats.ReaderFor(detected!.Value).Read(new MemoryStream(bytes), format, ComponentMapping.Default, sink);

        Assert.Equal(0, sink.Rejected);
        Assert.True(sink.Accepted >= 2_000, $"{sink.Accepted} lines accepted");
    }
}
