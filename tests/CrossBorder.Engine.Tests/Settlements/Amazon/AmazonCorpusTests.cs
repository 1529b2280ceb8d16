using System.Text;
using System.Text.Json;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using Xunit.Abstractions;
using static CrossBorder.Engine.Tests.Settlements.Amazon.AmazonKit;

namespace CrossBorder.Engine.Tests.Settlements.Amazon;

/// <summary>The real samples in <c>../shared/corpus/settlements/amazon</c>.</summary>
public class AmazonCorpusTests(ITestOutputHelper output)
{
    private const string SampleFile = "corpus/settlements/amazon/flat-file-v2-synthetic.txt";
    private const string FeeCodesFile = "corpus/settlements/amazon/fee-codes-observed.json";

    [Fact]
    public void The_v2_sample_is_detected_read_without_rejects_and_balances()
    {
        if (!SharedData.TryGetPath(SampleFile, output, out var path))
        {
            return;
        }
        Assert.Equal(SettlementFormat.AmazonV2, SettlementFormats.Detect(path));

        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 1 });
        engine.AddSettlements(path);
        var result = engine.Complete();

        Assert.Empty(result.Rejects);
        var file = Assert.Single(result.Summary.Files);
        Assert.Equal(23, file.Accepted);      // 25 lines: the header, the summary row, 23 transaction rows
        Assert.Equal(1, file.InformationalRows); // the summary row's stated total
        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal((SettlementCheckStatus.Balanced, "28471003921", 23L), (check.Status, check.SettlementId, check.Lines));
        Assert.Equal(Money.FromMinorUnits(58289, Currency.USD), check.StatedTotal);
    }

    [Fact]
    public void Every_line_of_the_v2_sample_gets_a_mapped_component()
    {
        if (!SharedData.TryGetPath(SampleFile, output, out var path))
        {
            return;
        }
        var sink = Read(V2, File.ReadAllText(path, Encoding.UTF8));

        var components = sink.Accepted.Select(a => a.Split(' ')[3]).ToList();
        Assert.DoesNotContain(components, c => c.StartsWith("unmapped:", StringComparison.Ordinal));
        Assert.Equal(
        [
            "principal", "tax", "commission", "fulfillment_fee", "fee", "principal", "shipping", "commission", "fee", "principal", "commission",
            "refund_principal", "refund_commission_fee", "refund_commission", "principal", "commission",
            "storage_fee", "subscription_fee", "service_fee", "fulfillment_fee", "reimbursement", "reserve", "reserve",
        ], components);
        // Fee, reserve and reimbursement rows have no order id: they are keyed by the settlement.
        Assert.All(sink.Accepted.Skip(16), a => Assert.Equal("28471003921", a.Split(' ')[2]));
    }

    /// <summary>Random byte edits of the real V2 sample (read where it is, never copied here): <see cref="AmazonReaderProperties.CheckV2"/>.</summary>
    [Fact]
    public void Random_edits_of_the_v2_sample_never_throw_anything_else_and_never_lose_a_row() =>
        ByteEdits.CheckSharedFile(SampleFile, output, maxTest: 200, AmazonReaderProperties.CheckV2);

    [Fact]
    public void Every_observed_amazon_fee_code_maps_to_a_component()
    {
        if (!SharedData.TryGetPath(FeeCodesFile, output, out var path))
        {
            return;
        }
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var mapping = ComponentMapping.Default.Clone();
        Span<byte> scratch = stackalloc byte[64];
        var unmapped = new List<string>();
        var pairs = 0;
        foreach (var entry in json.RootElement.GetProperty("entries").EnumerateArray())
        {
            var description = entry.GetProperty("description").GetString()!;
            var types = entry.GetProperty("amount_types").EnumerateArray().Select(t => t.GetString()!).ToList();
            if (types.Count == 0)
            {
                types.Add(""); // seen without an amount type: must map on its description alone
            }
            foreach (var type in types)
            {
                pairs++;
                // Whatever the transaction type: an order, a refund, or one the file does not tell.
                foreach (var transactionType in new[] { "Order", "Refund", "other-transaction", "Adjustment", "" })
                {
                    foreach (var format in new[] { SettlementFormat.AmazonV2, SettlementFormat.AmazonV1 })
                    {
                        var component = Encoding.UTF8.GetString(mapping.Resolve(format, Encoding.UTF8.GetBytes(transactionType),
                            Encoding.UTF8.GetBytes(type), Encoding.UTF8.GetBytes(description), scratch));
                        if (component.StartsWith("unmapped:", StringComparison.Ordinal))
                        {
                            unmapped.Add($"{format} {transactionType}/{type}/{description}");
                        }
                    }
                }
            }
        }
        Assert.True(pairs >= 70, $"only {pairs} pairs read: has the file's layout changed?");
        Assert.Empty(unmapped);
    }

    [Theory]
    [InlineData("Order", "ItemPrice", "Principal", "principal")]
    [InlineData("Order", "ItemPrice", "Tax", "tax")]
    [InlineData("Order", "ItemPrice", "Shipping", "shipping")]
    [InlineData("Order", "ItemPrice", "ShippingTax", "shipping_tax")]
    [InlineData("Order", "ItemFees", "Commission", "commission")]
    [InlineData("Order", "ItemFees", "FBAPerUnitFulfillmentFee", "fulfillment_fee")]
    [InlineData("Order", "Promotion", "Principal", "promotion")]
    [InlineData("Refund", "ItemPrice", "Principal", "refund_principal")]
    [InlineData("Refund", "ItemPrice", "Tax", "refund_tax")]
    [InlineData("Refund", "ItemPrice", "Shipping", "refund_shipping")]
    [InlineData("Refund", "ItemPrice", "ShippingTax", "refund_shipping_tax")]
    [InlineData("Refund", "ItemFees", "Commission", "refund_commission")]
    [InlineData("Refund", "ItemFees", "FBAPerUnitFulfillmentFee", "refund_fulfillment_fee")]
    [InlineData("Refund", "Promotion", "Shipping", "refund_promotion")]
    [InlineData("Refund", "ItemPrice", "GiftWrap", "refund_item_price")]
    [InlineData("Chargeback Refund", "ItemPrice", "Principal", "chargeback")]
    [InlineData("Chargeback Refund", "ItemFees", "Commission", "chargeback")]
    [InlineData("A-to-z Guarantee Refund", "ItemPrice", "Principal", "guarantee_claim")]
    [InlineData("Transfer", "other-transaction", "Current Reserve Amount", "reserve")]
    [InlineData("Previous Reserve Amount Balance", "Other", "", "reserve")]
    [InlineData("ServiceFee", "other-transaction", "Storage Fee", "storage_fee")]
    [InlineData("Storage Fee", "", "", "storage_fee")]
    [InlineData("Subscription Fee", "", "", "subscription_fee")]
    public void The_documented_amazon_rows_hold_beside_the_observed_ones(string transactionType, string code, string description, string expected)
    {
        Span<byte> scratch = stackalloc byte[64];
        var component = ComponentMapping.Default.Clone().Resolve(SettlementFormat.AmazonV2, Encoding.UTF8.GetBytes(transactionType),
            Encoding.UTF8.GetBytes(code), Encoding.UTF8.GetBytes(description), scratch);
        Assert.Equal(expected, Encoding.UTF8.GetString(component));
    }
}
