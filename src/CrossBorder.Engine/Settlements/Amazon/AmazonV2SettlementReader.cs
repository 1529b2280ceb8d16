using System.Runtime.CompilerServices;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.Amazon;

/// <summary>
/// Reads Amazon's settlement report flat file V2: tab-separated, one amount per row, columns found by header name
/// (any order, any case; <c>promotion-id</c> may be absent). Each settlement's first row is its summary and states
/// <c>total-amount</c>; every other row is one money line, mapped to a component by transaction type, amount type
/// and amount description.
/// </summary>
/// <remarks>
/// A line without an order (fees, reserve carry-over, reimbursements) is keyed by the settlement id. Lines carry no
/// ref: Amazon gives no id that is unique per amount row, so duplicates are found by key, amount and date. Never by the
/// machine's culture: an amount's decimal separator is decided per field — the last <c>.</c> or <c>,</c> when one or
/// two digits follow it (<c>1141,18</c>, <c>5.05</c>, <c>1.141,18</c>), the other character then grouping thousands; a
/// last separator followed by three digits (<c>1,141</c>) is ambiguous and rejected. Dates are <c>yyyy-MM-dd</c> or
/// <c>dd.MM.yyyy</c>, optionally with a time and zone (ISO 8601 offsets, <c>… UTC</c>). A row that cannot be read is
/// rejected with its line and column and reading goes on; a file without the header is an
/// <see cref="Text.InputFormatException"/>. Nothing is allocated per line. See <c>docs/settlement-readers-amazon.md</c>.
/// </remarks>
public sealed class AmazonV2SettlementReader : ISettlementReader
{
    private const int SettlementId = 0, TotalAmount = 1, CurrencyColumn = 2, TransactionType = 3, OrderId = 4, MarketplaceName = 5,
        AmountType = 6, AmountDescription = 7, Amount = 8, PostedDate = 9, PostedDateTime = 10;

    private static readonly string[] s_names =
    [
        "settlement-id", "total-amount", "currency", "transaction-type", "order-id", "marketplace-name",
        "amount-type", "amount-description", "amount", "posted-date", "posted-date-time",
    ];

    private static readonly string[] s_required =
        ["settlement-id", "total-amount", "currency", "transaction-type", "order-id", "amount-type", "amount-description", "amount"];

    /// <inheritdoc />
    public SettlementFormat Format => SettlementFormat.AmazonV2;

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head) =>
        AmazonFlatFile.HeaderHas(head, "settlement-id", "total-amount", "amount-type", "amount-description", "amount");

    /// <inheritdoc />
    [SkipLocalsInit]
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(sink);
        using var reader = new Utf8TabReader(stream, leaveOpen: true);
        var c = AmazonFlatFile.ReadHeader(reader, sourceName, "Amazon settlement flat file V2", s_names, s_required, out var headerFields);
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
            var transactionType = AmazonFlatFile.Field(row, c[TransactionType]);
            var amountType = AmazonFlatFile.Field(row, c[AmountType]);
            var amountText = AmazonFlatFile.Field(row, c[Amount]);
            if (amountText.IsEmpty)
            {
                if (transactionType.IsEmpty && amountType.IsEmpty)
                {
                    sink.Informational(line, "a row without a transaction type, amount type or amount");
                }
                else
                {
                    sink.Reject(line, c[Amount] + 1, amountText, "a transaction row without an amount");
                }
                continue;
            }
            if (!AmazonFlatFile.TryReadCommon(row, c[SettlementId], c[CurrencyColumn], c[PostedDate], c[PostedDateTime], settlement, sink,
                out var currency, out var settlementId, out var dayNumber))
            {
                continue;
            }
            if (!AmazonFlatFile.TryParseAmount(amountText, currency, out var minorUnits, out var reason))
            {
                sink.Reject(line, c[Amount] + 1, amountText, reason);
                continue;
            }
            var orderId = AmazonFlatFile.Field(row, c[OrderId]);
            sink.Accept(new SettlementLine
            {
                OrderId = orderId.IsEmpty ? settlementId : orderId,
                Component = mapping.Resolve(SettlementFormat.AmazonV2, transactionType, amountType, AmazonFlatFile.Field(row, c[AmountDescription]), scratch),
                Currency = currency,
                MinorUnits = minorUnits,
                DayNumber = dayNumber,
                Market = AmazonFlatFile.Field(row, c[MarketplaceName]),
                Category = transactionType,
                SettlementId = settlementId,
                LineNumber = line,
            });
        }
    }
}
