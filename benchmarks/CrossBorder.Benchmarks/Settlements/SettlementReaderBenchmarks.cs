using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CrossBorder.Benchmarks.Infrastructure;
using EngineMoney = CrossBorder.Engine.Money;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Adyen;
using CrossBorder.Engine.Settlements.Braintree;
using CrossBorder.Engine.Settlements.Generation;
using CrossBorder.Engine.Settlements.Amazon;
using CrossBorder.Engine.Settlements.PayPal;
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
public class SettlementReaderBenchmarks
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

    private readonly AmazonV2SettlementReader _amazon = new();
    private readonly StripeSettlementReader _stripe = new();
    private readonly AdyenSettlementReader _adyen = new();
    private readonly PayPalActivityReader _payPal = new();
    private readonly BraintreeSettlementReader _braintree = new();
    private readonly CountingSink _sink = new();

    private byte[] _amazonFile = [];
    private byte[] _stripeFile = [];
    private byte[] _adyenFile = [];
    private byte[] _payPalFile = [];
    private byte[] _braintreeFile = [];

    [GlobalSetup]
    public void Setup()
    {
        // The library's generators (also behind `xborder generate`), seeds 1 to 4.
        _amazonFile = SettlementDatasetGenerator.AmazonV2(Rows, 1);
        _stripeFile = SettlementDatasetGenerator.Stripe(Rows, 2);
        _adyenFile = SettlementDatasetGenerator.Adyen(Rows, 3);
        _payPalFile = SettlementDatasetGenerator.PayPal(Rows, 4);
        _braintreeFile = Braintree(Rows, 5);
        Check("Amazon V2", _amazon, _amazonFile, '\t', s_amazonAmounts);
        Check("Stripe", _stripe, _stripeFile, ',', s_stripeAmounts);
        Check("Adyen SDR", _adyen, _adyenFile, ',', s_adyenAmounts);
        Check("PayPal Activity", _payPal, _payPalFile, ',', s_payPalAmounts);
        Check("Braintree", _braintree, _braintreeFile, ',', s_braintreeAmounts);
    }

    private static void Check(string name, ISettlementReader reader, byte[] file, char separator, int[] amounts)
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
        var sepRows = SepRead(file, separator, amounts, []);
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

        static string M(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private long Read(ISettlementReader reader, byte[] file)
    {
        var sink = _sink;
        sink.Accepted = 0;
        sink.Sum = 0;
        reader.Read(new MemoryStream(file, writable: false), "generated", ComponentMapping.Default, sink);
        return sink.Sum + sink.Accepted;
    }

    private static (decimal Sum, long Rows) SepRead(byte[] file, char separator, int[] amounts, int[] touched)
    {
        using var reader = Sep.Reader(o => o with { Sep = new Sep(separator), HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(file);
        decimal sum = 0;
        long rows = 0;
        long length = 0;
        foreach (var row in reader)
        {
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
