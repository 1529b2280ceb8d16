using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.Shopify;

/// <summary>
/// Reads the Shopify Payments payout transactions export (CSV, columns found by header name in any order:
/// <c>Transaction Date, Type, Amount, Currency</c> required; <c>Order, Payout ID, Fee, Net, Checkout, VAT</c> and the
/// others optional; unknown columns ignored).
/// </summary>
/// <remarks>
/// <para><b>Lines.</b> Each row gives its <c>Amount</c> as one line (component from the mapping with the
/// <c>Type</c> as transaction type and code <c>amount</c>) and, when non-zero, <em>minus</em> its <c>Fee</c> as a
/// second line (code <c>fee</c>): Shopify states fees as positive costs and <c>Net = Amount − Fee</c>. When the
/// <c>Net</c> column is filled it must agree: <c>Net = Amount − Fee</c>, or <c>Net = Amount − Fee − VAT</c>, in which
/// case the VAT on the fee is a third line (code <c>vat</c>, minus the VAT); otherwise the row is rejected at the
/// <c>Net</c> column. A row with nothing but zeros is informational.</para>
/// <para><b>Keys.</b> Order id: <c>Order</c>, else <c>Checkout</c>, else <c>Payout ID</c>, else the type. Settlement:
/// <c>Payout ID</c>. Date: the date of <c>Transaction Date</c> as written (the shop's day). The export has no
/// transaction id, so lines carry no ref (duplicates are then found by key, amount and date). Shopify exports state no
/// payout total, so every payout's settlement check is <c>no_stated_total</c>.</para>
/// <para><b>Amounts.</b> Major units with a '.' decimal point (',' groups and accounting negatives accepted); more
/// decimals than the currency has are rejected, not rounded. <c>Presentment Amount</c> (the buyer's currency) is
/// ignored: the settlement is in <c>Currency</c>.</para>
/// </remarks>
public sealed class ShopifySettlementReader : ISettlementReader
{
    private static readonly AmountFormat s_amounts = AmountFormat.PointDecimalGrouped;

    /// <inheritdoc />
    public SettlementFormat Format => SettlementFormat.Shopify;

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head)
    {
        foreach (var line in ProviderCsv.Lines(head, 1))
        {
            var names = ProviderCsv.HeaderNames(line);
            return names.Contains("transaction date") && names.Contains("type") && names.Contains("payout id") && names.Contains("amount") && names.Contains("currency");
        }
        return false;
    }

    /// <inheritdoc />
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        using var csv = ProviderCsv.Open(stream, sourceName, mapping, sink);
        var header = ProviderCsv.ReadHeader(csv, sourceName, "a Shopify Payments payout transactions header (Transaction Date, Type, Order, …, Amount, Fee, Net, Currency)");
        var columns = Columns.From(header, sourceName);

        var amountScratch = new byte[64];
        var feeScratch = new byte[64];
        var vatScratch = new byte[64];
        while (ProviderCsv.TryReadRow(csv, sourceName, out var row))
        {
            ReadRow(row, columns, mapping, sink, amountScratch, feeScratch, vatScratch);
        }
    }

    private static void ReadRow(in CsvRow row, in Columns c, ComponentMapping mapping, ISettlementSink sink, byte[] amountScratch, byte[] feeScratch, byte[] vatScratch)
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
        var amountText = ProviderCsv.Field(row, c.Amount);
        if (!Utf8AmountParser.TryParseExact(amountText, currency, s_amounts, out var amount, out var error))
        {
            sink.Reject(line, c.Amount + 1, amountText, ProviderCsv.Describe(error, "Amount"));
            return;
        }
        if (!ProviderCsv.TryOptionalAmount(row, c.Fee, currency, s_amounts, "Fee", sink, out var fee, out _)
            || !ProviderCsv.TryOptionalAmount(row, c.Vat, currency, s_amounts, "VAT", sink, out var vat, out _))
        {
            return;
        }
        var dateText = ProviderCsv.Field(row, c.Date);
        if (!ProviderCsv.TryParseDay(dateText, out var day, out error))
        {
            sink.Reject(line, c.Date + 1, dateText, ProviderCsv.Describe(error, "Transaction Date (yyyy-MM-dd[ HH:mm:ss ±hhmm])"));
            return;
        }
        if (amount == long.MinValue || fee == long.MinValue || vat == long.MinValue
            || Math.Abs(amount) > long.MaxValue / 4 || Math.Abs(fee) > long.MaxValue / 4 || Math.Abs(vat) > long.MaxValue / 4)
        {
            sink.Reject(line, c.Amount + 1, amountText, "Amount, Fee or VAT too large to combine in 64-bit minor units");
            return;
        }
        var withVat = false;
        var netText = ProviderCsv.Field(row, c.Net);
        if (!netText.IsEmpty)
        {
            if (!Utf8AmountParser.TryParseExact(netText, currency, s_amounts, out var net, out error))
            {
                sink.Reject(line, c.Net + 1, netText, ProviderCsv.Describe(error, "Net"));
                return;
            }
            // |amount|, |fee|, |vat| ≤ long.MaxValue / 4 (checked above): the sums below cannot overflow.
            if (net != amount - fee)
            {
                if (vat == 0 || net != amount - fee - vat)
                {
                    sink.Reject(line, c.Net + 1, netText, "Net is neither Amount − Fee nor Amount − Fee − VAT");
                    return;
                }
                withVat = true;
            }
        }
        if (amount == 0 && fee == 0 && (!withVat || vat == 0))
        {
            sink.Informational(line, "zero-amount row");
            return;
        }

        var type = ProviderCsv.Field(row, c.Type);
        var payoutId = ProviderCsv.Field(row, c.PayoutId);
        var orderId = ProviderCsv.Field(row, c.Order);
        if (orderId.IsEmpty)
        {
            orderId = ProviderCsv.Field(row, c.Checkout);
        }
        if (orderId.IsEmpty)
        {
            orderId = !payoutId.IsEmpty ? payoutId : type;
        }
        if (amount != 0)
        {
            Emit(sink, orderId, mapping.Resolve(SettlementFormat.Shopify, type, "amount"u8, default, amountScratch), currency, amount, day, type, payoutId, line);
        }
        if (fee != 0)
        {
            Emit(sink, orderId, mapping.Resolve(SettlementFormat.Shopify, type, "fee"u8, default, feeScratch), currency, -fee, day, type, payoutId, line);
        }
        if (withVat)
        {
            Emit(sink, orderId, mapping.Resolve(SettlementFormat.Shopify, type, "vat"u8, default, vatScratch), currency, -vat, day, type, payoutId, line);
        }
    }

    private static void Emit(ISettlementSink sink, ReadOnlySpan<byte> orderId, ReadOnlySpan<byte> component, Currency currency, long amount, int day,
        ReadOnlySpan<byte> type, ReadOnlySpan<byte> payoutId, long line) =>
        sink.Accept(new SettlementLine
        {
            OrderId = orderId,
            Component = component,
            Currency = currency,
            MinorUnits = amount,
            DayNumber = day,
            Category = type,
            SettlementId = payoutId,
            LineNumber = line,
        });

    /// <summary>Column indexes (−1 when absent) found from the header.</summary>
    private readonly record struct Columns(int HeaderCount, int LastRequired, int Date, int Type, int Order, int PayoutId, int Amount, int Fee, int Net, int Currency, int Checkout, int Vat)
    {
        public static Columns From(in CsvRow header, string sourceName)
        {
            var required = ProviderCsv.RequireColumns(header, sourceName, "Shopify Payments payout transactions", "Transaction Date", "Type", "Amount", "Currency");
            return new Columns(
                header.FieldCount,
                required.Max(),
                required[0],
                required[1],
                ProviderCsv.Find(header, "Order"u8),
                ProviderCsv.Find(header, "Payout ID"u8),
                required[2],
                ProviderCsv.Find(header, "Fee"u8),
                ProviderCsv.Find(header, "Net"u8),
                required[3],
                ProviderCsv.Find(header, "Checkout"u8),
                ProviderCsv.Find(header, "VAT"u8));
        }
    }
}
