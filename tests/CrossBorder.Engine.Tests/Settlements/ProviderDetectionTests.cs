using CrossBorder.Engine.Settlements;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Settlements;

/// <summary>
/// The Stripe, Shopify, eBay and Braintree readers do not claim the other providers' real reports, and the Braintree
/// report is recognised as Braintree.
/// </summary>
public class ProviderDetectionTests(ITestOutputHelper output)
{
    private const string BraintreeReport = "corpus/settlements/braintree/braintree-pull-report.csv";

    [Theory]
    [InlineData("corpus/settlements/paypal/activity-en.csv")]
    [InlineData("corpus/settlements/paypal/statement-en.csv")]
    [InlineData("corpus/settlements/paypal/statement-es.csv")]
    [InlineData("corpus/settlements/paypal/paypal-custom.csv")]
    [InlineData("corpus/settlements/stripe/stripe-balance-change.csv")]
    [InlineData(BraintreeReport)]
    [InlineData("corpus/settlements/adyen/settlement-detail-report-batch-238.csv")]
    [InlineData("corpus/settlements/amazon/flat-file-v2-synthetic.txt")]
    public void Other_providers_reports_are_not_taken_for_Stripe_Shopify_eBay_or_Braintree(string relativePath)
    {
        if (!SharedData.TryGetPath(relativePath, output, out var path))
        {
            return;
        }
        var format = SettlementFormats.Detect(path);
        if (relativePath == BraintreeReport)
        {
            Assert.Equal(SettlementFormat.Braintree, format);
            return;
        }
        Assert.True(format is not (SettlementFormat.Shopify or SettlementFormat.Ebay or SettlementFormat.Braintree), $"{relativePath} detected as {format}");
        Assert.True(format is not SettlementFormat.Stripe || relativePath.Contains("/stripe/", StringComparison.Ordinal), $"{relativePath} detected as {format}");
    }

    [Fact]
    public void Resolve_gives_the_forced_format_the_detected_one_or_an_error_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"xborder-resolve-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "order_id,component,currency,amount\nA,principal,EUR,1.00\n");
            Assert.Equal(SettlementFormat.Canonical, SettlementFormats.Resolve(path, null));
            Assert.Equal(SettlementFormat.Stripe, SettlementFormats.Resolve(path, SettlementFormat.Stripe));

            File.WriteAllText(path, "what,ever\n1,2\n");
            var unknown = Assert.Throws<Engine.Text.InputFormatException>(() => SettlementFormats.Resolve(path, null));
            Assert.Equal(path, unknown.Source);
            Assert.Contains("not recognised from the header", unknown.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
        var missing = Assert.Throws<Engine.Text.InputFormatException>(() => SettlementFormats.Resolve(path, null));
        Assert.Contains("cannot read the file", missing.Reason, StringComparison.Ordinal);
    }
}
