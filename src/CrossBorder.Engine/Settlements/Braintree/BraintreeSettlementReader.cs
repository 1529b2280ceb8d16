using System.Globalization;
using System.Text;
using CrossBorder.Engine.Text;
using CrossBorder.Engine.Text.Csv;

namespace CrossBorder.Engine.Settlements.Braintree;

/// <summary>
/// Reads Braintree's transaction-level fee report (the daily report pulled for one disbursement date: CSV, columns
/// found by header name in any order: <c>Transaction ID, Transaction Type, Settlement Currency, Settlement Amount,
/// Settlement Date, Disbursement Date</c> required; <c>Merchant Account ID, Original Transaction ID, Order ID,
/// Deposit ID, Presentment Currency, Presentment Amount, Exchange Rate, Discount, Discount Credit, Per Transaction
/// Fee, Per Transaction Fee Credit, Multicurrency Fee Amount, Multicurrency Fee Credit, Braintree Total Amount, Total
/// Fee Amount</c> used when present; unknown columns ignored).
/// </summary>
/// <remarks>
/// <para><b>Currency.</b> Every line is in the <c>Settlement Currency</c>, the currency Braintree disbursed. The
/// buyer's <c>Presentment Currency</c> is the line's market (upper-cased), so that totals by market show what was
/// settled per buyer currency; <c>Presentment Amount</c> and <c>Exchange Rate</c> are checked (a malformed value
/// rejects the row) but not carried: a line has one amount, and the settled one is what is reconciled.</para>
/// <para><b>Lines.</b> Each row gives its <c>Settlement Amount</c> as one line (component from the mapping with the
/// <c>Transaction Type</c> as transaction type and code <c>Settlement Amount</c>). Braintree states amounts unsigned:
/// on a <c>credit</c> (or <c>refund</c>) row a positive amount is money back to the buyer and becomes a negative
/// line; other types are taken as stated. Fees are positive costs and become negative lines, each with the column
/// header as its code: <c>Per Transaction Fee</c>, <c>Multicurrency Fee Amount</c>; the fee credits (fees returned
/// on a refund: <c>Discount Credit</c>, <c>Per Transaction Fee Credit</c>, <c>Multicurrency Fee Credit</c>) become
/// positive lines. <c>Discount</c> is a percentage <em>rate</em>, not an amount: the discount-rate fee (code
/// <c>Discount</c>) is what remains of <c>Braintree Total Amount</c> (the fees Braintree assessed, net of the
/// credits) after the stated fees and credits, so the fee lines of a row always sum to −<c>Braintree Total Amount</c>.
/// When <c>Total Fee Amount</c> exceeds <c>Braintree Total Amount</c> (interchange-plus pricing: fees Braintree passes
/// on rather than assesses), the excess is one more negative line, code <c>Interchange</c>. Zero amounts give no
/// line; a row with nothing but zeros is informational.</para>
/// <para><b>Rejected rows.</b> Bad or empty type, currency, amount or date; a malformed fee, rate or presentment
/// value; a <c>Braintree Total Amount</c> smaller than the stated fees net of credits, or a <c>Total Fee Amount</c>
/// smaller than it; a non-zero discount rate on a row whose fee total is empty (the discount fee could not be
/// known). Each names its line, column and value.</para>
/// <para><b>Keys.</b> Order id: <c>Order ID</c>, else <c>Original Transaction ID</c> (a refund then keys with its
/// sale), else <c>Transaction ID</c>. Ref: the transaction id, with <c>:code</c> appended on fee lines. Date: the
/// <c>Settlement Date</c>. Settlement: <c>Deposit ID</c> when filled, else <c>Merchant Account ID:Disbursement
/// Date</c> (<c>yyyy-MM-dd</c>; the date alone without a merchant account): Braintree disburses each merchant
/// account's funds once a day in its settlement currency. The report states no disbursement total, so each
/// settlement's check is <c>no_stated_total</c>.</para>
/// <para><b>Amounts.</b> Major units with a '.' decimal point (',' groups accepted); more decimals than the currency
/// has are rejected, not rounded. Rates: a plain decimal number with at most 12 decimals.</para>
/// </remarks>
public sealed class BraintreeSettlementReader : ISettlementReader
{
    private const int RateDigits = 12;
    private static readonly AmountFormat s_amounts = AmountFormat.PointDecimalGrouped;

    /// <inheritdoc />
    public SettlementFormat Format => SettlementFormat.Braintree;

    /// <inheritdoc />
    public bool Recognizes(ReadOnlySpan<byte> head) =>
        ReaderText.HeadHasCells(head, "Transaction Type", "Settlement Amount", "Settlement Currency", "Disbursement Date")
        && (ReaderText.HeadHasCells(head, "Braintree Total Amount") || ReaderText.HeadHasCells(head, "Presentment Currency"));

    /// <inheritdoc />
    public void Read(Stream stream, string sourceName, ComponentMapping mapping, ISettlementSink sink)
    {
        using var csv = ProviderCsv.Open(stream, sourceName, mapping, sink);
        var header = ProviderCsv.ReadHeader(csv, sourceName, "a Braintree transaction-level fee report header (Transaction ID, Transaction Type, Settlement Currency, Settlement Amount, …)");
        var state = new State(Columns.From(header, sourceName));
        while (ProviderCsv.TryReadRow(csv, sourceName, out var row))
        {
            ReadRow(row, state, mapping, sink);
        }
    }

    private static void ReadRow(in CsvRow row, State s, ComponentMapping mapping, ISettlementSink sink)
    {
        ref readonly var c = ref s.Columns;
        var line = row.LineNumber;
        if (row.IsBlank)
        {
            sink.Informational(line, "blank line");
            return;
        }
        if (row.FieldCount > c.HeaderCount || row.FieldCount <= c.LastRequired)
        {
            sink.Reject(line, Math.Min(row.FieldCount, c.HeaderCount) + 1, row.Raw, $"the row has {row.FieldCount} fields, the header {c.HeaderCount}");
            return;
        }

        var transaction = ProviderCsv.Field(row, c.TransactionId);
        if (transaction.IsEmpty)
        {
            sink.Reject(line, c.TransactionId + 1, transaction, "empty Transaction ID");
            return;
        }
        var type = ProviderCsv.Field(row, c.Type);
        if (type.IsEmpty)
        {
            sink.Reject(line, c.Type + 1, type, "empty Transaction Type");
            return;
        }
        if (!ProviderCsv.TryCurrency(row, c.SettlementCurrency, sink, out var currency))
        {
            return;
        }
        var amountText = ProviderCsv.Field(row, c.SettlementAmount);
        if (!Utf8AmountParser.TryParseExact(amountText, currency, s_amounts, out var amount, out var error))
        {
            sink.Reject(line, c.SettlementAmount + 1, amountText, ProviderCsv.Describe(error, "Settlement Amount"));
            return;
        }
        var dateText = ProviderCsv.Field(row, c.SettlementDate);
        if (!ProviderCsv.TryParseDay(dateText, out var day, out error))
        {
            sink.Reject(line, c.SettlementDate + 1, dateText, ProviderCsv.Describe(error, "Settlement Date (yyyy-MM-dd)"));
            return;
        }
        var disbursementText = ProviderCsv.Field(row, c.DisbursementDate);
        var disbursementDay = -1;
        if (!disbursementText.IsEmpty && !ProviderCsv.TryParseDay(disbursementText, out disbursementDay, out error))
        {
            sink.Reject(line, c.DisbursementDate + 1, disbursementText, ProviderCsv.Describe(error, "Disbursement Date (yyyy-MM-dd)"));
            return;
        }

        // The buyer's side: checked, the currency kept as the market.
        var presentmentText = ProviderCsv.Field(row, c.PresentmentCurrency);
        var presentment = currency;
        if (!presentmentText.IsEmpty && !ProviderCsv.TryCurrency(row, c.PresentmentCurrency, sink, out presentment))
        {
            return;
        }
        if (!ProviderCsv.TryOptionalAmount(row, c.PresentmentAmount, presentment, s_amounts, "Presentment Amount", sink, out _, out _)
            || !TryRate(row, c.ExchangeRate, "Exchange Rate", sink, out _)
            || !TryRate(row, c.Discount, "Discount (rate)", sink, out var discountRate))
        {
            return;
        }

        // Fees, all parsed before any line is given so that a bad one rejects the whole row.
        var fees = s.Fees;
        for (var i = 0; i < FeeCount; i++)
        {
            if (!ProviderCsv.TryOptionalAmount(row, c.Fee(i), currency, s_amounts, FeeNames[i], sink, out fees[i], out _))
            {
                return;
            }
        }
        if (!ProviderCsv.TryOptionalAmount(row, c.BraintreeTotal, currency, s_amounts, "Braintree Total Amount", sink, out var braintreeTotal, out var hasBraintreeTotal)
            || !ProviderCsv.TryOptionalAmount(row, c.TotalFee, currency, s_amounts, "Total Fee Amount", sink, out var totalFee, out var hasTotalFee))
        {
            return;
        }
        var tooLarge = InRange(amount) ? -1 : c.SettlementAmount;
        for (var i = 0; i < FeeCount && tooLarge < 0; i++)
        {
            tooLarge = InRange(fees[i]) ? -1 : c.Fee(i);
        }
        if (tooLarge < 0)
        {
            tooLarge = !InRange(braintreeTotal) ? c.BraintreeTotal : !InRange(totalFee) ? c.TotalFee : -1;
        }
        if (tooLarge >= 0)
        {
            sink.Reject(line, tooLarge + 1, ProviderCsv.Field(row, tooLarge), "an amount too large to combine with the others in 64-bit minor units");
            return;
        }

        // Lines: [0] the settled amount, [1..5] the stated fees and credits, [6] the discount-rate fee, [7] interchange.
        var isCredit = Ascii.EqualsIgnoreCase(type, "credit"u8) || Ascii.EqualsIgnoreCase(type, "refund"u8);
        var lines = s.Lines;
        lines[0] = isCredit && amount > 0 ? -amount : amount;
        lines[1] = -fees[0]; // Per Transaction Fee
        lines[2] = -fees[1]; // Multicurrency Fee Amount
        lines[3] = fees[2];  // Discount Credit
        lines[4] = fees[3];  // Per Transaction Fee Credit
        lines[5] = fees[4];  // Multicurrency Fee Credit
        lines[6] = 0;
        lines[7] = 0;
        // |values| <= long.MaxValue / 16 (checked above): none of these sums can overflow.
        var statedNet = fees[0] + fees[1] - fees[2] - fees[3] - fees[4];
        var totalColumn = hasBraintreeTotal ? c.BraintreeTotal : c.TotalFee;
        if (hasBraintreeTotal || hasTotalFee)
        {
            var total = hasBraintreeTotal ? braintreeTotal : totalFee;
            var discountFee = total - statedNet;
            if (discountFee < 0)
            {
                var value = ProviderCsv.Field(row, totalColumn);
                sink.Reject(line, totalColumn + 1, value, hasBraintreeTotal
                    ? "Braintree Total Amount is less than Per Transaction Fee + Multicurrency Fee Amount − the fee credits"
                    : "Total Fee Amount is less than Per Transaction Fee + Multicurrency Fee Amount − the fee credits");
                return;
            }
            lines[6] = -discountFee;
            if (hasBraintreeTotal && hasTotalFee)
            {
                if (totalFee < braintreeTotal)
                {
                    sink.Reject(line, c.TotalFee + 1, ProviderCsv.Field(row, c.TotalFee), "Total Fee Amount is less than Braintree Total Amount");
                    return;
                }
                lines[7] = -(totalFee - braintreeTotal);
            }
        }
        else if (discountRate != 0 && amount != 0)
        {
            var column = c.BraintreeTotal >= 0 ? c.BraintreeTotal : c.Discount;
            sink.Reject(line, column + 1, ProviderCsv.Field(row, column), "the Discount rate is not zero but Braintree Total Amount is empty: the discount fee cannot be known");
            return;
        }

        var anyLine = false;
        foreach (var value in lines)
        {
            anyLine |= value != 0;
        }
        if (!anyLine)
        {
            sink.Informational(line, "zero-amount row");
            return;
        }

        var orderId = ProviderCsv.Field(row, c.OrderId);
        if (orderId.IsEmpty)
        {
            orderId = ProviderCsv.Field(row, c.OriginalTransactionId);
        }
        if (orderId.IsEmpty)
        {
            orderId = transaction;
        }
        var settlementId = s.SettlementId(ProviderCsv.Field(row, c.DepositId), ProviderCsv.Field(row, c.MerchantAccount), disbursementDay);
        var market = s.Market(presentmentText);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != 0)
            {
                var suffix = LineSuffix(i);
                sink.Accept(new SettlementLine
                {
                    OrderId = orderId,
                    Component = mapping.Resolve(SettlementFormat.Braintree, type, suffix[1..], default, s.Scratch),
                    Currency = currency,
                    MinorUnits = lines[i],
                    DayNumber = day,
                    Market = market,
                    Category = type,
                    Ref = i == 0 ? transaction : s.Ref(transaction, suffix),
                    SettlementId = settlementId,
                    LineNumber = line,
                });
            }
        }
    }

    private const int FeeCount = 5;

    /// <summary>The fee and credit columns in the order of <see cref="Columns.Fee"/>, for reject reasons.</summary>
    private static readonly string[] FeeNames = ["Per Transaction Fee", "Multicurrency Fee Amount", "Discount Credit", "Per Transaction Fee Credit", "Multicurrency Fee Credit"];

    /// <summary>':' and the mapping code of line <paramref name="index"/> (on fee lines the code is also the ref's suffix).</summary>
    private static ReadOnlySpan<byte> LineSuffix(int index) => index switch
    {
        0 => ":Settlement Amount"u8,
        1 => ":Per Transaction Fee"u8,
        2 => ":Multicurrency Fee Amount"u8,
        3 => ":Discount Credit"u8,
        4 => ":Per Transaction Fee Credit"u8,
        5 => ":Multicurrency Fee Credit"u8,
        6 => ":Discount"u8,
        _ => ":Interchange"u8,
    };

    private static bool InRange(long value) => value is > long.MinValue / 16 and < long.MaxValue / 16;

    /// <summary>A rate column (a plain decimal number); empty is zero. Rejects the row and returns false when malformed.</summary>
    private static bool TryRate(in CsvRow row, int column, string name, ISettlementSink sink, out long rate)
    {
        rate = 0;
        var text = ProviderCsv.Field(row, column);
        if (text.IsEmpty)
        {
            return true;
        }
        if (Utf8AmountParser.TryParse(text, RateDigits, AmountFormat.Invariant, out rate, out var consumed, out var error) && consumed == text.Length)
        {
            return true;
        }
        if (error.Kind == ParseErrorKind.None)
        {
            error = new ParseError(ParseErrorKind.UnexpectedCharacter, consumed);
        }
        sink.Reject(row.LineNumber, column + 1, text, ProviderCsv.Describe(error, name));
        return false;
    }

    /// <summary>Per-read buffers, allocated once per file.</summary>
    private sealed class State(Columns columns)
    {
        private readonly Columns _columns = columns;
        private readonly byte[] _market = new byte[8];
        private byte[] _ref = new byte[128];
        private byte[] _settlement = new byte[128];

        public ref readonly Columns Columns => ref _columns;
        public long[] Fees { get; } = new long[FeeCount];
        public long[] Lines { get; } = new long[8];
        public byte[] Scratch { get; } = new byte[64];

        /// <summary><c>transaction:code</c>; valid until the next call.</summary>
        public ReadOnlySpan<byte> Ref(ReadOnlySpan<byte> transaction, ReadOnlySpan<byte> suffix)
        {
            if (_ref.Length < transaction.Length + suffix.Length)
            {
                _ref = new byte[transaction.Length + suffix.Length + 64]; // grows with the longest id only
            }
            return ReaderText.Concat(_ref, transaction, suffix);
        }

        /// <summary>The deposit id, else <c>merchant:yyyy-MM-dd</c> (or the date alone), else empty; valid until the next call.</summary>
        public ReadOnlySpan<byte> SettlementId(ReadOnlySpan<byte> depositId, ReadOnlySpan<byte> merchant, int disbursementDay)
        {
            if (!depositId.IsEmpty)
            {
                return depositId;
            }
            if (disbursementDay < 0)
            {
                return default;
            }
            if (_settlement.Length < merchant.Length + 11)
            {
                _settlement = new byte[merchant.Length + 64]; // grows with the longest merchant account id only
            }
            var span = _settlement.AsSpan();
            var at = 0;
            if (!merchant.IsEmpty)
            {
                merchant.CopyTo(span);
                at = merchant.Length;
                span[at++] = (byte)':';
            }
            DateOnly.FromDayNumber(disbursementDay).TryFormat(span[at..], out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return span[..(at + written)];
        }

        /// <summary>The presentment currency upper-cased (a valid code, checked before), or empty.</summary>
        public ReadOnlySpan<byte> Market(ReadOnlySpan<byte> presentment)
        {
            var n = Math.Min(presentment.Length, _market.Length);
            Ascii.ToUpper(presentment[..n], _market, out var written);
            return _market.AsSpan(0, written);
        }
    }

    /// <summary>Column indexes (−1 when absent) found from the header.</summary>
    private readonly record struct Columns(
        int HeaderCount, int LastRequired, int TransactionId, int Type, int SettlementCurrency, int SettlementAmount, int SettlementDate,
        int DisbursementDate, int MerchantAccount, int OriginalTransactionId, int OrderId, int DepositId, int PresentmentCurrency,
        int PresentmentAmount, int ExchangeRate, int Discount, int PerTransactionFee, int MulticurrencyFee, int DiscountCredit,
        int PerTransactionFeeCredit, int MulticurrencyFeeCredit, int BraintreeTotal, int TotalFee)
    {
        /// <summary>The fee and credit columns in the order of <see cref="FeeNames"/>.</summary>
        public int Fee(int index) => index switch
        {
            0 => PerTransactionFee,
            1 => MulticurrencyFee,
            2 => DiscountCredit,
            3 => PerTransactionFeeCredit,
            _ => MulticurrencyFeeCredit,
        };

        public static Columns From(in CsvRow header, string sourceName)
        {
            var required = ProviderCsv.RequireColumns(header, sourceName, "Braintree transaction-level fee report",
                ["Transaction ID", "Transaction Type", "Settlement Currency", "Settlement Amount", "Settlement Date", "Disbursement Date"]);
            return new Columns(
                header.FieldCount,
                required.Max(),
                required[0], required[1], required[2], required[3], required[4], required[5],
                ProviderCsv.Find(header, "Merchant Account ID"u8),
                ProviderCsv.Find(header, "Original Transaction ID"u8),
                ProviderCsv.Find(header, "Order ID"u8),
                ProviderCsv.Find(header, "Deposit ID"u8),
                ProviderCsv.Find(header, "Presentment Currency"u8),
                ProviderCsv.Find(header, "Presentment Amount"u8),
                ProviderCsv.Find(header, "Exchange Rate"u8),
                ProviderCsv.Find(header, "Discount"u8),
                ProviderCsv.Find(header, "Per Transaction Fee"u8),
                ProviderCsv.Find(header, "Multicurrency Fee Amount"u8),
                ProviderCsv.Find(header, "Discount Credit"u8),
                ProviderCsv.Find(header, "Per Transaction Fee Credit"u8),
                ProviderCsv.Find(header, "Multicurrency Fee Credit"u8),
                ProviderCsv.Find(header, "Braintree Total Amount"u8),
                ProviderCsv.Find(header, "Total Fee Amount"u8));
        }
    }
}
