using System.Globalization;
using System.Text;

namespace CrossBorder.Engine.Settlements.Generation;

/// <summary>
/// Deterministic settlement reports of any size in providers' real formats (header and conventions as the readers'
/// tests write them), UTF-8, LF: the files of the settlement-reader benchmarks (seeds 1 to 4), and what
/// <c>xborder generate --formats amazon-v2,stripe,adyen-sdr,paypal-activity</c> writes. Order ids are random, so these
/// exercise the readers, not matching against an expected file.
/// </summary>
public static class SettlementDatasetGenerator
{
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

    /// <summary>
    /// An Amazon settlement flat file V2 (tab-separated): one settlement summary row, then <paramref name="rows"/>
    /// order, refund and service-fee rows in EUR on Amazon.de.
    /// </summary>
    /// <param name="rows">Data rows after the summary row.</param>
    /// <param name="seed">Seed of the pseudo-random sequence.</param>
    public static byte[] AmazonV2(int rows, int seed)
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

    /// <summary>A Stripe itemized balance-change report: <paramref name="rows"/> charges, refunds and disputes in USD, each with its order id in the metadata.</summary>
    /// <param name="rows">Data rows.</param>
    /// <param name="seed">Seed of the pseudo-random sequence.</param>
    public static byte[] Stripe(int rows, int seed)
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

    /// <summary>An Adyen Settlement Details Report: <paramref name="rows"/> settled payments (with markup, scheme fee and interchange) and refunds in USD.</summary>
    /// <param name="rows">Data rows.</param>
    /// <param name="seed">Seed of the pseudo-random sequence.</param>
    public static byte[] Adyen(int rows, int seed)
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

    /// <summary>A PayPal Activity download (every field quoted, US dates): <paramref name="rows"/> completed payments in USD with fees and a running balance.</summary>
    /// <param name="rows">Data rows.</param>
    /// <param name="seed">Seed of the pseudo-random sequence.</param>
    public static byte[] PayPal(int rows, int seed)
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
}
