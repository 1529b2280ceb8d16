using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;

namespace CrossBorder.Engine.Tests.Settlements;

/// <summary>The engine's side of the reader contract, driven by a scripted reader.</summary>
public class EngineSettlementSinkTests
{
    /// <summary>A reader that replays a script: "L id order component currency minor", "T id currency minor", "R reason", "I reason".</summary>
    private sealed class ScriptReader(SettlementFormat format, params string[] script) : ISettlementReader
    {
        public SettlementFormat Format => format;

        public bool Recognizes(ReadOnlySpan<byte> head) => false;

        public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
        {
            long line = 1;
            foreach (var step in script)
            {
                line++;
                var f = step.Split(' ');
                switch (f[0])
                {
                    case "L":
                        sink.Accept(new SettlementLine
                        {
                            SettlementId = Encoding.UTF8.GetBytes(f[1]),
                            OrderId = Encoding.UTF8.GetBytes(f[2]),
                            Component = Encoding.UTF8.GetBytes(f[3]),
                            Currency = Currency.FromCode(f[4]),
                            MinorUnits = long.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture),
                            DayNumber = -1,
                            LineNumber = line,
                        });
                        break;
                    case "T":
                        sink.StatedTotal(Encoding.UTF8.GetBytes(f[1]), Money.FromMinorUnits(long.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), Currency.FromCode(f[2])), line, "total-amount");
                        break;
                    case "R":
                        sink.Reject(line, 3, Encoding.UTF8.GetBytes(f[1]), "bad amount");
                        break;
                    default:
                        sink.Informational(line, "blank summary");
                        break;
                }
            }
        }
    }

    private static ReconciliationResult Run(ISettlementReader reader)
    {
        var engine = new ReconciliationEngine();
        engine.AddSettlements(Stream.Null, "report.txt", reader);
        return engine.Complete();
    }

    [Fact]
    public void Lines_that_sum_to_the_stated_total_balance()
    {
        var result = Run(new ScriptReader(SettlementFormat.AmazonV2, "T S1 EUR 1500", "L S1 A principal EUR 2000", "L S1 A commission EUR -500"));

        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(SettlementCheckStatus.Balanced, check.Status);
        Assert.Equal("S1", check.SettlementId);
        Assert.Equal(2, check.Lines);
        Assert.Equal(Money.FromMinorUnits(1500, Currency.EUR), check.LinesTotal);
        Assert.Equal(2, result.Summary.Files[0].Accepted);
        Assert.Equal(1, result.Summary.Files[0].InformationalRows);
    }

    [Fact]
    public void A_mismatch_gives_both_figures_and_names_the_missing_reserve_line_for_amazon()
    {
        var result = Run(new ScriptReader(SettlementFormat.AmazonV2, "T S1 EUR 1000", "L S1 A principal EUR 2000", "L S1 A commission EUR -500"));

        var check = Assert.Single(result.SettlementChecks);
        Assert.Equal(SettlementCheckStatus.SettlementTotalMismatch, check.Status);
        Assert.Equal(Money.FromMinorUnits(1000, Currency.EUR), check.StatedTotal);
        Assert.Equal(Money.FromMinorUnits(1500, Currency.EUR), check.LinesTotal);
        Assert.Contains("-5.00", check.Note, StringComparison.Ordinal);
        Assert.Contains("reserve", check.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reserve_line_that_closes_the_gap_balances_and_the_note_is_not_given_when_a_reserve_line_exists()
    {
        var balanced = Run(new ScriptReader(SettlementFormat.AmazonV2, "T S1 EUR 1000", "L S1 A principal EUR 1500", "L S1 S1 reserve EUR -500"));
        Assert.Equal(SettlementCheckStatus.Balanced, Assert.Single(balanced.SettlementChecks).Status);

        var stillOff = Run(new ScriptReader(SettlementFormat.AmazonV2, "T S1 EUR 1000", "L S1 A principal EUR 1500", "L S1 S1 reserve EUR -400"));
        var check = Assert.Single(stillOff.SettlementChecks);
        Assert.Equal(SettlementCheckStatus.SettlementTotalMismatch, check.Status);
        Assert.DoesNotContain("classic cause", check.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_row_is_accounted_for_and_settlements_are_kept_apart()
    {
        var result = Run(new ScriptReader(SettlementFormat.Stripe,
            "L P1 A charge USD 1000", "L P2 B charge USD 700", "R 12,3x", "I", "L P1 C charge USD 300", "T P1 USD 1300", "T P2 USD 700"));

        var file = Assert.Single(result.Summary.Files);
        Assert.Equal(4, file.LinesRead);      // three lines and one reject
        Assert.Equal(3, file.Accepted);
        Assert.Equal(1, file.Rejected);
        Assert.Equal(3, file.InformationalRows); // two totals and one informational row
        Assert.Equal(["P1", "P2"], result.SettlementChecks.Select(c => c.SettlementId));
        Assert.All(result.SettlementChecks, c => Assert.Equal(SettlementCheckStatus.Balanced, c.Status));
        var reject = Assert.Single(result.Rejects);
        Assert.Equal(("report.txt", 4L, 3, "12,3x"), (reject.File, reject.Line, reject.Column, reject.Value));
        Assert.True(result.Summary.Balanced);
    }

    [Fact]
    public void A_settlement_without_a_stated_total_is_reported_as_such()
    {
        var result = Run(new ScriptReader(SettlementFormat.Shopify, "L 42 A charge CAD 100"));
        Assert.Equal(SettlementCheckStatus.NoStatedTotal, Assert.Single(result.SettlementChecks).Status);
    }

    [Fact]
    public void A_second_different_total_for_one_settlement_is_rejected()
    {
        var result = Run(new ScriptReader(SettlementFormat.AdyenSdr, "L B1 A fee EUR -10", "T B1 EUR -10", "T B1 EUR -20"));
        Assert.Equal(SettlementCheckStatus.Balanced, Assert.Single(result.SettlementChecks).Status);
        Assert.Contains("second, different total", Assert.Single(result.Rejects).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detection_and_names_round_trip()
    {
        foreach (var name in SettlementFormats.Names)
        {
            Assert.Equal(name, SettlementFormats.NameOf(SettlementFormats.Parse(name)));
        }
        Assert.Equal(SettlementFormat.Canonical, SettlementFormats.Detect("\uFEFForder_id,component,currency,amount,date\nA,principal,EUR,1.00,2025-01-01\n"u8));
        Assert.Null(SettlementFormats.Detect("hello,world\n"u8));
        Assert.Throws<ArgumentException>(() => SettlementFormats.Parse("walmart"));
    }
}
