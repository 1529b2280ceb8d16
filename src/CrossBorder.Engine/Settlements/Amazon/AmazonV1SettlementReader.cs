using System.Runtime.CompilerServices;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.Amazon;

/// <summary>
/// Reads Amazon's older settlement report flat file (V1): tab-separated, 36 columns (33 without the promotion
/// columns), where one row carries up to nine typed amounts — <c>price-type</c>/<c>price-amount</c>,
/// <c>item-related-fee-type</c>/<c>item-related-fee-amount</c>, <c>shipment-fee-*</c>, <c>order-fee-*</c>,
/// <c>promotion-*</c>, <c>misc-fee-amount</c>, <c>other-fee-amount</c>, <c>direct-payment-*</c>, <c>other-amount</c>.
/// Each settlement's first row is its summary and states <c>total-amount</c>.
/// </summary>
/// <remarks>
/// Every non-empty amount of a row becomes one money line. Its mapping code is the column family (<c>ItemPrice</c>,
/// <c>ItemFees</c>, <c>ShipmentFees</c>, <c>OrderFees</c>, <c>Promotion</c>, <c>MiscFee</c>, <c>OtherFee</c>,
/// <c>DirectPayment</c>, <c>Other</c>) and its description the family's type column (<c>other-fee-reason-description</c>
/// for <c>OtherFee</c>), so the Amazon rows of the mapping apply to both versions. A row with no amount at all is
/// informational; a row whose currency or date cannot be read is rejected once, whatever its number of amounts.
/// Amounts, dates, summary rows and errors follow the same rules as <see cref="AmazonV2SettlementReader"/>.
/// </remarks>
public sealed class AmazonV1SettlementReader : ISettlementReader
{
    private const int SettlementId = 0, TotalAmount = 1, CurrencyColumn = 2, TransactionType = 3, OrderId = 4, MarketplaceName = 5,
        PostedDate = 6, PostedDateTime = 7, FirstFamily = 8;

    // The amount families: mapping code, type (description) column, amount column.
    private static readonly (byte[] Code, string? TypeColumn, string AmountColumn)[] s_families =
    [
        ("ItemPrice"u8.ToArray(), "price-type", "price-amount"),
        ("ItemFees"u8.ToArray(), "item-related-fee-type", "item-related-fee-amount"),
        ("ShipmentFees"u8.ToArray(), "shipment-fee-type", "shipment-fee-amount"),
        ("OrderFees"u8.ToArray(), "order-fee-type", "order-fee-amount"),
        ("Promotion"u8.ToArray(), "promotion-type", "promotion-amount"),
        ("MiscFee"u8.ToArray(), null, "misc-fee-amount"),
        ("OtherFee"u8.ToArray(), "other-fee-reason-description", "other-fee-amount"),
        ("DirectPayment"u8.ToArray(), "direct-payment-type", "direct-payment-amount"),
        ("Other"u8.ToArray(), null, "other-amount"),
    ];

    private static readonly string[] s_names =
    [
        "settlement-id", "total-amount", "currency", "transaction-type", "order-id", "marketplace-name", "posted-date", "posted-date-time",
        .. s_families.SelectMany(f => new[] { f.TypeColumn ?? "", f.AmountColumn }),
    ];

    private static readonly string[] s_required =
        ["settlement-id", "total-amount", "currency", "transaction-type", "order-id", "price-type", "price-amount", "item-related-fee-amount", "other-amount"];

    /// <inheritdoc />
    public SettlementFormat Format => SettlementFormat.AmazonV1;

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head) =>
        AmazonFlatFile.HeaderHas(head, "settlement-id", "total-amount", "price-type", "price-amount", "item-related-fee-type");

    /// <inheritdoc />
    [SkipLocalsInit]
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(sink);
        using var reader = new Utf8TabReader(stream, leaveOpen: true);
        var c = AmazonFlatFile.ReadHeader(reader, sourceName, "Amazon settlement flat file (V1)", s_names, s_required, out var headerFields);
        var settlement = new AmazonFlatFile.Settlement();
        Span<byte> scratch = stackalloc byte[64];
        while (reader.TryReadRow(out var row))
        {
            if (row.IsBlank)
            {
                continue; // not a data row (the trailing blank line of real files)
            }
            if (AmazonFlatFile.TryHandleNonTransaction(row, headerFields, c[SettlementId], c[TotalAmount], c[CurrencyColumn], c[TransactionType], settlement, sink))
            {
                continue;
            }
            var line = row.LineNumber;
            var amounts = 0;
            for (var f = 0; f < s_families.Length; f++)
            {
                if (!AmazonFlatFile.Field(row, c[FirstFamily + 2 * f + 1]).IsEmpty)
                {
                    amounts++;
                }
            }
            if (amounts == 0)
            {
                sink.Informational(line, "a row without any amount");
                continue;
            }
            if (!AmazonFlatFile.TryReadCommon(row, c[SettlementId], c[CurrencyColumn], c[PostedDate], c[PostedDateTime], settlement, sink,
                out var currency, out var settlementId, out var dayNumber))
            {
                continue;
            }
            var transactionType = AmazonFlatFile.Field(row, c[TransactionType]);
            var orderId = AmazonFlatFile.Field(row, c[OrderId]);
            var market = AmazonFlatFile.Field(row, c[MarketplaceName]);
            for (var f = 0; f < s_families.Length; f++)
            {
                var amountColumn = c[FirstFamily + 2 * f + 1];
                var amountText = AmazonFlatFile.Field(row, amountColumn);
                if (amountText.IsEmpty)
                {
                    continue;
                }
                if (!AmazonFlatFile.TryParseAmount(amountText, currency, out var minorUnits, out var reason))
                {
                    sink.Reject(line, amountColumn + 1, amountText, reason);
                    continue;
                }
                var description = AmazonFlatFile.Field(row, c[FirstFamily + 2 * f]);
                sink.Accept(new SettlementLine
                {
                    OrderId = orderId.IsEmpty ? settlementId : orderId,
                    Component = mapping.Resolve(SettlementFormat.AmazonV1, transactionType, s_families[f].Code, description, scratch),
                    Currency = currency,
                    MinorUnits = minorUnits,
                    DayNumber = dayNumber,
                    Market = market,
                    Category = transactionType,
                    SettlementId = settlementId,
                    LineNumber = line,
                });
            }
        }
    }
}
