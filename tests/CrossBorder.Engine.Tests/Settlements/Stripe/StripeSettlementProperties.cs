using System.Globalization;
using System.Text;
using CrossBorder.Engine.Reconciliation;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Stripe;
using CrossBorder.Engine.Tests.Reconciliation;
using CrossBorder.Engine.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Settlements.Stripe;

public class StripeSettlementProperties(ITestOutputHelper output)
{
    private static readonly StripeSettlementReader s_reader = new();

    private static readonly byte[] s_valid = Encoding.UTF8.GetBytes(
        "balance_transaction_id,created_utc,currency,gross,fee,net,reporting_category,source_id,description,automatic_payout_id,payment_metadata[order_id]\n"
        + "txn_1,2026-10-01 10:00:00,eur,100.00,3.20,96.80,charge,ch_1,\"Payment, \"\"first\"\"\",po_1,O1\n"
        + "txn_2,2026-10-02 10:00:00,eur,-20.00,0.00,-20.00,refund,re_1,REFUND,po_1,O1\n"
        + "\n"
        + "txn_3,2026-10-02 11:00:00,jpy,500,0,500,charge,ch_2,,po_2,O2\n"
        + "txn_4,2026-10-03 00:00:00,eur,0.00,0.00,0.00,charge,ch_4,,po_1,O4\n"
        + "txn_5,2026-10-06 00:00:00,eur,-76.80,0.00,-76.80,payout,po_1,STRIPE PAYOUT,,\n"
        + "txn_6,2026-10-06 00:00:00,usd,-1.00,0.00,-1.00,fee,,Radar,po_3,\n");

    [Fact]
    public void The_unedited_fuzz_seed_is_read_whole()
    {
        var sink = new RecordingSink();
        s_reader.Read(new MemoryStream(s_valid), "seed.csv", ComponentMapping.Default, sink);
        Assert.Equal(5, sink.Lines.Count);
        Assert.Empty(sink.Rejects);
        Assert.Equal(["7|po_1|EUR|7680"], sink.Totals);
        Verify(s_valid); // every row after the header accounted for
    }

    /// <summary>
    /// Random byte edits (delete, insert, replace, truncate) of a valid file: the reader throws nothing but
    /// <see cref="InputFormatException"/>, and only for a broken header or broken CSV quoting (which names its line);
    /// every row it got to ends in at least one sink call, and without an exception that is every row of the file.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property Random_edits_never_throw_anything_else_and_never_lose_a_row() =>
        Prop.ForAll(ByteEdits.Edits(), edits => Verify(ByteEdits.Apply(s_valid, edits)));

    /// <summary>Random byte edits of the real balance-change report (read where it is in ../shared, never copied here).</summary>
    [Fact]
    public void Random_edits_of_the_real_report_never_throw_anything_else_and_never_lose_a_row() =>
        ByteEdits.CheckSharedFile("corpus/settlements/stripe/stripe-balance-change.csv", output, maxTest: 200, Verify);

    /// <summary>The shared oracle of the CSV provider readers (<see cref="ReaderFuzzProperties.Check"/>), for Stripe.</summary>
    private static void Verify(byte[] file) => ReaderFuzzProperties.Check(s_reader, file, ebay: false);

    /// <summary>
    /// Format invariance: the same settlement lines written as our canonical CSV and as a Stripe report give the same
    /// breaks against the same expected file.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_same_data_as_canonical_CSV_and_as_Stripe_gives_the_same_breaks(int seed)
    {
        var random = new Random(seed);
        var stripe = new StringBuilder("created_utc,balance_transaction_id,reporting_category,currency,gross,fee,net,automatic_payout_id,payment_intent_id\n");
        var canonical = new StringBuilder("order_id,component,currency,amount,date,market,category,ref\n");
        var expected = new StringBuilder("order_id,component,currency,amount,date\n");
        var currencies = new[] { ("eur", 2), ("jpy", 0), ("usd", 2) };
        for (var i = 0; i < 60; i++)
        {
            var (code, digits) = currencies[random.Next(currencies.Length)];
            var refund = random.Next(4) == 0;
            var gross = random.Next(1, 50_000) * (refund ? -1L : 1L);
            var fee = refund ? 0 : gross / 25;
            var order = $"O{random.Next(40)}";
            var date = $"2026-10-{1 + random.Next(28):00}";
            var category = refund ? "refund" : "charge";
            stripe.Append(CultureInfo.InvariantCulture,
                $"{date} 12:00:00,txn_{i},{category},{code},{Major(gross, digits)},{Major(fee, digits)},{Major(gross - fee, digits)},po_{i / 20},{order}\n");
            var component = refund ? "refund_principal" : "principal";
            canonical.Append(CultureInfo.InvariantCulture, $"{order},{component},{code.ToUpperInvariant()},{Major(gross, digits)},{date},,{category},txn_{i}\n");
            if (fee != 0)
            {
                canonical.Append(CultureInfo.InvariantCulture, $"{order},fee,{code.ToUpperInvariant()},{Major(-fee, digits)},{date},,{category},txn_{i}:fee\n");
            }
            // The expected side: most lines as settled, some off by a little, some missing; and some never settled.
            var roll = random.Next(10);
            if (roll < 7)
            {
                expected.Append(CultureInfo.InvariantCulture, $"{order},{component},{code.ToUpperInvariant()},{Major(gross + (roll == 0 ? 1 : 0), digits)},{date}\n");
            }
            if (roll == 9)
            {
                expected.Append(CultureInfo.InvariantCulture, $"X{i},principal,{code.ToUpperInvariant()},{Major(gross, digits)},{date}\n");
            }
        }

        var fromCanonical = ReconciliationKit.Run(expected.ToString(), canonical.ToString());
        var engine = new ReconciliationEngine(ReconciliationKit.SingleThread);
        engine.Add(ReconciliationSide.Expected, new MemoryStream(Encoding.UTF8.GetBytes(expected.ToString())), ReconciliationKit.ExpectedName);
        engine.AddSettlements(new MemoryStream(Encoding.UTF8.GetBytes(stripe.ToString())), ReconciliationKit.SettlementName, s_reader);
        var fromStripe = engine.Complete();

        Assert.Empty(fromCanonical.Rejects);
        Assert.Empty(fromStripe.Rejects);
        Assert.Contains(fromStripe.Breaks, b => b.Status != BreakStatus.Matched);
        Assert.Equal(Encoding.UTF8.GetString(ReconciliationKit.BreaksCsv(fromCanonical)), Encoding.UTF8.GetString(ReconciliationKit.BreaksCsv(fromStripe)));
    }

    private static string Major(long minor, int digits) =>
        digits == 0 ? minor.ToString(CultureInfo.InvariantCulture) : (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
