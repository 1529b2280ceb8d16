using CrossBorder.Engine.Reconciliation;
using static CrossBorder.Engine.Tests.Settlements.Amazon.AmazonKit;

namespace CrossBorder.Engine.Tests.Settlements.Amazon;

/// <summary>
/// Fee reconciliation (issue 5): the fees a seller expects (commission, fulfilment fee, ... in the canonical expected
/// file) against the fees Amazon charged (ItemFees rows mapped to the same components), per order and component, with
/// the engine's statuses.
/// </summary>
public class AmazonFeeReconciliationTests
{
    private static readonly string Settlement = Lines(
        V2Header(),
        V2Summary("S1", "173.35", "USD"),
        V2Line("S1", "Order", "111-1", "ItemPrice", "Principal", "100.00"),
        V2Line("S1", "Order", "111-1", "ItemFees", "Commission", "-15.00"),
        V2Line("S1", "Order", "111-1", "ItemFees", "FBAPerUnitFulfillmentFee", "-3.20"),
        V2Line("S1", "Order", "111-2", "ItemPrice", "Principal", "100.00"),
        V2Line("S1", "Order", "111-2", "ItemFees", "Commission", "-15.00"),
        V2Line("S1", "Order", "111-2", "ItemFees", "FBAPerUnitFulfillmentFee", "-3.45"),
        V2Line("S1", "Order", "111-3", "ItemPrice", "Principal", "10.00"));

    private const string Expected = """
        order_id,component,currency,amount
        111-1,principal,USD,100.00
        111-1,commission,USD,-15.00
        111-1,fulfillment_fee,USD,-3.20
        111-2,principal,USD,100.00
        111-2,commission,USD,-15.00
        111-2,fulfillment_fee,USD,-3.22
        111-3,principal,USD,10.00
        111-3,commission,USD,-1.50

        """;

    [Fact]
    public void Expected_fees_are_reconciled_against_charged_fees_per_order_and_component()
    {
        var result = Reconcile(V2, Settlement, Expected);

        Assert.Empty(result.Rejects);
        Assert.Equal(SettlementCheckStatus.Balanced, Assert.Single(result.SettlementChecks).Status);
        // 111-1 matches everywhere; 111-2 was charged 3.45 for fulfilment against 3.22 expected; 111-3's commission was
        // expected but never charged. The matched keys are not breaks.
        Assert.Equal(
        [
            ("111-2", "fulfillment_fee", BreakStatus.AmountMismatch, (long?)-322, (long?)-345, -23L),
            ("111-3", "commission", BreakStatus.MissingSettlement, -150, null, 150),
        ], result.Breaks.Select(b => (b.OrderId, b.Component, b.Status, b.Expected?.MinorUnits, b.Settled?.MinorUnits, b.Difference.MinorUnits)));
        Assert.Equal(6, result.Summary.KeysByStatus[BreakStatus.Matched]);
    }

    [Fact]
    public void A_fee_tolerance_absorbs_a_cent_level_difference_but_not_a_missing_fee()
    {
        var engine = new ReconciliationEngine(new ReconciliationOptions { Threads = 1, Tolerance = 0.25m });
        engine.Add(ReconciliationSide.Expected, Stream(Expected), "expected.csv");
        engine.AddSettlements(Stream(Settlement), "amazon.txt", V2);
        var result = engine.Complete();

        var only = Assert.Single(result.Breaks);
        Assert.Equal(("111-3", "commission", BreakStatus.MissingSettlement), (only.OrderId, only.Component, only.Status));
    }
}
