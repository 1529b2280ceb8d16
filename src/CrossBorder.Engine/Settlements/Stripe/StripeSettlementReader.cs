using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.Stripe;

/// <summary>
/// Reads Stripe's balance-change and payout-reconciliation itemized reports (CSV, columns found by header name in
/// any order: <c>balance_transaction_id, created_utc, currency, gross, reporting_category</c> required;
/// <c>fee, net, description, source_id, charge_id, payment_intent_id, automatic_payout_id,
/// payment_metadata[order_id]</c> and others optional; unknown columns ignored).
/// </summary>
/// <remarks>
/// <para><b>Lines.</b> Each row gives its <c>gross</c> as one line (component from the mapping with the reporting
/// category as transaction type and code <c>gross</c>) and, when non-zero, its <c>fee</c> as a second line (code
/// <c>fee</c>) of <em>minus</em> the fee: Stripe states fees as positive costs and <c>net = gross − fee</c>, and
/// lines are signed as credits to the seller. A row whose gross and fee are both zero is informational. When the
/// <c>net</c> column is present it must equal <c>gross − fee</c>, otherwise the row is rejected at that column.</para>
/// <para><b>Keys.</b> Order id: <c>payment_metadata[order_id]</c> (or another order reference in the payment
/// metadata) when present, else the first non-empty of <c>payment_intent_id</c>, <c>charge_id</c>,
/// <c>source_id</c>, <c>automatic_payout_id</c>, <c>balance_transaction_id</c>. Ref: the balance transaction id,
/// with <c>:fee</c> appended on the fee line. Settlement: <c>automatic_payout_id</c> (empty when none). Date: the
/// date of <c>created_utc</c> (UTC). The free-text description is not passed to the mapping: it is unique per row
/// (invoice numbers, customer text) and would defeat the mapping's cache.</para>
/// <para><b>Payouts.</b> A row whose reporting category is <c>payout</c> is the payout itself, taking the money out of
/// the balance: its net is the negative of the sum of the payout's lines. It yields no line but the payout's stated
/// total, <c>−net</c>, for the settlement <c>automatic_payout_id</c> (or, when that is empty, <c>source_id</c>, the
/// <c>po_</c> id), so that on consistent data the settlement check balances. A payout row without either id is
/// informational.</para>
/// <para><b>Amounts.</b> Major units with a '.' decimal point and no grouping. More decimals than the currency has
/// (seen for zero-decimal currencies) are rejected, never rounded: trailing zeros (<c>500.00</c> JPY) are exact and
/// accepted. The currency is the lower-case ISO code.</para>
/// </remarks>
public sealed class StripeSettlementReader : ISettlementReader
{
    private static readonly AmountFormat s_amounts = AmountFormat.Invariant;

    /// <inheritdoc />
    public SettlementFormat Format => SettlementFormat.Stripe;

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head)
    {
        foreach (var line in ProviderCsv.Lines(head, 1))
        {
            var names = ProviderCsv.HeaderNames(line);
            return names.Contains("balance_transaction_id") && names.Contains("reporting_category") && names.Contains("gross") && names.Contains("currency");
        }
        return false;
    }

    /// <inheritdoc />
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        using var csv = ProviderCsv.Open(stream, sourceName, mapping, sink);
        var header = ProviderCsv.ReadHeader(csv, sourceName, "a Stripe report header (balance_transaction_id, created_utc, currency, gross, reporting_category, …)");
        var columns = Columns.From(header, sourceName);

        var grossScratch = new byte[64];
        var feeScratch = new byte[64];
        var feeRef = new byte[64];
        while (ProviderCsv.TryReadRow(csv, sourceName, out var row))
        {
            ReadRow(row, columns, mapping, sink, grossScratch, feeScratch, ref feeRef);
        }
    }

    private static void ReadRow(in CsvRow row, in Columns c, ComponentMapping mapping, ISettlementSink sink, byte[] grossScratch, byte[] feeScratch, ref byte[] feeRef)
    {
        var line = row.LineNumber;
        if (row.IsBlank)
        {
            sink.Informational(line, "blank line");
            return;
        }
        if (row.FieldCount > c.HeaderCount || row.FieldCount <= c.LastRequired)
        {
            sink.Reject(line, Math.Min(row.FieldCount, c.HeaderCount) + 1, row.Raw,
                $"the row has {row.FieldCount} fields, the header {c.HeaderCount}");
            return;
        }

        if (!ProviderCsv.TryCurrency(row, c.Currency, sink, out var currency))
        {
            return;
        }
        var grossText = ProviderCsv.Field(row, c.Gross);
        if (!Utf8AmountParser.TryParseExact(grossText, currency, s_amounts, out var gross, out var error))
        {
            sink.Reject(line, c.Gross + 1, grossText, ProviderCsv.Describe(error, "gross"));
            return;
        }
        long fee = 0;
        var feeText = ProviderCsv.Field(row, c.Fee);
        if (!feeText.IsEmpty && !Utf8AmountParser.TryParseExact(feeText, currency, s_amounts, out fee, out error))
        {
            sink.Reject(line, c.Fee + 1, feeText, ProviderCsv.Describe(error, "fee"));
            return;
        }
        var createdText = ProviderCsv.Field(row, c.Created);
        if (!ProviderCsv.TryParseDay(createdText, out var day, out error))
        {
            sink.Reject(line, c.Created + 1, createdText, ProviderCsv.Describe(error, "created_utc (yyyy-MM-dd HH:mm:ss)"));
            return;
        }
        if (gross == long.MinValue || fee == long.MinValue || (fee < 0 ? gross > long.MaxValue + fee : gross < long.MinValue + fee))
        {
            sink.Reject(line, c.Gross + 1, grossText, "gross − fee does not fit in 64-bit minor units");
            return;
        }
        var net = gross - fee;
        var netText = ProviderCsv.Field(row, c.Net);
        if (!netText.IsEmpty)
        {
            if (!Utf8AmountParser.TryParseExact(netText, currency, s_amounts, out var statedNet, out error))
            {
                sink.Reject(line, c.Net + 1, netText, ProviderCsv.Describe(error, "net"));
                return;
            }
            if (statedNet != net)
            {
                sink.Reject(line, c.Net + 1, netText, "net is not gross − fee");
                return;
            }
        }

        var category = ProviderCsv.Field(row, c.Category);
        var payoutId = ProviderCsv.Field(row, c.AutomaticPayout);
        if (Ascii.EqualsIgnoreCase(category, "payout"u8))
        {
            var id = !payoutId.IsEmpty ? payoutId : ProviderCsv.Field(row, c.Source);
            if (id.IsEmpty)
            {
                sink.Informational(line, "a payout row without automatic_payout_id or source_id: its total cannot be attributed to a payout");
                return;
            }
            if (net == long.MinValue)
            {
                sink.Reject(line, c.Gross + 1, grossText, "the payout's total does not fit in 64-bit minor units");
                return;
            }
            sink.StatedTotal(id, new Money(-net, currency), line, "Stripe payout row (stated total = −net)");
            return;
        }
        if (gross == 0 && fee == 0)
        {
            sink.Informational(line, "zero-amount row");
            return;
        }

        var transaction = ProviderCsv.Field(row, c.BalanceTransaction);
        var orderId = FirstNonEmpty(row, c.OrderMetadata, c.PaymentIntent, c.Charge, c.Source, c.AutomaticPayout, c.BalanceTransaction);
        if (gross != 0)
        {
            sink.Accept(new SettlementLine
            {
                OrderId = orderId,
                Component = mapping.Resolve(SettlementFormat.Stripe, category, "gross"u8, default, grossScratch),
                Currency = currency,
                MinorUnits = gross,
                DayNumber = day,
                Category = category,
                Ref = transaction,
                SettlementId = payoutId,
                LineNumber = line,
            });
        }
        if (fee != 0)
        {
            if (feeRef.Length < transaction.Length + 4)
            {
                feeRef = new byte[transaction.Length + 64]; // grows with the longest id only
            }
            transaction.CopyTo(feeRef);
            ":fee"u8.CopyTo(feeRef.AsSpan(transaction.Length));
            sink.Accept(new SettlementLine
            {
                OrderId = orderId,
                Component = mapping.Resolve(SettlementFormat.Stripe, category, "fee"u8, default, feeScratch),
                Currency = currency,
                MinorUnits = -fee,
                DayNumber = day,
                Category = category,
                Ref = feeRef.AsSpan(0, transaction.Length + 4),
                SettlementId = payoutId,
                LineNumber = line,
            });
        }
    }

    private static ReadOnlySpan<byte> FirstNonEmpty(in CsvRow row, int a, int b, int c, int d, int e, int f)
    {
        var v = ProviderCsv.Field(row, a);
        if (v.IsEmpty)
        {
            v = ProviderCsv.Field(row, b);
        }
        if (v.IsEmpty)
        {
            v = ProviderCsv.Field(row, c);
        }
        if (v.IsEmpty)
        {
            v = ProviderCsv.Field(row, d);
        }
        if (v.IsEmpty)
        {
            v = ProviderCsv.Field(row, e);
        }
        return v.IsEmpty ? ProviderCsv.Field(row, f) : v;
    }

    /// <summary>Column indexes (−1 when absent) found from the header.</summary>
    private readonly record struct Columns(
        int HeaderCount, int LastRequired, int BalanceTransaction, int Created, int Currency, int Gross, int Fee, int Net,
        int Category, int Source, int Charge, int PaymentIntent, int AutomaticPayout, int OrderMetadata)
    {
        public static Columns From(in CsvRow header, string sourceName)
        {
            var created = ProviderCsv.Find(header, "created_utc"u8);
            if (created < 0)
            {
                created = ProviderCsv.Find(header, "created"u8);
            }
            var required = new (string Name, int Index)[]
            {
                ("balance_transaction_id", ProviderCsv.Find(header, "balance_transaction_id"u8)),
                ("created_utc", created),
                ("currency", ProviderCsv.Find(header, "currency"u8)),
                ("gross", ProviderCsv.Find(header, "gross"u8)),
                ("reporting_category", ProviderCsv.Find(header, "reporting_category"u8)),
            };
            foreach (var (name, index) in required)
            {
                if (index < 0)
                {
                    throw new InputFormatException(sourceName, header.LineNumber, 1, Encoding.UTF8.GetString(header.Raw),
                        $"not a Stripe itemized report header: the column '{name}' is missing (required: {string.Join(", ", required.Select(r => r.Name))})");
                }
            }
            return new Columns(
                header.FieldCount,
                required.Max(r => r.Index),
                required[0].Index, created, required[2].Index, required[3].Index,
                ProviderCsv.Find(header, "fee"u8),
                ProviderCsv.Find(header, "net"u8),
                required[4].Index,
                ProviderCsv.Find(header, "source_id"u8),
                ProviderCsv.Find(header, "charge_id"u8),
                ProviderCsv.Find(header, "payment_intent_id"u8),
                ProviderCsv.Find(header, "automatic_payout_id"u8),
                FindOrderMetadata(header));
        }

        private static int FindOrderMetadata(in CsvRow header)
        {
            foreach (var name in (ReadOnlySpan<string>)["payment_metadata[order_id]", "payment_metadata[order_number]", "payment_metadata[order]"])
            {
                var index = ProviderCsv.Find(header, Encoding.ASCII.GetBytes(name));
                if (index >= 0)
                {
                    return index;
                }
            }
            for (var i = 0; i < header.FieldCount; i++)
            {
                var name = Encoding.UTF8.GetString(ProviderCsv.CleanName(header[i])).ToLowerInvariant();
                if (name.StartsWith("payment_metadata[", StringComparison.Ordinal) && name.Contains("order", StringComparison.Ordinal))
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
