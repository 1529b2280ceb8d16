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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Rows_are_added_in_file_order_across_staged_batches_so_the_same_line_overflows(int threads)
    {
        // Rows of a block are staged and added in groups (their look-ups' cache misses overlapped): the key's total
        // reaches long.MaxValue cents exactly on line 41, so line 42 is the one that overflows, whatever the grouping.
        // Added in any other order, another line would be rejected.
        var rows = string.Concat(Enumerable.Repeat("A,p,EUR,0.01\n", 40));
        var expected = "order_id,component,currency,amount\nA,p,EUR,92233720368547757.68\n" + rows + "B,p,USD,1.00\n";
        const string settlement = "order_id,component,currency,amount\nB,p,USD,1.00\n";
        var result = ReconciliationKit.Run(expected, settlement, new ReconciliationOptions { Threads = threads });

        var reject = Assert.Single(result.Rejects);
        Assert.Equal((42L, 4, "0.01"), (reject.Line, reject.Column, reject.Value));
        Assert.True(result.Summary.Balanced);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rows_handed_to_another_worker_keep_their_order_file_line_and_amount_text(int threads)
    {
        // Eight keys (each in its own currency: two near-maximal totals would overflow a currency's) over the partitions, so that with several workers some are added by a worker that did not parse
        // them (RowExchange): each key's total reaches long.MaxValue cents on its 40th line, so its 41st and last line overflows
        // and is rejected naming the file, the line and the whole amount text, one of them 70,000 characters long
        // (longer than a batch's bytes). One block: the rows of a key arrive in file order.
        var longText = new string('0', 70_000) + "0.01";
        var expected = new System.Text.StringBuilder("order_id,component,currency,amount\n");
        var line = 1;
        var rejected = new List<(long Line, string Value)>();
        string[] currencies = ["EUR", "USD", "GBP", "CHF", "CAD", "AUD", "SEK", "NOK"];
        for (var k = 0; k < 8; k++)
        {
            expected.Append(System.Globalization.CultureInfo.InvariantCulture, $"K{k},p,{currencies[k]},92233720368547757.68\n");
            line++;
            for (var i = 0; i < 40; i++)
            {
                var text = i == 39 && k == 5 ? longText : "0.01";
                expected.Append(System.Globalization.CultureInfo.InvariantCulture, $"K{k},p,{currencies[k]},{text}\n");
                line++;
                if (i == 39)
                {
                    rejected.Add((line, text));
                }
            }
        }
        var settlement = string.Concat(Enumerable.Range(0, 8).Select(k => $"K{k},p,{currencies[k]},92233720368547758.07\n"));
        var result = ReconciliationKit.Run(expected.ToString(), "order_id,component,currency,amount\n" + settlement, new ReconciliationOptions { Threads = threads });

        Assert.Equal(rejected, result.Rejects.Select(r => (r.Line, r.Value)));
        Assert.All(result.Rejects, r => Assert.Equal((ReconciliationKit.ExpectedName, 4), (r.File, r.Column)));
        Assert.Equal(8, ReconciliationKit.Keys(result, BreakStatus.Matched));
        Assert.Empty(result.Breaks);
        Assert.True(result.Summary.Balanced);
    }

    [Fact]
    public void An_overflowing_amount_with_a_long_text_is_quoted_whole()
    {
        // Leading zeros make an amount text longer than a staged row keeps: such a row is added on its own, after the
        // rows before it, and its reject quotes the whole text.
        var longText = new string('0', 80) + "0.01";
        var expected = $"order_id,component,currency,amount\nA,p,EUR,92233720368547758.07\nA,p,EUR,{longText}\nA,p,EUR,0.00\n";
        const string settlement = "order_id,component,currency,amount\nA,p,EUR,92233720368547758.07\n";
        var result = ReconciliationKit.Run(expected, settlement, ReconciliationKit.SingleThread);

        var reject = Assert.Single(result.Rejects);
        Assert.Equal((3L, longText), (reject.Line, reject.Value));
        Assert.Equal(1, ReconciliationKit.Keys(result, BreakStatus.Matched));
        Assert.Empty(result.Breaks);
    }
}
