using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CrossBorder.Benchmarks.Infrastructure;
using EngineMoney = CrossBorder.Engine.Money;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Adyen;
using CrossBorder.Engine.Settlements.Braintree;
using CrossBorder.Engine.Settlements.Ebay;
using CrossBorder.Engine.Settlements.Generation;
using CrossBorder.Engine.Settlements.Amazon;
using CrossBorder.Engine.Settlements.PayPal;
using CrossBorder.Engine.Settlements.Shopify;
using CrossBorder.Engine.Settlements.Stripe;
using nietras.SeparatedValues;

namespace CrossBorder.Benchmarks.Settlements;

/// <summary>
/// Each settlement reader's throughput on a generated file of <see cref="Rows"/> data rows in its own format, against
/// Sep reading the same bytes as a plain separated-values file (the parsing ceiling). Figures are per data row. Every
/// reader allocates per file only (0 B per row), so each is <see cref="OursAttribute"/> and under the allocation gate.
/// </summary>
/// <remarks>
/// The Sep baseline, per row: <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out decimal)"/>
/// on each amount column the reader parses, and the lengths of the other columns the reader reads (ids, type,
/// currency, date, refs) summed, so both sides touch the same columns. Quotes are unescaped (PayPal quotes every
/// field). Ours: the reader over a <see cref="MemoryStream"/> of the same bytes with <see cref="ComponentMapping.Default"/>
/// and a sink that only counts calls and sums minor units (no engine).
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MedianColumn]
public partial class SettlementReaderBenchmarks
{
    /// <summary>Data rows per generated file (Amazon V2 has one settlement summary row more).</summary>
    public const int Rows = 100_000;

    private static readonly int[] s_amazonAmounts = [14];
    private static readonly int[] s_amazonTouched = [0, 5, 6, 7, 11, 12, 13, 16];
    private static readonly int[] s_stripeAmounts = [4, 5, 6];
    private static readonly int[] s_stripeTouched = [0, 1, 3, 7, 8, 12, 15];
    private static readonly int[] s_adyenAmounts = [14, 15, 16, 17, 18, 19];
    private static readonly int[] s_adyenTouched = [2, 3, 5, 7, 13, 21];
    private static readonly int[] s_payPalAmounts = [7, 8, 9, 18];
    private static readonly int[] s_payPalTouched = [0, 4, 5, 6, 12, 15, 16];
    private static readonly int[] s_braintreeAmounts = [5, 8, 19, 23, 24, 25, 26, 27, 28, 29, 30];
    private static readonly int[] s_braintreeTouched = [0, 1, 2, 3, 4, 6, 9, 10, 11, 20];
    private static readonly int[] s_amazonV1Amounts = [13, 15, 24, 26, 27, 28, 32, 34, 35];
    private static readonly int[] s_amazonV1Touched = [0, 4, 5, 6, 7, 11, 12, 14, 17, 23, 25, 29, 31, 33];
    private static readonly int[] s_payPalStlAmounts = [9, 12];
    private static readonly int[] s_payPalStlTouched = [1, 2, 3, 5, 7, 8, 10, 11, 13];
    private static readonly int[] s_shopifyAmounts = [9, 10, 11, 17];
    private static readonly int[] s_shopifyTouched = [0, 1, 2, 7, 12, 13];
    private static readonly int[] s_ebayAmounts = [10, 27, 28, 29, 30, 31, 32, 33];
    private static readonly int[] s_ebayTouched = [0, 1, 2, 3, 11, 13, 18, 34, 36];

    private readonly AmazonV2SettlementReader _amazon = new();
    private readonly StripeSettlementReader _stripe = new();
    private readonly AdyenSettlementReader _adyen = new();
    private readonly PayPalActivityReader _payPal = new();
    private readonly BraintreeSettlementReader _braintree = new();
    private readonly AmazonV1SettlementReader _amazonV1 = new();
    private readonly PayPalStlReader _payPalStl = new();
    private readonly ShopifySettlementReader _shopify = new();
    private readonly EbaySettlementReader _ebay = new();
    private readonly CountingSink _sink = new();

    private byte[] _amazonFile = [];
    private byte[] _stripeFile = [];
    private byte[] _adyenFile = [];
    private byte[] _payPalFile = [];
    private byte[] _braintreeFile = [];
    private byte[] _amazonV1File = [];
    private byte[] _payPalStlFile = [];
    private byte[] _shopifyFile = [];
    private byte[] _ebayFile = [];
    private byte[] _ebaySepFile = [];

    [GlobalSetup]
    public void Setup()
    {
        // The library's generators (also behind `xborder generate`), seeds 1 to 4.
        _amazonFile = SettlementDatasetGenerator.AmazonV2(Rows, 1);
        _stripeFile = SettlementDatasetGenerator.Stripe(Rows, 2);
        _adyenFile = SettlementDatasetGenerator.Adyen(Rows, 3);
        _payPalFile = SettlementDatasetGenerator.PayPal(Rows, 4);
        _braintreeFile = Braintree(Rows, 5);
        _amazonV1File = AmazonV1(Rows, 6);
        _payPalStlFile = PayPalStl(Rows, 7);
        _shopifyFile = Shopify(Rows, 8);
        _ebayFile = Ebay(Rows, 9);
        // Sep has no option to skip lines: it reads the eBay file from its header row (the preamble is 75 bytes).
        _ebaySepFile = _ebayFile[_ebayFile.AsSpan().IndexOf("\"Transaction creation date\""u8)..];
        Check("Amazon V2", _amazon, _amazonFile, '\t', s_amazonAmounts);
        Check("Stripe", _stripe, _stripeFile, ',', s_stripeAmounts);
        Check("Adyen SDR", _adyen, _adyenFile, ',', s_adyenAmounts);
        Check("PayPal Activity", _payPal, _payPalFile, ',', s_payPalAmounts);
        Check("Braintree", _braintree, _braintreeFile, ',', s_braintreeAmounts);
        Check("Amazon V1", _amazonV1, _amazonV1File, '\t', s_amazonV1Amounts);
        Check("PayPal STL", _payPalStl, _payPalStlFile, ',', s_payPalStlAmounts, recordType: "SB");
        Check("Shopify", _shopify, _shopifyFile, ',', s_shopifyAmounts);
        Check("eBay", _ebay, _ebayFile, ',', s_ebayAmounts, sepFile: _ebaySepFile);
    }

    // sepFile: what Sep reads when it is not the reader's file; recordType: Sep reads only the rows whose first field
    // is this (PayPal STL's body rows).
    private static void Check(string name, ISettlementReader reader, byte[] file, char separator, int[] amounts, byte[]? sepFile = null, string? recordType = null)
    {
        var sink = new CountingSink();
        reader.Read(new MemoryStream(file, writable: false), name, ComponentMapping.Default, sink);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {name}: {file.Length:N0} bytes, {Rows:N0} rows; accepted {sink.Accepted:N0}, rejected {sink.Rejected}, informational {sink.Informational}, stated {sink.Stated}, sum {sink.Sum}"));
        if (sink.Rejected != 0)
        {
            throw new InvalidOperationException($"{name}: the reader rejected {sink.Rejected} generated rows.");
        }
        if (sink.Accepted < Rows)
        {
            throw new InvalidOperationException($"{name}: the reader accepted {sink.Accepted} lines from {Rows} rows.");
        }
        var sepRows = SepRead(sepFile ?? file, separator, amounts, [], recordType);
        if (sepRows.Rows < Rows)
        {
            throw new InvalidOperationException($"{name}: Sep read {sepRows.Rows} rows.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Sep (ceiling)")]
    [BenchmarkCategory("AmazonV2")]
    public decimal AmazonV2_Sep() => SepRead(_amazonFile, '\t', s_amazonAmounts, s_amazonTouched).Sum;

    [Ours]
    [Benchmark(OperationsPerInvoke = Rows, Description = "AmazonV2SettlementReader")]
    [BenchmarkCategory("AmazonV2")]
    public long AmazonV2_Ours() => Read(_amazon, _amazonFile);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Sep (ceiling)")]
    [BenchmarkCategory("Stripe")]
    public decimal Stripe_Sep() => SepRead(_stripeFile, ',', s_stripeAmounts, s_stripeTouched).Sum;

    [Ours]
    [Benchmark(OperationsPerInvoke = Rows, Description = "StripeSettlementReader")]
    [BenchmarkCategory("Stripe")]
    public long Stripe_Ours() => Read(_stripe, _stripeFile);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Sep (ceiling)")]
    [BenchmarkCategory("AdyenSdr")]
    public decimal AdyenSdr_Sep() => SepRead(_adyenFile, ',', s_adyenAmounts, s_adyenTouched).Sum;

    [Ours]
    [Benchmark(OperationsPerInvoke = Rows, Description = "AdyenSettlementReader")]
    [BenchmarkCategory("AdyenSdr")]
    public long AdyenSdr_Ours() => Read(_adyen, _adyenFile);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Sep (ceiling)")]
    [BenchmarkCategory("PayPalActivity")]
    public decimal PayPalActivity_Sep() => SepRead(_payPalFile, ',', s_payPalAmounts, s_payPalTouched).Sum;

    [Ours]
    [Benchmark(OperationsPerInvoke = Rows, Description = "PayPalActivityReader")]
    [BenchmarkCategory("PayPalActivity")]
    public long PayPalActivity_Ours() => Read(_payPal, _payPalFile);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Sep (ceiling)")]
    [BenchmarkCategory("Braintree")]
    public decimal Braintree_Sep() => SepRead(_braintreeFile, ',', s_braintreeAmounts, s_braintreeTouched).Sum;

    [Ours]
    [Benchmark(OperationsPerInvoke = Rows, Description = "BraintreeSettlementReader")]
    [BenchmarkCategory("Braintree")]
    public long Braintree_Ours() => Read(_braintree, _braintreeFile);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Sep (ceiling)")]
    [BenchmarkCategory("AmazonV1")]
    public decimal AmazonV1_Sep() => SepRead(_amazonV1File, '\t', s_amazonV1Amounts, s_amazonV1Touched).Sum;

    [Ours]
    [Benchmark(OperationsPerInvoke = Rows, Description = "AmazonV1SettlementReader")]
    [BenchmarkCategory("AmazonV1")]
    public long AmazonV1_Ours() => Read(_amazonV1, _amazonV1File);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Sep (ceiling)")]
    [BenchmarkCategory("PayPalStl")]
    public decimal PayPalStl_Sep() => SepRead(_payPalStlFile, ',', s_payPalStlAmounts, s_payPalStlTouched, "SB").Sum;

    [Ours]
    [Benchmark(OperationsPerInvoke = Rows, Description = "PayPalStlReader")]
    [BenchmarkCategory("PayPalStl")]
    public long PayPalStl_Ours() => Read(_payPalStl, _payPalStlFile);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Sep (ceiling)")]
    [BenchmarkCategory("Shopify")]
    public decimal Shopify_Sep() => SepRead(_shopifyFile, ',', s_shopifyAmounts, s_shopifyTouched).Sum;

    [Ours]
    [Benchmark(OperationsPerInvoke = Rows, Description = "ShopifySettlementReader")]
    [BenchmarkCategory("Shopify")]
    public long Shopify_Ours() => Read(_shopify, _shopifyFile);

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Sep (ceiling)")]
    [BenchmarkCategory("Ebay")]
    public decimal Ebay_Sep() => SepRead(_ebaySepFile, ',', s_ebayAmounts, s_ebayTouched).Sum;

    [Ours]
    [Benchmark(OperationsPerInvoke = Rows, Description = "EbaySettlementReader")]
    [BenchmarkCategory("Ebay")]
    public long Ebay_Ours() => Read(_ebay, _ebayFile);

    /// <summary>
    /// A Braintree transaction-level fee report of <paramref name="rows"/> rows (the library has no generator for it):
    /// four sales in five presented in USD and settled in EUR with a per-transaction, a multicurrency and a
    /// discount-rate fee; one in five a credit with its discount fee returned.
    /// </summary>
    internal static byte[] Braintree(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new System.Text.StringBuilder(
            "Merchant Account ID,Transaction ID,Original Transaction ID,Transaction Type,Presentment Currency,Presentment Amount,Settlement Currency,Original Sale Amount,Settlement Amount,Settlement Date,Disbursement Date,Deposit ID,Payment Instrument,Card Brand,Card Type,First 6 of CC,Issuing Bank,Refunded Amount,Refund Type,Exchange Rate,Order ID,Acquirer Reference Number,Card Issuing Country,Discount,Discount Credit,Per Transaction Fee,Per Transaction Fee Credit,Multicurrency Fee Amount,Multicurrency Fee Credit,Braintree Total Amount,Total Fee Amount\n");
        for (var i = 0; i < rows; i++)
        {
            var settled = random.Next(100, 500_000);
            var presented = settled * 10_000L / 9157;
            var sale = i % 5 != 0;
            var discount = settled * 19 / 1000;
            var multicurrency = sale ? settled / 100 : 0;
            var perTransaction = sale ? 30 : 0;
            var total = sale ? discount + perTransaction + multicurrency : -discount;
            text.Append(CultureInfo.InvariantCulture,
                $"eur_account,t{i},{(sale ? "" : $"t{i - 1}")},{(sale ? "sale" : "credit")},USD,{M(presented)},EUR,,{M(settled)},2026-10-{1 + i % 28:00},2026-10-{3 + i % 26:00},\"\",credit_card,Visa,Credit,411111,\"The Bank\",0.00,,0.9157,ORD-{i / 2},ARN{i},USA,0.0190,{M(sale ? 0 : discount)},{M(perTransaction)},0.00,{M(multicurrency)},0.00,{M(total)},{M(total)}\n");
        }
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    private long Read(ISettlementReader reader, byte[] file)
    {
        var sink = _sink;
        sink.Accepted = 0;
        sink.Sum = 0;
        reader.Read(new MemoryStream(file, writable: false), "generated", ComponentMapping.Default, sink);
        return sink.Sum + sink.Accepted;
    }

    private static (decimal Sum, long Rows) SepRead(byte[] file, char separator, int[] amounts, int[] touched, string? recordType = null)
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(separator), HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(file);
        decimal sum = 0;
        long rows = 0;
        long length = 0;
        foreach (var row in reader)
        {
            if (recordType is not null && !row[0].Span.SequenceEqual(recordType))
            {
                continue;
            }
            rows++;
            foreach (var index in amounts)
            {
                if (decimal.TryParse(row[index].Span, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                {
                    sum += amount;
                }
            }
            foreach (var index in touched)
            {
                length += row[index].Span.Length;
            }
        }
        return (sum + length, rows);
    }

    /// <summary>Counts calls and sums minor units; nothing else.</summary>
    private sealed class CountingSink : ISettlementSink
    {
        public long Accepted;
        public long Rejected;
        public long Stated;
        public long Informational;
        public long Sum;

        public void Accept(in SettlementLine line)
        {
            Accepted++;
            Sum += line.MinorUnits;
        }

        public void Reject(long lineNumber, int column, ReadOnlySpan<byte> value, string reason) => Rejected++;

        public void StatedTotal(ReadOnlySpan<byte> settlementId, EngineMoney total, long lineNumber, string description) => Stated++;

        void ISettlementSink.Informational(long lineNumber, string reason) => Informational++;
    }
}
