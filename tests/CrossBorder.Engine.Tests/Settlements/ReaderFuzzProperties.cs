using System.Text;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Braintree;
using CrossBorder.Engine.Settlements.Ebay;
using CrossBorder.Engine.Settlements.Shopify;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace CrossBorder.Engine.Tests.Settlements;

/// <summary>
/// Random byte edits of valid Shopify, eBay and Braintree files: nothing but <see cref="InputFormatException"/> is
/// thrown, and every row (eBay: every non-blank preamble row too) ends in a sink call; the same for random edits of
/// the real Braintree report in ../shared.
/// </summary>
public class ReaderFuzzProperties(ITestOutputHelper output)
{
    private static readonly byte[] s_shopify = Encoding.UTF8.GetBytes(
        "Transaction Date,Type,Order,Card Brand,Card Source,Payout Status,Payout Date,Payout ID,Available On,Amount,Fee,Net,Currency,Checkout,Payment Method Name,Presentment Amount,Presentment Currency,VAT,Business Entity Name,Business Entity ID\n"
        + "2026-10-01 12:34:56 -0400,charge,#1001,visa,online,paid,2026-10-03,88001,2026-10-03,100.00,3.20,96.80,USD,c1,card,92.00,EUR,,Shop,1\n"
        + "2026-10-02,refund,#1001,visa,online,paid,2026-10-03,88001,2026-10-03,-20.00,0.00,-20.00,USD,,card,,,,Shop,1\n"
        + "\n"
        + "2026-10-02,adjustment,,,,paid,2026-10-03,88001,2026-10-03,\"-1,001.50\",0.00,\"-1,001.50\",USD,,,,,,\"Shop, Inc.\",1\n"
        + "2026-10-01,charge,#2,,,paid,,9,,100.00,3.00,96.40,EUR,,,,,0.60,,\n");

    private static readonly byte[] s_ebay = Encoding.UTF8.GetBytes(
        "\"Transaction report\"\n\"Start date\",\"Oct 1, 2026\"\n\n"
        + "\"Transaction creation date\",\"Type\",\"Order number\",\"Net amount\",\"Payout currency\",\"Payout ID\",\"Transaction ID\",\"Final Value Fee - fixed\",\"Final Value Fee - variable\",\"International fee\",\"Gross transaction amount\",\"Transaction currency\"\n"
        + "\"Oct 1, 2026\",\"Order\",\"12-1\",\"8.40\",\"USD\",\"P1\",\"T1\",\"-0.30\",\"-1.30\",\"--\",\"10.00\",\"USD\"\n"
        + "\"Oct 2, 2026\",\"Shipping label\",\"--\",\"-5.00\",\"USD\",\"P1\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\"\n"
        + "\n"
        + "\"Oct 3, 2026\",\"Refund\",\"12-1\",\"-8.70\",\"USD\",\"P1\",\"T1\",\"--\",\"1.30\",\"--\",\"-10.00\",\"USD\"\n"
        + "\"Oct 5, 2026\",\"Payout\",\"--\",\"5.30\",\"USD\",\"P1\",\"--\",\"--\",\"--\",\"--\",\"--\",\"--\"\n");

    private static readonly byte[] s_braintree = Encoding.UTF8.GetBytes(
        Braintree.BraintreeSettlementReaderTests.Header
        + "usd,s1,\"\",sale,USD,1085.00,EUR,\"\",993.53,2026-10-01,2026-10-03,\"\",credit_card,Visa,Credit,411111,\"The Bank\",0.00,\"\",0.9157,\"O,1\",123,USA,0.0190,0.0000,0.30,0.00,9.93,0.00,29.10,29.10\n"
        + "usd,r1,s1,credit,USD,100.00,EUR,\"\",91.57,2026-10-02,2026-10-03,\"\",credit_card,Visa,Credit,411111,\"The Bank\",0.00,\"\",0.9157,,123,USA,0.0190,1.73,0.00,0.00,0.00,0.00,-1.73,-1.73\n"
        + "\n"
        + "eur,s2,,sale,EUR,\"1,000.00\",EUR,,\"1,000.00\",2026-10-02,2026-10-04,D-1,paypal_account,,,,,,,1.0000,,,,0.0190,0,0.30,0,0,0,19.30,20.10\n");

    /// <summary>
    /// The rows the reader must account for, counted independently: every row after the header, and (eBay) every
    /// non-blank row before it. The header is the first non-blank row (Shopify) or the first row naming the eBay columns.
    /// </summary>
    private static (List<long> Rows, bool SawHeader, InputFormatException? Error) Expected(byte[] file, bool ebay)
    {
        var preamble = new List<long>();
        var rows = new List<long>();
        var sawHeader = false;
        var error = FuzzCsv.EachRow(file, (in CsvRow row) =>
        {
            if (sawHeader)
            {
                rows.Add(row.LineNumber);
            }
            else if (!row.IsBlank)
            {
                var text = Encoding.UTF8.GetString(row.Raw).ToLowerInvariant();
                if (!ebay || (text.Contains("transaction creation date", StringComparison.Ordinal) && IsEbayHeader(row)))
                {
                    sawHeader = true;
                }
                else
                {
                    preamble.Add(row.LineNumber);
                }
            }
        });
        return ([.. preamble, .. rows], sawHeader, error);
    }

    private static bool IsEbayHeader(in CsvRow row)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < row.FieldCount; i++)
        {
            // The reader's own header-cell rule: a BOM, spaces and tabs trimmed (not every Unicode space).
            names.Add(Encoding.UTF8.GetString(row[i]).TrimStart('\uFEFF').Trim(' ', '\t').ToLowerInvariant());
        }
        return names.Contains("transaction creation date") && names.Contains("type") && (names.Contains("net amount") || names.Contains("gross transaction amount"));
    }

    /// <summary>
    /// Reads a (damaged) file: only an <see cref="InputFormatException"/> naming the file may escape, and only for a
    /// broken header or broken CSV quoting; every row the reader got to ends in a sink call (without an exception: every row).
    /// </summary>
    internal static void Check(ISettlementReader reader, byte[] file, bool ebay)
    {
        var (rows, sawHeader, csvError) = Expected(file, ebay);
        var sink = new RecordingSink();
        try
        {
            reader.Read(new MemoryStream(file), "fuzz.csv", ComponentMapping.Default, sink);
        }
        catch (InputFormatException e)
        {
            Assert.Equal("fuzz.csv", e.Source);
            if (csvError is not null && e.Line == csvError.Line && e.Reason == csvError.Reason)
            {
                // Broken quoting: after the header, every row before it was accounted for; before it, none was read.
                Assert.Equal(sawHeader ? rows : [], sink.RowsSeen);
                return;
            }
            Assert.Empty(sink.RowsSeen); // a header error comes before any row
            return;
        }
        Assert.Null(csvError);
        Assert.Equal(rows, sink.RowsSeen);
    }

    [Fact]
    public void The_unedited_seeds_are_read_whole_without_rejects()
    {
        foreach (var (reader, file, ebay) in new (ISettlementReader, byte[], bool)[]
        {
            (new ShopifySettlementReader(), s_shopify, false), (new EbaySettlementReader(), s_ebay, true), (new BraintreeSettlementReader(), s_braintree, false),
        })
        {
            var sink = new RecordingSink();
            reader.Read(new MemoryStream(file), "seed.csv", ComponentMapping.Default, sink);
            Assert.Empty(sink.Rejects);
            Check(reader, file, ebay);
        }
    }

    [Property(MaxTest = 300)]
    public Property Shopify_random_edits_never_throw_anything_else_and_never_lose_a_row() =>
        Prop.ForAll(ByteEdits.Edits(), edits => Check(new ShopifySettlementReader(), ByteEdits.Apply(s_shopify, edits), ebay: false));

    [Property(MaxTest = 300)]
    public Property Ebay_random_edits_never_throw_anything_else_and_never_lose_a_row() =>
        Prop.ForAll(ByteEdits.Edits(), edits => Check(new EbaySettlementReader(), ByteEdits.Apply(s_ebay, edits), ebay: true));

    [Property(MaxTest = 300)]
    public Property Braintree_random_edits_never_throw_anything_else_and_never_lose_a_row() =>
        Prop.ForAll(ByteEdits.Edits(), edits => Check(new BraintreeSettlementReader(), ByteEdits.Apply(s_braintree, edits), ebay: false));

    /// <summary>The real Braintree pull report (test input in ../shared, read where it is, never copied here).</summary>
    [Fact]
    public void Braintree_random_edits_of_the_real_report_never_throw_anything_else_and_never_lose_a_row() =>
        ByteEdits.CheckSharedFile("corpus/settlements/braintree/braintree-pull-report.csv", output, maxTest: 200,
            file => Check(new BraintreeSettlementReader(), file, ebay: false));
}
