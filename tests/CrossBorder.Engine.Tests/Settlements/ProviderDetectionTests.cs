using CrossBorder.Engine.Settlements;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Settlements;

/// <summary>The Stripe, Shopify and eBay readers do not claim the other providers' real reports.</summary>
public class ProviderDetectionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("corpus/settlements/paypal/activity-en.csv")]
    [InlineData("corpus/settlements/paypal/statement-en.csv")]
    [InlineData("corpus/settlements/paypal/statement-es.csv")]
    [InlineData("corpus/settlements/braintree/braintree-pull-report.csv")]
    [InlineData("corpus/settlements/adyen/settlement-detail-report-batch-238.csv")]
    [InlineData("corpus/settlements/amazon/flat-file-v2-synthetic.txt")]
    public void Other_providers_reports_are_not_taken_for_Stripe_Shopify_or_eBay(string relativePath)
    {
        if (!SharedData.TryGetPath(relativePath, output, out var path))
        {
            return;
        }
        var format = SettlementFormats.Detect(path);
        Assert.True(format is not (SettlementFormat.Stripe or SettlementFormat.Shopify or SettlementFormat.Ebay), $"{relativePath} detected as {format}");
    }
}
