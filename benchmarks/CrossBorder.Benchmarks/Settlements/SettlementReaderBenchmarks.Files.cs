using System.Globalization;
using System.Text;

namespace CrossBorder.Benchmarks.Settlements;

/// <summary>
/// Generators of the formats the library's <c>SettlementDatasetGenerator</c> does not write (Amazon V1, PayPal STL,
/// Shopify, eBay), in each format's header and conventions as the readers' tests write them. Seeded, UTF-8.
/// </summary>
public partial class SettlementReaderBenchmarks
{
    /// <summary>The header of the Amazon settlement flat file V1: 36 tab-separated columns, in the order of the reader's tests.</summary>
    private const string AmazonV1Header =
        "settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tshipment-fee-type\tshipment-fee-amount\torder-fee-type\torder-fee-amount\tfulfillment-id\tposted-date\torder-item-code\tmerchant-order-item-id\tmerchant-adjustment-item-id\tsku\tquantity-purchased\tprice-type\tprice-amount\titem-related-fee-type\titem-related-fee-amount\tmisc-fee-amount\tother-fee-amount\tother-fee-reason-description\tpromotion-id\tpromotion-type\tpromotion-amount\tdirect-payment-type\tdirect-payment-amount\tother-amount\n";

    /// <summary>
    /// An Amazon settlement flat file V1 (tab-separated, 36 columns) in GBP on Amazon.co.uk: one summary row, then
    /// <paramref name="rows"/> rows — six in ten an order's principal and commission (one in five of those also a
    /// shipping promotion and a misc fee), two a shipment and an order fee, one a refund, one a storage fee.
    /// </summary>
    internal static byte[] AmazonV1(int rows, int seed)
    {
        var random = new Random(seed);
        var names = AmazonV1Header.TrimEnd('\n').Split('\t');
        var column = names.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index);
        var text = new StringBuilder(AmazonV1Header, rows * 120);
        text.Append("V1S\t2026-06-16T00:00:00+00:00\t2026-06-30T00:00:00+00:00\t2026-07-02T00:00:00+00:00\t0.00\tGBP");
        text.Append('\t', names.Length - 6).Append('\n');
        var fields = new string[names.Length];
        for (var i = 0; i < rows; i++)
        {
            Array.Fill(fields, "");
            Set("settlement-id", "V1S");
            Set("currency", "GBP");
            Set("marketplace-name", "Amazon.co.uk");
            Set("posted-date", string.Create(CultureInfo.InvariantCulture, $"2026-06-{1 + i % 28:00}"));
            var order = string.Create(CultureInfo.InvariantCulture, $"202-{random.Next(10_000_000):0000000}-{random.Next(10_000_000):0000000}");
            var cents = random.Next(100, 100_000);
            var roll = random.Next(10);
            if (roll < 6)
            {
                Set("transaction-type", "Order");
                Set("order-id", order);
                Set("price-type", "Principal");
                Set("price-amount", M(cents));
                Set("item-related-fee-type", "Commission");
                Set("item-related-fee-amount", M(-cents * 15 / 100));
                if (roll == 0)
                {
                    Set("promotion-type", "Shipping");
                    Set("promotion-amount", "-1.00");
                    Set("misc-fee-amount", "-0.40");
                }
            }
            else if (roll < 8)
            {
                Set("transaction-type", "Order");
                Set("order-id", order);
                Set("shipment-fee-type", "FBAPerOrderFulfillmentFee");
                Set("shipment-fee-amount", M(-cents / 20 - 100));
                Set("order-fee-type", "Closing Fee");
                Set("order-fee-amount", "-0.50");
            }
            else if (roll == 8)
            {
                Set("transaction-type", "Refund");
                Set("order-id", order);
                Set("price-type", "Principal");
                Set("price-amount", M(-cents));
                Set("item-related-fee-type", "Commission");
                Set("item-related-fee-amount", M(cents * 15 / 100));
            }
            else
            {
                Set("transaction-type", "other-transaction");
                Set("other-fee-reason-description", "Storage Fee");
                Set("other-fee-amount", M(-cents / 10));
            }
            text.AppendJoin('\t', fields).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());

        void Set(string name, string value) => fields[column[name]] = value;
    }

    private const string StlColumnHeader =
        "\"CH\",\"Transaction ID\",\"Invoice ID\",\"PayPal Reference ID\",\"PayPal Reference ID Type\",\"Transaction Event Code\",\"Transaction Initiation Date\",\"Transaction Completion Date\",\"Transaction  Debit or Credit\",\"Gross Transaction Amount\",\"Gross Transaction Currency\",\"Fee Debit or Credit\",\"Fee Amount\",\"Fee Currency\",\"Custom Field\",\"Consumer ID\"\r\n";

    /// <summary>
    /// A PayPal Settlement Report (STL), UTF-8, CRLF, every field quoted: RH, FH, then one section (SH, CH, SB rows,
    /// SF, SC) per 10,000 body rows, then RF, RC and FF, the footers' totals and counts those of the rows. Body rows
    /// in USD: nine in ten a payment (T0006, gross CR, fee DR), one a refund of the row before (T1107, gross DR,
    /// fee CR); amounts unsigned in hundredths.
    /// </summary>
    internal static byte[] PayPalStl(int rows, int seed)
    {
        const int sectionRows = 10_000;
        var random = new Random(seed);
        var text = new StringBuilder(rows * 200);
        text.Append("\"RH\",\"2026/10/29 02:34:29 -0700\",\"A\",\"ACC123\",\"009\"\r\n\"FH\",\"01\"\r\n");
        var lines = 2L;
        var report = new long[4]; // gross CR, gross DR, fee CR, fee DR
        for (var first = 0; first < rows; first += sectionRows)
        {
            var day = 1 + first / sectionRows % 28;
            text.Append(CultureInfo.InvariantCulture, $"\"SH\",\"2026/10/{day:00} 00:00:00 -0700\",\"2026/10/{day:00} 23:59:59 -0700\",\"ACC123\",\"\"\r\n");
            text.Append(StlColumnHeader);
            var section = new long[4];
            var count = Math.Min(sectionRows, rows - first);
            for (var i = first; i < first + count; i++)
            {
                var gross = random.Next(100, 500_000);
                var fee = gross * 29 / 1000 + 30;
                var refund = random.Next(10) == 0;
                var time = string.Create(CultureInfo.InvariantCulture, $"2026/10/{day:00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00} -0700");
                section[refund ? 1 : 0] += gross;
                section[refund ? 2 : 3] += fee;
                text.Append(CultureInfo.InvariantCulture,
                    $"\"SB\",\"{i:X17}\",\"{(refund ? "" : $"INV-{i}")}\",\"{(refund ? $"{i - 1:X17}" : "")}\",\"TXN\",\"{(refund ? "T1107" : "T0006")}\",\"{time}\",\"{time}\",\"{(refund ? "DR" : "CR")}\",\"{gross}\",\"USD\",\"{(refund ? "CR" : "DR")}\",\"{fee}\",\"USD\",\"\",\"\"\r\n");
            }
            text.Append(CultureInfo.InvariantCulture, $"\"SF\",\"USD\",\"{section[0]}\",\"{section[1]}\",\"{section[2]}\",\"{section[3]}\"\r\n\"SC\",\"{count}\"\r\n");
            lines += 4 + count;
            for (var k = 0; k < 4; k++)
            {
                report[k] += section[k];
            }
        }
        text.Append(CultureInfo.InvariantCulture, $"\"RF\",\"USD\",\"{report[0]}\",\"{report[1]}\",\"{report[2]}\",\"{report[3]}\"\r\n\"RC\",\"{rows}\"\r\n\"FF\",\"{lines + 3}\"\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private const string ShopifyHeader =
        "Transaction Date,Type,Order,Card Brand,Card Source,Payout Status,Payout Date,Payout ID,Available On,Amount,Fee,Net,Currency,Checkout,Payment Method Name,Presentment Amount,Presentment Currency,VAT,Business Entity Name,Business Entity ID\n";

    /// <summary>
    /// A Shopify Payments payout transactions export in USD: eight in ten a charge with its fee (one in ten of those
    /// with VAT on the fee deducted from the net), one a refund, one an adjustment without an order.
    /// </summary>
    internal static byte[] Shopify(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(ShopifyHeader, rows * 140);
        for (var i = 0; i < rows; i++)
        {
            var day = 1 + i % 28;
            var roll = random.Next(10);
            var type = roll < 8 ? "charge" : roll == 8 ? "refund" : "adjustment";
            var amount = roll < 8 ? random.Next(100, 200_000) : -random.Next(100, 50_000);
            var fee = roll < 8 ? amount * 29 / 1000 + 30 : 0;
            var vat = roll == 0 ? fee / 5 : 0;
            text.Append(CultureInfo.InvariantCulture,
                $"2026-10-{day:00} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00} -0400,{type},{(roll == 9 ? "" : $"#{1000 + i / 2}")},visa,online,paid,2026-10-{day + 2:00},{88_000 + i / 1000},2026-10-{day + 2:00},{M(amount)},{M(fee)},{M(amount - fee - vat)},USD,{(roll < 8 ? $"c{i}" : "")},card,{M(amount * 92 / 100)},EUR,{(vat == 0 ? "" : M(vat))},Shop,1\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The header of eBay's transaction report as in the reader's tests: 38 quoted columns, six of them fees.</summary>
    private const string EbayHeader =
        "\"Transaction creation date\",\"Type\",\"Order number\",\"Legacy order ID\",\"Buyer username\",\"Buyer name\",\"Ship to city\",\"Ship to province/region/state\",\"Ship to zip\",\"Ship to country\",\"Net amount\",\"Payout currency\",\"Payout date\",\"Payout ID\",\"Payout method\",\"Payout status\",\"Reason for hold\",\"Item ID\",\"Transaction ID\",\"Item title\",\"Custom label\",\"Quantity\",\"Item subtotal\",\"Shipping and handling\",\"Seller collected sales tax\",\"eBay collected sales tax\",\"Electronic waste recycling fee\",\"Final Value Fee - fixed\",\"Final Value Fee - variable\",\"Regulatory operating fee\",\"Very high \"\"item not as described\"\" fee\",\"Below standard performance fee\",\"International fee\",\"Gross transaction amount\",\"Transaction currency\",\"Exchange rate\",\"Reference ID\",\"Description\"\n";

    /// <summary>The report's title and period, before the header row.</summary>
    private const string EbayPreamble = "\"Transaction report\"\n\"Start date\",\"Oct 1, 2026\"\n\"End date\",\"Oct 31, 2026\"\n\n";

    /// <summary>
    /// An eBay transaction report in USD (preamble, then every field quoted, <c>--</c> for empty values, dates such as
    /// <c>Oct 1, 2026</c>, ',' groups): nine in ten an order with its gross, the final value fees (fixed and variable)
    /// and the regulatory operating fee, net = gross + fees; one a shipping label (net only).
    /// </summary>
    internal static byte[] Ebay(int rows, int seed)
    {
        var random = new Random(seed);
        var names = EbayHeader[1..^2].Split("\",\"").Select(name => name.Replace("\"\"", "\"", StringComparison.Ordinal)).ToArray();
        var column = names.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index);
        var text = new StringBuilder(EbayPreamble + EbayHeader, rows * 420);
        var fields = new string[names.Length];
        for (var i = 0; i < rows; i++)
        {
            Array.Fill(fields, "--");
            var day = 1 + i % 28;
            Set("Transaction creation date", string.Create(CultureInfo.InvariantCulture, $"Oct {day}, 2026"));
            Set("Payout currency", "USD");
            Set("Payout date", string.Create(CultureInfo.InvariantCulture, $"Oct {day + 2}, 2026"));
            Set("Payout ID", string.Create(CultureInfo.InvariantCulture, $"P{7_000_000 + i / 1000}"));
            Set("Payout method", "Bank account");
            Set("Payout status", "Paid");
            if (random.Next(10) != 0)
            {
                var gross = random.Next(100, 300_000);
                var variable = gross * 13 / 100;
                var regulatory = gross / 250;
                Set("Type", "Order");
                Set("Order number", string.Create(CultureInfo.InvariantCulture, $"{10 + i % 90}-{random.Next(100_000):00000}-{random.Next(100_000):00000}"));
                Set("Buyer username", string.Create(CultureInfo.InvariantCulture, $"buyer{i}"));
                Set("Ship to country", "US");
                Set("Item ID", string.Create(CultureInfo.InvariantCulture, $"{3_000_000_000L + i}"));
                Set("Transaction ID", string.Create(CultureInfo.InvariantCulture, $"{2_000_000_000_000L + i}"));
                Set("Item title", string.Create(CultureInfo.InvariantCulture, $"Item {i % 500}"));
                Set("Quantity", "1");
                Set("Item subtotal", G(gross));
                Set("Shipping and handling", "0.00");
                Set("Final Value Fee - fixed", "-0.30");
                Set("Final Value Fee - variable", G(-variable));
                Set("Regulatory operating fee", G(-regulatory));
                Set("Gross transaction amount", G(gross));
                Set("Transaction currency", "USD");
                Set("Net amount", G(gross - 30 - variable - regulatory));
            }
            else
            {
                Set("Type", "Shipping label");
                Set("Net amount", G(-random.Next(300, 3_000)));
                Set("Reference ID", string.Create(CultureInfo.InvariantCulture, $"L{i}"));
                Set("Description", "USPS Ground Advantage");
            }
            Append(fields);
        }
        return Encoding.UTF8.GetBytes(text.ToString());

        void Set(string name, string value) => fields[column[name]] = value;

        void Append(string[] values)
        {
            for (var k = 0; k < values.Length; k++)
            {
                text.Append(k == 0 ? "\"" : ",\"").Append(values[k].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            text.Append('\n');
        }
    }

    /// <summary>Minor units as major units with two decimals.</summary>
    private static string M(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Minor units as major units with two decimals and ',' groups (for quoted fields).</summary>
    private static string G(long minor) => (minor / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
}
