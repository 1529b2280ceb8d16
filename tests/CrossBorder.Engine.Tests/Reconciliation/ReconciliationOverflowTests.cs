using CrossBorder.Engine.Reconciliation;

namespace CrossBorder.Engine.Tests.Reconciliation;

public class ReconciliationOverflowTests
{
    [Fact]
    public void A_line_that_would_overflow_its_total_is_rejected_and_the_rest_balances()
    {
        // 92,233,720,368,547,758.07 EUR is long.MaxValue cents: adding one more cent to the key, or five euros to the
        // currency total, cannot be held exactly, so those lines are rejected with their line and column.
        const string expected = "order_id,component,currency,amount\nA,p,EUR,92233720368547758.07\nA,p,EUR,0.01\nB,p,EUR,5.00\nC,p,USD,1.00\n";
        const string settlement = "order_id,component,currency,amount\nA,p,EUR,92233720368547758.07\nC,p,USD,1.00\n";
        var result = ReconciliationKit.Run(expected, settlement, ReconciliationKit.SingleThread);

        Assert.Equal([3L, 4L], result.Rejects.Select(r => r.Line));
        Assert.All(result.Rejects, r => Assert.Equal(4, r.Column));
        Assert.Contains("overflow", result.Rejects[0].Reason, StringComparison.Ordinal);
        var expectedFile = result.Summary.Files[0];
        Assert.Equal((4L, 2L, 2L), (expectedFile.LinesRead, expectedFile.Accepted, expectedFile.Rejected));
        // B's only line was rejected: it is no key at all, not a missing settlement.
        Assert.Empty(result.Breaks);
        Assert.Equal(2, ReconciliationKit.Keys(result, BreakStatus.Matched));
        Assert.True(result.Summary.Balanced);
    }
}
