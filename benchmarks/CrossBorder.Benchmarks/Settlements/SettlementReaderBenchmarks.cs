using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CrossBorder.Benchmarks.Infrastructure;
using EngineMoney = CrossBorder.Engine.Money;
using CrossBorder.Engine.Settlements;
using CrossBorder.Engine.Settlements.Adyen;
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

    private readonly AmazonV2SettlementReader _amazon = new();
    private readonly StripeSettlementReader _stripe = new();
    private readonly AdyenSettlementReader _adyen = new();
    private readonly PayPalActivityReader _payPal = new();
    private readonly CountingSink _sink = new();

    private byte[] _amazonFile = [];
    private byte[] _stripeFile = [];
    private byte[] _adyenFile = [];
    private byte[] _payPalFile = [];

    [GlobalSetup]
    public void Setup()
    {
        _amazonFile = AmazonV2(Rows, 1);
        _stripeFile = Stripe(Rows, 2);
        _adyenFile = Adyen(Rows, 3);
        _payPalFile = PayPal(Rows, 4);
        Check("Amazon V2", _amazon, _amazonFile, '\t', s_amazonAmounts);
        Check("Stripe", _stripe, _stripeFile, ',', s_stripeAmounts);
        Check("Adyen SDR", _adyen, _adyenFile, ',', s_adyenAmounts);
        Check("PayPal Activity", _payPal, _payPalFile, ',', s_payPalAmounts);
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

    // Generators: deterministic (seeded), in each format's real header and conventions, as the readers' tests write them.

    private static readonly string[] s_amazonColumns =
    [
        "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency",
        "transaction-type", "order-id", "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name",
        "amount-type", "amount-description", "amount", "fulfillment-id", "posted-date", "posted-date-time",
        "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased", "promotion-id",
    ];

    private static readonly (string Type, string AmountType, string Description)[] s_amazonCodes =
    [
        ("Order", "ItemPrice", "Principal"), ("Order", "ItemPrice", "Tax"), ("Order", "ItemFees", "Commission"),
        ("Order", "ItemFees", "FBAPerUnitFulfillmentFee"), ("Refund", "ItemPrice", "Principal"), ("Refund", "ItemFees", "Commission"),
        ("ServiceFee", "other-transaction", "Storage Fee"),
    ];

    internal static byte[] AmazonV2(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(rows * 160);
        text.AppendJoin('\t', s_amazonColumns).Append('\n');
        text.Append("S1\t2026-06-16 00:00:00 UTC\t2026-06-30 23:59:59 UTC\t2026-07-02 00:00:00 UTC\t0.00\tEUR");
        text.Append('\t', s_amazonColumns.Length - 6).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var (type, amountType, description) = s_amazonCodes[random.Next(s_amazonCodes.Length)];
            var cents = random.Next(1, 100_000) * (type == "Order" && amountType == "ItemPrice" ? 1 : -1);
            var order = type == "ServiceFee" ? "" : string.Create(CultureInfo.InvariantCulture, $"303-{random.Next(10_000_000):0000000}-{random.Next(10_000_000):0000000}");
            text.Append(CultureInfo.InvariantCulture,
                $"S1\t\t\t\t\tEUR\t{type}\t{order}\t\t\t\tAmazon.de\t{amountType}\t{description}\t{cents / 100m:0.00}\t\t2026-06-{1 + i % 28:00}T10:00:00+00:00\t\t\t\t\t\t\t\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private const string StripeHeader =
        "balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,source_id,description,charge_id,payment_intent_id,automatic_payout_id,customer_facing_amount,customer_facing_currency,payment_metadata[order_id]\n";

    internal static byte[] Stripe(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(StripeHeader, rows * 160);
        for (var i = 0; i < rows; i++)
        {
            var roll = random.Next(10);
            var category = roll < 7 ? "charge" : roll < 9 ? "refund" : "dispute";
            var gross = random.Next(1, 100_000) * (category == "charge" ? 1 : -1);
            var fee = category == "charge" ? gross / 30 + 30 : 0;
            text.Append(CultureInfo.InvariantCulture,
                $"txn_{i:x8},2026-10-{1 + i % 28:00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00},,usd,{gross / 100m:0.00},{fee / 100m:0.00},{(gross - fee) / 100m:0.00},{category},ch_{i:x8},Payment {i},ch_{i:x8},pi_{i:x8},po_{i / 1000},,,ORD-{i / 2}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private const string AdyenHeader = "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Markup (NC),Scheme Fees (NC),Interchange (NC),Payment Method Variant,Batch Number,Reserved4,Reserved5,Reserved6,Reserved7,Reserved8,Reserved9,Reserved10,Modification Merchant Reference,Booking Date,Booking Date TimeZone\n";

    internal static byte[] Adyen(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(AdyenHeader, rows * 220);
        for (var i = 0; i < rows; i++)
        {
            var gross = random.Next(100, 100_000);
            var markup = gross / 100;
            var scheme = gross / 300 + 1;
            var interchange = gross / 150 + 1;
            var psp = string.Create(CultureInfo.InvariantCulture, $"{8815_0000_0000_0000L + i}");
            var date = string.Create(CultureInfo.InvariantCulture, $"2021-01-{1 + i % 28:00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}");
            if (random.Next(10) == 0)
            {
                // A refund: debits, no fees.
                text.Append(CultureInfo.InvariantCulture,
                    $"Co,ACC,{psp},CM{random.Next(1_000_000)},visa,{date},CET,Refunded,MOD{psp},USD,{gross / 100m:0.00},,1,USD,{gross / 100m:0.00},,,,,,visacredit,{7 + i / 5000},,,,,,,,<auto>,2021-01-29 23:50:00,CET\n");
            }
            else
            {
                var net = gross - markup - scheme - interchange;
                text.Append(CultureInfo.InvariantCulture,
                    $"Co,ACC,{psp},CM{random.Next(1_000_000)},visa,{date},CET,Settled,MOD{psp},USD,,{gross / 100m:0.00},1,USD,,{net / 100m:0.00},,{markup / 100m:0.00},{scheme / 100m:0.00},{interchange / 100m:0.00},visacredit,{7 + i / 5000},,,,,,,,<auto>,2021-01-29 23:50:00,CET\n");
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private const string PayPalHeader = "\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"From Email Address\",\"To Email Address\",\"Transaction ID\",\"Address Status\",\"Sales Tax\",\"Reference Txn ID\",\"Invoice Number\",\"Receipt ID\",\"Balance\"\n";

    internal static byte[] PayPal(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(PayPalHeader, rows * 230);
        long balance = 0;
        for (var i = 0; i < rows; i++)
        {
            var gross = random.Next(100, 500_000);
            var fee = -(gross * 29 / 1000 + 30);
            var net = gross + fee;
            balance += net;
            var type = random.Next(3) == 0 ? "Website Payment" : "Express Checkout Payment";
            text.Append(CultureInfo.InvariantCulture,
                $"\"{1 + i % 12}/{1 + i % 28}/2020\",\"{random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}\",\"PDT\",\"Buyer {i}\",\"{type}\",\"Completed\",\"USD\",\"{gross / 100m:#,##0.00}\",\"{fee / 100m:#,##0.00}\",\"{net / 100m:#,##0.00}\",\"buyer{i}@example.com\",\"shop@example.com\",\"{i:X17}\",\"Confirmed\",\"0.00\",\"\",\"INV{random.Next(1_000_000)}\",\"\",\"{balance / 100m:#,##0.00}\"\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
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
