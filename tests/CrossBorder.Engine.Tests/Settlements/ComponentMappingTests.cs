using System.Text;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Text;

namespace CrossBorder.Engine.Tests.Settlements;

public class ComponentMappingTests
{
    private static string Map(ComponentMapping mapping, SettlementFormat format, string type, string code, string description)
    {
        Span<byte> scratch = stackalloc byte[64];
        return Encoding.UTF8.GetString(mapping.Resolve(format, Encoding.UTF8.GetBytes(type), Encoding.UTF8.GetBytes(code), Encoding.UTF8.GetBytes(description), scratch));
    }

    [Theory]
    [InlineData("Order", "ItemPrice", "Principal", "principal")]
    [InlineData("Order", "ItemPrice", "Tax", "tax")]
    [InlineData("Order", "ItemPrice", "Shipping", "shipping")]
    [InlineData("Order", "ItemPrice", "ShippingTax", "shipping_tax")]
    [InlineData("Order", "ItemFees", "Commission", "commission")]
    [InlineData("Order", "ItemFees", "FBAPerUnitFulfillmentFee", "fulfillment_fee")]
    [InlineData("Order", "Promotion", "Shipping", "promotion")]
    [InlineData("Refund", "ItemPrice", "Principal", "refund_principal")]
    [InlineData("Refund", "ItemFees", "Commission", "refund_commission")]
    [InlineData("Chargeback Refund", "ItemPrice", "Principal", "chargeback")]
    [InlineData("other-transaction", "other-transaction", "Previous Reserve Amount Balance", "reserve")]
    public void Amazon_defaults_follow_the_documented_table(string type, string code, string description, string component)
    {
        Assert.Equal(component, Map(ComponentMapping.Default, SettlementFormat.AmazonV2, type, code, description));
        Assert.Equal(component, Map(ComponentMapping.Default, SettlementFormat.AmazonV1, type, code, description));
    }

    [Fact]
    public void Matching_ignores_ascii_case_and_surrounding_spaces()
    {
        Assert.Equal("commission", Map(ComponentMapping.Default, SettlementFormat.AmazonV2, "ORDER", " itemfees ", "COMMISSION"));
    }

    [Fact]
    public void An_unmapped_code_is_kept_visible_rather_than_dropped()
    {
        Assert.Equal("unmapped:some_new_fee", Map(ComponentMapping.Default, SettlementFormat.AmazonV2, "Order", "Some New Fee", "x"));
        Assert.Equal("unmapped:refund", Map(ComponentMapping.Default, SettlementFormat.Stripe, "refund", "", ""));
    }

    [Fact]
    public void The_most_specific_row_wins_and_file_rows_come_before_the_defaults()
    {
        var csv = """
            format,transaction_type,code,description,component
            # a seller's own naming
            amazon-v2,Order,ItemFees,Commission,referral_fee
            *,*,*,Storage Fee,warehouse
            stripe,charge,*,*,card_sale
            """;
        var mapping = ComponentMapping.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "map.csv");

        Assert.Equal("referral_fee", Map(mapping, SettlementFormat.AmazonV2, "Order", "ItemFees", "Commission"));
        Assert.Equal("commission", Map(mapping, SettlementFormat.AmazonV1, "Order", "ItemFees", "Commission")); // the row names amazon-v2 only
        Assert.Equal("fee", Map(mapping, SettlementFormat.AmazonV2, "Order", "ItemFees", "Storage Fee"));        // 3 fields beat 1
        Assert.Equal("warehouse", Map(mapping, SettlementFormat.Ebay, "x", "y", "storage fee"));
        Assert.Equal("card_sale", Map(mapping, SettlementFormat.Stripe, "charge", "", ""));
        Assert.Equal(ComponentMapping.Default.RuleCount + 3, mapping.RuleCount);
    }

    [Theory]
    [InlineData("format,type,code,description,component\n", 1, "expected the header")]
    [InlineData("format,transaction_type,code,description,component\namazon-v2,Order,ItemFees\n", 2, "expected 5 fields")]
    [InlineData("format,transaction_type,code,description,component\namazon-v2,Order,ItemFees,Commission,*\n", 2, "component must be a label")]
    [InlineData("format,transaction_type,code,description,component\nwalmart,Order,ItemFees,Commission,fee\n", 2, "unknown format")]
    [InlineData("", 1, "empty mapping file")]
    public void A_bad_mapping_file_names_the_line_and_the_reason(string csv, long line, string reason)
    {
        var error = Assert.Throws<InputFormatException>(() => ComponentMapping.Load(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "map.csv"));
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("map.csv", error.Message, StringComparison.Ordinal);
    }
}
